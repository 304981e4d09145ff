// End-to-end benchmarks of the generator (scan, check and emit) on the
// synthetic headers of bench/synth, the in-process counterpart of
// bench/compare.sh: go test ./bench -bench . -benchmem
package bench

import (
	"fmt"
	"testing"

	"github.com/cowrap/rules_cowrap/bench/synth"
	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

func inputs(tb testing.TB, fam string, decls int) ([]gen.Input, int) {
	tb.Helper()
	files, err := synth.Generate(synth.Config{Dialect: fam, Decls: decls, Files: 4, Filler: 3, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	var in []gen.Input
	size := 0
	for _, f := range files {
		in = append(in, gen.Input{Path: f.Name, Data: f.Data})
		size += len(f.Data)
	}
	return in, size
}

// dialects pairs each synth family with the release bench/compare.sh uses.
var dialects = []struct{ fam, name string }{{"b", "qemu-10.2"}, {"a", "qemu-6.2"}}

// TestSynthAccepted checks that cowrap wraps every synthetic declaration
// without a finding, in every dialect (scripts/verify-qemu.sh checks the
// output against each release's own script).
func TestSynthAccepted(t *testing.T) {
	for _, d := range dialect.All() {
		fam, err := synth.ForFamily(d.ID)
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		in, _ := inputs(t, fam, 500)
		p := gen.Check(gen.Options{Dialect: d}, in)
		if p.Failed() || len(p.Diags) != 0 || p.Wrappers != 500 {
			t.Errorf("%s: %d wrappers, diags %v; want 500 and none", d.Name, p.Wrappers, p.Diags)
		}
	}
}

// BenchmarkGenerate runs what the CLI runs, gen.Write (checking and
// writing overlapped), writing to io.Discard instead of a file. It reports
// throughput in input MB/s and ns per declaration; ns/decl staying flat
// across sizes shows linear time.
func BenchmarkGenerate(b *testing.B) {
	for _, dd := range dialects {
		d, err := dialect.Lookup(dd.name)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{10000, 20000, 40000} {
			b.Run(fmt.Sprintf("%s/decls=%d", dd.name, n), func(b *testing.B) {
				in, size := inputs(b, dd.fam, n)
				b.SetBytes(int64(size))
				b.ReportAllocs()
				var out counter
				for b.Loop() {
					out = 0
					p, err := gen.Write(gen.Options{Dialect: d}, in, &out)
					if p.Failed() || p.Wrappers != n || err != nil {
						b.Fatalf("%d wrappers, diags %v, error %v", p.Wrappers, p.Diags, err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/decl")
				b.ReportMetric(float64(out), "out-bytes")
			})
		}
	}
}

// counter is io.Discard that counts the bytes.
type counter int64

func (c *counter) Write(p []byte) (int, error) { *c += counter(len(p)); return len(p), nil }

// BenchmarkScan is the scanner alone (gen/scan), on the 20k-declaration input.
func BenchmarkScan(b *testing.B) {
	in, size := inputs(b, "b", 20000)
	marks := dialect.All()[len(dialect.All())-1].ScanMarks()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, f := range in {
			n += len(scan.File(f.Path, f.Data, marks).Decls)
		}
		if n != 20000 {
			b.Fatalf("%d declarations, want 20000", n)
		}
	}
}
