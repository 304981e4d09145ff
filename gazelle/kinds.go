package gazelle

import (
	"fmt"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/bazelbuild/buildtools/tables"
)

const (
	cowrapLibrary = "cowrap_library"
	ccLibrary     = "cc_library"
	moduleName    = "rules_cowrap"
)

var cowrapKinds = map[string]rule.KindInfo{
	cowrapLibrary: {
		// One cowrap_library per package: an existing one is updated
		// whatever its name, so renaming it by hand sticks.
		MatchAny:      true,
		NonEmptyAttrs: map[string]bool{"srcs": true},
		MergeableAttrs: map[string]bool{
			"srcs":     true,
			"dialect":  true,
			"include_lines": true,
			"marks":    true,
		},
		ResolveAttrs: map[string]bool{"deps": true},
	},
	// Gazelle asks the language that claims a kind to index its rules, so
	// claiming cc_library is how the headers in their hdrs become findable
	// (see Imports). cowrap never generates or edits a cc_library: no
	// attribute of it is mergeable.
	ccLibrary: {},
}

func (*cowrapLang) Kinds() map[string]rule.KindInfo { return cowrapKinds }

func (*cowrapLang) Loads() []rule.LoadInfo {
	panic("ApparentLoads should be called instead")
}

// ApparentLoads loads cowrap_library through the name the user's
// MODULE.bazel gives rules_cowrap (bazel_dep's repo_name, or the module
// name, which is also how the rules_cowrap module refers to itself).
func (*cowrapLang) ApparentLoads(moduleToApparentName func(string) string) []rule.LoadInfo {
	repo := moduleToApparentName(moduleName)
	if repo == "" {
		repo = moduleName
	}
	return []rule.LoadInfo{{
		Name:    fmt.Sprintf("@%s//rules:defs.bzl", repo),
		Symbols: []string{cowrapLibrary},
	}}
}

// includes of cowrap_library is the ordered list of #include lines, but
// buildtools sorts every attribute called includes (cc_library's include
// directories) when Gazelle formats a file. Its deny list, read at each
// format, exempts the kind and whatever map_kind or alias_kind call it.
var denyMu sync.Mutex

func keepIncludeOrder(c *config.Config) {
	denyMu.Lock()
	defer denyMu.Unlock()
	tables.SortableDenylist[cowrapLibrary+".includes"] = true
	if m, ok := c.KindMap[cowrapLibrary]; ok {
		tables.SortableDenylist[m.KindName+".includes"] = true
	}
	for wrapper, kind := range c.AliasMap {
		if kind == cowrapLibrary {
			tables.SortableDenylist[wrapper+".includes"] = true
		}
	}
}
