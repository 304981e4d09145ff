package main

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// readInput returns a file's bytes, whatever its size.
func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("int co_wrapper bdrv_x(BlockDriverState *bs);\n", 2000)
	for name, text := range map[string]string{"big.h": big, "small.h": "x\n", "empty.h": ""} {
		p := filepath.Join(dir, name)
		write(t, p, text)
		in, err := readInput(p)
		if err != nil || string(in.data) != text {
			t.Fatalf("%s: %v, want %d bytes", name, err, len(text))
		}
		if err := in.changed(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		write(t, p, text+"more")
		if err := in.changed(); err == nil || !strings.Contains(err.Error(), "changed while cowrap ran") {
			t.Errorf("%s rewritten: changed() = %v", name, err)
		}
		in.close()
	}
	if _, err := readInput(filepath.Join(dir, "missing.h")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: error %v, want not exist", err)
	}
	if _, err := readInput(dir); err == nil {
		t.Errorf("a directory: no error")
	}
}
