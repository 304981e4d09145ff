// Package gen turns marked C declarations into coroutine wrappers: it scans
// each input, checks every declaration against a dialect and writes the
// wrappers with the dialect's templates or a user template.
package gen

import (
	"fmt"
	"hash/maphash"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/include"
	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Input is one input file; Path is written into the header as given. The
// plan's wrappers share Data's memory (nothing is copied), so Data must not
// change while the plan is in use.
type Input struct {
	Path string
	Data []byte
}

// Options select what to generate.
type Options struct {
	Dialect *dialect.Dialect
	// Includes replaces the dialect's #include lines when not nil.
	Includes []string
	// Lenient turns findings the QEMU script silently accepts or skips into
	// warnings, and then writes exactly what the script writes.
	Lenient bool
	// Template, when set, writes the output instead of the dialect's templates.
	Template *Template
}

func failed(diags []model.Diag) bool {
	for _, d := range diags {
		if !d.Warning {
			return true
		}
	}
	return false
}

// Plan is a checked run: its findings, and the wrappers to write.
type Plan struct {
	Diags    []model.Diag
	Wrappers int
	opts     Options
	inputs   []Input
	perFile  [][]*model.Wrapper
}

// Failed reports whether any finding is an error; then there is nothing to write.
func (p *Plan) Failed() bool { return failed(p.Diags) }

// Check scans and checks every input, several at a time. Findings come in
// input order, each file's by position.
func Check(opts Options, inputs []Input) *Plan {
	p, _ := check(opts, inputs, nil)
	return p
}

// Write is Check and then WriteTo, overlapped: an input's wrappers are
// written as soon as it and every input before it are checked, while later
// ones are still being checked. Whether the output is valid is known only
// at the end: when the plan failed, or the error is not nil, what was
// written to w must be dropped (cowrap writes to a temporary file).
func Write(opts Options, inputs []Input, w io.Writer) (*Plan, error) {
	if opts.Template != nil || len(inputs) == 0 { // a template is executed once, over every wrapper
		p := Check(opts, inputs)
		if p.Failed() {
			return p, nil
		}
		_, err := p.WriteTo(w)
		return p, err
	}
	var out *output
	return check(opts, inputs, func(p *Plan, i int) error {
		if out == nil {
			out = p.newOutput(w)
		}
		out.file(p.perFile[i])
		if i == len(inputs)-1 {
			_, err := out.finish()
			return err
		}
		return out.err
	})
}

// check is Check; each, when set, is called for every input in order, on
// the caller's goroutine, once it and the inputs before it are checked,
// until it returns an error.
func check(opts Options, inputs []Input, each func(p *Plan, i int) error) (*Plan, error) {
	p := &Plan{opts: opts, inputs: inputs, perFile: make([][]*model.Wrapper, len(inputs))}
	if err := checkIncludes(opts.Includes); err != nil {
		p.Diags = append(p.Diags, model.Diag{Err: &scan.Error{File: "-include", Msg: err.Error()}})
		return p, nil
	}
	diags := make([][]model.Diag, len(inputs))
	done := make([]chan struct{}, len(inputs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				p.perFile[i], diags[i] = checkFile(opts, inputs[i])
				close(done[i])
			}
		}()
	}
	go func() {
		for i := range inputs {
			work <- i
		}
		close(work)
	}()
	var err error
	for i := range inputs {
		<-done[i]
		if each != nil && err == nil {
			err = each(p, i)
		}
	}
	wg.Wait()
	for i := range inputs {
		p.Diags = append(p.Diags, diags[i]...)
		p.Wrappers += len(p.perFile[i])
	}
	p.Diags = append(p.Diags, clashes(inputs, p.perFile, opts.Lenient)...)
	return p, err
}

