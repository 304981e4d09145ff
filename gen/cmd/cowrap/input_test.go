package main

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// readInput maps regular files (on Linux) and reads everything else; either
// way the data is the file's bytes.
func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("int co_wrapper bdrv_x(BlockDriverState *bs);\n", 2000)
	for name, text := range map[string]string{"big.h": big, "small.h": "x\n", "empty.h": ""} {
		p := filepath.Join(dir, name)
		write(t, p, text)
		data, release, err := readInput(p)
		if err != nil || string(data) != text {
			t.Errorf("%s: %d bytes, error %v; want %d bytes", name, len(data), err, len(text))
		}
		if release != nil {
			release()
		}
	}
	if _, _, err := readInput(filepath.Join(dir, "missing.h")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: error %v, want not exist", err)
	}
	if _, _, err := readInput(dir); err == nil {
		t.Errorf("a directory: no error")
	}
}
