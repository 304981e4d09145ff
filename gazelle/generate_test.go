package gazelle

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

func TestEmptyRules(t *testing.T) {
	f, err := rule.LoadData("BUILD.bazel", "pkg", []byte(`
cowrap_library(name = "local", srcs = ["a.h", ":b.h"])
cowrap_library(name = "labels", srcs = ["//other:a.h"])
cowrap_library(name = "globbed", srcs = glob(["*.h"]))
# keep
cowrap_library(name = "kept", srcs = ["a.h"])
my_cowrap(name = "mapped", srcs = ["a.h"])
cc_library(name = "cc", srcs = ["a.h"])
`))
	if err != nil {
		t.Fatal(err)
	}
	c := config.New()
	c.KindMap = map[string]config.MappedKind{cowrapLibrary: {FromKind: cowrapLibrary, KindName: "my_cowrap"}}
	var names []string
	for _, r := range emptyRules(c, f) {
		if r.Kind() != cowrapLibrary {
			t.Errorf("empty rule %s has kind %s", r.Name(), r.Kind())
		}
		names = append(names, r.Name())
	}
	if got, want := names, []string{"local", "mapped"}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("empty rules %q, want %q", got, want)
	}
}

func TestApparentLoads(t *testing.T) {
	l := &cowrapLang{}
	for repo, want := range map[string]string{"": "@rules_cowrap//rules:defs.bzl", "cw": "@cw//rules:defs.bzl"} {
		loads := l.ApparentLoads(func(m string) string {
			if m == moduleName {
				return repo
			}
			return ""
		})
		if len(loads) != 1 || loads[0].Name != want || loads[0].Symbols[0] != cowrapLibrary {
			t.Errorf("apparent name %q: loads %+v, want %s", repo, loads, want)
		}
	}
}

func TestMarked(t *testing.T) {
	cc := newConfig()
	cc.errors = policyError
	l := &cowrapLang{}
	for src, want := range map[string]bool{
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\n": true,
		"int co_wrapper bdrv_bad(BlockDriverState *bs) ;\n":  false, // rejected by the grammar
		"/* co_wrapper */\n#define co_wrapper\n":             false,
	} {
		if got := l.marked(cc, "x.h", []byte(src)); got != want {
			t.Errorf("marked(%q) = %v, want %v", src, got, want)
		}
	}
	if l.errs != 1 {
		t.Errorf("%d errors counted, want 1 (the rejected declaration)", l.errs)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("x"), 100)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "a.h"), big, 0o644)
	d := openDir(dir)
	defer d.close()
	got, buf := d.readFile("sub/a.h", make([]byte, 8))
	if !bytes.Equal(got, big) || len(buf) < 100 {
		t.Errorf("readFile: %d bytes, buffer %d", len(got), len(buf))
	}
	if got, _ := d.readFile("missing.h", buf); got != nil {
		t.Errorf("readFile(missing.h) = %q", got)
	}
	gone := openDir(filepath.Join(dir, "missing"))
	defer gone.close()
	if got, _ := gone.readFile("a.h", buf); got != nil {
		t.Errorf("readFile in a missing directory = %q", got)
	}
}

func TestErrorPolicyFailsRun(t *testing.T) {
	code := -1
	exit = func(c int) { code = c }
	defer func() { exit = os.Exit }()
	l := &cowrapLang{}
	l.report(policyWarn, "a warning")
	l.report(policyIgnore, "ignored")
	l.AfterResolvingDeps(context.Background())
	if code != -1 {
		t.Fatalf("warnings made the run exit %d", code)
	}
	l.report(policyError, "an error")
	l.AfterResolvingDeps(context.Background())
	if code != 1 {
		t.Errorf("an error under cowrap_errors=error: exit %d, want 1", code)
	}
}
