// Package shapes writes the inputs whose shape once made the generator
// take quadratic time (issue 17): many declarations inside a comment, many
// marks on one line, one declaration with many parameters, and others
// like them. gen/check's TestLinearSteps counts the steps they take at two
// sizes; bench's BenchmarkShapes times them.
package shapes

import (
	"fmt"
	"strings"
)

// Shape writes an input of size n (declarations, marks or parameters).
type Shape struct {
	Name string
	Make func(n int) []byte
}

const bs = "BlockDriverState *bs"

// each writes prefix, then format for i in 0..n-1 (with i and bs, or just
// i when the format holds one verb), then suffix.
func each(prefix, format, suffix string) func(int) []byte {
	justI := strings.Count(format, "%") == 1
	return func(n int) []byte {
		var b strings.Builder
		b.WriteString(prefix)
		for i := range n {
			if justI {
				fmt.Fprintf(&b, format, i)
			} else {
				fmt.Fprintf(&b, format, i, bs)
			}
		}
		return []byte(b.String() + suffix)
	}
}

// All are the shapes, for qemu-10.2 (and any dialect of the co_wrapper
// family).
var All = []Shape{
	{"declarations inside a comment", each("/*\n", "int co_wrapper bdrv_x%d(%s);\n", "*/\n")},
	{"declarations on one line", each("", "int co_wrapper bdrv_x%d(%s); ", "\n")},
	{"marks on one line", func(n int) []byte {
		return []byte("int " + strings.Repeat("co_wrapper ", n) + "bdrv_x(" + bs + ");\n")
	}},
	{"marks on many lines", func(n int) []byte {
		return []byte("int " + strings.Repeat("co_wrapper\n", n) + "bdrv_x(" + bs + ");\n")
	}},
	{"parameters", each("int co_wrapper bdrv_x("+bs, ", int a%d", ");\n")},
	{"parameters on lines", each("int co_wrapper bdrv_x("+bs, ",\n    int a%d", ");\n")},
	{"findings", each("", "int co_wrapper bdrv_x%d(%s, int ret, unsigned long);\n", "")},
	{"directives", func(n int) []byte {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "#ifndef G%d\n#/**/define G%d \"/*\"\nextern \"C\" /* c */ {\nint co_wrapper bdrv_x%d(%s);\n}\n#endif\n", i, i, i, bs)
		}
		return []byte(b.String())
	}},
	{"splices", each("", "int co_wr\\\napper bdrv_x%d(%s,\\\n int a);\n", "")},
}
