package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/internal/work"
)

// TestLinearSteps requires the check of one input to take steps (work.Add:
// bytes and items walked, a deterministic count, no clock) that grow
// linearly with the input, for each shape that was once quadratic: at 4N
// at most 5 times the steps at N (quadratic growth gives 16). Each shape
// runs in strict, lenient and template (general grammar) mode.
func TestLinearSteps(t *testing.T) {
	const bs = "BlockDriverState *bs"
	// each writes prefix, then format for i in 0..n-1 (with i and bs, or
	// just i when the format holds one verb), then suffix.
	each := func(prefix, format, suffix string) func(int) string {
		return func(n int) string {
			var b strings.Builder
			b.WriteString(prefix)
			for i := range n {
				if strings.Count(format, "%") == 1 {
					fmt.Fprintf(&b, format, i)
				} else {
					fmt.Fprintf(&b, format, i, bs)
				}
			}
			return b.String() + suffix
		}
	}
	shapes := []struct {
		name string
		make func(n int) string
	}{
		{"declarations inside a comment", each("/*\n", "int co_wrapper bdrv_x%d(%s);\n", "*/\n")},
		{"declarations on one line", each("", "int co_wrapper bdrv_x%d(%s); ", "\n")},
		{"marks on one line", func(n int) string {
			return "int " + strings.Repeat("co_wrapper ", n) + "bdrv_x(" + bs + ");\n"
		}},
		{"marks on many lines", func(n int) string {
			return "int " + strings.Repeat("co_wrapper\n", n) + "bdrv_x(" + bs + ");\n"
		}},
		{"parameters", each("int co_wrapper bdrv_x("+bs, ", int a%d", ");\n")},
		{"parameters on lines", each("int co_wrapper bdrv_x("+bs, ",\n    int a%d", ");\n")},
		{"findings", each("", "int co_wrapper bdrv_x%d(%s, int ret, unsigned long);\n", "")},
		{"directives", func(n int) string {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "#ifndef G%d\n#/**/define G%d \"/*\"\nextern \"C\" /* c */ {\nint co_wrapper bdrv_x%d(%s);\n}\n#endif\n", i, i, i, bs)
			}
			return b.String()
		}},
		{"splices", each("", "int co_wr\\\napper bdrv_x%d(%s,\\\n int a);\n", "")},
	}
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
	for _, sh := range shapes {
		small, large := []byte(sh.make(n)), []byte(sh.make(4*n))
		for mode, opts := range modes {
			t.Run(sh.name+"/"+mode, func(t *testing.T) {
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
