// Package synth makes large synthetic block-layer headers for benchmarking
// cowrap against QEMU's block-coroutine-wrapper.py (bench/cmd/synth writes
// them to files; bench_test.go feeds them to gen.Check).
//
// The headers imitate the style of QEMU's include/block/*.h: marked
// declarations of every kind (dialect A: generated_co_wrapper; dialect B:
// co_wrapper[_mixed][_bdrv_rdlock] and no_co_wrapper[_bdrv_rdlock|_bdrv_wrlock])
// with various return and parameter types, one-line and multi-line argument
// lists, the mark and name on separate lines, plus unmarked filler (doc
// comments, plain prototypes, near-miss annotated prototypes, macros, structs,
// inline functions) because scanning cost depends on everything in the file.
//
// Every marked declaration is one that the QEMU script of the dialect accepts
// (first-parameter types, names with '_' and without '_co_' for co wrappers,
// a '_co_' infix for no_co wrappers, lower-case parameter names), so both tools
// produce the same output. Output is deterministic for a given -seed.
package synth

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Config says what to generate.
type Config struct {
	// Dialect: "a" (generated_co_wrapper, QEMU 6.2-7.2; "a1" and "a2" keep
	// to what the 5.2/6.0 and 6.1 scripts accept) or "b" (co_wrapper family,
	// QEMU 8.2+; "b1" leaves out no_co_wrapper_bdrv_rdlock, which 8.0/8.1 reject).
	Dialect string
	Decls   int    // marked declarations in total
	Files   int    // headers to spread them over
	Filler  int    // average pieces of unmarked filler per declaration
	Seed    uint64 // output is deterministic per seed
}

// families maps each QEMU script family (dialect.Family.ID) to the
// Config.Dialect whose declarations every release of that family accepts.
var families = map[string]string{"A1": "a1", "A2": "a2", "A3": "a", "B1": "b1", "B2": "b1", "B3": "b", "B4": "b"}

// ForFamily returns the Config.Dialect for the QEMU script family id (A1 … B4,
// as cowrap -list-dialects prints it); scripts/verify-qemu.sh and
// bench_test.go ask it, so the mapping has this one place.
func ForFamily(id string) (string, error) {
	if d, ok := families[id]; ok {
		return d, nil
	}
	return "", fmt.Errorf("synth: no declarations known for script family %q: add it to families in bench/synth", id)
}

// File is one generated header.
type File struct {
	Name string // synth_00.h, synth_01.h, ...
	Data []byte
}

// Generate returns cfg.Files headers holding cfg.Decls marked declarations.
func Generate(cfg Config) ([]File, error) {
	subs, first, noCo := subsystems, firstA, noCoMark
	switch cfg.Dialect {
	case "a1": // bdrv_* only; BlockDriverState * or BdrvChild * first
		subs, first = subsystems[:1], firstA[:2]
	case "a2": // any SUB_REST name, no BlockBackend * first
		first = firstA[:2]
	case "b1":
		noCo = []string{"no_co_wrapper"}
	case "a", "a3", "b", "b3":
	default:
		return nil, fmt.Errorf("synth: unknown dialect %q", cfg.Dialect)
	}
	if cfg.Decls < 0 || cfg.Files < 1 || cfg.Filler < 0 {
		return nil, fmt.Errorf("synth: bad config %+v", cfg)
	}
	g := &maker{r: rand.New(rand.NewPCG(cfg.Seed, 0x5eed)), dialect: cfg.Dialect[:1], filler: cfg.Filler,
		subs: subs, first: first, noCo: noCo}
	files := make([]File, cfg.Files)
	for f := range files {
		var buf bytes.Buffer
		g.w = bufio.NewWriterSize(&buf, 1<<16)
		guard := fmt.Sprintf("SYNTH_%02d_H", f)
		fmt.Fprintf(g.w, "/*\n * Synthetic block layer header %d for rules_cowrap benchmarks.\n */\n\n"+
			"#ifndef %s\n#define %s\n\n#include \"block/block-common.h\"\n\n", f, guard, guard)
		// Spread the declarations evenly; the first files take the remainder.
		k := cfg.Decls / cfg.Files
		if f < cfg.Decls%cfg.Files {
			k++
		}
		for range k {
			for j := g.r.IntN(2*g.filler + 1); j > 0; j-- {
				g.fill()
				g.w.WriteByte('\n')
			}
			g.decl()
			g.w.WriteByte('\n')
		}
		fmt.Fprintf(g.w, "#endif /* %s */\n", guard)
		if err := g.w.Flush(); err != nil {
			return nil, err
		}
		files[f] = File{Name: fmt.Sprintf("synth_%02d.h", f), Data: buf.Bytes()}
	}
	return files, nil
}

