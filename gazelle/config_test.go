package gazelle

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/cowrap/rules_cowrap/gen/scan"
	"github.com/cowrap/rules_cowrap/internal/readme"
)

func TestParsers(t *testing.T) {
	for _, tc := range []struct {
		name    string
		got     result
		want    any
		wantErr bool
	}{
		{"enabled", parsed(parseEnabled("enabled", false)), true, false},
		{"disabled", parsed(parseEnabled("disabled", true)), false, false},
		{"enabled reset", parsed(parseEnabled("", false)), true, false},
		{"enabled bad keeps old", parsed(parseEnabled("off", false)), false, true},

		{"dialect", parsed(parseDialect("qemu-8.2", "")), "qemu-8.2", false},
		{"dialect reset", parsed(parseDialect("", "qemu-8.2")), "", false},
		{"dialect bad keeps old", parsed(parseDialect("qemu-4.0", "qemu-9.0")), "qemu-9.0", true},

		{"marks", parsed(parseMarks("a=co, b=co_mixed c", nil)), []string{"a=co", "b=co_mixed", "c"}, false},
		{"marks reset", parsed(parseMarks("", []string{"a"})), []string(nil), false},
		{"marks bad kind", parsed(parseMarks("a=sometimes", []string{"x"})), []string{"x"}, true},
		{"marks bad name", parsed(parseMarks("1a", nil)), []string(nil), true},

		{"template absolute", parsed(parseTemplate("//tools:rt.tmpl", "a", label.NoLabel)), label.New("", "tools", "rt.tmpl"), false},
		{"template relative", parsed(parseTemplate("rt.tmpl", "a/b", label.NoLabel)), label.New("", "a/b", "rt.tmpl"), false},
		{"template colon", parsed(parseTemplate(":rt.tmpl", "", label.NoLabel)), label.New("", "", "rt.tmpl"), false},
		{"template other repo", parsed(parseTemplate("@rt//:w.tmpl", "a", label.NoLabel)), label.New("rt", "", "w.tmpl"), false},
		{"template reset", parsed(parseTemplate("", "a", label.New("", "t", "x"))), label.NoLabel, false},
		{"template two", parsed(parseTemplate("a.tmpl b.tmpl", "", label.New("", "t", "x"))), label.New("", "t", "x"), true},
		{"template bad", parsed(parseTemplate("//a:b:c", "", label.NoLabel)), label.NoLabel, true},
		{"template empty name", parsed(parseTemplate("//a:", "", label.NoLabel)), label.NoLabel, true},

		{"naming", parsed(parseNaming("cw_{package}", defaultNaming)), "cw_{package}", false},
		{"naming fixed", parsed(parseNaming("wrappers", defaultNaming)), "wrappers", false},
		{"naming reset", parsed(parseNaming("", "x")), defaultNaming, false},
		{"naming placeholder", parsed(parseNaming("{pkg}", "x")), "x", true},
		{"naming slash", parsed(parseNaming("a/{package}", "x")), "x", true},

		{"includes", parsed(parseIncludes("qemu/osdep.h, <stdio.h> block/x.h")), []string{"qemu/osdep.h", "<stdio.h>", "block/x.h"}, false},
		{"visibility", parsed(parseVisibility("//visibility:public, //a:__pkg__ @r//b:__subpackages__")), []string{"//visibility:public", "//a:__pkg__", "@r//b:__subpackages__"}, false},
		{"visibility reset", parsed(parseVisibility("")), []string(nil), false},
		{"visibility relative", parsed(parseVisibility(":x")), []string(nil), true},
		{"visibility bad", parsed(parseVisibility("public")), []string(nil), true},
		{"includes quote", parsed(parseIncludes(`"a.h"`)), []string(nil), true},
		{"includes absolute", parsed(parseIncludes("/usr/include/a.h")), []string(nil), true},
		{"includes half bracket", parsed(parseIncludes("<a.h")), []string(nil), true},

		{"errors", parsed(parsePolicy("error", policyWarn)), policyError, false},
		{"errors reset", parsed(parsePolicy("", policyIgnore)), policyWarn, false},
		{"errors bad", parsed(parsePolicy("loud", policyIgnore)), policyIgnore, true},
	} {
		if !reflect.DeepEqual(tc.got.v, tc.want) || (tc.got.err != nil) != tc.wantErr {
			t.Errorf("%s: got %#v, %v; want %#v, error %v", tc.name, tc.got.v, tc.got.err, tc.want, tc.wantErr)
		}
	}
}

// result is what a parser returned, from one call.
type result struct {
	v   any
	err error
}

func parsed[T any](v T, err error) result { return result{v, err} }

