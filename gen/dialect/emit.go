package dialect

import (
	"fmt"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/model"
)

// shapes are a family's compiled templates.
type shapes struct{ a, mixed, coOnly, noCo *template }

var compiled = map[*Family]*shapes{}

func init() {
	for _, f := range families {
		s := &shapes{a: mustTemplate(wrapperA), mixed: mustTemplate(mixedB), coOnly: mustTemplate(coOnlyB)}
		if f.B {
			s.noCo = mustTemplate(fmt.Sprintf(noCoB, f.bh))
		}
		compiled[f] = s
	}
}

// AppendWrapper appends the text the release script writes for w: no
// leading or trailing newline.
func (d *Dialect) AppendWrapper(buf []byte, w *model.Wrapper) []byte {
	var v [nFields]string
	d.fill(&v, w)
	s := compiled[d.Family]
	t := s.a
	if d.B {
		switch w.Kind {
		case model.CoMixed:
			t = s.mixed
		case model.Co:
			t = s.coOnly
		default:
			t = s.noCo
		}
	}
	return t.expand(buf, &v)
}

func (d *Dialect) fill(v *[nFields]string, w *model.Wrapper) {
	v[fName], v[fTarget], v[fStruct], v[fReturn] = w.Name, w.Target, w.Struct, w.Return
	if !w.Void() {
		v[fRetField] = w.Return + " ret;"
		v[fGetRes] = "s->ret = "
		v[fRetStmt] = "return s.ret;"
		v[fCoRet] = "return "
	}
	v[fDecls] = join(w.Params, ", ", func(p model.Param) string { return p.Decl })
	v[fNames] = join(w.Params, ", ", func(p model.Param) string { return p.Name })
	v[fSNames] = join(w.Params, ", ", func(p model.Param) string { return "s->" + p.Name })
	v[fFields] = join(w.Params, "\n", func(p model.Param) string { return "    " + p.Decl + ";" })
	v[fInits8] = join(w.Params, "\n", func(p model.Param) string { return "        ." + p.Name + " = " + p.Name + "," })
	v[fInits12] = join(w.Params, "\n", func(p model.Param) string { return "            ." + p.Name + " = " + p.Name + "," })
	p1 := w.Params[0]
	if !d.B {
		v[fPoll] = d.firstTypes[p1.Type]
	} else {
		v[fPoll] = d.ctxExpr(p1, "")
		v[fBhCtx] = d.ctxExpr(p1, "s->")
	}
	switch w.Lock {
	case model.RdLock:
		v[fLock], v[fUnlock] = "    bdrv_graph_co_rdlock();", "    bdrv_graph_co_rdunlock();"
		v[fAssume] = "assume_graph_lock();"
		v[fBhLock], v[fBhUnlock] = "    bdrv_graph_rdlock_main_loop();", "    bdrv_graph_rdunlock_main_loop();"
	case model.WrLock:
		v[fBhLock] = "    bdrv_graph_wrlock(" + d.wrlockArg + ");"
		v[fBhUnlock] = "    bdrv_graph_wrunlock(" + d.wrlockArg + ");"
	}
}

// ctxExpr is the AioContext a B wrapper polls in, from its first parameter.
func (d *Dialect) ctxExpr(p model.Param, prefix string) string {
	if d.ctx == ctxCurrent {
		return "qemu_get_current_aio_context()"
	}
	name := func(fixed string) string {
		if d.ctx == ctxRealName {
			return prefix + p.Name
		}
		return prefix + fixed
	}
	switch p.Type {
	case "BlockDriverState *":
		return "bdrv_get_aio_context(" + name("bs") + ")"
	case "BdrvChild *":
		return "bdrv_get_aio_context(" + name("child") + "->bs)"
	case "BlockBackend *":
		return "blk_get_aio_context(" + name("blk") + ")"
	}
	return "qemu_get_aio_context()"
}

func join(ps []model.Param, sep string, f func(model.Param) string) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(f(p))
	}
	return b.String()
}
