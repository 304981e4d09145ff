// Command synth writes large synthetic block-layer headers for benchmarking
// cowrap against QEMU's block-coroutine-wrapper.py.
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
//
// Usage: synth -dialect a|b -decls N [-files K] [-filler F] [-seed S] -o DIR
// It writes DIR/synth_00.h ... DIR/synth_{K-1}.h and prints their paths.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

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

type gen struct {
	w       *bufio.Writer
	r       *rand.Rand
	dialect string
	filler  int
	n       int // declarations written so far (makes names unique)
	f       int // filler pieces written so far (makes filler names unique)
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// params returns the first parameter from first and 0..5 distinct others.
func (g *gen) params(first []param) []param {
	ps := []param{first[g.r.IntN(len(first))]}
	for _, i := range g.r.Perm(len(rest))[:g.r.IntN(6)] {
		ps = append(ps, rest[i])
	}
	return ps
}

// args writes "(" + params + ");" on one line, or broken after commas and
// aligned under the "(" like QEMU headers, sometimes without a space after a
// comma (as bdrv_pwrite has), which the script tolerates.
func (g *gen) args(prefixLen int, ps []param) {
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

func (g *gen) decl() {
	g.n++
	sub, verb := g.pick(subsystems), g.pick(verbs)
	var head, name string
	var ps []param
	if g.dialect == "a" {
		name = fmt.Sprintf("%s_%s_s%d", sub, verb, g.n)
		head = "int generated_co_wrapper"
		ps = g.params(firstA)
	} else {
		rt := g.pick(retB)
		if strings.HasSuffix(rt, "*") {
			rt += " " // "BlockDriverState * coroutine_fn", as QEMU writes it
		}
		if g.r.IntN(4) == 0 { // no_co: the name must be SUB_co_REST
			name = fmt.Sprintf("%s_co_%s_s%d", sub, verb, g.n)
			head = rt + g.pick(noCoMark)
			if g.r.IntN(2) == 0 {
				head = rt + "coroutine_fn " + g.pick(noCoMark)
			}
			ps = g.params(firstB)
		} else {
			name = fmt.Sprintf("%s_%s_s%d", sub, verb, g.n)
			head = rt + g.pick(coMarks)
			ps = g.params(firstA)
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
func (g *gen) fill() {
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

func main() {
	dialect := flag.String("dialect", "b", "a (generated_co_wrapper, QEMU 5.2-7.2) or b (co_wrapper family, QEMU 8.0+)")
	decls := flag.Int("decls", 10000, "number of marked declarations in total")
	files := flag.Int("files", 4, "number of headers to spread them over")
	filler := flag.Int("filler", 3, "average pieces of unmarked filler per declaration")
	seed := flag.Uint64("seed", 1, "random seed (output is deterministic per seed)")
	out := flag.String("o", "", "output directory")
	flag.Parse()
	if *out == "" || (*dialect != "a" && *dialect != "b") || *decls < 0 || *files < 1 || *filler < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	g := &gen{r: rand.New(rand.NewPCG(*seed, 0x5eed)), dialect: *dialect, filler: *filler}
	for f := 0; f < *files; f++ {
		path := filepath.Join(*out, fmt.Sprintf("synth_%02d.h", f))
		fh, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		g.w = bufio.NewWriterSize(fh, 1<<16)
		guard := fmt.Sprintf("SYNTH_%02d_H", f)
		fmt.Fprintf(g.w, "/*\n * Synthetic block layer header %d for rules_cowrap benchmarks.\n */\n\n"+
			"#ifndef %s\n#define %s\n\n#include \"block/block-common.h\"\n\n", f, guard, guard)
		// Spread the declarations evenly; the first files take the remainder.
		k := *decls / *files
		if f < *decls%*files {
			k++
		}
		for i := 0; i < k; i++ {
			for j := g.r.IntN(2*g.filler + 1); j > 0; j-- {
				g.fill()
				g.w.WriteByte('\n')
			}
			g.decl()
			g.w.WriteByte('\n')
		}
		fmt.Fprintf(g.w, "#endif /* %s */\n", guard)
		if err := g.w.Flush(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := fh.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(path)
	}
}
