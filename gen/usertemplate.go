package gen

import (
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"text/template"

	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/model"
)

// Template is a user's text/template that writes the whole output file for a
// coroutine runtime other than QEMU's. Declarations are read with the general
// C grammar (any return type, TYPE NAME parameters) instead of a release
// script's grammar. See docs/templates.md for the data model.
type Template struct {
	Path  string
	tmpl  *template.Template
	marks map[string]marks.Meaning // nil: the dialect's marks
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
// annotations; spec is a -marks spec (marks.Parse).
func (t *Template) SetMarks(spec string) error {
	m, err := marks.Parse(spec)
	t.marks = m
	return err
}

// marksOrigin says where the marks come from, for the header: "-marks a,b"
// (sorted) or the dialect's.
func (t *Template) marksOrigin(d *dialect.Dialect) string {
	if t.marks == nil {
		return "the marks of " + d.Name
	}
	return "-marks " + strings.Join(slices.Sorted(maps.Keys(t.marks)), ",")
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

func (t *Template) execute(out io.Writer, d *dialect.Dialect, header string, includes []string, inputs []Input, files []check.File) error {
	data := TemplateData{Dialect: d.Name, Header: header, Includes: includes}
	for i, in := range inputs {
		ti := TemplateInput{Path: displayPath(in.Path)}
		for _, w := range files[i].Wrappers {
			tw := TemplateWrapper{Name: w.Name, Target: w.Target, Struct: w.Struct, Return: w.Return, Void: w.Void(),
				Kind: w.Kind.String(), Lock: w.Lock.String(), Mark: w.Mark, Params: w.Params, File: w.File, Line: w.Pos.Line}
			ti.Wrappers = append(ti.Wrappers, tw)
			data.Wrappers = append(data.Wrappers, tw)
		}
		data.Inputs = append(data.Inputs, ti)
	}
	return t.tmpl.Execute(out, data)
}
