package gazelle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFollowCycle: # gazelle:follow on a link to its own directory (here
// the repository root) makes Gazelle's walk visit the tree a second time
// through the link. The extension processes each real directory once: the
// second view generates nothing, collects nothing and indexes no
// cc_library, so the header keeps its one provider and no dep is dropped.
func TestFollowCycle(t *testing.T) {
	ws := t.TempDir()
	write := func(p, s string) {
		os.MkdirAll(filepath.Dir(filepath.Join(ws, p)), 0o755)
		if err := os.WriteFile(filepath.Join(ws, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("MODULE.bazel", "")
	write("BUILD.bazel", `# gazelle:follow self
# gazelle:cowrap_collect
# gazelle:cowrap_include qemu/osdep.h block/block_int.h

cc_library(
    name = "headers",
    hdrs = glob(["include/**/*.h"]),
    includes = ["include"],
)
`)
	write("include/block/block_int.h", "")
	write("include/block/block-io.h", "int co_wrapper bdrv_flush(BlockDriverState *bs);\n")
	if err := os.Symlink(".", filepath.Join(ws, "self")); err != nil {
		t.Fatal(err)
	}
	stderr, code := runUpdate(t, ws, false)
	if code != 0 {
		t.Fatalf("exit code %d:\n%s", code, stderr)
	}
	build, _ := os.ReadFile(filepath.Join(ws, "BUILD.bazel"))
	for _, want := range []string{`srcs = ["include/block/block-io.h"]`, `":headers"`} {
		if !strings.Contains(string(build), want) {
			t.Errorf("BUILD.bazel lacks %s:\n%s\nstderr:\n%s", want, build, stderr)
		}
	}
	if strings.Contains(stderr, "several") || strings.Contains(stderr, "declared twice") {
		t.Errorf("the link was processed as a second tree:\n%s", stderr)
	}
	if want := "gazelle: cowrap: self: a followed link to the repository root, which is processed where it is; nothing is generated or indexed through the link\n"; strings.Count(stderr, "followed link") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant it to hold %q once", stderr, want)
	}
}
