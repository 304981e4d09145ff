package gen_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden expected.c files (tools/update does)")

// TestGolden generates every case under testdata/golden (one per QEMU script
// family) and compares with its expected.c byte for byte.
func TestGolden(t *testing.T) {
	cases, err := golden.Cases("testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var inputs []gen.Input
			for _, p := range c.Inputs {
				data, err := os.ReadFile(filepath.Join(c.Dir, p))
				if err != nil {
					t.Fatal(err)
				}
				inputs = append(inputs, gen.Input{Path: p, Data: data})
			}
			out, diags := generate(t, gen.Options{Dialect: c.Dialect}, inputs)
			if len(diags) > 0 {
				t.Fatalf("unexpected findings: %v", diags)
			}
			want := filepath.Join(c.Dir, "expected.c")
			if *update {
				if err := os.WriteFile(want, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (tools/update creates it)", err)
			}
			if !bytes.Equal(out, exp) {
				t.Errorf("output differs from %s (tools/update rewrites it; review the diff)", want)
			}
		})
	}
}

// TestGoldenCoversEveryFamily: every script family of the release table has
// a golden case (testdata/golden/<family>), so a new family cannot go
// without one; scripts/verify-fixtures.sh checks the cases against QEMU.
func TestGoldenCoversEveryFamily(t *testing.T) {
	covered := map[string]bool{}
	dirs, _ := filepath.Glob("testdata/golden/*/dialect")
	for _, df := range dirs {
		name, _ := os.ReadFile(df)
		if d, err := dialect.Lookup(strings.TrimSpace(string(name))); err == nil {
			covered[d.ID] = true
		}
	}
	for _, d := range dialect.All() {
		if !covered[d.ID] {
			t.Errorf("%s: family %s has no golden case; add testdata/golden/%s (a dialect file, headers, expected.c: tools/update, then scripts/verify-fixtures.sh)",
				d.Name, d.ID, strings.ToLower(d.ID))
			covered[d.ID] = true // once per family
		}
	}
}
