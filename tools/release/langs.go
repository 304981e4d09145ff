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

// languageLabel is a language of a Gazelle binary, as gazelle_binary names it, and where it was
// given (for errors).
type languageLabel struct {
	label label.Label
	pos   string
}

// fallbackLanguages returns the languages of fallbackTarget in root/fallbackBuild.
func fallbackLanguages(root string) ([]languageLabel, error) {
	data, err := os.ReadFile(filepath.Join(root, fallbackBuild))
	if err != nil {
		return nil, err
	}
	f, err := bzl.ParseBuild(fallbackBuild, data)
	if err != nil {
		return nil, err
	}
	for _, r := range f.Rules("gazelle_binary") {
		if r.Name() != fallbackTarget {
			continue
		}
		list, ok := r.Attr("languages").(*bzl.ListExpr)
		if !ok || len(list.List) == 0 {
			return nil, fmt.Errorf("%s: gazelle_binary %s: want languages = [labels]", position(r.Call), fallbackTarget)
		}
		var out []languageLabel
		for _, e := range list.List {
			s, ok := e.(*bzl.StringExpr)
			if !ok {
				return nil, fmt.Errorf("%s: want a label string", position(e))
			}
			l, err := parseLanguage(s.Value, position(e), filepath.ToSlash(filepath.Dir(fallbackBuild)))
			if err != nil {
				return nil, err
			}
			if out, err = appendLanguage(out, l); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: no gazelle_binary named %q", fallbackBuild, fallbackTarget)
}

// flagLanguages returns the languages of -languages: labels separated by commas.
func flagLanguages(value string) ([]languageLabel, error) {
	var out []languageLabel
	for _, s := range strings.Split(value, ",") {
		l, err := parseLanguage(s, "-languages", "")
		if err != nil {
			return nil, err
		}
		if out, err = appendLanguage(out, l); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// appendLanguage appends l to langs unless one of them is the same Go package: langsGo would
// import it twice, which only the Go compiler would report, as a redeclared name.
func appendLanguage(langs []languageLabel, l languageLabel) ([]languageLabel, error) {
	for _, o := range langs {
		if o.label.Repo == l.label.Repo && o.label.Pkg == l.label.Pkg {
			return nil, fmt.Errorf("%s: %s is the Go package of %s (%s) again", l.pos, l.label, o.label, o.pos)
		}
	}
	return append(langs, l), nil
}

// parseLanguage parses s, a label relative to package pkg, given at pos. Only this repository
// and @gazelle are known: the release builds with go.mod's modules only.
func parseLanguage(s, pos, pkg string) (languageLabel, error) {
	l, err := label.Parse(s)
	if err != nil {
		return languageLabel{}, fmt.Errorf("%s: %v", pos, err)
	}
	if l.Repo != "" && l.Repo != "gazelle" {
		return languageLabel{}, fmt.Errorf("%s: %s: want a label of this repository or of @gazelle", pos, s)
	}
	return languageLabel{l.Abs("", pkg), pos}, nil
}

// langsGo returns cmd/gazelle/langs.go for langs as gazelle_binary generates it (same import
// aliases). module is this repository's Go module: a label of this repository is the package at
// that import path plus the label's package, as Gazelle names Go packages; @gazelle is
// Gazelle's module.
func langsGo(langs []languageLabel, module string) []byte {
	modules := map[string]string{"": module, "gazelle": gazelleModule}
	var imports, calls strings.Builder
	for _, l := range langs {
		importPath := strings.TrimSuffix(modules[l.label.Repo]+"/"+l.label.Pkg, "/")
		alias := strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(importPath) + "_"
		fmt.Fprintf(&imports, "\t%s %q\n", alias, importPath)
		fmt.Fprintf(&calls, "\t%s.NewLanguage(),\n", alias)
	}
	return fmt.Appendf(nil, "package main\n\nimport (\n\t\"%s/language\"\n\n%s)\n\nvar languages = []language.Language{\n%s}\n",
		gazelleModule, imports.String(), calls.String())
}

func position(e bzl.Expr) string {
	start, _ := e.Span()
	return fmt.Sprintf("%s:%d:%d", fallbackBuild, start.Line, start.LineRune)
}
