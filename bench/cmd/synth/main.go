// Command synth writes large synthetic block-layer headers (see package
// bench/synth) for benchmarking cowrap against QEMU's script.
//
// Usage: synth -dialect a|a1|a2|b|b1|A1…B4 -decls N [-files K] [-filler F] [-seed S] -o DIR
// writes DIR/synth_00.h ... and prints their paths, one a line.
// synth -tree N [-per-dir D] [-marked M] -o DIR writes the C source tree of N files that
// bench/gazelle/run.sh times Gazelle on (synth.Tree), and prints nothing.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cowrap/rules_cowrap/bench/synth"
)

func main() {
	var cfg synth.Config
	flag.StringVar(&cfg.Dialect, "dialect", "b", "a (generated_co_wrapper, QEMU 6.2-7.2), a1 (5.2, 6.0), a2 (6.1), b (co_wrapper family, 8.2+), b1 (8.0, 8.1), or a QEMU script family A1 … B4 (cowrap -list-dialects)")
	flag.IntVar(&cfg.Decls, "decls", 10000, "number of marked declarations in total")
	flag.IntVar(&cfg.Files, "files", 4, "number of headers to spread them over")
	flag.IntVar(&cfg.Filler, "filler", 3, "average pieces of unmarked filler per declaration")
	flag.Uint64Var(&cfg.Seed, "seed", 1, "random seed (output is deterministic per seed)")
	var tree synth.TreeConfig
	flag.IntVar(&tree.Files, "tree", 0, "write a source tree of this many .h and .c files instead (bench/gazelle)")
	flag.IntVar(&tree.PerDir, "per-dir", 100, "with -tree: files per directory")
	flag.IntVar(&tree.Marked, "marked", 100, "with -tree: one file in this many holds a marked declaration")
	out := flag.String("o", "", "output directory")
	flag.Parse()
	var files []synth.File
	var err error
	if d, ferr := synth.ForFamily(cfg.Dialect); ferr == nil {
		cfg.Dialect = d
	}
	if tree.Files > 0 {
		files, err = synth.Tree(tree)
	} else {
		files, err = synth.Generate(cfg)
	}
	if *out == "" || err != nil {
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		flag.Usage()
		os.Exit(2)
	}
	for _, f := range files {
		path := filepath.Join(*out, filepath.FromSlash(f.Name))
		err := os.MkdirAll(filepath.Dir(path), 0o755)
		if err == nil {
			err = os.WriteFile(path, f.Data, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if tree.Files == 0 {
			fmt.Println(path)
		}
	}
}
