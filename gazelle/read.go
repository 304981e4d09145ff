package gazelle

import (
	"bytes"
	"errors"
	"os"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/walk"
	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Every .h and .c file of the tree must be read to find the few that hold
// marks: with nothing else to do per file, that reading is most of what the
// extension costs (bench/gazelle/README.md). GenerateRules reads the files
// of its directory, as Gazelle's own languages do: nothing is read when a
// directory is configured, nor ahead of the walk.

// maxFileSize bounds what is read of one file, so that no input (a huge
// generated file, one that grows while read) can exhaust memory: a larger
// file is reported as unreadable, as a device or FIFO is without being
// read. It is the generator's bound, so that Gazelle lists no file the
// build refuses.
const maxFileSize = check.MaxInput

var errNotRegular = errors.New("not a regular file")

// scanned is what readMarked found in one directory.
type scanned struct {
	marked map[string][]byte // the contents of the files that contain a needle
	errs   map[string]error  // the files that could not be read
}

// readMarked reads the C files among files (names relative to dir) and
// returns the contents of those that contain one of needles, and the
// errors.
func readMarked(dir string, files []string, needles [][]byte) scanned {
	s := scanned{marked: map[string][]byte{}, errs: map[string]error{}}
	files = cFiles(files)
	if len(files) == 0 {
		return s
	}
	buf := make([]byte, 32<<10)
	d := openDir(dir)
	defer d.close()
	for _, f := range files {
		var src []byte
		var err error
		src, buf, err = d.readFile(f, buf)
		if err != nil {
			s.errs[f] = err
		} else if scan.ContainsAny(src, needles) {
			s.marked[f] = bytes.Clone(src)
		}
	}
	return s
}

// dirInfo is walk.GetDirInfo, which panics outside a walk (as when a
// command other than update or fix configures a directory).
func dirInfo(rel string) (di walk.DirInfo, err error) {
	defer func() {
		if recover() != nil {
			err = os.ErrNotExist
		}
	}()
	return walk.GetDirInfo(rel)
}

func isC(name string) bool { return strings.HasSuffix(name, ".h") || strings.HasSuffix(name, ".c") }

// cFiles returns the C files among files.
func cFiles(files []string) []string {
	var out []string
	for _, f := range files {
		if isC(f) {
			out = append(out, f)
		}
	}
	return out
}
