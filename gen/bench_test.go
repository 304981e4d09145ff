package gen_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// synthetic writes n QEMU-style declarations of mixed kinds, each between
// unmarked code and comments, like a real block-layer header.
func synthetic(n int) []byte {
	var b strings.Builder
	marks := []string{"co_wrapper", "co_wrapper_mixed", "co_wrapper_bdrv_rdlock", "co_wrapper_mixed_bdrv_rdlock", "no_co_wrapper", "no_co_wrapper_bdrv_wrlock"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "/*\n * bdrv_op%d: does operation %d; see docs.\n */\nint coroutine_fn GRAPH_RDLOCK bdrv_co_plain%d(BlockDriverState *bs, int64_t offset);\n", i, i, i)
		switch m := marks[i%len(marks)]; {
		case strings.HasPrefix(m, "no_co"):
			fmt.Fprintf(&b, "int coroutine_fn %s\nbdrv_co_op%d(BlockDriverState *bs, const char *name,\n             Error **errp);\n\n", m, i)
		default:
			fmt.Fprintf(&b, "int64_t %s\nbdrv_op%d(BdrvChild *child, int64_t offset, int64_t bytes,\n          QEMUIOVector *qiov, BdrvRequestFlags flags);\n\n", m, i)
		}
	}
	return []byte(b.String())
}

func BenchmarkScan(b *testing.B) {
	src := synthetic(20000)
	d, _ := dialect.Lookup("qemu")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if r := scan.File("f.h", src, d.ScanMarks()); len(r.Decls) != 20000 {
			b.Fatalf("%d decls, %d errors", len(r.Decls), len(r.Errors))
		}
	}
}

// BenchmarkGenerate scans, checks and emits; the sizes show that time and
// memory grow linearly with the input.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{10000, 20000, 40000} {
		src := synthetic(n)
		b.Run(fmt.Sprintf("decls=%d", n), func(b *testing.B) {
			d, _ := dialect.Lookup("qemu")
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			var out int
			for i := 0; i < b.N; i++ {
				res := gen.Generate(gen.Options{Dialect: d}, []gen.Input{{Path: "f.h", Data: src}})
				if res.Failed() {
					b.Fatal(res.Diags[0])
				}
				out = len(res.Output)
			}
			b.ReportMetric(float64(out), "out-bytes")
		})
	}
}
