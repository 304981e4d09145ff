package gazelle

import (
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
	dir := t.TempDir()
	files := map[string]string{
		"good.h":    "int co_wrapper bdrv_flush(BlockDriverState *bs);\n",
		"bad.h":     "int co_wrapper bdrv_bad(BlockDriverState *bs) ;\n",
		"comment.h": "/* co_wrapper */\n#define co_wrapper\n",
		"none.h":    "int f(void);\n",
	}
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cc := newConfig()
	cc.errors = policyError
	l := &cowrapLang{}
	for n, want := range map[string]bool{"good.h": true, "bad.h": false, "comment.h": false, "none.h": false, "missing.h": false} {
		if got := l.marked(cc, dir, n, n); got != want {
			t.Errorf("marked(%s) = %v, want %v", n, got, want)
		}
	}
	if l.errs != 1 {
		t.Errorf("%d errors counted, want 1 (bad.h)", l.errs)
	}
}
