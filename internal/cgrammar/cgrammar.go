// Package cgrammar writes random C headers with marked declarations, for
// the property test (every accepted output compiles) and the differential
// test against QEMU's scripts. Most pieces are written the ordinary way, and
// each one now and then in an unusual but valid way, or a broken one:
// comments and whitespace of every kind in every position, qualifiers,
// pointer and parameter shapes, C++ guards, #if branches, CRLF.
package cgrammar

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// Header returns one random header for dialect d. It includes the runtime's
// block/block-common.h and declares each wrapper's target, so that the
// header compiles wherever cowrap accepts it.
func Header(r *rand.Rand, d *dialect.Dialect) []byte {
	g := &gen{r: r, d: d}
	g.plain = g.odd(3) // a third of the headers use only the usual spelling
	var b strings.Builder
	b.WriteString(`#include "block/block-common.h"` + "\n")
	guards := g.odd(4)
	if guards {
		b.WriteString("#ifdef __cplusplus\nextern \"C\" {\n#endif\n")
	}
	for n := 1 + r.Intn(3); n > 0; n-- {
		b.WriteString(g.pick("", "", "\n", "/* note */\n", "// co_wrapper in a comment\n", "int unrelated(int co_wrapper_calls);\n"))
		if g.odd(10) {
			b.WriteString("#if defined(X)\n" + g.decl() + "#else\n" + g.decl() + "#endif\n")
		} else {
			b.WriteString(g.decl())
		}
	}
	if guards {
		b.WriteString("#ifdef __cplusplus\n}\n#endif\n")
	}
	out := b.String()
	if g.odd(8) {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	return []byte(out)
}

type gen struct {
	r     *rand.Rand
	d     *dialect.Dialect
	plain bool
}

// odd is true once in n, except in plain headers.
func (g *gen) odd(n int) bool { return g.r.Intn(n) == 0 && !g.plain }

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
	ret := "int"
	if g.d.CoWrapperGrammar {
		ret = g.pick("int", "int", "int64_t", "void", "bool", "BlockDriverState *")
	}
	name := g.name(kind)
	params := g.params()
	target, proto := targetOf(name, kind), ""
	if target != "" {
		fn := "coroutine_fn "
		if kind == "no_co" {
			fn = ""
		}
		proto = fmt.Sprintf("%s %s%s(%s);\n", ret, fn, target, plain(params))
	}
	var b strings.Builder
	b.WriteString(proto)
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
	b.WriteString(g.pick("\n", "\n", "\n", "\n", "\n", "\n", " /* after */\n", "\n\n"))
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
func (g *gen) params() []string {
	first := g.pick("BlockDriverState *bs", "BdrvChild *child", "BlockBackend *blk")
	if g.d.ID == "A1" || g.d.ID == "A2" {
		first = g.pick("BlockDriverState *bs", "BdrvChild *child")
	}
	if g.odd(10) {
		first = g.pick("BlockDriverState * bs", "BlockDriverState\t*bs", "BlockDriverState *restrict bs",
			"const BlockDriverState *bs", "/* n */ BlockDriverState *bs", "BdrvChild *c", "BlockDriverState *node", "int64_t offset")
	}
	ps := []string{first}
	for n := g.r.Intn(4); n > 0; n-- {
		typ := g.pick("int ", "int64_t ", "const char *", "void *", "bool ", "QEMUIOVector *", "BdrvRequestFlags ", "Error **", "unsigned int ", "const void *")
		name := g.pick("offset", "bytes", "flags", "buf", "errp", "qiov", "n", "filename")
		if g.odd(30) {
			name = g.pick("s", "ret", "co", "poll_state", "qemu_in_coroutine")
		}
		p := typ + name
		if g.odd(40) {
			p = g.pick("int a[4]", "int64_t xY", "struct { int a; } *anon")
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
