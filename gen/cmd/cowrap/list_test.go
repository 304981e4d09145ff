package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// TestListDialects checks that -list-dialects prints a row per dialect of the
// release table, in its order, with its release, family and marks, then what
// "qemu" stands for.
func TestListDialects(t *testing.T) {
	var out bytes.Buffer
	listDialects(&out)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	all := dialect.All()
	if len(lines) != len(all)+2 {
		t.Fatalf("-list-dialects prints %d lines, want a heading, %d dialects and the default:\n%s", len(lines), len(all), out.String())
	}
	for i, d := range all {
		want := append([]string{d.Name, d.Release, d.ID}, d.MarkNames()...)
		if got := strings.Fields(lines[i+1]); !slices.Equal(got, want) {
			t.Errorf("-list-dialects row %d = %q, want %q", i+1, got, want)
		}
	}
	newest, err := dialect.Lookup(dialect.Default)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(lines[len(lines)-1]); len(got) < 3 || got[0] != dialect.Default || got[1] != "=" || got[2] != newest.Name {
		t.Errorf("-list-dialects ends with %q, want %s = %s ...", lines[len(lines)-1], dialect.Default, newest.Name)
	}
}
