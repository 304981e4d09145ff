// Package check decides what the generator accepts: it scans each input,
// reads every marked declaration with a dialect (or, for a user template,
// the general C grammar) and finds the clashes across inputs. The generator
// (package gen) checks with it before writing, and the Gazelle extension
// checks the files of each target it writes with it, so both always reach
// the same verdict. It needs no template text, only the marks: the package
// does not import text/template.
package check

import (
	"fmt"
	"sort"

	"github.com/cowrap/rules_cowrap/gen/cident"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/include"
	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
	"github.com/cowrap/rules_cowrap/internal/parallel"
)

// Input is one input file; Path is written into findings as given. The
// wrappers found share Data's memory (nothing is copied), so Data must not
// change while they are in use.
type Input struct {
	Path string
	Data []byte
}

// Options say how declarations are read.
type Options struct {
	Dialect *dialect.Dialect
	// Includes are the #include lines that replace the dialect's, when not
	// nil; each must pass include.Check.
	Includes []string
	// Lenient turns findings the QEMU script silently accepts or skips into
	// warnings, and keeps exactly the wrappers the script writes. It has no
	// effect with General.
	Lenient bool
	// General reads declarations with the general C grammar of user
	// templates instead of the dialect's script grammar.
	General bool
	// Marks, with General, replace the dialect's marks (cowrap -marks, the
	// rule's marks attribute); nil means the dialect's.
	Marks map[string]marks.Meaning
}

// Checker checks inputs with one set of options. It is safe for concurrent
// use.
type Checker struct {
	opts  Options
	scan  *scan.Marks
	known map[string]marks.Meaning // with General: each mark's meaning
}

// New returns the checker for opts; opts.Dialect must be set.
func New(opts Options) *Checker {
	c := &Checker{opts: opts}
	d := opts.Dialect
	switch {
	case !opts.General:
		c.scan = d.ScanMarks()
	case opts.Marks != nil:
		c.known = opts.Marks
		c.scan = dialect.GeneralScanMarks(opts.Marks)
	default:
		c.known = map[string]marks.Meaning{}
		for _, n := range d.MarkNames() {
			c.known[n], _ = d.Mark(n)
		}
		c.scan = d.ScanMarks()
	}
	return c
}

// Options returns the options the checker was made with.
func (c *Checker) Options() Options { return c.opts }

// Needles are byte strings of which a file must contain one to hold a
// mark: a file with none has no wrapper and no finding.
func (c *Checker) Needles() [][]byte { return c.scan.Needles() }

// File is the verdict on one input on its own.
type File struct {
	// Wrappers are the declarations accepted, by position.
	Wrappers []*model.Wrapper
	// Diags are the findings of this input alone, by position.
	Diags []model.Diag
	// Source reports whether the file belongs in the inputs of a target:
	// the scanner found a marked declaration in it, accepted or rejected.
	// Gazelle lists exactly these files in srcs; any other file has no
	// wrapper and, in the inputs, at most findings about text that C does
	// not read as a declaration.
	Source bool
	// Unreadable is set, and in Diags, when the scanner could not read
	// the file: it is not UTF-8 (nothing is read, as QEMU's scripts cannot
	// read it), or it holds no marked declaration but an error after which
	// one may hide (an unterminated comment, a NUL byte, ...): the first
	// such error. Gazelle reports such a file instead of listing it.
	Unreadable *scan.Error
}

// Failed reports whether any finding is an error.
func Failed(diags []model.Diag) bool {
	for _, d := range diags {
		if !d.Warning {
			return true
		}
	}
	return false
}

// Result is the verdict on a list of inputs.
type Result struct {
	// Diags are every finding: each input's in input order, then those
	// across inputs (Across).
	Diags []model.Diag
	Files []File // one per input
	// Wrappers counts the accepted declarations of every input.
	Wrappers int
}

// Failed reports whether any finding is an error; then nothing is written.
func (r *Result) Failed() bool { return Failed(r.Diags) }

// Check checks inputs, several at a time.
func (c *Checker) Check(inputs []Input) *Result {
	r, _ := c.Run(inputs, nil)
	return r
}

