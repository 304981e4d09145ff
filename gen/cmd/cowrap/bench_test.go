package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cowrap/rules_cowrap/bench/synth"
)

// BenchmarkCLI runs the command itself, as a build does: read the synthetic
// headers of bench/synth from files, check them and write the output file.
// The issue 7 goal is 20 times QEMU v10.2.0's script at 44,000 wrappers
// (bench/README.md has the figures); profile it with
// go test ./gen/cmd/cowrap -run XXX -bench CLI -cpuprofile cpu.out
func BenchmarkCLI(b *testing.B) {
	for _, n := range []int{44000} {
		b.Run("qemu-10.2/decls="+strconv.Itoa(n), func(b *testing.B) {
			files, err := synth.Generate(synth.Config{Dialect: "b", Decls: n, Files: 4, Filler: 3, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			args := []string{"-dialect", "qemu-10.2", "-o", filepath.Join(dir, "out.c")}
			size := 0
			for _, f := range files {
				p := filepath.Join(dir, f.Name)
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					b.Fatal(err)
				}
				args = append(args, p)
				size += len(f.Data)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if code := run(args, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/decl")
		})
	}
}
