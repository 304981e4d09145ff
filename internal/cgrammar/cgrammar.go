// Package cgrammar writes random C headers with marked declarations, for
// the property test (every accepted output compiles) and the differential
// test against QEMU's scripts. Most pieces are written the ordinary way, and
// each one now and then in an unusual but valid way, or a broken one:
// comments and whitespace of every kind in every position, qualifiers,
// pointer and parameter shapes, C++ guards, #if branches, CRLF. Each bug
// class found in the generator's input handling is generated here too:
// directives spelled as C reads them (`#/**/if`, `#` spliced to `if`),
// include guards spelled freely and false ones, `#define X "/*"`,
// `extern "C" /* c */ {`, a comment, #define continuation or continued
// string that the script reads on into a real declaration, first
// parameters spelled `struct BlockDriverState *`, unnamed parameters of
// several words (`unsigned long`, `struct st`, `char *const`) and a
// parameter named `ret`, a return type that starts like a mark
// (`co_wrapper_ret_t co_wrapper ...`).
package cgrammar

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/marks"
)

// Header returns one random header for dialect d. It includes the runtime's
// block/block-common.h and declares each wrapper's target, so that the
// header compiles wherever cowrap accepts it.
func Header(r *rand.Rand, d *dialect.Dialect) []byte {
	src, _ := Case(r, d)
	return src
}

