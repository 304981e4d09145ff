package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// formats are the views of the release table, one for each reader.
var formats = map[string]func(io.Writer){
	"tsv": listDialectsTSV,
	"md":  listDialectsMd,
	"bzl": listDialectsBzl,
}

func formatNames() []string {
	var out []string
	for name := range formats {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// tsvHeader names the columns of -format=tsv; scripts/qemu-lib.sh checks it.
const tsvHeader = "dialect\trelease\tcommit\tfamily\tscript_sha256"

// listDialectsTSV writes the release table for scripts/qemu-lib.sh: a header
// line, then one release a line, oldest first.
func listDialectsTSV(w io.Writer) {
	fmt.Fprintln(w, tsvHeader)
	for _, d := range dialect.All() {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", d.Name, d.Release, d.Commit, d.ID, d.ScriptSHA256)
	}
}

// listDialectsMd writes the dialect table of README.md and docs/dialects.md
// (spliced between marker comments and kept current by TestGeneratedDocs):
// one row per run of releases of one family.
func listDialectsMd(w io.Writer) {
	var runs [][]*dialect.Dialect
	for _, d := range dialect.All() {
		if n := len(runs); n > 0 && runs[n-1][0].ID == d.ID {
			runs[n-1] = append(runs[n-1], d)
		} else {
			runs = append(runs, []*dialect.Dialect{d})
		}
	}
	fmt.Fprintln(w, "| dialect | QEMU release | script family | marks accepted |")
	fmt.Fprintln(w, "|---|---|---|---|")
	var prev *dialect.Dialect
	for _, run := range runs {
		names, releases := span(run, func(d *dialect.Dialect) string { return d.Name }),
			span(run, func(d *dialect.Dialect) string { return d.Release })
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", names, releases, run[0].ID, marksCell(prev, run[0]))
		prev = run[0]
	}
	newest, _ := dialect.Lookup(dialect.Default)
	fmt.Fprintf(w, "\n`%s` (the default) is %s.\n", dialect.Default, newest.Name)
}

// span writes a run of releases as "a", "a, b" or "a … z".
func span(run []*dialect.Dialect, field func(*dialect.Dialect) string) string {
	first, last := field(run[0]), field(run[len(run)-1])
	switch len(run) {
	case 1:
		return first
	case 2:
		return first + ", " + last
	}
	return first + " … " + last
}

// marksCell lists d's marks, or says how they differ from the previous row's.
func marksCell(prev, d *dialect.Dialect) string {
	marks := d.MarkNames()
	if prev != nil {
		before := prev.MarkNames()
		var added []string
		for _, m := range marks {
			if !slices.Contains(before, m) {
				added = append(added, m)
			}
		}
		if len(before)+len(added) == len(marks) && len(before) > 0 {
			if len(added) == 0 {
				return "as " + prev.ID
			}
			return "as " + prev.ID + " plus " + code(added)
		}
	}
	return code(marks)
}

func code(names []string) string {
	return "`" + strings.Join(names, "`, `") + "`"
}

// listDialectsBzl writes rules/private/dialects.bzl: the rule's list of dialects is generated
// from the release table here, and //rules/private:dialects_test keeps the checked-in file equal.
func listDialectsBzl(w io.Writer) {
	fmt.Fprintf(w, "%s\n\n", `"""The generator's dialects. Generated from the release table by tools/update: do not edit."""`)
	fmt.Fprintf(w, "# %q is the newest QEMU behaviour.\nDIALECTS = [\n", dialect.Default)
	for _, n := range dialect.Names() {
		fmt.Fprintf(w, "    %q,\n", n)
	}
	fmt.Fprintln(w, "]")
}
