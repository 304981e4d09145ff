package gazelle

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/bench/synth"
	"github.com/cowrap/rules_cowrap/gen/check"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("x"), 100)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "a.h"), big, 0o644)
	d := openDir(dir)
	defer d.close()
	got, buf, err := d.readFile("sub/a.h", make([]byte, 8))
	if !bytes.Equal(got, big) || len(buf) < 100 || err != nil {
		t.Errorf("readFile: %d bytes, buffer %d, %v", len(got), len(buf), err)
	}
	if got, _, err := d.readFile("missing.h", buf); got != nil || err == nil {
		t.Errorf("readFile(missing.h) = %q, %v", got, err)
	}
	gone := openDir(filepath.Join(dir, "missing"))
	defer gone.close()
	if got, _, err := gone.readFile("a.h", buf); got != nil || err == nil {
		t.Errorf("readFile in a missing directory = %q, %v", got, err)
	}
	// A directory cannot be read as a file: an error, not an empty file.
	if got, _, err := d.readFile("sub", buf); got != nil || err == nil {
		t.Errorf("readFile(sub) = %q, %v", got, err)
	}
}

// TestReadBound: a regular file of check.MaxInput bytes is read, one byte
// more is refused, as the generator's CLI refuses it (its fault test "a
// regular input over 64 MiB is refused").
func TestReadBound(t *testing.T) {
	dir := t.TempDir()
	d := openDir(dir)
	defer d.close()
	for name, size := range map[string]int64{"max.h": check.MaxInput, "over.h": check.MaxInput + 1} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil { // sparse
			t.Fatal(err)
		}
		got, _, err := d.readFile(name, nil)
		if size <= check.MaxInput && (int64(len(got)) != size || err != nil) {
			t.Errorf("readFile(%s): %d bytes, %v; want %d bytes, no error", name, len(got), err, size)
		}
		if size > check.MaxInput && (got != nil || !errors.Is(err, check.ErrTooLarge)) {
			t.Errorf("readFile(%s): %d bytes, %v; want the error %v", name, len(got), err, check.ErrTooLarge)
		}
	}
}

// TestReadMarked checks that readMarked finds the C files with a needle,
// and only those (other marks, non-C files), with each file's own contents,
// and reports the files that cannot be read with their path.
func TestReadMarked(t *testing.T) {
	root := t.TempDir()
	needles := [][]byte{[]byte("co_wrapper")}
	type want struct {
		marked []string
		errs   []string
	}
	var rels []string
	files := map[string][]string{}
	wants := map[string]want{}
	for i := 0; i < 60; i++ {
		rel := fmt.Sprintf("d%02d", i)
		dir := filepath.Join(root, rel)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		names := []string{"BUILD.bazel", "README.md"}
		var w want
		for k := 0; k < 8; k++ {
			name := fmt.Sprintf("f%d.%c", k, "hc"[k%2])
			src := fmt.Sprintf("/* %s/%s */\nint coroutine_fn f%d(void);\n", rel, name, k)
			switch {
			case k%3 == 0:
				src += "int co_wrapper g(void);\n"
				w.marked = append(w.marked, name)
			case k%4 == 1:
				src += "int other_mark h(void);\n"
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			names = append(names, name)
		}
		os.WriteFile(filepath.Join(dir, "README.md"), []byte("co_wrapper, but not a C file"), 0o644)
		if i%5 == 0 { // a dangling symlink: ENOENT
			os.Symlink("missing.h", filepath.Join(dir, "broken.h"))
			names = append(names, "broken.h")
			w.errs = append(w.errs, "broken.h")
		}
		if i%7 == 0 { // a symlink to a directory, which the walk lists as a file: EISDIR
			os.Symlink(".", filepath.Join(dir, "self.h"))
			names = append(names, "self.h")
			w.errs = append(w.errs, "self.h")
		}
		sort.Strings(names)
		sort.Strings(w.errs)
		rels = append(rels, rel)
		files[rel] = names
		wants[rel] = w
	}
	check := func(rel string, got scanned) {
		w := wants[rel]
		var marked, errs []string
		for f, src := range got.marked {
			marked = append(marked, f)
			if !bytes.Contains(src, []byte("/* "+rel+"/"+f+" */")) {
				t.Errorf("%s/%s: contents of another file: %q", rel, f, src)
			}
		}
		for f, err := range got.errs {
			errs = append(errs, f)
			if !strings.Contains(err.Error(), filepath.Join(root, rel, f)) {
				t.Errorf("%s/%s: the error does not name the file: %v", rel, f, err)
			}
		}
		sort.Strings(marked)
		sort.Strings(errs)
		if !reflect.DeepEqual(marked, w.marked) || !reflect.DeepEqual(errs, w.errs) {
			t.Errorf("%s: marked %q, errors %q; want %q, %q", rel, marked, errs, w.marked, w.errs)
		}
	}
	for _, rel := range rels {
		check(rel, readMarked(filepath.Join(root, rel), files[rel], needles))
	}
}

// TestUnreadableFile: a C file that cannot be read is reported with its
// path and the error, under every cowrap_errors policy, and fails the run
// under error.
func TestUnreadableFile(t *testing.T) {
	for policy, wantCode := range map[string]int{"ignore": 0, "warn": 0, "error": 1} {
		t.Run(policy, func(t *testing.T) {
			ws := t.TempDir()
			os.WriteFile(filepath.Join(ws, "MODULE.bazel"), nil, 0o644)
			os.WriteFile(filepath.Join(ws, "BUILD.bazel"), []byte("# gazelle:cowrap_errors "+policy+"\n"), 0o644)
			os.MkdirAll(filepath.Join(ws, "pkg"), 0o755)
			os.WriteFile(filepath.Join(ws, "pkg", "a.h"), []byte("int co_wrapper bdrv_flush(BlockDriverState *bs);\n"), 0o644)
			os.Symlink("missing.h", filepath.Join(ws, "pkg", "broken.h"))
			stderr, code := runUpdate(t, ws, false)
			kind := "warning"
			if policy == "error" {
				kind = "error"
			}
			want := "gazelle: cowrap: " + kind + ": pkg/broken.h: cannot read it, so it is not in //pkg:pkg_cowrap: open " +
				filepath.Join(ws, "pkg", "broken.h") + ": no such file or directory\n"
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr:\n%s\nwant it to hold:\n%s", stderr, want)
			}
			if code != wantCode {
				t.Errorf("exit code %d, want %d", code, wantCode)
			}
			build, err := os.ReadFile(filepath.Join(ws, "pkg", "BUILD.bazel"))
			if wantCode == 0 && (err != nil || !bytes.Contains(build, []byte(`srcs = ["a.h"]`))) {
				t.Errorf("pkg/BUILD.bazel: %v\n%s\nwant srcs = [\"a.h\"]", err, build)
			}
		})
	}
}

