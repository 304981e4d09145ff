package bench

import (
	"fmt"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/internal/shapes"
)

// BenchmarkShapes checks each input shape that once took quadratic time
// (internal/shapes) at N and 4N, strict mode: ns/unit staying flat shows
// linear time (gen/check's TestLinearSteps requires it by counting steps).
func BenchmarkShapes(b *testing.B) {
	d, err := dialect.Lookup("qemu-10.2")
	if err != nil {
		b.Fatal(err)
	}
	for _, sh := range shapes.All {
		for _, n := range []int{20000, 80000} {
			b.Run(fmt.Sprintf("%s/n=%d", sh.Name, n), func(b *testing.B) {
				in := []gen.Input{{Path: "in.h", Data: sh.Make(n)}}
				b.SetBytes(int64(len(in[0].Data)))
				b.ReportAllocs()
				for b.Loop() {
					gen.Check(gen.Options{Dialect: d}, in)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/unit")
			})
		}
	}
}