type param struct{ typ, name string } // typ ends in ' ' or '*', as QEMU requires

// firstA are the first parameters dialect A accepts (A3: v6.2.0-v7.2.0).
var firstA = []param{
	{"BlockDriverState *", "bs"},
	{"BdrvChild *", "child"},
	{"BlockBackend *", "blk"},
}

// firstB adds first parameters that take the qemu_get_aio_context() path.
var firstB = append(append([]param{}, firstA...),
	param{"BlockDriver *", "drv"},
	param{"const char *", "filename"},
	param{"BlockdevRef *", "ref"},
)

// rest are the other parameters; names are unique so any subset is valid C.
var rest = []param{
	{"int64_t ", "offset"}, {"int64_t ", "bytes"}, {"QEMUIOVector *", "qiov"},
	{"size_t ", "qiov_offset"}, {"BdrvRequestFlags ", "flags"}, {"Error **", "errp"},
	{"bool ", "exact"}, {"PreallocMode ", "prealloc"}, {"void *", "buf"},
	{"const void *", "wbuf"}, {"unsigned int *", "nr"}, {"int64_t *", "pnum"},
	{"BlockDriverState **", "file"}, {"uint64_t ", "size"}, {"unsigned long int ", "req"},
	{"QDict *", "options"}, {"BdrvChildRole ", "role"}, {"int *", "depth"},
	{"const BdrvChildClass *", "child_class"}, {"BdrvCheckResult *", "res"},
	{"BdrvCheckMode ", "fix"}, {"uint32_t ", "len"}, {"BlockZoneOp ", "op"},
}

var (
	subsystems = []string{"bdrv", "blk", "nbd", "qcow2", "vhdx"}
	verbs      = []string{"pread", "pwrite", "pwritev_part", "flush", "truncate",
		"pdiscard", "getlength", "check", "invalidate_cache", "zone_report",
		"readv_vmstate", "block_status_above", "is_allocated", "ioctl",
		"load_vmstate", "change_backing_file", "copy_range", "refresh_total"}
	retB     = []string{"int ", "int ", "int ", "void ", "bool ", "int64_t ", "BlockDriverState *", "BdrvChild *", "BlockBackend *"}
	coMarks  = []string{"co_wrapper", "co_wrapper_mixed", "co_wrapper_bdrv_rdlock", "co_wrapper_mixed_bdrv_rdlock"}
	noCoMark = []string{"no_co_wrapper", "no_co_wrapper_bdrv_rdlock", "no_co_wrapper_bdrv_wrlock"}
)

type maker struct {
	w       *bufio.Writer
	r       *rand.Rand
	dialect string
	filler  int
	subs    []string // subsystem prefixes allowed
	first   []param  // first parameters of co wrappers (and of all in A)
	noCo    []string // no_co marks allowed
	n       int      // declarations written so far (makes names unique)
	f       int      // filler pieces written so far (makes filler names unique)
}

func (g *maker) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// params returns the first parameter from first and 0..5 distinct others.
func (g *maker) params(first []param) []param {
	ps := []param{first[g.r.IntN(len(first))]}
	for _, i := range g.r.Perm(len(rest))[:g.r.IntN(6)] {
		ps = append(ps, rest[i])
	}
	return ps
}

