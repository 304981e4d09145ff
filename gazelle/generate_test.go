package gazelle

import (
	"context"
	"os"
	"reflect"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

func TestOwnedRules(t *testing.T) {
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
	name, owned := (&cowrapLang{}).ruleName(c, newConfig(), "pkg", f)
	for _, r := range owned {
		names = append(names, r.Name())
	}
	if got, want := names, []string{"local", "mapped"}; !reflect.DeepEqual(got, want) {
		t.Errorf("owned rules %q, want %q", got, want)
	}
	if name != "local" {
		t.Errorf("generated rule name %q, want the first owned rule's, local", name)
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
	l.report(policyError, "an error")
	l.AfterResolvingDeps(context.Background())
	if code != 1 {
		t.Errorf("an error under cowrap_errors=error: exit %d, want 1", code)
	}
	if l.errs != 1 {
		t.Errorf("a message printed twice counts %d errors, want 1 (printed once)", l.errs)
	}
}
