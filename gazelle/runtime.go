package gazelle

import (
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// runtimePkg is the package of rules_cowrap's C runtime, whose cc_library
// targets are public API (runtime/README.md).
const runtimePkg = "runtime"

// runtimeHeaders lists, per cc_library of runtime/BUILD.bazel, the headers
// a C file can #include from it. It is a copy of what that BUILD file says,
// because an external repository is never indexed; TestRuntimeHeaders
// computes it from runtime/BUILD.bazel the way Imports indexes a cc_library
// and fails when the two differ.
var runtimeHeaders = map[string][]string{
	"core": {
		"block/aio-wait.h",
		"block/aio.h",
		"block/block_int-common.h",
		"cowrap/rt.h",
		"qemu/coroutine.h",
		"qemu/osdep.h",
		"qemu/typedefs.h",
	},
	"qemu-a": {
		"block/block-common.h",
		"block/block-gen.h",
		"block/block_int.h",
		"block/coroutines.h",
	},
	"qemu-b": {
		"block/block-common.h",
		"block/block-gen.h",
		"block/block_int.h",
		"block/coroutines.h",
		"block/dirty-bitmap.h",
		"block/graph-lock.h",
	},
	"qemu-b3": {
		"block/block-common.h",
		"block/block-gen.h",
		"block/block_int.h",
		"block/coroutines.h",
		"block/dirty-bitmap.h",
		"block/graph-lock.h",
	},
}

// runtimeFamilyTarget is the runtime target that matches a dialect's
// family: qemu-a for A1-A3, qemu-b3 for qemu-8.2 (B3: its graph lock API
// differs), qemu-b for the other B families.
func runtimeFamilyTarget(d *dialect.Dialect) string {
	switch {
	case strings.HasPrefix(d.ID, "A"):
		return "qemu-a"
	case d.ID == "B3":
		return "qemu-b3"
	}
	return "qemu-b"
}

// runtimeProvider returns the runtime target providing header h for
// dialect d: core's own headers, else those of d's family target. ok is
// false when the runtime does not have h.
func runtimeProvider(c *config.Config, d *dialect.Dialect, h string) (label.Label, bool) {
	for _, target := range []string{"core", runtimeFamilyTarget(d)} {
		for _, x := range runtimeHeaders[target] {
			if x == h {
				return runtimeLabel(c, target), true
			}
		}
	}
	return label.NoLabel, false
}

// runtimeLabel is @rules_cowrap//runtime:target as this repository spells
// it: through its apparent name for rules_cowrap, or //runtime:target
// inside rules_cowrap itself.
func runtimeLabel(c *config.Config, target string) label.Label {
	if c.RepoName == moduleName {
		return label.New(c.RepoName, runtimePkg, target)
	}
	return label.New(apparentName(c.ModuleToApparentName), runtimePkg, target)
}
