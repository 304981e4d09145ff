package gen

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/template"

	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Template is a user's text/template that writes the whole output file for a
// coroutine runtime other than QEMU's. Declarations are read with the general
// C grammar (any return type, TYPE NAME parameters) instead of a release
// script's grammar. See docs/templates.md for the data model.
type Template struct {
	Path  string
	tmpl  *template.Template
	marks map[string]MarkMeaning // nil: the dialect's marks
}

// MarkMeaning is what a mark asks for.
type MarkMeaning struct {
	Kind model.Kind
	Lock model.Lock
}

// LoadTemplate parses the template file at path.
func LoadTemplate(path string) (*Template, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := template.New(path).Option("missingkey=error").Funcs(templateFuncs).Parse(string(src))
	if err != nil {
		return nil, err
	}
	return &Template{Path: path, tmpl: t}, nil
}

// SetMarks replaces the dialect's marks, e.g. for a runtime with its own
// annotations. Spec: NAME[=KIND[+LOCK]],... with KIND co|co_mixed|no_co
// (default co) and LOCK rdlock|wrlock.
func (t *Template) SetMarks(spec string) error {
	m, err := ParseMarks(spec)
	t.marks = m
	return err
}

// ParseMarks parses a mark spec (see SetMarks).
func ParseMarks(spec string) (map[string]MarkMeaning, error) {
	out := map[string]MarkMeaning{}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		name, meaning, _ := strings.Cut(item, "=")
		if name == "" || !isIdent(name) {
			return nil, fmt.Errorf("bad mark %q in %q: want NAME[=KIND[+LOCK]]", item, spec)
		}
		kind, lock, _ := strings.Cut(meaning, "+")
		var mm MarkMeaning
		switch kind {
		case "", "co":
		case "co_mixed":
			mm.Kind = model.CoMixed
		case "no_co":
			mm.Kind = model.NoCo
		default:
			return nil, fmt.Errorf("bad kind %q for mark %q: want co, co_mixed or no_co", kind, name)
		}
		switch lock {
		case "":
		case "rdlock":
			mm.Lock = model.RdLock
		case "wrlock":
			mm.Lock = model.WrLock
		default:
			return nil, fmt.Errorf("bad lock %q for mark %q: want rdlock or wrlock", lock, name)
		}
		out[name] = mm
	}
	return out, nil
}

