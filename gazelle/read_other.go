//go:build !unix

package gazelle

import "os"

// readInto reads a file and returns the contents (nil on error) and buf.
func readInto(name string, buf []byte) ([]byte, []byte) {
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, buf
	}
	return src, buf
}
