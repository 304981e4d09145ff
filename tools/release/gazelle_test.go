package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestCopyTree copies directories and regular files, leaves vendor/ out, and fails on any
// other kind of file, naming it: the module cache holds no other kind.
func TestCopyTree(t *testing.T) {
	src := t.TempDir()
	for name, data := range map[string]string{
		"LICENSE":               "Apache\n",
		"cmd/gazelle/main.go":   "package main\n",
		"vendor/modules.txt":    "# vendored\n",
		"language/go/vendor.go": "package golang\n",
	} {
		path := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o444); err != nil {
			t.Fatal(err)
		}
	}
	dst := t.TempDir()
	if err := copyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"LICENSE", "cmd/gazelle/main.go", "language/go/vendor.go"} {
		want, _ := os.ReadFile(filepath.Join(src, name))
		got, err := os.ReadFile(filepath.Join(dst, name))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: copied %q, %v; want %q", name, got, err, want)
		}
		if fi, err := os.Stat(filepath.Join(dst, name)); err == nil && fi.Mode().Perm()&0o200 == 0 {
			t.Errorf("%s: copy not writable (%v): the patch cannot change it", name, fi.Mode())
		}
	}
	if _, err := os.Stat(filepath.Join(dst, "vendor")); !os.IsNotExist(err) {
		t.Errorf("vendor/ copied (%v)", err)
	}

	for kind, mk := range map[string]func(path string) error{
		"named pipe":    func(path string) error { return syscall.Mkfifo(path, 0o644) },
		"symbolic link": func(path string) error { return os.Symlink("main.go", path) },
	} {
		path := filepath.Join(src, "cmd/gazelle/odd")
		if err := mk(path); err != nil {
			t.Fatal(err)
		}
		err := copyTree(src, t.TempDir())
		if err == nil || !strings.HasPrefix(err.Error(), path+": mode ") {
			t.Errorf("a %s in the tree: error %v, want one naming %s", kind, err, path)
		}
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
	}
}
