//go:build !linux

package gazelle

import (
	"os"
	"path/filepath"
)

// dirHandle reads the files of one directory (see read_linux.go).
type dirHandle struct{ path string }

func openDir(path string) dirHandle { return dirHandle{path} }

func (d dirHandle) close() {}

// readFile reads the file called name (slash-separated, relative to the
// directory) into buf, growing it as needed. It returns the contents (nil on
// error) and the buffer to reuse.
func (d dirHandle) readFile(name string, buf []byte) ([]byte, []byte) {
	f, err := os.Open(filepath.Join(d.path, filepath.FromSlash(name)))
	if err != nil {
		return nil, buf
	}
	defer f.Close()
	n := 0
	for {
		if n == len(buf) {
			buf = append(buf, make([]byte, len(buf)+1)...)
		}
		k, err := f.Read(buf[n:])
		n += k
		if err != nil || k == 0 {
			return buf[:n], buf
		}
	}
}