func TestTargetName(t *testing.T) {
	for _, tc := range []struct{ pattern, rel, repo, want string }{
		{defaultNaming, "include/block", "", "block_cowrap"},
		{defaultNaming, "", "myrepo", "myrepo_cowrap"},
		{defaultNaming, "", "", "root_cowrap"},
		{"cw_{package}", "a", "", "cw_a"},
		{"wrappers", "a/b", "", "wrappers"},
	} {
		if got := targetName(tc.pattern, tc.rel, tc.repo); got != tc.want {
			t.Errorf("targetName(%q, %q, %q) = %q, want %q", tc.pattern, tc.rel, tc.repo, got, tc.want)
		}
	}
}

func TestDeriveMarks(t *testing.T) {
	cc := newConfig()
	if !scan.ContainsAny([]byte("int co_wrapper_mixed f(void);"), cc.needles) || scan.ContainsAny([]byte("int f(void);"), cc.needles) {
		t.Errorf("QEMU needles %q", cc.needles)
	}
	cc.marks = []string{"my_co=co", "my_bh=no_co"}
	cc.derive()
	if !scan.ContainsAny([]byte("int my_bh f(void);"), cc.needles) || !scan.ContainsAny([]byte("int my_co f(void);"), cc.needles) {
		t.Errorf("custom needles %q", cc.needles)
	}
	if scan.ContainsAny([]byte("int co_wrapper f(void);"), cc.needles) {
		t.Errorf("QEMU mark matched custom needles %q", cc.needles)
	}
	if got := cc.headers(); len(got) == 0 || got[0] != "qemu/osdep.h" {
		t.Errorf("default headers %q", got)
	}
}

func TestRelLabel(t *testing.T) {
	for _, tc := range []struct {
		l         label.Label
		rel, want string
	}{
		{label.NoLabel, "a", ""},
		{label.New("", "tools", "rt.tmpl"), "tools", "rt.tmpl"},
		{label.New("", "tools", "rt.tmpl"), "a", "//tools:rt.tmpl"},
		{label.New("", "", "rt.tmpl"), "a", "//:rt.tmpl"},
		{label.New("rt", "", "w.tmpl"), "", "@rt//:w.tmpl"},
	} {
		if got := relLabel(tc.l, tc.rel); got != tc.want {
			t.Errorf("relLabel(%v, %q) = %q, want %q", tc.l, tc.rel, got, tc.want)
		}
	}
}

// TestConfigureDirOnce: the ownership pre-scan (owned.go) and Configure
// share each directory's configuration, so its directives are parsed, and a
// bad value reported, once; another build file for the directory (as in a
// second run in one process) is read anew.
func TestConfigureDirOnce(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	c := config.New()
	c.RepoRoot = t.TempDir()
	load := func(text string) *rule.File {
		f, err := rule.LoadData(filepath.Join(c.RepoRoot, "sub", "BUILD.bazel"), "sub", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	f := load("# gazelle:cowrap_dialect qemu-4.0\n# gazelle:cowrap_naming x_{package}\n")
	l := &cowrapLang{}
	parent := newConfig()
	first := l.configureDir(c, parent, "sub", f)
	if again := l.configureDir(c, parent, "sub", f); again != first {
		t.Error("a second configureDir of the same directory parsed its directives again")
	}
	if first.naming != "x_{package}" || first.dialect != "" {
		t.Errorf("naming %q, dialect %q; want x_{package} and the bad dialect left out", first.naming, first.dialect)
	}
	if l.errs != 1 || strings.Count(logged.String(), "cowrap_dialect qemu-4.0") != 1 {
		t.Errorf("%d errors, log:\n%s\nwant the bad dialect reported once", l.errs, logged.String())
	}
	if other := l.configureDir(c, parent, "sub", load("# gazelle:cowrap_naming y\n")); other == first || other.naming != "y" {
		t.Errorf("another build file: naming %q, want y, configured anew", other.naming)
	}
}

// TestReadmeDirectives checks that the README's Directives section has a
// heading for each directive the extension knows, and for no other.
func TestReadmeDirectives(t *testing.T) {
	section, err := readme.Section("../README.md", "### Directives")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "#### ") {
			continue
		}
		for _, m := range regexp.MustCompile("`# gazelle:([a-z_]+)").FindAllStringSubmatch(line, -1) {
			documented = append(documented, m[1])
		}
	}
	known := (&cowrapLang{}).KnownDirectives()
	sort.Strings(known)
	sort.Strings(documented)
	documented = slices.Compact(documented)
	if !reflect.DeepEqual(documented, known) {
		t.Errorf("README.md's Directives headings name %v; the extension knows %v", documented, known)
	}
}
