package gazelle

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/internal/readme"
)

// TestRuntimeHeaders keeps runtimeHeaders equal to what runtime/BUILD.bazel
// says: every cc_library there, indexed as Imports indexes a cc_library of
// the repository, with the runtime/... repository paths left out (a user
// includes qemu/osdep.h, not a path inside rules_cowrap).
func TestRuntimeHeaders(t *testing.T) {
	dir := filepath.Join("..", runtimePkg)
	f, err := rule.LoadFile(filepath.Join(dir, "BUILD.bazel"), runtimePkg)
	if err != nil {
		t.Fatal(err)
	}
	c := config.New()
	got := map[string][]string{}
	// Imports expands runtime's globs from a walk, of a workspace that
	// follows a link to it (the repository's root BUILD file excludes it).
	abs, err := filepath.Abs(dir)
	ws := t.TempDir()
	if err == nil {
		err = os.Symlink(abs, filepath.Join(ws, runtimePkg))
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(ws, "BUILD.bazel"), []byte("# gazelle:follow "+runtimePkg+"\n"), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	inWalk(t, ws, nil, nil, func() {
		for _, r := range f.Rules {
			if r.Kind() != ccLibrary {
				continue
			}
			var hdrs []string
			for _, spec := range (&cowrapLang{}).Imports(c, r, f) {
				if spec.Lang == headerLang && !strings.HasPrefix(spec.Imp, runtimePkg+"/") {
					hdrs = append(hdrs, spec.Imp)
				}
			}
			sort.Strings(hdrs)
			got[r.Name()] = hdrs
		}
	})
	if !reflect.DeepEqual(got, runtimeHeaders) {
		t.Errorf("runtime/BUILD.bazel provides\n%q\nbut runtimeHeaders (runtime.go) is\n%q\nupdate runtimeHeaders", got, runtimeHeaders)
	}
}

func TestRuntimeProvider(t *testing.T) {
	consumer := config.New()
	consumer.RepoName = "app"
	consumer.ModuleToApparentName = func(m string) string {
		if m == moduleName {
			return "cw"
		}
		return ""
	}
	self := config.New()
	self.RepoName = moduleName
	for _, tc := range []struct {
		c       *config.Config
		dialect string
		header  string
		want    string
	}{
		{consumer, "qemu-5.2", "block/coroutines.h", "@cw//runtime:qemu-a"},
		{consumer, "qemu-7.2", "qemu/osdep.h", "@cw//runtime:core"},
		{consumer, "qemu-8.0", "block/dirty-bitmap.h", "@cw//runtime:qemu-b"},
		{consumer, "qemu-8.2", "block/block_int.h", "@cw//runtime:qemu-b3"},
		{consumer, "qemu", "block/block-gen.h", "@cw//runtime:qemu-b"},
		{consumer, "qemu-6.2", "block/dirty-bitmap.h", ""}, // qemu-a has none
		{consumer, "qemu-10.2", "stdio.h", ""},
		{self, "qemu-10.2", "block/coroutines.h", "//runtime:qemu-b"},
	} {
		d, err := dialect.Lookup(tc.dialect)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if l, ok := runtimeProvider(tc.c, d, tc.header); ok {
			got = l.Rel(tc.c.RepoName, "pkg").String()
		}
		if got != tc.want {
			t.Errorf("%s, %s: %q, want %q", tc.dialect, tc.header, got, tc.want)
		}
	}
}

// Every dialect has a runtime target.
func TestRuntimeFamilyTarget(t *testing.T) {
	for _, d := range dialect.All() {
		if runtimeHeaders[runtimeFamilyTarget(d)] == nil {
			t.Errorf("%s: runtime target %q is not in runtimeHeaders", d.Name, runtimeFamilyTarget(d))
		}
	}
}

// TestReadmeRuntimeTable checks the README's table of runtime targets against
// runtimeFamilyTarget: each script family is in the row of the target that
// Gazelle picks for it, core's row says "all", and each row is a target of
// runtimeHeaders.
func TestReadmeRuntimeTable(t *testing.T) {
	section, err := readme.Section("../README.md", "### The runtime")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]string{} // family (or "all") -> target
	for _, m := range regexp.MustCompile("(?m)^\\| `@rules_cowrap//runtime:([a-z0-9-]+)` \\| ([^|]+) \\|").FindAllStringSubmatch(section, -1) {
		if runtimeHeaders[m[1]] == nil {
			t.Errorf("README.md's runtime table has a row for %q, which is not a runtime target", m[1])
		}
		for _, family := range strings.Split(strings.TrimSpace(m[2]), ", ") {
			if other, dup := documented[family]; dup {
				t.Errorf("README.md's runtime table lists %s under both %q and %q", family, other, m[1])
			}
			documented[family] = m[1]
		}
	}
	if documented["all"] != "core" {
		t.Errorf("README.md's runtime table: the target for all families is %q, want core", documented["all"])
	}
	checked := map[string]bool{}
	for _, d := range dialect.All() {
		if checked[d.ID] {
			continue
		}
		checked[d.ID] = true
		if got, want := documented[d.ID], runtimeFamilyTarget(d); got != want {
			t.Errorf("README.md's runtime table puts family %s under %q; Gazelle picks %q", d.ID, got, want)
		}
	}
}
