package dialect

import (
	"fmt"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/model"
)

// A field writes one {{Field}} of a template for a wrapper straight into the
// output, so expanding a template allocates nothing.
type field func(b []byte, d *Dialect, w *model.Wrapper) []byte

// template is text with {{Field}} holes, split once into literal runs and
// fields.
type template struct {
	lits   []string
	fields []field // fields[i] follows lits[i]; len(lits) == len(fields)+1
}

func mustTemplate(text string) *template {
	t := &template{}
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			t.lits = append(t.lits, text)
			return t
		}
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			panic(fmt.Sprintf("unclosed template field near %q", text[i:]))
		}
		f, ok := fields[text[i+2:i+j]]
		if !ok {
			panic(fmt.Sprintf("unknown template field near %q", text[i:]))
		}
		t.lits = append(t.lits, text[:i])
		t.fields = append(t.fields, f)
		text = text[i+j+2:]
	}
}

func (t *template) expand(b []byte, d *Dialect, w *model.Wrapper) []byte {
	for i, f := range t.fields {
		b = append(b, t.lits[i]...)
		b = f(b, d, w)
	}
	return append(b, t.lits[len(t.lits)-1]...)
}

// text is a field that writes a string computed from the wrapper.
func text(f func(d *Dialect, w *model.Wrapper) string) field {
	return func(b []byte, d *Dialect, w *model.Wrapper) []byte { return append(b, f(d, w)...) }
}

// each is a field that writes every parameter as pre + f(p) + post, with sep
// between them.
func each(pre, sep, post string, f func(p *model.Param) string) field {
	return func(b []byte, _ *Dialect, w *model.Wrapper) []byte {
		for i := range w.Params {
			if i > 0 {
				b = append(b, sep...)
			}
			b = append(b, pre...)
			b = append(b, f(&w.Params[i])...)
			b = append(b, post...)
		}
		return b
	}
}

// unlessVoid writes s, except for void wrappers.
func unlessVoid(s string) field {
	return func(b []byte, _ *Dialect, w *model.Wrapper) []byte {
		if w.Void() {
			return b
		}
		return append(b, s...)
	}
}

// locked writes rd or wr for wrappers taking that graph lock.
func locked(rd, wr string) field {
	return func(b []byte, d *Dialect, w *model.Wrapper) []byte {
		switch w.Lock {
		case marks.RdLock:
			return append(b, rd...)
		case marks.WrLock:
			return append(b, wr...)
		}
		return b
	}
}

func name(p *model.Param) string { return p.Name }
func decl(p *model.Param) string { return p.Decl }

// fields are what templates can use. LIST and BLOCK in the comments are the
// release scripts' gen_list (", ") and gen_block ("\n").
var fields = map[string]field{
	"Name":   text(func(_ *Dialect, w *model.Wrapper) string { return w.Name }),
	"Target": text(func(_ *Dialect, w *model.Wrapper) string { return w.Target }),
	"Struct": text(func(_ *Dialect, w *model.Wrapper) string { return w.Struct }),
	"Return": text(func(_ *Dialect, w *model.Wrapper) string { return w.Return }),
	"RetField": func(b []byte, _ *Dialect, w *model.Wrapper) []byte {
		if w.Void() {
			return b
		}
		return append(append(b, w.Return...), " ret;"...)
	},
	"GetRes":   unlessVoid("s->ret = "),
	"RetStmt":  unlessVoid("return s.ret;"),
	"CoRet":    unlessVoid("return "),
	"Decls":    each("", ", ", "", decl),      // LIST(p.decl)
	"Names":    each("", ", ", "", name),      // LIST(p.name)
	"SNames":   each("s->", ", ", "", name),   // LIST("s->" + p.name)
	"Fields":   each("    ", "\n", ";", decl), // BLOCK("    " + p.decl + ";")
	"Inits8":   inits("        ."),            // BLOCK("        ." + p.name + " = " + p.name + ",")
	"Inits12":  inits("            ."),        // the same, indented by 12
	"Poll":     text(func(d *Dialect, w *model.Wrapper) string { return d.poll(w, "") }),
	"BhCtx":    text(func(d *Dialect, w *model.Wrapper) string { return d.poll(w, "s->") }),
	"Lock":     locked("    bdrv_graph_co_rdlock();", ""),
	"Unlock":   locked("    bdrv_graph_co_rdunlock();", ""),
	"Assume":   locked("assume_graph_lock();", ""),
	"BhLock":   func(b []byte, d *Dialect, w *model.Wrapper) []byte { return d.bhLock(b, w, "lock") },
	"BhUnlock": func(b []byte, d *Dialect, w *model.Wrapper) []byte { return d.bhLock(b, w, "unlock") },
}

// inits writes the designated initialisers of the parameters.
func inits(indent string) field {
	return func(b []byte, _ *Dialect, w *model.Wrapper) []byte {
		for i, p := range w.Params {
			if i > 0 {
				b = append(b, '\n')
			}
			b = append(append(append(append(append(b, indent...), p.Name...), " = "...), p.Name...), ',')
		}
		return b
	}
}
