package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/label"
	bzl "github.com/bazelbuild/buildtools/build"
)

// The released Gazelle and the one that cowrap_gazelle builds where there is no prebuilt binary
// must be the same program: the release reads its languages from that gazelle_binary.
const (
	fallbackBuild  = "gazelle/runner/BUILD.bazel"
	fallbackTarget = "from_source"
)

// langsGo returns cmd/gazelle/langs.go as gazelle_binary generates it (same import aliases) for
// the languages of fallbackTarget in root/fallbackBuild. module is this repository's Go module:
// a label of this repository is the package at that import path plus the label's package, as
// Gazelle names Go packages; @gazelle is Gazelle's module. A label of another repository is an
// error, since the release builds with go.mod's modules only.
func langsGo(root, module string) ([]byte, error) {
	path := filepath.Join(root, fallbackBuild)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := bzl.ParseBuild(fallbackBuild, data)
	if err != nil {
		return nil, err
	}
	modules := map[string]string{"": module, "gazelle": gazelleModule}
	for _, r := range f.Rules("gazelle_binary") {
		if r.Name() != fallbackTarget {
			continue
		}
		list, ok := r.Attr("languages").(*bzl.ListExpr)
		if !ok || len(list.List) == 0 {
			return nil, fmt.Errorf("%s: gazelle_binary %s: want languages = [labels]", position(r.Call), fallbackTarget)
		}
		var imports, calls strings.Builder
		for _, e := range list.List {
			s, ok := e.(*bzl.StringExpr)
			if !ok {
				return nil, fmt.Errorf("%s: want a label string", position(e))
			}
			l, err := label.Parse(s.Value)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", position(e), err)
			}
			l = l.Abs("", filepath.ToSlash(filepath.Dir(fallbackBuild)))
			mod, ok := modules[l.Repo]
			if !ok {
				return nil, fmt.Errorf("%s: %s: want a label of this repository or of @gazelle", position(e), s.Value)
			}
			importPath := strings.TrimSuffix(mod+"/"+l.Pkg, "/")
			alias := strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(importPath) + "_"
			fmt.Fprintf(&imports, "\t%s %q\n", alias, importPath)
			fmt.Fprintf(&calls, "\t%s.NewLanguage(),\n", alias)
		}
		return fmt.Appendf(nil, "package main\n\nimport (\n\t\"%s/language\"\n\n%s)\n\nvar languages = []language.Language{\n%s}\n",
			gazelleModule, imports.String(), calls.String()), nil
	}
	return nil, fmt.Errorf("%s: no gazelle_binary named %q", fallbackBuild, fallbackTarget)
}

func position(e bzl.Expr) string {
	start, _ := e.Span()
	return fmt.Sprintf("%s:%d:%d", fallbackBuild, start.Line, start.LineRune)
}
