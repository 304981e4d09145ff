package main

import (
	"regexp"
	"strings"

	"github.com/bazelbuild/buildtools/build"
)

// cleandoc strips a docstring's indentation as Python's inspect.cleandoc
// does: the first line as is, the others by their common indentation, and
// blank lines at both ends.
func cleandoc(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\t", "    "), "\n")
	indent := -1
	for _, l := range lines[1:] {
		if t := strings.TrimLeft(l, " "); t != "" {
			if n := len(l) - len(t); indent < 0 || n < indent {
				indent = n
			}
		}
	}
	lines[0] = strings.TrimSpace(lines[0])
	for i := 1; i < len(lines); i++ {
		if len(lines[i]) >= indent && indent > 0 {
			lines[i] = lines[i][indent:]
		}
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// funcDoc is a def's docstring split as Google style writes it.
type funcDoc struct {
	text    string            // the description
	args    map[string]string // Args: name -> description
	returns string            // Returns:
}

var argLine = regexp.MustCompile(`^(\*{0,2}\w+):\s*(.*)$`)

func parseFuncDoc(doc string) funcDoc {
	fd := funcDoc{args: map[string]string{}}
	var text, returns []string
	section, arg, argIndent := "", "", -1
	for _, l := range strings.Split(cleandoc(doc), "\n") {
		switch strings.TrimSpace(l) {
		case "Args:", "Arguments:":
			section, arg, argIndent = "args", "", -1
			continue
		case "Returns:":
			section = "returns"
			continue
		}
		if l != "" && !strings.HasPrefix(l, " ") {
			section = "" // back to the description
		}
		switch section {
		case "":
			text = append(text, l)
		case "returns":
			returns = append(returns, strings.TrimSpace(l))
		case "args":
			t := strings.TrimLeft(l, " ")
			n := len(l) - len(t)
			if m := argLine.FindStringSubmatch(t); m != nil && (argIndent < 0 || n == argIndent) {
				arg, argIndent = strings.TrimLeft(m[1], "*"), n
				fd.args[arg] = m[2]
			} else if arg != "" && t != "" {
				fd.args[arg] += " " + t
			}
		}
	}
	fd.text = strings.Trim(strings.Join(text, "\n"), "\n")
	fd.returns = strings.Join(strings.Fields(strings.Join(returns, " ")), " ")
	return fd
}

// str evaluates a string-valued expression: a literal, a sum of literals, or
// the name of a top-level string constant of the module.
func (m *module) str(x build.Expr) (string, error) {
	switch x := x.(type) {
	case *build.StringExpr:
		return x.Value, nil
	case *build.BinaryExpr:
		if x.Op == "+" {
			a, err := m.str(x.X)
			if err != nil {
				return "", err
			}
			b, err := m.str(x.Y)
			return a + b, err
		}
	case *build.Ident:
		if b, ok := m.binds[x.Name]; ok && b.rhs != nil {
			return m.str(b.rhs)
		}
	}
	return "", m.errorf(x, "want a string literal, a sum of them or a string constant, not %s", build.FormatString(x))
}

// kwargs returns a call's keyword arguments by name.
func kwargs(call *build.CallExpr) map[string]build.Expr {
	out := map[string]build.Expr{}
	for _, a := range call.List {
		if as, ok := a.(*build.AssignExpr); ok {
			if id, ok := as.LHS.(*build.Ident); ok {
				out[id.Name] = as.RHS
			}
		}
	}
	return out
}

// calleeName is "rule" for rule(...), "attr.string" for attr.string(...).
func calleeName(call *build.CallExpr) string {
	switch x := call.X.(type) {
	case *build.Ident:
		return x.Name
	case *build.DotExpr:
		if id, ok := x.X.(*build.Ident); ok {
			return id.Name + "." + x.Name
		}
	}
	return ""
}

// attribute is one documented attribute of a rule or tag class.
type attribute struct {
	name, doc, typ, def string
	mandatory           bool
}

// attrTypes names attr.* types as Stardoc does, with each one's implicit default.
var attrTypes = map[string][2]string{
	"attr.bool":                    {"Boolean", "False"},
	"attr.int":                     {"Integer", "0"},
	"attr.int_list":                {"List of integers", "[]"},
	"attr.label":                   {"Label", "None"},
	"attr.label_keyed_string_dict": {"Dictionary: Label -> String", "{}"},
	"attr.label_list":              {"List of labels", "[]"},
	"attr.output":                  {"Label (output)", "None"},
	"attr.output_list":             {"List of labels (outputs)", "[]"},
	"attr.string":                  {"String", `""`},
	"attr.string_dict":             {"Dictionary: String -> String", "{}"},
	"attr.string_list":             {"List of strings", "[]"},
	"attr.string_list_dict":        {"Dictionary: String -> List of strings", "{}"},
	"attr.string_keyed_label_dict": {"Dictionary: String -> Label", "{}"},
	"attr.label_keyed_string_list": {"Dictionary: Label -> List of strings", "{}"},
}

// attrs reads an attrs = {...} dict, public attributes only, in source order.
func (m *module) attrs(x build.Expr) ([]attribute, error) {
	if id, ok := x.(*build.Ident); ok {
		if b, ok := m.binds[id.Name]; ok && b.rhs != nil {
			x = b.rhs
		}
	}
	dict, ok := x.(*build.DictExpr)
	if !ok {
		return nil, m.errorf(x, "attrs: want a dict literal, not %s", build.FormatString(x))
	}
	var out []attribute
	for _, kv := range dict.List {
		key, ok := kv.Key.(*build.StringExpr)
		if !ok {
			return nil, m.errorf(kv.Key, "attrs: want a string key")
		}
		if strings.HasPrefix(key.Value, "_") {
			continue // private: Bazel does not let users set it
		}
		call, ok := kv.Value.(*build.CallExpr)
		typ, known := attrTypes[calleeName(call)]
		if !ok || !known {
			return nil, m.errorf(kv.Value, "attrs[%q]: want an attr.*(...) call", key.Value)
		}
		a := attribute{name: key.Value, typ: typ[0], def: typ[1]}
		args := kwargs(call)
		if d, ok := args["doc"]; ok {
			doc, err := m.str(d)
			if err != nil {
				return nil, err
			}
			a.doc = oneLine(doc)
		}
		if a.doc == "" {
			return nil, m.errorf(kv.Value, "attrs[%q] has no doc", key.Value)
		}
		if v, ok := args["values"]; ok {
			a.doc += " One of " + codeList(v) + "."
		}
		if d, ok := args["default"]; ok {
			if id, ok := d.(*build.Ident); ok {
				if b, ok := m.binds[id.Name]; ok && b.rhs != nil {
					d = b.rhs // a constant of the module: show its value
				}
			}
			a.def = build.FormatString(d)
		}
		if v, ok := args["mandatory"]; ok {
			a.mandatory = build.FormatString(v) == "True"
		}
		out = append(out, a)
	}
	return out, nil
}

// codeList writes a list literal's items as `a`, `b`.
func codeList(x build.Expr) string {
	list, ok := x.(*build.ListExpr)
	if !ok {
		return "`" + build.FormatString(x) + "`"
	}
	var items []string
	for _, it := range list.List {
		if s, ok := it.(*build.StringExpr); ok {
			items = append(items, "`"+s.Value+"`")
		} else {
			items = append(items, "`"+build.FormatString(it)+"`")
		}
	}
	return strings.Join(items, ", ")
}

// oneLine joins a description's lines for a table cell.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleandoc(s)), " ")
}

// cell escapes a table cell's pipes.
func cell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}

// comment is the text of the whole-line comments right above a statement.
func comment(x build.Expr) string {
	var lines []string
	for _, c := range x.Comment().Before {
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(c.Token, "#")))
	}
	return strings.Join(lines, " ")
}
