//go:build !linux

package gazelle

import (
	"io"
	"os"
	"path/filepath"

	"github.com/cowrap/rules_cowrap/gen/check"
)

// dirHandle reads the files of one directory (see read_linux.go).
type dirHandle struct{ path string }

func openDir(path string) dirHandle { return dirHandle{path} }

func (d dirHandle) close() {}

// readFile reads the file called name (slash-separated, relative to the
// directory) into buf, growing it as needed. It returns the contents (nil on
// error), the buffer to reuse and the error.
func (d dirHandle) readFile(name string, buf []byte) ([]byte, []byte, error) {
	path := filepath.Join(d.path, filepath.FromSlash(name))
	// Opening a FIFO named like a C file would block the run; without
	// O_NONBLOCK everywhere, stat first.
	if st, err := os.Stat(path); err != nil {
		return nil, buf, err
	} else if !st.Mode().IsRegular() {
		return nil, buf, &os.PathError{Op: "read", Path: path, Err: errNotRegular}
	} else if st.Size() > maxFileSize {
		return nil, buf, &os.PathError{Op: "read", Path: path, Err: check.ErrTooLarge}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, buf, err
	}
	defer f.Close()
	n := 0
	for {
		if n > maxFileSize { // it grew since the stat
			return nil, buf, &os.PathError{Op: "read", Path: path, Err: check.ErrTooLarge}
		}
		if n == len(buf) {
			buf = append(buf, make([]byte, min(len(buf)+1, maxFileSize+1-n))...)
		}
		k, err := f.Read(buf[n:])
		n += k
		if err == io.EOF || err == nil && k == 0 {
			return buf[:n], buf, nil
		}
		if err != nil {
			return nil, buf, err
		}
	}
}