// TestUnlistedFiles: a marked file Gazelle cannot list (a link to a device,
// a name the rule's #include check rejects, a name that is not UTF-8, a
// declaration hidden by an unterminated comment) is
// reported whatever cowrap_errors says, and is never in srcs; the good file
// of the package still is.
func TestUnlistedFiles(t *testing.T) {
	const decl = "int co_wrapper bdrv_flush%d(BlockDriverState *bs);\n"
	for policy, wantCode := range map[string]int{"ignore": 0, "warn": 0, "error": 1} {
		t.Run(policy, func(t *testing.T) {
			ws := t.TempDir()
			pkg := filepath.Join(ws, "pkg")
			os.MkdirAll(pkg, 0o755)
			os.WriteFile(filepath.Join(ws, "MODULE.bazel"), nil, 0o644)
			os.WriteFile(filepath.Join(ws, "BUILD.bazel"), []byte("# gazelle:cowrap_errors "+policy+"\n"), 0o644)
			for i, name := range []string{"a.h", "with space.h", "q\"uote.h", "caf\xe9.h"} {
				os.WriteFile(filepath.Join(pkg, name), fmt.Appendf(nil, decl, i), 0o644)
			}
			os.Symlink("/dev/zero", filepath.Join(pkg, "zero.h"))
			os.WriteFile(filepath.Join(pkg, "hidden.h"), fmt.Appendf(nil, "/* a comment not closed\n"+decl, 9), 0o644)
			stderr, code := runUpdate(t, ws, false)
			kind := "warning"
			if policy == "error" {
				kind = "error"
			}
			for _, want := range []string{
				`pkg/with space.h: not in //pkg:pkg_cowrap: bad #include value "pkg/with space.h": contains white space`,
				`pkg/q"uote.h: not in //pkg:pkg_cowrap: bad #include value "pkg/q\"uote.h": contains a quote or backslash`,
				`"pkg/caf\xe9.h": not in //pkg:pkg_cowrap: its name is not UTF-8, which a BUILD file cannot hold`,
				"pkg/zero.h: cannot read it, so it is not in //pkg:pkg_cowrap: read " + filepath.Join(pkg, "zero.h") + ": not a regular file",
				"pkg/hidden.h:1:1: unterminated /* comment; so it is not in //pkg:pkg_cowrap",
			} {
				if !strings.Contains(stderr, "gazelle: cowrap: "+kind+": "+want) {
					t.Errorf("stderr:\n%s\nwant it to hold:\n%s", stderr, want)
				}
			}
			if code != wantCode {
				t.Errorf("exit code %d, want %d", code, wantCode)
			}
			build, err := os.ReadFile(filepath.Join(pkg, "BUILD.bazel"))
			if wantCode == 0 && (err != nil || !bytes.Contains(build, []byte(`srcs = ["a.h"]`))) {
				t.Errorf("pkg/BUILD.bazel: %v\n%s\nwant srcs = [\"a.h\"]", err, build)
			}
		})
	}
}

// BenchmarkUpdate times an in-process `gazelle update` with this language
// over bench/synth's tree (20,000 C files, 1 % marked; BUILD files already
// written). bench/gazelle/README.md has the figures.
func BenchmarkUpdate(b *testing.B) {
	ws, _ := synthWorkspace(b)
	runUpdate(b, ws, false) // write the BUILD files: the steady state
	for b.Loop() {
		if _, code := runUpdate(b, ws, false); code != 0 {
			b.Fatalf("exit code %d", code)
		}
	}
}

// synthWorkspace writes bench/synth's tree of 20,000 C files (100 per
// directory, 1 % marked) into a new workspace, and returns it and its
// directories' files.
func synthWorkspace(b *testing.B) (ws string, dirs map[string][]string) {
	files, err := synth.Tree(synth.TreeConfig{Files: 20000, PerDir: 100, Marked: 100})
	if err != nil {
		b.Fatal(err)
	}
	ws = b.TempDir()
	os.WriteFile(filepath.Join(ws, "MODULE.bazel"), nil, 0o644)
	dirs = map[string][]string{}
	for _, f := range files {
		p := filepath.Join(ws, filepath.FromSlash(f.Name))
		dirs[filepath.Dir(p)] = append(dirs[filepath.Dir(p)], filepath.Base(p))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return ws, dirs
}