// clashes reports wrappers whose generated definitions would collide: the
// same wrapper twice (two inputs, one file given twice, #if/#else variants,
// which cowrap does not evaluate), or two names giving the same struct or
// entry function, or a wrapper calling another wrapper instead of its target.
func clashes(inputs []Input, perFile [][]*model.Wrapper, lenient bool) []model.Diag {
	total := 0
	for _, ws := range perFile {
		total += len(ws)
	}
	var (
		defined = make([]site, 0, total) // in input order
		names   = newSiteIndex(total, &defined, func(w *model.Wrapper) (string, bool) { return w.Name, false })
		structs = newSiteIndex(total, &defined, func(w *model.Wrapper) (string, bool) { return w.Struct, false })
		// Target_bh of a no_co wrapper, else Target_entry.
		helpers = newSiteIndex(total, &defined, func(w *model.Wrapper) (string, bool) { return w.Target, w.Kind == marks.NoCo })
		diags   []model.Diag
		seq     int
	)
	report := func(w *model.Wrapper, format string, args ...any) {
		diags = append(diags, model.Diag{Warning: lenient, Err: &scan.Error{File: w.File, Pos: w.Pos, Msg: w.Name + ": " + fmt.Sprintf(format, args...)}})
	}
	helperName := func(target string, bh bool) string {
		if bh {
			return target + "_bh"
		}
		return target + "_entry"
	}
	given := map[string]int{}
	for i, ws := range perFile {
		p := filepath.Clean(inputs[i].Path)
		if first, twice := given[p]; twice {
			if len(ws) > 0 {
				diags = append(diags, model.Diag{Warning: lenient, Err: &scan.Error{File: inputs[i].Path, Pos: ws[0].Pos,
					Msg: fmt.Sprintf("this input is given twice (arguments %d and %d), so each of its wrappers would be defined twice", first+1, i+1)}})
			}
			continue
		}
		given[p] = i
		for _, w := range ws {
			seq++
			bh := w.Kind == marks.NoCo
			first, dup, nameSlot := names.lookup(w.Name, false)
			if dup {
				report(w, "wrapper declared twice; first declared at %s:%s", first.w.File, first.w.Pos)
				continue
			}
			first, dup, structSlot := structs.lookup(w.Struct, false)
			if dup {
				report(w, "its generated struct %s collides with the one generated for %s at %s:%s", w.Struct, first.w.Name, first.w.File, first.w.Pos)
				continue
			}
			first, dup, helperSlot := helpers.lookup(w.Target, bh)
			if dup {
				report(w, "its generated function %s collides with the one generated for %s at %s:%s", helperName(w.Target, bh), first.w.Name, first.w.File, first.w.Pos)
				continue
			}
			defined = append(defined, site{w, seq})
			names.set(nameSlot)
			structs.set(structSlot)
			helpers.set(helperSlot)
		}
	}
	// Rare cross-namespace clashes: a wrapper named like another's helper
	// function, or a wrapper whose target is another wrapper.
	for _, s := range defined {
		w := s.w
		for _, suffix := range []string{"_entry", "_bh"} {
			if t, ok := strings.CutSuffix(w.Name, suffix); ok {
				if o, dup, _ := helpers.lookup(t, suffix == "_bh"); dup {
					report(w, "the wrapper's name is also the function generated for %s at %s:%s", o.w.Name, o.w.File, o.w.Pos)
				}
			}
		}
		if o, ok, _ := names.lookup(w.Target, false); ok && o.seq < s.seq {
			report(w, "it calls %s, which is itself a wrapper (declared at %s:%s), not the function it wraps", w.Target, o.w.File, o.w.Pos)
		}
	}
	return diags
}

// site is a defined wrapper and its number in input order.
type site struct {
	w   *model.Wrapper
	seq int
}

// siteIndex finds a defined wrapper by a key of it (its name, struct, or
// target and kind). It does a map's job with a table of 4-byte entries,
// open addressing, at most half full: at tens of thousands of wrappers,
// setting up three maps took longer than all their lookups, mostly in page
// faults on the new memory.
type siteIndex struct {
	seed  maphash.Seed
	slots []int32 // 1 + an index into *sites; 0 is free
	sites *[]site
	key   func(*model.Wrapper) (string, bool)
}

func newSiteIndex(n int, sites *[]site, key func(*model.Wrapper) (string, bool)) *siteIndex {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &siteIndex{seed: maphash.MakeSeed(), slots: make([]int32, size), sites: sites, key: key}
}

// lookup returns the site whose key is (k, tag), or the free slot where
// set puts the next defined site with that key.
func (x *siteIndex) lookup(k string, tag bool) (s site, ok bool, slot int) {
	h := maphash.String(x.seed, k)
	if tag {
		h = ^h
	}
	mask := len(x.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		e := x.slots[i]
		if e == 0 {
			return site{}, false, i
		}
		s := (*x.sites)[e-1]
		if sk, st := x.key(s.w); sk == k && st == tag {
			return s, true, i
		}
	}
}

// set puts the last of *sites into slot, which lookup returned for its key.
func (x *siteIndex) set(slot int) { x.slots[slot] = int32(len(*x.sites)) }

