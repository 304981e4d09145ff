package gazelle

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/repo"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	bzl "github.com/bazelbuild/buildtools/build"
	"github.com/bmatcuk/doublestar/v4"
)

// headerLang is the import language of C headers, as in
// `# gazelle:resolve c block/block_int.h //include:block`.
const headerLang = "c"

// Imports indexes a cc_library under every name by which a C file can
// #include its headers: the repository path, and the paths that its
// includes, strip_include_prefix and include_prefix make visible, as Bazel
// computes them; and records it for the index of the functions its .c srcs
// and its headers define (linkdeps.go). cowrap_library rules are not
// indexed.
func (l *cowrapLang) Imports(c *config.Config, r *rule.Rule, f *rule.File) []resolve.ImportSpec {
	if _, view := l.views.viewOf(c, f.Pkg); r.Kind() != ccLibrary || view {
		return nil
	}
	dir := filepath.Dir(f.Path)
	var hdrs []string
	for _, attr := range []string{"hdrs", "textual_hdrs"} {
		hdrs = append(hdrs, fileList(r.Attr(attr), f.Pkg)...)
	}
	var specs []resolve.ImportSpec
	seen := map[string]bool{}
	for _, h := range hdrs {
		for _, imp := range includePaths(f.Pkg, h, r.AttrStrings("includes"), r.AttrString("strip_include_prefix"), r.AttrString("include_prefix")) {
			if !seen[imp] {
				seen[imp] = true
				specs = append(specs, resolve.ImportSpec{Lang: headerLang, Imp: imp})
			}
		}
	}
	l.links.add(c, r, f, dir, hdrs)
	return specs
}

// includePaths are the #include paths of header hdr (relative to package
// pkg) of a cc_library with the given attributes.
func includePaths(pkg, hdr string, includes []string, strip, prefix string) []string {
	full := path.Join(pkg, hdr)
	out := []string{full}
	for _, inc := range includes {
		d := path.Join(pkg, inc)
		if strings.HasPrefix(inc, "/") {
			d = path.Clean(inc[1:])
		}
		if rest, ok := under(full, d); ok {
			out = append(out, rest)
		}
	}
	if strip != "" || prefix != "" {
		d := pkg
		if strings.HasPrefix(strip, "/") {
			d = path.Clean(strip[1:])
		} else if strip != "" {
			d = path.Join(pkg, strip)
		}
		if rest, ok := under(full, d); ok {
			out = append(out, path.Join(prefix, rest))
		}
	}
	return out
}

// under returns p relative to directory d ("" or "." is the root).
func under(p, d string) (string, bool) {
	if d == "" || d == "." {
		return p, true
	}
	return strings.CutPrefix(p, d+"/")
}

// fileList evaluates a label-list expression of the local files of package
// rel: string lists, glob() calls (expanded as Bazel would) and their sums.
// Labels of other packages and anything else are skipped.
func fileList(e bzl.Expr, rel string) []string {
	switch e := e.(type) {
	case *bzl.ListExpr:
		var out []string
		for _, x := range e.List {
			if s, ok := x.(*bzl.StringExpr); ok && !strings.Contains(s.Value, "//") && !strings.HasPrefix(s.Value, "@") {
				out = append(out, strings.TrimPrefix(s.Value, ":"))
			}
		}
		return out
	case *bzl.BinaryExpr:
		if e.Op == "+" {
			return append(fileList(e.X, rel), fileList(e.Y, rel)...)
		}
	case *bzl.CallExpr:
		if g, ok := rule.ParseGlobExpr(e); ok {
			return expandGlob(rel, g)
		}
	}
	return nil
}

// expandGlob lists the files of package rel that match g, relative to it,
// from what Gazelle's walk read (walk.GetDirInfo: no I/O of its own). As
// Bazel's glob, it does not enter subpackages (directories with a build
// file, as # gazelle:build_file_name names them) nor directories the walk
// excludes.
func expandGlob(rel string, g rule.GlobValue) []string {
	var out []string
	var visit func(dir, prefix string)
	visit = func(dir, prefix string) {
		di, err := dirInfo(dir)
		if err != nil || prefix != "" && di.File != nil {
			return
		}
		for _, f := range di.RegularFiles {
			if p := path.Join(prefix, f); matchAny(g.Patterns, p) && !matchAny(g.Excludes, p) {
				out = append(out, p)
			}
		}
		for _, s := range di.Subdirs {
			visit(path.Join(dir, s), path.Join(prefix, s))
		}
	}
	visit(rel, "")
	return out
}

