package gazelle

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/rule"
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

func TestFileList(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.h", "b.h", "skip.h", "sub/c.h", "pkg/BUILD.bazel", "pkg/d.h", "x.c"} {
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
	got := fileList(f.Rules[0].Attr("hdrs"), dir)
	sort.Strings(got)
	// pkg/d.h is in a subpackage; labels of other packages are skipped.
	if want := []string{"a.h", "b.h", "e.h", "sub/c.h"}; !reflect.DeepEqual(got, want) {
		t.Errorf("fileList = %q, want %q", got, want)
	}
}
