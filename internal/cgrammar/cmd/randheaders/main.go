// Command randheaders writes random headers from internal/cgrammar for
// the differential test against QEMU's scripts (scripts/differential-qemu.sh).
//
//	randheaders -dialect qemu-8.2 -n 20 -seed 1 -o DIR
//
// It writes DIR/caseN.h for N in 0..n-1, and for odd N also DIR/caseN-b.h,
// a second input of the same case, and prints each case's inputs on a line.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/internal/cgrammar"
)

func main() {
	name := flag.String("dialect", dialect.Default, "dialect to write declarations for")
	n := flag.Int("n", 10, "number of cases")
	seed := flag.Int64("seed", 1, "seed of the first case; case N uses seed+N")
	out := flag.String("o", ".", "directory to write into")
	flag.Parse()
	d, err := dialect.Lookup(*name)
	if err == nil {
		err = os.MkdirAll(*out, 0o755)
	}
	for i := 0; err == nil && i < *n; i++ {
		r := rand.New(rand.NewSource(*seed + int64(i)))
		files := []string{filepath.Join(*out, fmt.Sprintf("case%d.h", i))}
		if i%2 == 1 {
			files = append(files, filepath.Join(*out, fmt.Sprintf("case%d-b.h", i)))
		}
		for _, f := range files {
			if err = os.WriteFile(f, cgrammar.Header(r, d), 0o644); err != nil {
				break
			}
		}
		fmt.Println(strings.Join(files, " "))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "randheaders:", err)
		os.Exit(1)
	}
}
