package dialect

import (
	"fmt"

	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/model"
)

// shapes are a family's compiled templates.
type shapes struct{ a, mixed, coOnly, noCo *template }

var compiled = map[*Family]*shapes{}

func init() {
	for _, f := range families {
		s := &shapes{a: mustTemplate(wrapperA), mixed: mustTemplate(mixedB), coOnly: mustTemplate(coOnlyB)}
		if f.CoWrapperGrammar {
			s.noCo = mustTemplate(fmt.Sprintf(noCoB, f.bh))
		}
		compiled[f] = s
	}
}

// AppendWrapper appends the text the release script writes for w: no
// leading or trailing newline.
func (d *Dialect) AppendWrapper(buf []byte, w *model.Wrapper) []byte {
	s := compiled[d.Family]
	t := s.a
	if d.CoWrapperGrammar {
		switch w.Kind {
		case marks.CoMixed:
			t = s.mixed
		case marks.Co:
			t = s.coOnly
		default:
			t = s.noCo
		}
	}
	return t.expand(buf, d, w)
}

// poll is the expression for the poll state's bs (A) or ctx (B), computed
// from the first parameter; prefix is "s->" inside a bottom half.
func (d *Dialect) poll(w *model.Wrapper, prefix string) string {
	p := w.Params[0]
	first, known := d.firstParam(p.Type)
	switch {
	case !d.CoWrapperGrammar:
		return first.node // the checks allow only known types
	case d.ctx == ctxCurrent:
		return "qemu_get_current_aio_context()"
	case !known:
		return "qemu_get_aio_context()"
	case d.ctx == ctxRealName:
		return first.ctxPre + prefix + p.Name + first.ctxPost
	}
	return first.ctxPre + prefix + first.name + first.ctxPost
}

// bhLock writes the graph lock line of a no_co bottom half.
func (d *Dialect) bhLock(b []byte, w *model.Wrapper, op string) []byte {
	switch w.Lock {
	case marks.RdLock:
		return append(b, "    bdrv_graph_rd"+op+"_main_loop();"...)
	case marks.WrLock:
		return append(b, "    bdrv_graph_wr"+op+"("+d.wrlockArg+");"...)
	}
	return b
}
