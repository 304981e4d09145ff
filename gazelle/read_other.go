//go:build !linux

package gazelle

import (
	"io"
	"os"
	"path/filepath"
)

// dirHandle reads the files of one directory (see read_linux.go).
type dirHandle struct{ path string }

func openDir(path string) dirHandle { return dirHandle{path} }

func (d dirHandle) close() {}

// readFile reads the file called name (slash-separated, relative to the
// directory) into buf, growing it as needed. It returns the contents (nil on
// error), the buffer to reuse and the error.
func (d dirHandle) readFile(name string, buf []byte) ([]byte, []byte, error) {
	f, err := os.Open(filepath.Join(d.path, filepath.FromSlash(name)))
	if err != nil {
		return nil, buf, err
	}
	defer f.Close()
	n := 0
	for {
		if n == len(buf) {
			buf = append(buf, make([]byte, len(buf)+1)...)
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
