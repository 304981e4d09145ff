package gazelle

import (
	"path"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"
	bzl "github.com/bazelbuild/buildtools/build"
)

// collectedFile is a marked file found below a cowrap_collect directory.
type collectedFile struct {
	path string // repository path
	pkg  string // the package it is in: the collect directory or one below
	src  source // the generator's verdict on it alone
}

// generateCollect is GenerateRules in a directory under cowrap_collect
// (collectDirective). Gazelle visits subdirectories first: each adds its
// marked files to the collection and generates nothing; the collect
// directory then writes the one target.
func (l *cowrapLang) generateCollect(args language.GenerateArgs, cc *cowrapConfig) language.GenerateResult {
	root := cc.collect
	dcc := root.cfg
	c := args.Config
	name := targetName(dcc.naming, root.rel, c.RepoName)
	tgt := targetLabel(root.rel, name)
	var res language.GenerateResult

	// Gazelle's per-package targets here are replaced by the collected one.
	_, owned := l.ruleName(c, cc, args.Rel, args.File)
	for _, r := range owned {
		if args.Rel == root.rel && r.Name() == name {
			continue
		}
		res.Empty = append(res.Empty, rule.NewRule(cowrapLibrary, r.Name()))
		l.note("removing %s: cowrap_collect in %s puts its files in %s", targetLabel(args.Rel, r.Name()), buildFile(c, root.rel), tgt)
	}
	if args.Rel != root.rel && len(owned) > 0 && len(owned) == len(args.File.Rules) {
		// A package an earlier run created: it still takes its files out
		// of the enclosing package's globs. Gazelle deletes no file.
		l.note("%s holds no target now: delete it, so that its files are in the enclosing package (and its globs) again", buildFile(c, args.Rel))
	}

	pkg := args.Rel
	if args.File == nil {
		pkg = l.packageOf(args.Rel, root.rel)
	}
	found, _ := l.sources(dcc, args.Rel, args.Dir, args.RegularFiles, tgt)
	for _, src := range found {
		p := src.in.Path
		if l.collected == nil {
			l.collected = map[string][]collectedFile{}
			l.exports = map[string][]string{}
		}
		l.collected[root.rel] = append(l.collected[root.rel], collectedFile{p, pkg, src})
		if pkg != root.rel {
			l.exports[pkg] = append(l.exports[pkg], strings.TrimPrefix(p, pkg+"/"))
		}
	}
	if args.Rel != root.rel {
		if args.File != nil && len(l.exports[args.Rel]) > 0 {
			l.export(c, args.File, l.exports[args.Rel], tgt)
		}
		return res
	}

	files := l.collected[root.rel]
	delete(l.collected, root.rel)
	old := existing(findRules(c, args.File), name)
	if len(files) == 0 {
		if old != nil && !old.ShouldKeep() {
			res.Empty = append(res.Empty, rule.NewRule(cowrapLibrary, name))
			l.note("removing %s: no marked file is left to it", tgt)
		}
		return res
	}
	srcOf := func(f collectedFile) string {
		if f.pkg == root.rel {
			return strings.TrimPrefix(f.path, root.rel+"/")
		}
		return targetLabel(f.pkg, strings.TrimPrefix(f.path, f.pkg+"/"))
	}
	files = inBuildOrder(files, srcOf)
	var srcs []string
	var checked []source
	imp := cowrapImports{}
	for _, f := range files {
		srcs = append(srcs, srcOf(f))
		checked = append(checked, f.src)
		if path.Ext(f.path) == ".h" {
			imp.srcs = append(imp.srcs, f.path)
		}
	}
	imp.callees = callees(l.checkTarget(dcc, old, checked))
	r := rule.NewRule(cowrapLibrary, name)
	r.SetAttr("srcs", srcs)
	l.setAttrs(dcc, r, old)
	return withRule(res, r, imp, dcc)
}

// packageOf returns the package directory rel is in: the nearest directory
// at or above it with a build file, but not above the collect directory.
func (l *cowrapLang) packageOf(rel, root string) string {
	for p := rel; p != root; p = parentDir(p) {
		if di, err := dirInfo(p); err == nil && di.File != nil {
			return p
		}
	}
	return root
}

func parentDir(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return ""
}

// export makes sure build file f lists files (relative to its package) in
// an exports_files call, so that the collected target tgt may use them:
// missing ones go in a new exports_files call. Nothing is removed.
func (l *cowrapLang) export(c *config.Config, f *rule.File, files []string, tgt string) {
	listed := map[string]bool{}
	for _, r := range f.Rules {
		if r.Kind() != "exports_files" || len(r.Args()) == 0 {
			continue
		}
		if list, ok := r.Args()[0].(*bzl.ListExpr); ok {
			for _, x := range list.List {
				if s, ok := x.(*bzl.StringExpr); ok {
					listed[s.Value] = true
				}
			}
		}
	}
	var missing []string
	for _, name := range dedupe(append([]string(nil), files...)) {
		if !listed[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return
	}
	sort.Strings(missing)
	list := &bzl.ListExpr{ForceMultiLine: len(missing) > 1}
	for _, name := range missing {
		list.List = append(list.List, &bzl.StringExpr{Value: name})
	}
	r := rule.NewRule("exports_files", "")
	r.AddArg(list)
	r.Insert(f)
	l.note("%s: exporting %s for %s", buildFile(c, f.Pkg), strings.Join(missing, ", "), tgt)
}

// findRules returns the cowrap_library rules of f (nil f: none).
func findRules(c *config.Config, f *rule.File) []*rule.Rule {
	if f == nil {
		return nil
	}
	var out []*rule.Rule
	for _, r := range f.Rules {
		if isCowrapKind(c, r.Kind()) {
			out = append(out, r)
		}
	}
	return out
}
