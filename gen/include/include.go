// Package include checks the header names of generated #include lines. The
// CLI (-include, -include-after), Gazelle (cowrap_include) and the rule
// (include_lines, in Starlark) accept exactly the same values; the shared case
// table is testdata/cases.bzl.
package include

import (
	"fmt"
	"strings"
)

// HeaderSuffixes are the file name endings of a quoted header, as Bazel's C++
// rules recognise headers.
var HeaderSuffixes = []string{".h", ".hh", ".hpp", ".ipp", ".hxx", ".h++", ".inc", ".inl", ".tlh", ".tli", ".H", ".tcc"}

// Check reports whether h is a header for an #include line: a relative path
// ending in a header suffix ("block/block_int.h", written in quotes) or a
// bracketed name ("<stdio.h>", "<cstdio>", written as is).
func Check(h string) error {
	if r := reason(h); r != "" {
		return fmt.Errorf("bad #include value %q: %s; want a relative header path such as \"block/block_int.h\" or a system header such as \"<stdio.h>\"", h, r)
	}
	return nil
}

// reason is the first problem with h, or "". The rule's Starlark copy
// (rules/private/include.bzl) returns the same strings.
func reason(h string) string {
	switch {
	case h == "":
		return "empty"
	case strings.ContainsAny(h, " \t\n\r\v\f"):
		return "contains white space"
	case strings.ContainsAny(h, "\"\\"):
		return "contains a quote or backslash"
	}
	if strings.HasPrefix(h, "<") || strings.HasSuffix(h, ">") {
		inner, okOpen := strings.CutPrefix(h, "<")
		inner, okClose := strings.CutSuffix(inner, ">")
		if !okOpen || !okClose {
			return "unbalanced < >"
		}
		if inner == "" || strings.ContainsAny(inner, "<>") {
			return "bad name between < >"
		}
		return ""
	}
	if strings.ContainsAny(h, "<>") {
		return "unbalanced < >"
	}
	if strings.HasPrefix(h, "/") {
		return "absolute path"
	}
	for _, s := range HeaderSuffixes {
		if strings.HasSuffix(h, s) && len(h) > len(s) && !strings.HasSuffix(h, "/"+s) {
			return ""
		}
	}
	return "no header suffix (.h, .hh, .hpp, ...)"
}
