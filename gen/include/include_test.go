package include

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/bazelbuild/buildtools/build"
)

// TestCases runs the table that the rule's analysis tests run too.
func TestCases(t *testing.T) {
	cases := readCases(t, "testdata/cases.bzl")
	if len(cases) < 10 {
		t.Fatalf("only %d cases read", len(cases))
	}
	for _, c := range cases {
		err := Check(c.value)
		switch {
		case c.reason == "" && err != nil:
			t.Errorf("Check(%q) = %v, want ok", c.value, err)
		case c.reason != "" && err == nil:
			t.Errorf("Check(%q) = ok, want %q", c.value, c.reason)
		case c.reason != "" && !strings.Contains(err.Error(), strconv.Quote(c.value)+": "+c.reason+";"):
			t.Errorf("Check(%q) = %v, want the value and reason %q", c.value, err, c.reason)
		}
	}
}

type tableCase struct{ value, reason string }

// readCases evaluates INCLUDE_CASES, a list of string pairs, with buildtools' parser.
func readCases(t *testing.T, path string) []tableCase {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := build.ParseBzl(path, data)
	if err != nil {
		t.Fatal(err)
	}
	var cases []tableCase
	for _, stmt := range f.Stmt {
		a, ok := stmt.(*build.AssignExpr)
		if !ok || build.FormatString(a.LHS) != "INCLUDE_CASES" {
			continue
		}
		list, ok := a.RHS.(*build.ListExpr)
		if !ok {
			t.Fatalf("%s: INCLUDE_CASES is not a list", path)
		}
		for _, e := range list.List {
			tup, ok := e.(*build.TupleExpr)
			if !ok || len(tup.List) != 2 {
				t.Fatalf("%s: entry %s is not a pair", path, build.FormatString(e))
			}
			var s [2]string
			for i, x := range tup.List {
				str, ok := x.(*build.StringExpr)
				if !ok {
					t.Fatalf("%s: %s is not a string", path, build.FormatString(x))
				}
				s[i] = str.Value
			}
			cases = append(cases, tableCase{s[0], s[1]})
		}
	}
	return cases
}
