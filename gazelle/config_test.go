package gazelle

import (
	"reflect"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

func TestParsers(t *testing.T) {
	for _, tc := range []struct {
		name    string
		got     any
		err     error
		want    any
		wantErr bool
	}{
		{"enabled", first(parseEnabled("enabled", false)), second(parseEnabled("enabled", false)), true, false},
		{"disabled", first(parseEnabled("disabled", true)), second(parseEnabled("disabled", true)), false, false},
		{"enabled reset", first(parseEnabled("", false)), second(parseEnabled("", false)), true, false},
		{"enabled bad keeps old", first(parseEnabled("off", false)), second(parseEnabled("off", false)), false, true},

		{"dialect", first(parseDialect("qemu-8.2", "")), second(parseDialect("qemu-8.2", "")), "qemu-8.2", false},
		{"dialect reset", first(parseDialect("", "qemu-8.2")), second(parseDialect("", "qemu-8.2")), "", false},
		{"dialect bad keeps old", first(parseDialect("qemu-4.0", "qemu-9.0")), second(parseDialect("qemu-4.0", "qemu-9.0")), "qemu-9.0", true},

		{"marks", first(parseMarks("a=co, b=co_mixed c", nil)), second(parseMarks("a=co, b=co_mixed c", nil)), []string{"a=co", "b=co_mixed", "c"}, false},
		{"marks reset", first(parseMarks("", []string{"a"})), second(parseMarks("", []string{"a"})), []string(nil), false},
		{"marks bad kind", first(parseMarks("a=sometimes", []string{"x"})), second(parseMarks("a=sometimes", []string{"x"})), []string{"x"}, true},
		{"marks bad name", first(parseMarks("1a", nil)), second(parseMarks("1a", nil)), []string(nil), true},

		{"template absolute", first(parseTemplate("//tools:rt.tmpl", "a", label.NoLabel)), second(parseTemplate("//tools:rt.tmpl", "a", label.NoLabel)), label.New("", "tools", "rt.tmpl"), false},
		{"template relative", first(parseTemplate("rt.tmpl", "a/b", label.NoLabel)), second(parseTemplate("rt.tmpl", "a/b", label.NoLabel)), label.New("", "a/b", "rt.tmpl"), false},
		{"template colon", first(parseTemplate(":rt.tmpl", "", label.NoLabel)), second(parseTemplate(":rt.tmpl", "", label.NoLabel)), label.New("", "", "rt.tmpl"), false},
		{"template other repo", first(parseTemplate("@rt//:w.tmpl", "a", label.NoLabel)), second(parseTemplate("@rt//:w.tmpl", "a", label.NoLabel)), label.New("rt", "", "w.tmpl"), false},
		{"template reset", first(parseTemplate("", "a", label.New("", "t", "x"))), second(parseTemplate("", "a", label.New("", "t", "x"))), label.NoLabel, false},
		{"template two", first(parseTemplate("a.tmpl b.tmpl", "", label.New("", "t", "x"))), second(parseTemplate("a.tmpl b.tmpl", "", label.New("", "t", "x"))), label.New("", "t", "x"), true},
		{"template bad", first(parseTemplate("//a:b:c", "", label.NoLabel)), second(parseTemplate("//a:b:c", "", label.NoLabel)), label.NoLabel, true},
		{"template empty name", first(parseTemplate("//a:", "", label.NoLabel)), second(parseTemplate("//a:", "", label.NoLabel)), label.NoLabel, true},

		{"naming", first(parseNaming("cw_{package}", defaultNaming)), second(parseNaming("cw_{package}", defaultNaming)), "cw_{package}", false},
		{"naming fixed", first(parseNaming("wrappers", defaultNaming)), second(parseNaming("wrappers", defaultNaming)), "wrappers", false},
		{"naming reset", first(parseNaming("", "x")), second(parseNaming("", "x")), defaultNaming, false},
		{"naming placeholder", first(parseNaming("{pkg}", "x")), second(parseNaming("{pkg}", "x")), "x", true},
		{"naming slash", first(parseNaming("a/{package}", "x")), second(parseNaming("a/{package}", "x")), "x", true},

		{"includes", first(parseIncludes("qemu/osdep.h, <stdio.h> block/x.h")), second(parseIncludes("qemu/osdep.h, <stdio.h> block/x.h")), []string{"qemu/osdep.h", "<stdio.h>", "block/x.h"}, false},
		{"visibility", first(parseVisibility("//visibility:public, //a:__pkg__ @r//b:__subpackages__")), second(parseVisibility("//visibility:public, //a:__pkg__ @r//b:__subpackages__")), []string{"//visibility:public", "//a:__pkg__", "@r//b:__subpackages__"}, false},
		{"visibility reset", first(parseVisibility("")), second(parseVisibility("")), []string(nil), false},
		{"visibility relative", first(parseVisibility(":x")), second(parseVisibility(":x")), []string(nil), true},
		{"visibility bad", first(parseVisibility("public")), second(parseVisibility("public")), []string(nil), true},
		{"includes quote", first(parseIncludes(`"a.h"`)), second(parseIncludes(`"a.h"`)), []string(nil), true},
		{"includes absolute", first(parseIncludes("/usr/include/a.h")), second(parseIncludes("/usr/include/a.h")), []string(nil), true},
		{"includes half bracket", first(parseIncludes("<a.h")), second(parseIncludes("<a.h")), []string(nil), true},

		{"errors", first(parsePolicy("error", policyWarn)), second(parsePolicy("error", policyWarn)), policyError, false},
		{"errors reset", first(parsePolicy("", policyIgnore)), second(parsePolicy("", policyIgnore)), policyWarn, false},
		{"errors bad", first(parsePolicy("loud", policyIgnore)), second(parsePolicy("loud", policyIgnore)), policyIgnore, true},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) || (tc.err != nil) != tc.wantErr {
			t.Errorf("%s: got %#v, %v; want %#v, error %v", tc.name, tc.got, tc.err, tc.want, tc.wantErr)
		}
	}
}

func first[T any](v T, _ error) T        { return v }
func second[T any](_ T, err error) error { return err }

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
