// Command cowrap generates coroutine wrappers from marked C declarations.
//
//	cowrap [-dialect NAME] [-include HEADER]... [-include-after HEADER]... [-lenient] -o OUT.c INPUT...
//	cowrap [-dialect NAME] OUT.c INPUT...      (QEMU's block-coroutine-wrapper.py argv)
//	cowrap -template FILE [-marks SPEC] -o OUT.c INPUT...
//	cowrap -list-dialects
//
// Exit status: 0 ok, 1 bad input, 2 usage.
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/include"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// headerFlag is a repeatable #include header, checked when parsed: a bad one
// is a usage error.
type headerFlag struct{ listFlag }

func (h *headerFlag) Set(v string) error {
	if err := include.Check(v); err != nil {
		return err
	}
	return h.listFlag.Set(v)
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cowrap", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		dialectName = fs.String("dialect", dialect.Default, "QEMU release whose marks, grammar and output to follow; see -list-dialects")
		out         = fs.String("o", "", "output file (default: the first positional argument, as in QEMU's script)")
		tmplPath    = fs.String("template", "", "text/template `FILE` that writes the output instead of the dialect's templates")
		marks       = fs.String("marks", "", "with -template: the marks, as `NAME[=co|co_mixed|no_co[+rdlock|+wrlock]],...`")
		lenient     = fs.Bool("lenient", false, "report declarations the QEMU script silently skips or mis-reads as warnings and write exactly what it writes")
		list        = fs.Bool("list-dialects", false, "print the dialects and the marks each accepts, then exit")
		includes    headerFlag
		after       headerFlag
	)
	fs.Var(&includes, "include", "`HEADER` for an #include line of the output (repeatable; replaces the dialect's includes)")
	fs.Var(&after, "include-after", "`HEADER` for an #include line after the dialect's (or -include's) lines, unless one of them includes it already (repeatable)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cowrap [flags] -o OUT.c INPUT...\n       cowrap [flags] OUT.c INPUT...\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *list {
		listDialects(stdout)
		return exitOK
	}
	d, err := dialect.Lookup(*dialectName)
	if err != nil {
		fmt.Fprintf(stderr, "cowrap: %v\n", err)
		return exitUsage
	}
	paths := fs.Args()
	if *out == "" && len(paths) > 0 {
		*out, paths = paths[0], paths[1:]
	}
	if *out == "" || len(paths) == 0 {
		fmt.Fprintln(stderr, "cowrap: need an output file and at least one input")
		fs.Usage()
		return exitUsage
	}
	opts := gen.Options{Dialect: d, Lenient: *lenient}
	if includes.listFlag != nil {
		opts.Includes = includes.listFlag
	}
	if after.listFlag != nil {
		if opts.Includes == nil {
			opts.Includes = d.Includes()
		}
		opts.Includes = appendNew(opts.Includes, after.listFlag)
	}
	o, err := resolveOutput(*out)
	if err != nil {
		fmt.Fprintf(stderr, "cowrap: %v\n", err)
		return exitFor(err)
	}
	if !o.through { // a file that would be replaced
		for _, p := range paths {
			if same(p, o.path) {
				fmt.Fprintf(stderr, "cowrap: the output %s is also an input; it would be overwritten\n", *out)
				return exitUsage
			}
		}
		if *tmplPath != "" && same(*tmplPath, o.path) {
			fmt.Fprintf(stderr, "cowrap: the output %s is the template; it would be overwritten\n", *out)
			return exitUsage
		}
	}
	if *marks != "" && *tmplPath == "" {
		fmt.Fprintln(stderr, "cowrap: -marks needs -template")
		return exitUsage
	}
	if *tmplPath != "" {
		t, err := gen.LoadTemplate(*tmplPath)
		if err != nil {
			fmt.Fprintf(stderr, "cowrap: -template: %v\n", err)
			return exitInput
		}
		if *marks != "" {
			if err := t.SetMarks(*marks); err != nil {
				fmt.Fprintf(stderr, "cowrap: -marks: %v\n", err)
				return exitUsage
			}
		}
		opts.Template = t
	}
	var (
		inputs []gen.Input
		files  []*input
	)
	for _, p := range paths {
		in, err := readInput(p)
		if err != nil {
			fmt.Fprintf(stderr, "%s: cannot read input: %v\n", p, unwrapPath(err))
			continue
		}
		defer in.close()
		files = append(files, in)
		inputs = append(inputs, gen.Input{Path: p, Data: in.data})
	}
	if len(files) < len(paths) {
		return exitInput
	}
	// unchanged is the last check before the output is committed: an input
	// that changed after it was read would make an output of neither version.
	unchanged := func() error {
		for _, in := range files {
			if err := in.changed(); err != nil {
				return fmt.Errorf("%s: %w", in.path, err)
			}
		}
		return nil
	}
	// The output is written while later inputs are still being checked;
	// it replaces the old one only if the check passes.
	var (
		plan    *gen.Plan
		changed error // an input changed: nothing else is reported
	)
	err = o.write(func(f io.Writer) error {
		err := faultIsChange(files, func() (err error) {
			plan, err = gen.Write(opts, inputs, f)
			return err
		})
		if changed = unchanged(); changed != nil || err != nil {
			return cmp.Or(changed, err)
		}
		if plan.Failed() {
			return errFailed
		}
		return nil
	}, stderr)
	if plan == nil && changed == nil { // the output could not be opened: still report the inputs' findings
		changed = faultIsChange(files, func() error { plan = gen.Check(opts, inputs); return nil })
	}
	if changed != nil {
		fmt.Fprintf(stderr, "cowrap: %v; %s not written\n", changed, *out)
		return exitInput
	}
	for _, diag := range plan.Diags {
		fmt.Fprintln(stderr, diag)
	}
	if plan.Failed() {
		fmt.Fprintf(stderr, "cowrap: %s not written\n", *out)
		return exitInput
	}
	if err != nil {
		fmt.Fprintf(stderr, "cowrap: %v; %s not written\n", err, *out)
		return exitInput
	}
	return exitOK
}

// appendNew appends each header of add that list does not hold yet: an
// -include-after header the dialect includes already (block/coroutines.h of
// a QEMU tree's cowrap_library with include_srcs) gets no second line.
func appendNew(list, add []string) []string {
	for _, h := range add {
		if !slices.Contains(list, h) {
			list = append(list, h)
		}
	}
	return list
}

// unwrapPath drops the path from an *os.PathError: the message names it
// already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// faultIsChange runs f on this goroutine with memory faults as panics
// (debug.SetPanicOnFault): a fault in an input's mapping, whose file was
// truncated by another process, is the error that the input changed, not
// the end of the process.
func faultIsChange(files []*input, f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			for _, in := range files {
				if off, ok := check.FaultIn(r, in.data); ok {
					err = fmt.Errorf("%s: changed while cowrap ran (it ends before byte %d, which it had)", in.path, off)
					return
				}
			}
			panic(r)
		}
	}()
	return f()
}

// exitFor is the exit status for an error about the output.
func exitFor(err error) int {
	if errors.As(err, new(usageError)) {
		return exitUsage
	}
	return exitInput
}

// errFailed stops writing the output when the inputs have errors.
var errFailed = errors.New("the inputs have errors")
