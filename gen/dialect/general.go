package dialect

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// qualifiers may stand between the return type and the mark in the general
// grammar; they are not part of the return type.
var qualifiers = map[string]bool{"extern": true, "coroutine_fn": true, "coroutine_mixed_fn": true, "no_coroutine_fn": true}

// GeneralScanMarks is what the scanner must find for custom marks: each
// one as a whole identifier.
func GeneralScanMarks(known map[string]marks.Meaning) *scan.Marks {
	m := &scan.Marks{Names: make([]string, 0, len(known))}
	for n := range known {
		m.Names = append(m.Names, n)
	}
	sort.Strings(m.Names)
	return m
}

// ReadGeneral reads decl with the general C grammar that user templates
// use instead of a release script's: any return type, qualifiers before the
// mark, TYPE NAME parameters. known gives each mark's meaning. The
// generator and Gazelle both read custom marks with it, so Gazelle accepts
// exactly what the generator accepts.
func ReadGeneral(decl *scan.Decl, known map[string]marks.Meaning) (*model.Wrapper, []model.Diag) {
	fail := func(p scan.Pos, format string, args ...any) (*model.Wrapper, []model.Diag) {
		return nil, []model.Diag{{Err: &scan.Error{File: decl.File, Pos: p, Msg: decl.Name.Text + ": " + fmt.Sprintf(format, args...)}}}
	}
	mm, ok := known[decl.Mark.Text]
	if !ok {
		return fail(decl.Mark.Pos, "unknown mark %q", decl.Mark.Text)
	}
	params, perr := decl.Params()
	if perr != nil {
		return nil, []model.Diag{{Err: perr}}
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
	var err error
	if w.Struct, err = marks.Struct(w.Name); err != nil {
		return fail(decl.Name.Pos, "%v", err)
	}
	if w.Target, err = marks.Target(w.Name, w.Kind); err != nil {
		return fail(decl.Name.Pos, "%v", err)
	}
	return w, nil
}