func checkFile(opts Options, in Input) (ws []*model.Wrapper, diags []model.Diag) {
	d := opts.Dialect
	var sm *scan.Marks
	if opts.Template != nil {
		sm = opts.Template.ScanMarks(d)
	} else {
		sm = d.ScanMarks()
	}
	var declDiags []model.Diag
	r := scan.Each(in.Path, in.Data, sm, func(decl *scan.Decl) {
		var w *model.Wrapper
		var ds []model.Diag
		if opts.Template != nil {
			w, ds = opts.Template.wrapper(d, decl)
		} else {
			w, ds = d.Wrapper(decl, false)
		}
		declDiags = append(declDiags, ds...)
		if w != nil {
			ws = append(ws, w)
		}
	})
	for _, e := range r.Errors {
		diags = append(diags, model.Diag{Err: e})
	}
	diags = append(diags, declDiags...)
	if opts.Template == nil && r.Unreadable == nil && r.Text != "" {
		diags = append(diags, unread(d, in, r)...)
	}
	if opts.Lenient && opts.Template == nil {
		ws, diags = lenient(d, in, r, diags)
	}
	sortDiags(diags)
	return ws, diags
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

// unread reports what the release script reads as a declaration where C
// has none, so strict output never lacks a wrapper the script writes: text
// in a comment, string or preprocessor line that matches the script's
// pattern, or a mark run together with other text. Matches overlapping a
// statement the scanner already judged are left to that judgement.
func unread(d *dialect.Dialect, in Input, r scan.Result) []model.Diag {
	src := r.Text
	var diags []model.Diag
	spans := r.Spans
	for m := range d.ScriptMatches(src) {
		if m.Start >= r.LexedTo {
			break // after an unterminated comment, already reported
		}
		for len(spans) > 0 && spans[0].End <= m.Start {
			spans = spans[1:]
		}
		if len(spans) > 0 && spans[0].Start < m.End {
			continue
		}
		why := "it is inside a comment, a string or a preprocessor line"
		if m.MarkOff > 0 && isIdentByte(src[m.MarkOff-1]) || m.MarkEnd < len(src) && isIdentByte(src[m.MarkEnd]) {
			why = fmt.Sprintf("its mark %q runs together with other text", src[m.MarkOff:m.MarkEnd])
		}
		diags = append(diags, model.Diag{Err: &scan.Error{File: in.Path, Pos: posOf(src, m.NameOff),
			Msg: fmt.Sprintf("%s: QEMU's script reads a wrapper declaration here, but C does not: %s; cowrap -lenient would write it as the script does", m.Name, why)}})
	}
	return diags
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// posOf is the position of byte off of src.
func posOf(src string, off int) scan.Pos {
	line := 1 + strings.Count(src[:off], "\n")
	return scan.Pos{Line: line, Col: off - strings.LastIndexByte(src[:off], '\n')}
}

func sortDiags(diags []model.Diag) {
	sort.SliceStable(diags, func(a, b int) bool {
		pa, pb := diags[a].Err.Pos, diags[b].Err.Pos
		return pa.Line < pb.Line || pa.Line == pb.Line && pa.Col < pb.Col
	})
}

// WriteTo writes the output file to w. The release scripts write the
// includes, then for every input each wrapper behind three newlines, then one
// newline; the wrappers are streamed in chunks, so memory does not grow with
// the output.
func (p *Plan) WriteTo(w io.Writer) (int64, error) {
	d := p.opts.Dialect
	if p.opts.Template != nil {
		cw := &countWriter{w: w}
		err := p.opts.Template.execute(cw, d, Header(p.opts.Template, d, p.inputs), includesOr(p.opts.Includes, d), p.inputs, p.perFile)
		return cw.n, err
	}
	out := p.newOutput(w)
	for _, ws := range p.perFile {
		out.file(ws)
	}
	return out.finish()
}

// output writes a dialect's output file in chunks.
type output struct {
	w   io.Writer
	d   *dialect.Dialect
	buf []byte
	n   int64
	err error // the first write error; nothing is written after it
}

const outputChunk = 256 << 10

// newOutput starts the output with the header and the #include lines.
func (p *Plan) newOutput(w io.Writer) *output {
	d := p.opts.Dialect
	o := &output{w: w, d: d, buf: make([]byte, 0, outputChunk+64<<10)}
	o.buf = append(o.buf, DialectHeader(d, p.inputs)...)
	o.buf = appendIncludes(o.buf, includesOr(p.opts.Includes, d), d.IncludesEndWithNewline())
	return o
}

// file writes one input's wrappers.
func (o *output) file(ws []*model.Wrapper) {
	for _, wr := range ws {
		o.buf = append(o.buf, "\n\n\n"...)
		o.buf = o.d.AppendWrapper(o.buf, wr)
		if len(o.buf) >= outputChunk {
			o.flush()
		}
	}
	o.buf = append(o.buf, '\n')
}

func (o *output) flush() {
	if o.err == nil {
		var k int
		k, o.err = o.w.Write(o.buf)
		o.n += int64(k)
	}
	o.buf = o.buf[:0]
}

// finish writes what is left and returns the bytes written and the first error.
func (o *output) finish() (int64, error) {
	o.flush()
	return o.n, o.err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	k, err := c.w.Write(b)
	c.n += int64(k)
	return k, err
}

func includesOr(inc []string, d *dialect.Dialect) []string {
	if inc != nil {
		return inc
	}
	return d.Includes()
}

func checkIncludes(inc []string) error {
	for _, h := range inc {
		if err := include.Check(h); err != nil {
			return err
		}
	}
	return nil
}

func appendIncludes(out []byte, inc []string, trailingNL bool) []byte {
	for i, h := range inc {
		if i > 0 {
			out = append(out, '\n')
		}
		out = append(out, IncludeLine(h)...)
	}
	if trailingNL {
		out = append(out, '\n')
	}
	return out
}

// IncludeLine is the #include line for h: quoted unless h is <...>.
func IncludeLine(h string) string {
	if strings.HasPrefix(h, "<") {
		return "#include " + h
	}
	return `#include "` + h + `"`
}

// displayPath is a path as given, but only the base name of an absolute one.
func displayPath(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Base(p)
	}
	return filepath.ToSlash(p)
}
