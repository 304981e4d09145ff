package synth

import (
	"bytes"
	"strings"
	"testing"
)

func TestTree(t *testing.T) {
	files, err := Tree(TreeConfig{Files: 300, PerDir: 100, Marked: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 300 {
		t.Fatalf("got %d files, want 300", len(files))
	}
	dirs, marked := map[string]bool{}, 0
	for _, f := range files {
		dirs[f.Name[:strings.LastIndexByte(f.Name, '/')]] = true
		if bytes.Contains(f.Data, []byte("co_wrapper_mixed ")) {
			marked++
		}
	}
	if len(dirs) != 3 || marked != 3 {
		t.Errorf("got %d directories and %d marked files, want 3 and 3", len(dirs), marked)
	}
	if files[42].Name != "sub00/dir000/file00042.h" || !bytes.Contains(files[42].Data, []byte("bdrv_op42(")) {
		t.Errorf("file 42 is %s, not the marked sub00/dir000/file00042.h", files[42].Name)
	}
	again, _ := Tree(TreeConfig{Files: 300, PerDir: 100, Marked: 100})
	for i := range files {
		if files[i].Name != again[i].Name || !bytes.Equal(files[i].Data, again[i].Data) {
			t.Fatalf("Tree is not deterministic at %s", files[i].Name)
		}
	}
	if _, err := Tree(TreeConfig{Files: 1, PerDir: 0, Marked: 1}); err == nil {
		t.Error("PerDir 0 was accepted")
	}
}
