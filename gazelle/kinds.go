package gazelle

import (
	"fmt"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

const (
	cowrapLibrary = "cowrap_library"
	ccLibrary     = "cc_library"
	moduleName    = "rules_cowrap"
)

var cowrapKinds = map[string]rule.KindInfo{
	cowrapLibrary: {
		// Generated rules are matched by name only: GenerateRules names
		// its rule after the package's Gazelle-owned target (see owned.go),
		// so a hand-written cowrap_library is never merged into.
		NonEmptyAttrs: map[string]bool{"srcs": true},
		MergeableAttrs: map[string]bool{
			"srcs":          true,
			"dialect":       true,
			"include_lines": true,
			"marks":         true,
			// Set from cowrap_visibility and cowrap_template; without the
			// directive GenerateRules copies the existing value, so it
			// stays as it is.
			"visibility": true,
			"template":   true,
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
	return []rule.LoadInfo{{
		Name:    defsBzl(apparentName(moduleToApparentName)),
		Symbols: []string{cowrapLibrary},
	}}
}

// Fix renames loads of rules_cowrap's defs.bzl by its module name
// (@rules_cowrap//rules:defs.bzl, what Gazelle writes by default) to the
// apparent name when MODULE.bazel gives it another one (repo_name, added after
// Gazelle ran): such a load can no longer be resolved, and Gazelle's own
// FixLoads leaves loads of files it does not know alone.
func (*cowrapLang) Fix(c *config.Config, f *rule.File) {
	stale := defsBzl(moduleName)
	want := defsBzl(apparentName(c.ModuleToApparentName))
	if want == stale {
		return
	}
	for _, l := range f.Loads {
		if l.Name() != stale {
			continue
		}
		renamed := rule.NewLoad(want)
		for _, p := range l.SymbolPairs() {
			renamed.AddAlias(p.From, p.To)
		}
		renamed.Insert(f, l.Index())
		l.Delete()
	}
}

func defsBzl(repo string) string { return fmt.Sprintf("@%s//rules:defs.bzl", repo) }

// apparentName is the name by which the repository refers to rules_cowrap.
func apparentName(moduleToApparentName func(string) string) string {
	if moduleToApparentName != nil {
		if repo := moduleToApparentName(moduleName); repo != "" {
			return repo
		}
	}
	return moduleName
}

// isCowrapKind reports whether kind is cowrap_library as this directory
// spells it: itself, its map_kind replacement or an alias_kind wrapper.
func isCowrapKind(c *config.Config, kind string) bool {
	if kind == cowrapLibrary || c.AliasMap[kind] == cowrapLibrary {
		return true
	}
	m, ok := c.KindMap[cowrapLibrary]
	return ok && m.KindName == kind
}
