// Package golden reads the generator's golden cases, gen/testdata/golden/<case>/
// (its README.md says what each holds): the dialect file names the dialect,
// the inputs file lists the input headers in argv order. gen's TestGolden and
// gen/internal/ctest find them here; scripts/verify-fixtures.sh reads the
// same two files.
package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// Case is one golden case.
type Case struct {
	Name    string // the directory's name
	Dir     string
	Dialect *dialect.Dialect
	Inputs  []string // relative to Dir, in argv order
}

// Cases returns the cases under root (a directory holding one directory per
// case, each with a dialect file), in name order.
func Cases(root string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(root, "*", "dialect"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no golden case (a directory with a dialect file)", root)
	}
	var cases []Case
	for _, f := range files {
		c, err := read(filepath.Dir(f))
		if err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	return cases, nil
}

func read(dir string) (Case, error) {
	name, err := os.ReadFile(filepath.Join(dir, "dialect"))
	if err != nil {
		return Case{}, err
	}
	d, err := dialect.Lookup(strings.TrimSpace(string(name)))
	if err != nil {
		return Case{}, fmt.Errorf("%s: %v", filepath.Join(dir, "dialect"), err)
	}
	in, err := os.ReadFile(filepath.Join(dir, "inputs"))
	if err != nil {
		return Case{}, fmt.Errorf("%v (a golden case lists its input headers in argv order in an inputs file)", err)
	}
	inputs := strings.Fields(string(in))
	if len(inputs) == 0 {
		return Case{}, fmt.Errorf("%s: empty: want the input headers in argv order", filepath.Join(dir, "inputs"))
	}
	return Case{Name: filepath.Base(dir), Dir: dir, Dialect: d, Inputs: inputs}, nil
}
