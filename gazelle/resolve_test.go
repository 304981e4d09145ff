package gazelle

import (
	"bytes"
	"flag"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/bazelbuild/bazel-gazelle/walk"
)

func TestIncludePaths(t *testing.T) {
	for _, tc := range []struct {
		name, pkg, hdr string
		includes       []string
		strip, prefix  string
		want           []string
	}{
		{"plain", "lib", "a.h", nil, "", "", []string{"lib/a.h"}},
		{"includes", "", "include/block/a.h", []string{"include"}, "", "", []string{"include/block/a.h", "block/a.h"}},
		{"includes dot", "x", "a.h", []string{"."}, "", "", []string{"x/a.h", "a.h"}},
		{"includes elsewhere", "x", "a.h", []string{"inc"}, "", "", []string{"x/a.h"}},
		{"strip absolute", "include/block", "a.h", nil, "/include", "", []string{"include/block/a.h", "block/a.h"}},
		{"strip relative", "x", "inc/a.h", nil, "inc", "", []string{"x/inc/a.h", "a.h"}},
		{"prefix", "x", "a.h", nil, "", "qemu", []string{"x/a.h", "qemu/a.h"}},
		{"strip and prefix", "x", "inc/a.h", nil, "inc", "p", []string{"x/inc/a.h", "p/a.h"}},
	} {
		if got := includePaths(tc.pkg, tc.hdr, tc.includes, tc.strip, tc.prefix); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"*.h", "a.h", true},
		{"*.h", "d/a.h", false},
		{"**/*.h", "a.h", true},
		{"**/*.h", "d/e/a.h", true},
		{"include/**/*.h", "include/block/a.h", true},
		{"include/**", "include/a.c", true},
		{"include/*.h", "src/a.h", false},
		{"[", "[", false},
	} {
		if got := matchAny([]string{tc.pattern}, tc.name); got != tc.want {
			t.Errorf("match(%q, %q) = %v, want %v", tc.pattern, tc.name, got, tc.want)
		}
	}
}

// TestFileList: globs are expanded from what Gazelle's walk read, as
// Bazel's glob would: not into subpackages (as # gazelle:build_file_name
// names them), nor into directories the walk excludes.
func TestFileList(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.h", "b.h", "skip.h", "sub/c.h", "pkg/BUILD.bazel", "pkg/d.h", "x.c", "out/e.h"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	f, err := rule.LoadData(filepath.Join(dir, "BUILD.bazel"), "", []byte(`cc_library(
    name = "x",
    hdrs = glob(["**/*.h"], exclude = ["skip.h"]) + [":e.h", "//other:f.h", "@r//:g.h"],
)`))
	if err != nil {
		t.Fatal(err)
	}
	list := func(flags ...string) []string {
		var got []string
		inWalk(t, dir, nil, flags, func() { got = fileList(f.Rules[0].Attr("hdrs"), "") })
		sort.Strings(got)
		return got
	}
	// pkg/d.h is in a subpackage; labels of other packages are skipped.
	if got, want := list("-exclude", "out"), []string{"a.h", "b.h", "e.h", "sub/c.h"}; !reflect.DeepEqual(got, want) {
		t.Errorf("fileList = %q, want %q", got, want)
	}
	// With BUILD.cw only, pkg/ is not a package and sub/ is.
	os.WriteFile(filepath.Join(dir, "sub", "BUILD.cw"), nil, 0o644)
	if got, want := list("-exclude", "out", "-build_file_name", "BUILD.cw"), []string{"a.h", "b.h", "e.h", "pkg/d.h"}; !reflect.DeepEqual(got, want) {
		t.Errorf("fileList with build_file_name BUILD.cw = %q, want %q", got, want)
	}
}

// inWalk calls fn once inside a Gazelle walk of ws with Gazelle's flags,
// once the walk has visited the directories dirs (nil: all): where
// walk.GetDirInfo works, as in Imports and GenerateRules.
func inWalk(t *testing.T, ws string, dirs, flags []string, fn func()) {
	t.Helper()
	c := config.New()
	cexts := []config.Configurer{&config.CommonConfigurer{}, &walk.Configurer{}}
	fs := flag.NewFlagSet("gazelle", flag.ContinueOnError)
	for _, cext := range cexts {
		cext.RegisterFlags(fs, "update", c)
	}
	if err := fs.Parse(append([]string{"-repo_root", ws}, flags...)); err != nil {
		t.Fatal(err)
	}
	for _, cext := range cexts {
		if err := cext.CheckFlags(fs, c); err != nil {
			t.Fatal(err)
		}
	}
	mode := walk.UpdateDirsMode
	if dirs == nil {
		dirs, mode = []string{ws}, walk.VisitAllUpdateSubdirsMode
	}
	err := walk.Walk2(c, cexts, dirs, mode, func(args walk.Walk2FuncArgs) walk.Walk2FuncResult {
		if args.Rel == "" {
			fn()
		}
		return walk.Walk2FuncResult{}
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	c := config.New()
	c.RepoRoot = dir
	rc := &resolve.Configurer{}
	rc.RegisterFlags(flag.NewFlagSet("", flag.ContinueOnError), "update", c)
	l := &cowrapLang{}
	load := func(pkg, content string) *rule.File {
		os.MkdirAll(filepath.Join(dir, pkg), 0o755)
		f, err := rule.LoadData(filepath.Join(dir, pkg, "BUILD.bazel"), pkg, []byte(content))
		if err != nil {
			t.Fatal(err)
		}
		rc.Configure(c, pkg, f)
		return f
	}
	ix := resolve.NewRuleIndex(func(r *rule.Rule, _ string) resolve.Resolver {
		if r.Kind() == ccLibrary {
			return l
		}
		return nil
	})
	for _, f := range []*rule.File{
		load("include/block", `cc_library(name = "block", hdrs = ["block-io.h", "block_int.h"], strip_include_prefix = "/include")`),
		load("a", `cc_library(name = "a", hdrs = ["dup.h"], include_prefix = "x")`),
		load("b", `cc_library(name = "b", hdrs = ["dup.h"], include_prefix = "x")`),
		load("", "# gazelle:resolve c qemu/osdep.h //third_party:osdep"),
	} {
		for _, r := range f.Rules {
			ix.AddRule(c, r, f)
		}
	}
	ix.Finish()

	r := rule.NewRule(cowrapLibrary, "block_cowrap")
	from := label.New("", "include/block", "block_cowrap")
	// block/block_int.h is in the index, so the runtime's is not used;
	// block/aio.h and block/coroutines.h are the runtime's (core, and
	// qemu-b for the default dialect).
	headers := []string{"include/block/block-io.h", "block/block_int.h", "qemu/osdep.h", "x/dup.h", "missing.h", "block/aio.h", "block/coroutines.h"}
	var out bytes.Buffer
	log.SetOutput(&out)
	defer log.SetOutput(os.Stderr)
	l.Resolve(c, ix, nil, r, cowrapImports{headers: headers}, from)
	// (Gazelle sorts labels its own way when it writes the file.)
	if got, want := r.AttrStrings("deps"), []string{"//third_party:osdep", ":block", "@rules_cowrap//runtime:core", "@rules_cowrap//runtime:qemu-b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("deps = %q, want %q", got, want)
	}
	for _, want := range []string{`several rules provide "x/dup.h" (//a, //b)`, `no cc_library provides "missing.h"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("log %q lacks %q", out.String(), want)
		}
	}
}