// args writes "(" + params + ");" on one line, or broken after commas and
// aligned under the "(" like QEMU headers, sometimes without a space after a
// comma (as bdrv_pwrite has), which the script tolerates.
func (g *maker) args(prefixLen int, ps []param) {
	multi := len(ps) > 2 && g.r.IntN(2) == 0
	g.w.WriteByte('(')
	for i, p := range ps {
		if i > 0 {
			switch {
			case multi && i%2 == 0:
				g.w.WriteString(",\n" + strings.Repeat(" ", prefixLen+1))
			case g.r.IntN(20) == 0:
				g.w.WriteByte(',')
			default:
				g.w.WriteString(", ")
			}
		}
		g.w.WriteString(p.typ + p.name)
	}
	g.w.WriteString(");\n")
}

func (g *maker) decl() {
	g.n++
	sub, verb := g.pick(g.subs), g.pick(verbs)
	var head, name string
	var ps []param
	if g.dialect == "a" {
		name = fmt.Sprintf("%s_%s_s%d", sub, verb, g.n)
		head = "int generated_co_wrapper"
		ps = g.params(g.first)
	} else {
		rt := g.pick(retB)
		if strings.HasSuffix(rt, "*") {
			rt += " " // "BlockDriverState * coroutine_fn", as QEMU writes it
		}
		if g.r.IntN(4) == 0 { // no_co: the name must be SUB_co_REST
			name = fmt.Sprintf("%s_co_%s_s%d", sub, verb, g.n)
			head = rt + g.pick(g.noCo)
			if g.r.IntN(2) == 0 {
				head = rt + "coroutine_fn " + g.pick(g.noCo)
			}
			ps = g.params(firstB)
		} else {
			name = fmt.Sprintf("%s_%s_s%d", sub, verb, g.n)
			head = rt + g.pick(coMarks)
			ps = g.params(g.first)
		}
	}
	// The mark and the name on separate lines, as QEMU does for long names.
	if g.r.IntN(3) == 0 {
		g.w.WriteString(head + "\n" + name)
		g.args(len(name), ps)
	} else {
		g.w.WriteString(head + " " + name)
		g.args(len(head)+1+len(name), ps)
	}
}

// fill writes one piece of unmarked C; none of it can match either dialect.
func (g *maker) fill() {
	g.f++
	n := g.f
	switch g.r.IntN(8) {
	case 0:
		fmt.Fprintf(g.w, "/**\n * bdrv_thing_%d:\n * @bs: the BlockDriverState\n *\n"+
			" * Callers from coroutine context use the coroutine_fn version; this is\n"+
			" * a generated_co_wrapper / co_wrapper_mixed in the real tree.\n */\n", n)
	case 1:
		fmt.Fprintf(g.w, "int bdrv_plain_%d(BlockDriverState *bs, int64_t offset, Error **errp);\n", n)
	case 2: // near misses: annotations the marks' regexes reject
		fmt.Fprintf(g.w, "int coroutine_fn GRAPH_RDLOCK bdrv_co_plain_%d(BdrvChild *child,\n"+
			"                                            int64_t bytes);\n", n)
	case 3:
		fmt.Fprintf(g.w, "#define BDRV_SYNTH_FLAG_%d (1 << %d)\n", n, n%31)
	case 4:
		fmt.Fprintf(g.w, "typedef struct SynthState%d {\n    BlockDriverState *bs;\n"+
			"    int64_t offset;\n    QEMUIOVector *qiov;\n} SynthState%d;\n", n, n)
	case 5:
		fmt.Fprintf(g.w, "static inline int bdrv_synth_inline_%d(BlockDriverState *bs)\n{\n"+
			"    /* not a co_wrapper: has a body */\n    return bs ? %d : -EINVAL;\n}\n", n, n)
	case 6:
		fmt.Fprintf(g.w, "void bdrv_synth_void_%d(BlockDriverState *bs) GRAPH_RDLOCK;\n", n)
	default:
		g.w.WriteString("\n")
	}
}