func isIdent(s string) bool {
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// ScanMarks is the scanner's view of the template's marks.
func (t *Template) ScanMarks(d *dialect.Dialect) *scan.Marks {
	if t.marks == nil {
		return d.ScanMarks()
	}
	m := &scan.Marks{}
	for n := range t.marks {
		m.Names = append(m.Names, n)
	}
	sort.Strings(m.Names)
	return m
}

// qualifiers may stand between the return type and the mark; they are not
// part of the return type.
var qualifiers = map[string]bool{"extern": true, "coroutine_fn": true, "coroutine_mixed_fn": true, "no_coroutine_fn": true}

// wrapper reads decl with the general C grammar, with the template's marks
// or else the dialect's.
func (t *Template) wrapper(d *dialect.Dialect, decl *scan.Decl) (*model.Wrapper, []model.Diag) {
	marks := t.marks
	if marks == nil {
		marks = map[string]MarkMeaning{}
		for _, n := range d.MarkNames() {
			k, l, _ := d.Mark(n)
			marks[n] = MarkMeaning{k, l}
		}
	}
	return ReadGeneral(decl, marks)
}

// ReadGeneral reads decl with the general C grammar used with templates: any
// return type, qualifiers before the mark, TYPE NAME parameters. Gazelle uses
// it to accept exactly what the generator accepts.
func ReadGeneral(decl *scan.Decl, marks map[string]MarkMeaning) (*model.Wrapper, []model.Diag) {
	fail := func(p scan.Pos, format string, args ...any) (*model.Wrapper, []model.Diag) {
		return nil, []model.Diag{{Error: &scan.Error{File: decl.File, Pos: p, Msg: decl.Name.Text + ": " + fmt.Sprintf(format, args...)}}}
	}
	mm, ok := marks[decl.Mark.Text]
	if !ok {
		return fail(decl.Mark.Pos, "unknown mark %q", decl.Mark.Text)
	}
	params, perr := decl.Params()
	if perr != nil {
		return nil, []model.Diag{{Error: perr}}
	}
	var ret []string
	for _, tok := range decl.Prefix {
		if !qualifiers[tok.Text] {
			ret = append(ret, tok.Text)
		}
	}
	if len(ret) == 0 {
		return fail(decl.Start, "expected a return type before the mark")
	}
	w := &model.Wrapper{File: decl.File, Pos: decl.Name.Pos, Mark: decl.Mark.Text, Kind: mm.Kind, Lock: mm.Lock,
		Name: decl.Name.Text, Return: strings.ReplaceAll(strings.Join(ret, " "), "* *", "**")}
	for _, p := range params {
		typ := p.Type
		if !strings.HasSuffix(typ, "*") {
			typ += " "
		}
		w.Params = append(w.Params, model.Param{Type: typ, Name: p.Name, Decl: typ + p.Name})
	}
	w.Struct, _ = dialect.SnakeToCamel(w.Name)
	if w.Kind == model.NoCo {
		before, after, ok := strings.Cut(w.Name, "_co_")
		if !ok {
			return fail(decl.Name.Pos, "a no_co wrapper must be named PREFIX_co_NAME; it calls PREFIX_NAME")
		}
		w.Target = before + "_" + after
	} else if sub, rest, ok := strings.Cut(w.Name, "_"); ok {
		w.Target = sub + "_co_" + rest
	} else {
		w.Target = w.Name + "_co"
	}
	return w, nil
}

// TemplateData is dot in a user template.
type TemplateData struct {
	Dialect  string            // e.g. "qemu-10.2"
	Header   string            // the "generated, do not edit" comment, ending in a blank line
	Includes []string          // headers from -include or the dialect
	Inputs   []TemplateInput   // in command-line order
	Wrappers []TemplateWrapper // all inputs' wrappers, in order
}

// TemplateInput is one input file and its wrappers.
type TemplateInput struct {
	Path     string
	Wrappers []TemplateWrapper
}

// TemplateWrapper is one wrapper.
type TemplateWrapper struct {
	Name   string // declared wrapper, e.g. bdrv_pread
	Target string // function it calls: bdrv_co_pread (co), or bdrv_open_child for no_co bdrv_co_open_child
	Struct string // CamelCase of Name, for an argument struct
	Return string // e.g. "int", "BlockDriverState *"
	Void   bool
	Kind   string // co, co_mixed or no_co
	Lock   string // "", rdlock or wrlock
	Mark   string
	Params []model.Param
	File   string
	Line   int
}

var templateFuncs = template.FuncMap{
	"include": IncludeLine,
	// decls: "int a, char *b"; names: "a, b"; args "s->" gives "s->a, s->b".
	"decls": func(ps []model.Param) string { return joinParams(ps, "", func(p model.Param) string { return p.Decl }) },
	"names": func(ps []model.Param) string { return joinParams(ps, "", func(p model.Param) string { return p.Name }) },
	"args": func(prefix string, ps []model.Param) string {
		return joinParams(ps, prefix, func(p model.Param) string { return p.Name })
	},
}

func joinParams(ps []model.Param, prefix string, f func(model.Param) string) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = prefix + f(p)
	}
	return strings.Join(parts, ", ")
}

func (t *Template) execute(out io.Writer, d *dialect.Dialect, header string, includes []string, inputs []Input, perFile [][]*model.Wrapper) error {
	data := TemplateData{Dialect: d.Name, Header: header, Includes: includes}
	for i, in := range inputs {
		ti := TemplateInput{Path: displayPath(in.Path)}
		for _, w := range perFile[i] {
			tw := TemplateWrapper{Name: w.Name, Target: w.Target, Struct: w.Struct, Return: w.Return, Void: w.Void(),
				Kind: w.Kind.String(), Lock: w.Lock.String(), Mark: w.Mark, Params: w.Params, File: w.File, Line: w.Pos.Line}
			ti.Wrappers = append(ti.Wrappers, tw)
			data.Wrappers = append(data.Wrappers, tw)
		}
		data.Inputs = append(data.Inputs, ti)
	}
	return t.tmpl.Execute(out, data)
}
