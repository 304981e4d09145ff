package gazelle

import (
	"fmt"

	"github.com/bazelbuild/bazel-gazelle/rule"
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
			"includes": true,
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