// Case is Header, and whether strict mode must accept the header: it is
// valid C that the script reads as C does (plain spelling, or unusual
// spellings that both read alike), with no clash between its declarations.
func Case(r *rand.Rand, d *dialect.Dialect) (src []byte, valid bool) {
	g := &gen{r: r, d: d, taken: map[string]bool{}}
	g.plain = g.odd(3) // a third of the headers use only the usual spelling, or unusual but valid ones
	g.valid = g.plain
	var b strings.Builder
	b.WriteString(`#include "block/block-common.h"` + "\n" + "struct st;\ntypedef int co_wrapper_ret_t;\n")
	guard := r.Intn(4) == 0
	if guard {
		b.WriteString("#ifndef IN_H\n" + g.pick("#define IN_H\n", "#  define\tIN_H\n", "# define IN_H 1\n", "/* guard */\n#define IN_H\n", "#\\\ndefine IN_H\n"))
	}
	cxx := r.Intn(4) == 0
	if cxx {
		b.WriteString("#ifdef __cplusplus\n" + g.pick(`extern "C" {`, `extern "C" /* c */ {`, "extern /* c */ \"C\"\n{") + "\n#endif\n")
	}
	for n := 1 + r.Intn(3); n > 0; n-- {
		b.WriteString(g.pick("", "", "\n", "/* note */\n", "// co_wrapper in a comment\n", "int unrelated(int co_wrapper_calls);\n",
			"#define CW_STR \"/*\"\n", "#define CW_CHR '\"'\n"))
		switch {
		case g.odd(10):
			g.valid = false // a marked declaration in an #if block
			b.WriteString(g.pick("#if", "#/**/if", "# /* c */ if", "#\\\nif") + " defined(X)\n" + g.decl() + "#else\n" + g.decl() + "#endif\n")
		case g.odd(20):
			// No include guard: CW_X is defined, so the block is compiled out.
			g.valid = false
			b.WriteString("#define CW_X 1\n#ifndef CW_X\n#define CW_XY\n" + g.decl() + "#endif\n")
		default:
			b.WriteString(g.decl())
		}
	}
	if cxx {
		b.WriteString("#ifdef __cplusplus\n}\n#endif\n")
	}
	if guard {
		b.WriteString("#endif\n")
	}
	out := b.String()
	if g.odd(8) {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	return []byte(out), g.valid
}

type gen struct {
	r     *rand.Rand
	d     *dialect.Dialect
	plain bool
	valid bool // so far strict mode must accept the header (see Case)
	// taken are the names, structs and functions the wrappers so far
	// define or call, to tell clashes.
	taken map[string]bool
	runs  int // runaway texts written, for unique names
}

// odd is true once in n, except in plain headers.
func (g *gen) odd(n int) bool { return g.r.Intn(n) == 0 && !g.plain }

// take records a wrapper's names; a clash makes the header invalid.
func (g *gen) take(name, target, kind string) {
	st, err := marks.Struct(name)
	helper := target + "_entry"
	if kind == "no_co" {
		helper = target + "_bh"
	}
	keys := []string{"name " + name, "struct " + st, "fn " + helper, "fn " + name, "target " + target}
	if err != nil || target == "" || g.taken["fn "+target] || g.taken["target "+name] {
		g.valid = false
	}
	for _, k := range keys {
		if g.taken[k] {
			g.valid = false
		}
		g.taken[k] = true
	}
}

// runaway is text that C reads as a comment, a #define or a string, whose
// last line starts in column 1 with a marked declaration that is not
// closed: QEMU's script reads from there on into the real declaration that
// follows, and wraps the runaway's name.
func (g *gen) runaway() string {
	g.runs++
	partial := "int co_wrapper bdrv_zz(BlockDriverState *bs, int a"
	if !g.d.CoWrapperGrammar {
		partial = "int generated_co_wrapper bdrv_zz(BlockDriverState *bs, int a"
	}
	switch g.r.Intn(3) {
	case 0:
		return "/*\n" + partial + " */\n"
	case 1:
		return fmt.Sprintf("#define CW_RUN%d \\\n%s\n", g.runs, partial)
	}
	return fmt.Sprintf("const char *cw_run%d = \"\\\n%s\";\n", g.runs, partial)
}

func (g *gen) pick(s ...string) string { return s[g.r.Intn(len(s))] }

// sp is whitespace, usually one space.
func (g *gen) sp() string {
	if !g.odd(14) {
		return " "
	}
	return g.pick("  ", "\t", "\n", " /* c */ ", "\n  ", "\u3000", " // c\n")
}

// decl writes the target's prototype and a marked declaration.
func (g *gen) decl() string {
	mark, kind := g.mark()
	if _, known := g.d.Mark(mark); !known {
		g.valid = false
	}
	ret := "int"
	if g.d.CoWrapperGrammar {
		ret = g.pick("int", "int", "int64_t", "void", "bool", "BlockDriverState *")
		if kind != "no_co" && g.r.Intn(20) == 0 {
			// A type that starts like a variant mark; the target's
			// prototype has coroutine_fn between it and the name, else
			// C could not tell it from a mark.
			ret = "co_wrapper_ret_t"
		}
	}
	name := g.name(kind)
	params := g.params(ret == "void")
	target, proto := targetOf(name, kind), ""
	g.take(name, target, kind)
	if target != "" {
		fn := "coroutine_fn "
		if kind == "no_co" {
			fn = ""
		}
		proto = fmt.Sprintf("%s %s%s(%s);\n", ret, fn, target, plain(params))
	}
	var b strings.Builder
	b.WriteString(proto)
	if g.odd(25) {
		g.valid = false
		b.WriteString(g.runaway())
	}
	if g.odd(30) {
		b.WriteString(g.pick("  ", "static ", "/* x */ "))
	}
	b.WriteString(ret)
	if strings.HasSuffix(ret, "*") {
		b.WriteString(g.pick("", "", " ", "\t"))
	} else {
		b.WriteString(g.sp())
	}
	if g.d.CoWrapperGrammar && g.odd(3) {
		b.WriteString("coroutine_fn" + g.sp())
	}
	b.WriteString(mark)
	b.WriteString(g.sp())
	b.WriteString(name)
	if g.odd(30) {
		b.WriteString(" ")
	}
	b.WriteString("(")
	for i, p := range params {
		if i > 0 {
			sep := g.pick(" ", " ", " ", "\n    ")
			if g.odd(20) {
				sep = g.pick("", " /* a, b */ ")
			}
			b.WriteString("," + sep)
		}
		b.WriteString(p)
	}
	if g.odd(30) {
		b.WriteString(g.pick(" // c\n", "\n", " /* c */"))
	}
	b.WriteString(");")
	end := g.pick("\n", "\n", "\n", "\n", "\n", "\n", " /* after */\n", "\n\n")
	if end == " /* after */\n" {
		g.valid = false // the script needs ');' to end the line
	}
	b.WriteString(end)
	return b.String()
}

func (g *gen) mark() (string, string) {
	if !g.d.CoWrapperGrammar {
		if g.odd(30) {
			return "generated_co_wrapper_x", "co_mixed"
		}
		return "generated_co_wrapper", "co_mixed"
	}
	m := g.pick("co_wrapper", "co_wrapper_mixed", "co_wrapper_bdrv_rdlock", "co_wrapper_mixed_bdrv_rdlock",
		"no_co_wrapper", "no_co_wrapper", "no_co_wrapper_bdrv_rdlock", "no_co_wrapper_bdrv_wrlock")
	if g.odd(30) {
		m = "co_wrapper_foo"
	}
	if strings.HasPrefix(m, "no_") {
		return m, "no_co"
	}
	return m, "co"
}

// name is a wrapper name: SUB_NAME, or SUB_co_NAME for no_co, now and then
// one the scripts reject or mis-read.
func (g *gen) name(kind string) string {
	sub := g.pick("bdrv", "bdrv", "blk", "nbd")
	rest := g.pick("flush", "pread", "x", "is_allocated", "get_info", "truncate", "pwrite", "zone_report", "x_1", "x1")
	if g.odd(30) {
		rest = "co_wrapper_foo"
	}
	if g.d.ID == "A1" && !g.odd(8) {
		sub = "bdrv"
	}
	switch {
	case g.odd(40):
		return g.pick("x", "bdrv__x", "bdrv_x_", "bdrv_co_x")
	case kind == "no_co":
		return sub + "_co_" + rest
	}
	return sub + "_" + rest
}

// targetOf is the function a wrapper calls, or "" where the script raises.
func targetOf(name, kind string) string {
	if kind == "no_co" {
		p := strings.SplitN(name, "_", 3)
		if len(p) < 3 || p[1] != "co" {
			return ""
		}
		return p[0] + "_" + p[2]
	}
	sub, rest, ok := strings.Cut(name, "_")
	if !ok || strings.Contains(name, "_co_") {
		return ""
	}
	return sub + "_co_" + rest
}

// params are the parameters as written, the first a block object.
func (g *gen) params(void bool) []string {
	first := g.pick("BlockDriverState *bs", "BdrvChild *child", "BlockBackend *blk")
	if g.d.ID == "A1" || g.d.ID == "A2" {
		first = g.pick("BlockDriverState *bs", "BdrvChild *child")
	}
	if g.odd(10) {
		first = g.pick("BlockDriverState * bs", "BlockDriverState\t*bs", "BlockDriverState *restrict bs",
			"const BlockDriverState *bs", "/* n */ BlockDriverState *bs", "BdrvChild *c", "BlockDriverState *node", "int64_t offset",
			"struct BlockDriverState *bs", "struct BdrvChild *child", "struct BlockBackend *blk")
		g.valid = false
	}
	ps := []string{first}
	names := map[string]bool{}
	for n := g.r.Intn(4); n > 0; n-- {
		typ := g.pick("int ", "int64_t ", "const char *", "void *", "bool ", "QEMUIOVector *", "BdrvRequestFlags ", "Error **", "unsigned int ", "const void *")
		name := g.pick("offset", "bytes", "flags", "buf", "errp", "qiov", "n", "filename")
		if g.r.Intn(30) == 0 && !g.d.CoWrapperGrammar || g.r.Intn(30) == 0 && void {
			name = "ret" // the result is s->poll_state.ret (A) or there is none
		}
		if g.odd(30) {
			name = g.pick("s", "ret", "co", "poll_state", "qemu_in_coroutine")
			g.valid = false
		}
		if names[name] {
			g.valid = false
		}
		names[name] = true
		p := typ + name
		if g.odd(40) {
			p = g.pick("int a[4]", "int64_t xY", "struct { int a; } *anon", "unsigned long", "long long", "struct st", "char *const")
			g.valid = false
		}
		ps = append(ps, p)
	}
	if g.odd(50) {
		ps = []string{"void"}
	}
	return ps
}

// plain is the parameter list with comments and odd spacing taken out, for
// the target's prototype.
func plain(ps []string) string {
	var out []string
	for _, p := range ps {
		p = strings.ReplaceAll(p, "/* n */ ", "")
		out = append(out, p)
	}
	return strings.Join(out, ", ")
}
