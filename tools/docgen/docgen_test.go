package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/ok/expected.md (tools/update does)")

// TestGolden documents testdata/ok (a rule, a macro, a provider, a constant,
// re-exports through load, a module extension) and compares the whole output.
func TestGolden(t *testing.T) {
	t.Chdir("testdata/ok")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-repo", "r", "pub/defs.bzl", "pub/ext.bzl"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if *update {
		if err := os.WriteFile("expected.md", stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("expected.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("output differs from testdata/ok/expected.md (tools/update rewrites it):\n%s", stdout.String())
	}
}

// TestErrors: what docgen cannot document is an error at its position, and
// nothing is written.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"no module doc", "x = 1\n", "a.bzl: no module docstring"},
		{"undocumented constant", "\"\"\"Doc.\"\"\"\n\nX = 1\n", "a.bzl:3:1: X: a public name needs a docstring or a comment above it"},
		{"attr without doc", "\"\"\"Doc.\"\"\"\n\nr = rule(implementation = _i, doc = \"R.\", attrs = {\"a\": attr.string()})\n", `a.bzl:3:57: attrs["a"] has no doc`},
		{"rule without doc", "\"\"\"Doc.\"\"\"\n\nr = rule(implementation = _i)\n", "a.bzl:3:5: rule(...) has no doc"},
		{"computed doc", "\"\"\"Doc.\"\"\"\n\nr = rule(implementation = _i, doc = \"%s\" % x)\n", "a.bzl:3:37: want a string literal"},
		{"arg not in Args", "\"\"\"Doc.\"\"\"\n\ndef m(name, srcs):\n    \"\"\"M.\n\n    Args:\n      name: the name.\n    \"\"\"\n    pass\n", "a.bzl:3:1: m: parameter srcs is not in the docstring's Args"},
		{"def without doc", "\"\"\"Doc.\"\"\"\n\ndef m(name):\n    pass\n", "a.bzl:3:1: m: no docstring"},
		{"missing load", "\"\"\"Doc.\"\"\"\n\nload(\":b.bzl\", _x = \"x\")\n\nx = _x\n", "a.bzl:3:1: load(\":b.bzl\"): open b.bzl: no such file or directory (is it in the deps of the file's bzl_library?)"},
		{"unused load", "\"\"\"Doc.\"\"\"\n\nload(\"//sub:b.bzl\", \"y\")\n", "a.bzl:3:1: load(\"//sub:b.bzl\"): open sub/b.bzl"},
		{"other repository", "\"\"\"Doc.\"\"\"\n\nload(\"@other//:b.bzl\", _x = \"x\")\n\nx = _x\n", "a.bzl:3:1: _x comes from another repository (@other//:b.bzl)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if err := os.WriteFile(filepath.Join(".", "a.bzl"), []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"a.bzl"}, &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), tc.want) || stdout.Len() != 0 {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, no output and %q", code, stdout.String(), stderr.String(), tc.want)
			}
		})
	}
}

// TestCleandoc strips a docstring as Python's inspect.cleandoc does.
func TestCleandoc(t *testing.T) {
	got := cleandoc("First.\n\n    More,\n      indented.\n    ")
	if want := "First.\n\nMore,\n  indented."; got != want {
		t.Errorf("cleandoc: %q, want %q", got, want)
	}
}

// TestOutputFile: -o replaces the file when all went well, and leaves it as
// it was (and no temporary file) on an error.
func TestOutputFile(t *testing.T) {
	t.Chdir(t.TempDir())
	write := func(src string) {
		if err := os.WriteFile("a.bzl", []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("\"\"\"Doc.\"\"\"\n\n# One.\nX = 1\n")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-o", "out.md", "a.bzl"}, &stdout, &stderr); code != 0 || stdout.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	good, _ := os.ReadFile("out.md")
	if !strings.Contains(string(good), "### `X`\n") {
		t.Fatalf("out.md:\n%s", good)
	}
	write("\"\"\"Doc.\"\"\"\n\nX = 1\n")
	if code := run([]string{"-o", "out.md", "a.bzl"}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d on an undocumented constant, want 1", code)
	}
	if now, _ := os.ReadFile("out.md"); !bytes.Equal(now, good) {
		t.Errorf("out.md changed on an error:\n%s", now)
	}
	if left, _ := filepath.Glob(".out.md.tmp-*"); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