// matchAny matches name against Bazel glob patterns, where "**" stands for
// any number of path segments, as in doublestar.
func matchAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if ok, err := doublestar.Match(p, name); err == nil && ok {
			return true
		}
	}
	return false
}

func (*cowrapLang) Embeds(r *rule.Rule, from label.Label) []label.Label { return nil }

// Resolve sets deps to the cc_library rules that provide the headers the
// generated file needs: `# gazelle:resolve c HEADER LABEL` first, then the
// index, then rules_cowrap's runtime (see runtime.go); and to those that
// define the functions the wrappers call (linkdeps.go). A header nobody
// provides, or several rules do, is reported under the cowrap_errors
// policy; it adds no dep. So is a function several rules define; one that
// no rule defines is a warning.
func (l *cowrapLang) Resolve(c *config.Config, ix *resolve.RuleIndex, rc *repo.RemoteCache, r *rule.Rule, imports any, from label.Label) {
	imp, ok := imports.(cowrapImports)
	if !ok {
		return
	}
	cc := getConfig(c)
	deps := map[string]bool{}
	for _, h := range imp.headers {
		lbl, err := findHeader(c, cc, ix, h, from)
		if err != nil {
			l.report(cc.errors, "%s: %v", targetLabel(from.Pkg, from.Name), err)
			continue
		}
		if lbl != label.NoLabel {
			deps[lbl.Rel(from.Repo, from.Pkg).String()] = true
		}
	}
	has := func(lbl label.Label) bool { return deps[lbl.Rel(from.Repo, from.Pkg).String()] }
	for _, fn := range imp.callees {
		lbl, defined, err := l.findDefinition(c, fn, from, imp.srcs, has)
		if err != nil {
			l.report(cc.errors, "%s: %v", targetLabel(from.Pkg, from.Name), err)
		} else if !defined {
			l.finding(cc.errors, undefined(fn, from))
		}
		if lbl != label.NoLabel {
			deps[lbl.Rel(from.Repo, from.Pkg).String()] = true
		}
	}
	if len(deps) == 0 {
		r.DelAttr("deps")
		return
	}
	list := make([]string, 0, len(deps))
	for d := range deps {
		list = append(list, d)
	}
	sort.Strings(list)
	r.SetAttr("deps", list)
}

// findHeader returns the rule that provides header h, or NoLabel when that
// is the rule itself.
func findHeader(c *config.Config, cc *cowrapConfig, ix *resolve.RuleIndex, h string, from label.Label) (label.Label, error) {
	spec := resolve.ImportSpec{Lang: headerLang, Imp: h}
	if l, ok := resolve.FindRuleWithOverride(c, spec, headerLang); ok {
		return l, nil
	}
	matches := ix.FindRulesByImportWithConfig(c, spec, cowrapName)
	var found []label.Label
	for _, m := range matches {
		if !m.IsSelfImport(from) {
			found = append(found, m.Label)
		}
	}
	switch len(found) {
	case 0:
		if len(matches) > 0 {
			return label.NoLabel, nil // only the rule itself
		}
		if l, ok := runtimeProvider(c, cc.d, h); ok {
			return l, nil
		}
		return label.NoLabel, fmt.Errorf("no cc_library provides %q; list it in one's hdrs or add # gazelle:resolve c %s LABEL", h, h)
	case 1:
		return found[0], nil
	}
	names := make([]string, len(found))
	for i, l := range found {
		names[i] = l.String()
	}
	sort.Strings(names)
	return label.NoLabel, fmt.Errorf("several rules provide %q (%s); pick one with # gazelle:resolve c %s LABEL", h, strings.Join(names, ", "), h)
}

// targetLabel is how messages name a target of this repository.
func targetLabel(pkg, name string) string {
	return label.New("", pkg, name).String()
}
