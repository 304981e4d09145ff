// Package gen turns marked C declarations into coroutine wrappers: it scans
// each input, checks every declaration against a dialect and writes the
// wrappers with the dialect's templates or a user template.
package gen

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/model"
)

// Input is one input file; Path is written into the header as given. The
// plan's wrappers share Data's memory (nothing is copied), so Data must not
// change while the plan is in use.
type Input = check.Input

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

// checker is the check these options ask for: with a template, the general
// grammar and the template's marks (or the dialect's).
func (o Options) checker() *check.Checker {
	co := check.Options{Dialect: o.Dialect, Includes: o.Includes, Lenient: o.Lenient}
	if o.Template != nil {
		co.General, co.Marks = true, o.Template.marks
	}
	return check.New(co)
}

// Plan is a checked run: its findings, and the wrappers to write.
type Plan struct {
	Diags    []model.Diag
	Wrappers int
	opts     Options
	inputs   []Input
	res      *check.Result
}

// Failed reports whether any finding is an error; then there is nothing to write.
func (p *Plan) Failed() bool { return check.Failed(p.Diags) }

// Check scans and checks every input, several at a time (package check).
// Findings come in input order, each file's by position.
func Check(opts Options, inputs []Input) *Plan {
	return newPlan(opts, inputs, opts.checker().Check(inputs))
}

func newPlan(opts Options, inputs []Input, r *check.Result) *Plan {
	return &Plan{Diags: r.Diags, Wrappers: r.Wrappers, opts: opts, inputs: inputs, res: r}
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
	p := &Plan{opts: opts, inputs: inputs}
	r, err := opts.checker().Run(inputs, func(r *check.Result, i int) error {
		if out == nil {
			out = p.newOutput(w)
		}
		out.file(r.Files[i].Wrappers)
		if i == len(inputs)-1 {
			_, err := out.finish()
			return err
		}
		return out.err
	})
	return newPlan(opts, inputs, r), err
}

// WriteTo writes the output file to w. The release scripts write the
// includes, then for every input each wrapper behind three newlines, then one
// newline; the wrappers are streamed in chunks, so memory does not grow with
// the output.
func (p *Plan) WriteTo(w io.Writer) (int64, error) {
	d := p.opts.Dialect
	if p.opts.Template != nil {
		cw := &countWriter{w: w}
		err := p.opts.Template.execute(cw, d, Header(p.opts.Template, d, p.inputs), includesOr(p.opts.Includes, d), p.inputs, p.res.Files)
		return cw.n, err
	}
	out := p.newOutput(w)
	for _, f := range p.res.Files {
		out.file(f.Wrappers)
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
