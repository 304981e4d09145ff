package main

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/bazelbuild/buildtools/build"
)

// label is the load label of a .bzl file of this repository.
func (l *loader) label(p string) string {
	return fmt.Sprintf("@%s//%s:%s", l.repo, strings.TrimSuffix(path.Dir(p), "."), path.Base(p))
}

// writeModule writes the section of one public .bzl file: its docstring, then
// each public name it binds, in source order.
func (l *loader) writeModule(w *bytes.Buffer, m *module) error {
	var doc string
	if len(m.file.Stmt) > 0 {
		if s, ok := m.file.Stmt[0].(*build.StringExpr); ok {
			doc = cleandoc(s.Value)
		}
	}
	if doc == "" {
		return fmt.Errorf("%s: no module docstring", m.path)
	}
	label := l.label(m.path)
	fmt.Fprintf(w, "## `%s`\n\n%s\n", label, doc)
	for _, name := range m.order {
		b, err := l.resolve(m.binds[name])
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n### `%s`\n\n", name)
		if err := l.writeSymbol(w, label, name, m.binds[name], b); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) writeSymbol(w *bytes.Buffer, label, name string, exported, b *binding) error {
	m := b.mod
	if b.def != nil {
		return writeMacro(w, label, name, b)
	}
	call, _ := b.rhs.(*build.CallExpr)
	kind := ""
	if call != nil {
		kind = calleeName(call)
	}
	switch kind {
	case "rule", "repository_rule":
		args := kwargs(call)
		doc, err := docArg(m, call, args)
		if err != nil {
			return err
		}
		attrs := []attribute{{name: "name", doc: "A unique name for this target.", typ: "Name", mandatory: true}}
		if a, ok := args["attrs"]; ok {
			more, err := m.attrs(a)
			if err != nil {
				return err
			}
			attrs = append(attrs, more...)
		}
		fmt.Fprintf(w, "```starlark\nload(%q, %q)\n\n%s(%s)\n```\n\n%s\n", label, name, name, attrNames(attrs), doc)
		writeAttrs(w, name, attrs)
	case "provider":
		args := kwargs(call)
		doc, err := docArg(m, call, args)
		if err != nil {
			return err
		}
		fields, err := providerFields(m, args["fields"])
		if err != nil {
			return err
		}
		var names []string
		for _, f := range fields {
			names = append(names, f[0])
		}
		fmt.Fprintf(w, "```starlark\nload(%q, %q)\n\n%s(%s)\n```\n\n%s\n", label, name, name, strings.Join(names, ", "), doc)
		if len(fields) > 0 {
			fmt.Fprintf(w, "\n**Fields**\n\n| Name | Description |\n| :--- | :--- |\n")
			for _, f := range fields {
				fmt.Fprintf(w, "| <a id=\"%s-%s\"></a>`%s` | %s |\n", name, f[0], f[0], cell(f[1]))
			}
		}
	case "module_extension":
		return l.writeExtension(w, label, name, b, call)
	default:
		// A constant: its doc is the comment above it.
		doc := comment(exported.stmt)
		if doc == "" {
			doc = comment(b.stmt)
		}
		if doc == "" {
			return exported.mod.errorf(exported.stmt, "%s: a public name needs a docstring or a comment above it", name)
		}
		fmt.Fprintf(w, "```starlark\nload(%q, %q)\n```\n\n%s\n", label, name, doc)
	}
	return nil
}

func docArg(m *module, call *build.CallExpr, args map[string]build.Expr) (string, error) {
	d, ok := args["doc"]
	if !ok {
		return "", m.errorf(call, "%s(...) has no doc", calleeName(call))
	}
	doc, err := m.str(d)
	return cleandoc(doc), err
}

func attrNames(attrs []attribute) string {
	var names []string
	for _, a := range attrs {
		names = append(names, a.name)
	}
	return strings.Join(names, ", ")
}

func writeAttrs(w *bytes.Buffer, prefix string, attrs []attribute) {
	if len(attrs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n**Attributes**\n\n| Name | Description | Type | Mandatory | Default |\n| :--- | :--- | :--- | :--- | :--- |\n")
	for _, a := range attrs {
		mandatory, def := "optional", "`"+a.def+"`"
		if a.mandatory {
			mandatory, def = "required", ""
		}
		fmt.Fprintf(w, "| <a id=\"%s-%s\"></a>`%s` | %s | %s | %s | %s |\n", prefix, a.name, a.name, cell(a.doc), a.typ, mandatory, cell(def))
	}
}

// providerFields reads fields = {"name": "doc"} (or a list of names).
func providerFields(m *module, x build.Expr) ([][2]string, error) {
	var out [][2]string
	switch x := x.(type) {
	case nil:
	case *build.DictExpr:
		for _, kv := range x.List {
			k, err := m.str(kv.Key)
			if err != nil {
				return nil, err
			}
			v, err := m.str(kv.Value)
			if err != nil {
				return nil, err
			}
			out = append(out, [2]string{k, oneLine(v)})
		}
	default:
		return nil, m.errorf(x, "provider fields: want a dict of field docs, not %s", build.FormatString(x))
	}
	return out, nil
}

func writeMacro(w *bytes.Buffer, label, name string, b *binding) error {
	def := b.def
	var doc string
	if len(def.Body) > 0 {
		if s, ok := def.Body[0].(*build.StringExpr); ok {
			doc = s.Value
		}
	}
	if doc == "" {
		return b.mod.errorf(def, "%s: no docstring", def.Name)
	}
	fd := parseFuncDoc(doc)
	type param struct{ name, def string }
	var params []param
	var sig []string
	for _, p := range def.Params {
		switch p := p.(type) {
		case *build.Ident:
			params = append(params, param{p.Name, ""})
			sig = append(sig, p.Name)
		case *build.AssignExpr:
			n := build.FormatString(p.LHS)
			params = append(params, param{n, build.FormatString(p.RHS)})
			sig = append(sig, n+" = "+build.FormatString(p.RHS))
		case *build.UnaryExpr:
			if p.X == nil { // a bare *: keyword-only parameters follow
				sig = append(sig, p.Op)
				continue
			}
			n := build.FormatString(p.X)
			params = append(params, param{p.Op + n, "-"})
			sig = append(sig, p.Op+n)
		default:
			return b.mod.errorf(p, "%s: a parameter of an unknown form", def.Name)
		}
	}
	fmt.Fprintf(w, "```starlark\nload(%q, %q)\n\n%s(%s)\n```\n\n%s\n", label, name, name, strings.Join(sig, ", "), fd.text)
	if len(params) > 0 {
		fmt.Fprintf(w, "\n**Parameters**\n\n| Name | Description | Default |\n| :--- | :--- | :--- |\n")
		for _, p := range params {
			d, ok := fd.args[strings.TrimLeft(p.name, "*")]
			if !ok {
				return b.mod.errorf(def, "%s: parameter %s is not in the docstring's Args", def.Name, p.name)
			}
			def := "required"
			if p.def == "-" {
				def = ""
			} else if p.def != "" {
				def = "`" + p.def + "`"
			}
			fmt.Fprintf(w, "| <a id=\"%s-%s\"></a>`%s` | %s | %s |\n", name, strings.TrimLeft(p.name, "*"), p.name, cell(d), cell(def))
		}
	}
	if fd.returns != "" {
		fmt.Fprintf(w, "\n**Returns**\n\n%s\n", fd.returns)
	}
	return nil
}

// writeExtension documents a module extension and each of its tag classes.
func (l *loader) writeExtension(w *bytes.Buffer, label, name string, b *binding, call *build.CallExpr) error {
	m := b.mod
	args := kwargs(call)
	doc, err := docArg(m, call, args)
	if err != nil {
		return err
	}
	type tag struct {
		name, doc string
		attrs     []attribute
	}
	var tags []tag
	if x, ok := args["tag_classes"]; ok {
		dict, ok := x.(*build.DictExpr)
		if !ok {
			return m.errorf(x, "tag_classes: want a dict literal")
		}
		for _, kv := range dict.List {
			tn, err := m.str(kv.Key)
			if err != nil {
				return err
			}
			tm, tx := m, kv.Value
			if id, ok := tx.(*build.Ident); ok {
				tb, ok := m.binds[id.Name]
				if !ok {
					return m.errorf(id, "tag class %s is not defined here", id.Name)
				}
				if tb, err = l.resolve(tb); err != nil {
					return err
				}
				tm, tx = tb.mod, tb.rhs
			}
			tc, ok := tx.(*build.CallExpr)
			if !ok || calleeName(tc) != "tag_class" {
				return m.errorf(kv.Value, "tag_classes[%q]: want a tag_class(...)", tn)
			}
			targs := kwargs(tc)
			tdoc, err := docArg(tm, tc, targs)
			if err != nil {
				return err
			}
			var attrs []attribute
			if a, ok := targs["attrs"]; ok {
				if attrs, err = tm.attrs(a); err != nil {
					return err
				}
			}
			tags = append(tags, tag{tn, tdoc, attrs})
		}
	}
	fmt.Fprintf(w, "```starlark\n%s = use_extension(%q, %q)\n", name, label, name)
	for _, t := range tags {
		fmt.Fprintf(w, "%s.%s(%s)\n", name, t.name, attrNames(t.attrs))
	}
	fmt.Fprintf(w, "```\n\n%s\n", doc)
	for _, t := range tags {
		fmt.Fprintf(w, "\n#### Tag class `%s.%s`\n\n%s\n", name, t.name, t.doc)
		writeAttrs(w, name+"."+t.name, t.attrs)
	}
	return nil
}
