package check

import (
	"testing"

	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/internal/work"
	"github.com/cowrap/rules_cowrap/internal/shapes"
)

// TestLinearSteps requires the check of one input to take steps (work.Add:
// bytes and items walked, a deterministic count, no clock) that grow
// linearly with the input, for each shape that was once quadratic
// (internal/shapes): at 4N at most 5 times the steps at N (quadratic
// growth gives 16). Each shape runs in strict, lenient and template
// (general grammar) mode. Only loops that add their steps are counted;
// each loop that can walk the input again does.
func TestLinearSteps(t *testing.T) {
	d, err := dialect.Lookup(dialect.Default)
	if err != nil {
		t.Fatal(err)
	}
	modes := map[string]Options{
		"strict":   {Dialect: d},
		"lenient":  {Dialect: d, Lenient: true},
		"template": {Dialect: d, General: true},
	}
	const n = 2000
	for _, sh := range shapes.All {
		small, large := sh.Make(n), sh.Make(4*n)
		for mode, opts := range modes {
			t.Run(sh.Name+"/"+mode, func(t *testing.T) {
				c := New(opts)
				steps := func(src []byte) int64 {
					return work.Count(func() { c.File(Input{Path: "in.h", Data: src}) })
				}
				s, l := steps(small), steps(large)
				if s == 0 || l > 5*s {
					t.Errorf("%d steps at %d bytes, %d at %d bytes: %.1f times for 4 times the input", s, len(small), l, len(large), float64(l)/float64(s))
				}
			})
		}
	}
}
