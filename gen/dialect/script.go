package dialect

import (
	"iter"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/cident"
	"github.com/cowrap/rules_cowrap/gen/internal/work"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Script finds the declarations exactly as the release script does: its
// pattern applied with re.finditer to the whole text, comments, strings and
// preprocessor lines included. src must be normalised (scan.Normalize) and
// valid UTF-8, as Python's text mode reads it. Each match is checked like a
// scanned declaration with lenient set: the result is the script's wrappers,
// errors where the script raises, and warnings for what strict mode rejects.
// This is -lenient's source of truth, so -lenient writes what the script
// writes by construction.
func (d *Dialect) Script(file string, src string) ([]*model.Wrapper, []model.Diag) {
	var (
		ws    []*model.Wrapper
		diags []model.Diag
	)
	line, counted := 1, 0 // line is the number of the line holding offset counted
	d.eachMatch(src, func(off int, m match) bool {
		line += strings.Count(src[counted:off], "\n")
		counted = off
		ws, diags = d.scriptDecl(file, src, off, line, m, ws, diags)
		return true
	})
	return ws, diags
}

// ScriptMatch is where the release script's pattern matches: the byte range
// [Start, End) through the ';', and the mark's range.
type ScriptMatch struct {
	Start, End       int
	MarkOff, MarkEnd int
	Name             string
	NameOff          int
}

// ScriptMatches yields every match of the script's pattern in src, which
// must be normalised. (An iterator: a file holds thousands.)
func (d *Dialect) ScriptMatches(src string) iter.Seq[ScriptMatch] {
	return func(yield func(ScriptMatch) bool) {
		d.eachMatch(src, func(off int, m match) bool {
			return yield(ScriptMatch{off, m.end, off + m.markOff, off + m.markEnd, m.name, m.nameOff})
		})
	}
}

// eachMatch calls f for each match, as re.finditer finds them: at line
// starts, each search going on where the last match ended; until f returns
// false.
func (d *Dialect) eachMatch(src string, f func(off int, m match) bool) {
	work.Add(len(src)) // each line start once; matchAt counts what it reads
	for off := 0; off < len(src); {
		if c := src[off]; d.CoWrapperGrammar && cident.IsLetter(c) || !d.CoWrapperGrammar && c == 'i' {
			if m, ok := d.matchAt(src, off); ok {
				if !f(off, m) {
					return
				}
				off = m.end
			}
		}
		k := strings.IndexByte(src[off:], '\n')
		if k < 0 {
			break
		}
		off += k + 1
	}
}

// scriptDecl checks one match of the script's pattern that starts at the
// line start off, on line line.
func (d *Dialect) scriptDecl(file, src string, off, line int, m match, ws []*model.Wrapper, diags []model.Diag) ([]*model.Wrapper, []model.Diag) {
	decl := &scan.Decl{File: file, Start: scan.Pos{Line: line, Col: 1}, Text: src[off:m.end],
		Off: off, End: m.end, LineEnd: true, ParamsText: m.args}
	rel := func(abs int) int { return abs - off }
	decl.Mark = scan.Token{Text: src[off+m.markOff : off+m.markEnd], Off: off + m.markOff, Pos: decl.PosAt(m.markOff)}
	decl.Name = scan.Token{Text: m.name, Off: m.nameOff, Pos: decl.PosAt(rel(m.nameOff))}
	decl.ParamsPos = decl.PosAt(rel(m.argsOff))
	w, ds := d.Wrapper(decl, true)
	if w != nil {
		ws = append(ws, w)
	}
	return ws, append(diags, ds...)
}