// Run is Check; each, when set, is called for every input in order, on the
// caller's goroutine, once it and the inputs before it are checked (its
// File is in r.Files), until it returns an error, which Run returns. The
// generator writes an input's wrappers in each while later inputs are
// still being checked.
func (c *Checker) Run(inputs []Input, each func(r *Result, i int) error) (*Result, error) {
	r := &Result{Files: make([]File, len(inputs))}
	if err := checkIncludes(c.opts.Includes); err != nil {
		r.Diags = append(r.Diags, model.Diag{Err: &scan.Error{File: "-include", Msg: err.Error()}})
		return r, nil
	}
	done := make([]chan struct{}, len(inputs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	checked := make(chan struct{})
	go func() {
		defer close(checked)
		parallel.Workers(len(inputs), func(jobs <-chan int) {
			panicOnFault()
			for i := range jobs {
				r.Files[i] = c.fileOrFault(inputs[i])
				close(done[i])
			}
		})
	}()
	var err error
	for i := range inputs {
		<-done[i]
		if each != nil && err == nil {
			err = each(r, i)
		}
	}
	<-checked
	for _, f := range r.Files {
		r.Diags = append(r.Diags, f.Diags...)
		r.Wrappers += len(f.Wrappers)
	}
	r.Diags = append(r.Diags, c.Across(inputs, r.Files)...)
	return r, err
}

// checkIncludes checks #include lines with include.Check.
func checkIncludes(inc []string) error {
	for _, h := range inc {
		if err := include.Check(h); err != nil {
			return err
		}
	}
	return nil
}

// File checks one input on its own.
func (c *Checker) File(in Input) File {
	d := c.opts.Dialect
	var f File
	var declDiags []model.Diag
	r := scan.Each(in.Path, in.Data, c.scan, func(decl *scan.Decl) {
		var w *model.Wrapper
		var ds []model.Diag
		if c.opts.General {
			w, ds = dialect.ReadGeneral(decl, c.known)
		} else {
			w, ds = d.Wrapper(decl, false)
		}
		declDiags = append(declDiags, ds...)
		if w != nil {
			f.Wrappers = append(f.Wrappers, w)
		}
	})
	f.Source = len(r.Spans) > 0
	f.Unreadable = r.Unreadable
	if !f.Source && len(r.Errors) > 0 {
		f.Unreadable = r.Errors[0]
	}
	for _, e := range r.Errors {
		f.Diags = append(f.Diags, model.Diag{Err: e})
	}
	f.Diags = append(f.Diags, declDiags...)
	if !c.opts.General && r.Unreadable == nil && r.Text != "" {
		f.Diags = append(f.Diags, unread(d, in, r)...)
	}
	if c.opts.Lenient && !c.opts.General {
		f.Wrappers, f.Diags = lenient(d, in, r, f.Diags)
	}
	sortDiags(f.Diags)
	return f
}

// lenient replaces strict mode's result for one file with the release
// script's: its wrappers, and errors exactly where it raises. What strict
// mode found stays, as warnings, unless the script reports the same thing.
func lenient(d *dialect.Dialect, in Input, r scan.Result, strict []model.Diag) ([]*model.Wrapper, []model.Diag) {
	if r.Unreadable != nil { // Python cannot decode the file either
		return nil, []model.Diag{{Err: r.Unreadable}}
	}
	ws, diags := d.Script(in.Path, r.Text)
	seen := map[string]bool{}
	for _, dg := range diags {
		seen[dg.Err.Error()] = true
	}
	for _, dg := range strict {
		if !seen[dg.Err.Error()] {
			diags = append(diags, model.Diag{Err: dg.Err, Warning: true})
		}
	}
	return ws, diags
}

// unread compares the release script's matches, found in the raw text as
// the script finds them, with the declarations C reads, so that strict
// output never differs from the script's without a finding: a match where
// C has no declaration (text in a comment, string or preprocessor line, or
// a mark run together with other text), and a match that covers other
// text than the declaration C reads there (a match that starts in a
// comment or a directive and runs on to a real declaration's ';'). A match
// that covers a declaration C read, from one of its line starts to its
// ';', or that overlaps a statement the scanner rejected, is left to the
// checks of that declaration.
func unread(d *dialect.Dialect, in Input, r scan.Result) []model.Diag {
	src := r.Text
	var diags []model.Diag
	// spans[0] is r.Spans[k]; matches come in order, so pos walks src once.
	spans, k, failed := r.Spans, 0, r.Failed
	pos := scan.NewPositions(src)
	for m := range d.ScriptMatches(src) {
		if m.Start >= r.LexedTo {
			break // after an unterminated comment, already reported
		}
		for len(spans) > 0 && spans[0].End <= m.Start {
			spans, k = spans[1:], k+1
		}
		for len(failed) > 0 && failed[0] < k {
			failed = failed[1:]
		}
		if len(spans) > 0 && spans[0].Start < m.End {
			ok := len(failed) == 0 || failed[0] != k
			if sp := spans[0]; ok && (m.Start < sp.Start || m.End != sp.End) {
				p, semi, c := pos.At(m.NameOff), pos.At(m.End-1), pos.At(sp.Start)
				diags = append(diags, model.Diag{Err: &scan.Error{File: in.Path, Pos: p,
					Msg: fmt.Sprintf("%s: QEMU's script reads a wrapper declaration from here to the ';' at %s, but C reads the declaration at %s there: the script and C read different text; cowrap -lenient would write what the script does", m.Name, semi, c)}})
			}
			continue
		}
		why := "it is inside a comment, a string or a preprocessor line"
		if m.MarkOff > 0 && cident.IsByte(src[m.MarkOff-1]) || m.MarkEnd < len(src) && cident.IsByte(src[m.MarkEnd]) {
			why = fmt.Sprintf("its mark %q runs together with other text", src[m.MarkOff:m.MarkEnd])
		}
		diags = append(diags, model.Diag{Err: &scan.Error{File: in.Path, Pos: pos.At(m.NameOff),
			Msg: fmt.Sprintf("%s: QEMU's script reads a wrapper declaration here, but C does not: %s; cowrap -lenient would write it as the script does", m.Name, why)}})
	}
	return diags
}

func sortDiags(diags []model.Diag) {
	sort.SliceStable(diags, func(a, b int) bool {
		pa, pb := diags[a].Err.Pos, diags[b].Err.Pos
		return pa.Line < pb.Line || pa.Line == pb.Line && pa.Col < pb.Col
	})
}
