package gazelle

import (
	"path"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"
	bzl "github.com/bazelbuild/buildtools/build"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// cowrapImports is what GenerateRules hands Resolve for one rule.
type cowrapImports struct {
	// headers to find a cc_library for, each once: the header srcs as
	// repository paths, then the generated file's #include lines (system
	// headers left out).
	headers []string
	// callees are the functions the wrappers call, to find the cc_library
	// that defines each (linkdeps.go).
	callees []callee
}

func (l *cowrapLang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	cc := getConfig(args.Config)
	if !cc.enabled {
		return language.GenerateResult{}
	}
	if cc.collect != nil {
		return l.generateCollect(args, cc)
	}
	name, owned := l.ruleName(args.Config, cc, args.Rel, args.File)
	tgt := targetLabel(args.Rel, name)
	var srcs, takenBy []string
	for _, f := range l.markedFiles(cc, args.Rel, args.Dir, args.RegularFiles, tgt) {
		if o := l.owners.owner(path.Join(args.Rel, f)); o != "" {
			takenBy = append(takenBy, o)
		} else {
			srcs = append(srcs, f)
		}
	}
	if len(srcs) > 0 && args.File == nil && args.Rel != "" {
		// A new package: Bazel's globs stop at package boundaries.
		if by, pkg, files := shadowedGlob(args.Config, args.Rel, args.RegularFiles); by != "" {
			l.report(cc.errors, "not creating %s for %s: that new package would take %s out of the glob of %s, which would then no longer provide them; add # gazelle:cowrap_collect to %s, or list the marked files in a cowrap_library there by hand",
				buildFile(args.Config, args.Rel), tgt, strings.Join(files, ", "), by, buildFile(args.Config, pkg))
			return language.GenerateResult{}
		}
	}
	var res language.GenerateResult
	for _, r := range owned {
		if len(srcs) == 0 || r.Name() != name {
			res.Empty = append(res.Empty, rule.NewRule(cowrapLibrary, r.Name()))
			why := "no marked file of its package is left to it"
			if len(srcs) > 0 {
				why = "its files are in " + tgt
			} else if len(takenBy) > 0 {
				why = "the marked files of its package are in the srcs of " + strings.Join(dedupe(takenBy), ", ")
			}
			l.note("removing %s: %s", targetLabel(args.Rel, r.Name()), why)
		}
	}
	if len(srcs) == 0 {
		return res
	}
	// RegularFiles is sorted, and so are srcs.
	r := rule.NewRule(cowrapLibrary, name)
	r.SetAttr("srcs", srcs)
	l.setAttrs(cc, r, existing(findRules(args.Config, args.File), name))
	imp := cowrapImports{}
	for _, s := range srcs {
		if path.Ext(s) == ".h" {
			imp.headers = append(imp.headers, path.Join(args.Rel, s))
		}
	}
	return withRule(res, r, imp, cc)
}

// withRule adds generated rule r to res, with the headers its file includes
// (imp's sources plus cc's #include lines; <...> system headers need no dep).
func withRule(res language.GenerateResult, r *rule.Rule, imp cowrapImports, cc *cowrapConfig) language.GenerateResult {
	for _, h := range cc.headers() {
		if !strings.HasPrefix(h, "<") {
			imp.headers = append(imp.headers, h)
		}
	}
	imp.headers = dedupe(imp.headers)
	res.Gen = append(res.Gen, r)
	res.Imports = append(res.Imports, imp)
	return res
}

// setAttrs sets the attributes the directives decide on generated rule r;
// old is the existing rule r is merged into, or nil.
func (l *cowrapLang) setAttrs(cc *cowrapConfig, r, old *rule.Rule) {
	if cc.dialect != "" {
		r.SetAttr("dialect", cc.dialect)
	}
	// Order matters in both: #include lines, and marks as the user wrote them.
	if cc.includes != nil {
		r.SetAttr("include_lines", rule.UnsortedStrings(cc.includes))
	}
	if cc.marks != nil {
		r.SetAttr("marks", rule.UnsortedStrings(cc.marks))
	}
	if cc.visibility != nil {
		r.SetAttr("visibility", cc.visibility)
	} else {
		keep(r, old, "visibility")
	}
	if cc.templateAttr != "" {
		r.SetAttr("template", cc.templateAttr)
	} else {
		keep(r, old, "template")
	}
}

// keep sets attribute key of r to its value in old, if any: an attribute
// that is Gazelle's only while a directive sets it is merged into itself
// otherwise, so a hand-set value stays.
func keep(r, old *rule.Rule, key string) {
	if old != nil && old.Attr(key) != nil {
		r.SetAttr(key, old.Attr(key))
	}
}

// markedFiles returns the C files among files (names in directory dir,
// the package rel) that hold marked declarations the generator accepts.
// A file the generator would reject (any finding that is an error) is left
// out, and that is reported, naming tgt, the target it would be in.
func (l *cowrapLang) markedFiles(cc *cowrapConfig, rel, dir string, files []string, tgt string) []string {
	found := l.reader.scan(dir, rel, files, cc.needles)
	var out []string
	for _, f := range files {
		if !isC(f) {
			continue
		}
		name := path.Join(rel, f)
		if err := found.errs[f]; err != nil {
			// The file may hold marks: cowrap_errors ignore does not
			// silence this.
			p := cc.errors
			if p == policyIgnore {
				p = policyWarn
			}
			l.report(p, "%s: cannot read it, so it is not in %s: %v", name, tgt, err)
			continue
		}
		src := found.marked[f]
		if src == nil {
			continue
		}
		ok, findings := check(cc, name, src)
		for _, e := range findings {
			l.report(cc.errors, "%v", e)
		}
		if len(findings) > 0 {
			l.report(cc.errors, "%s: left out of %s: the generator rejects the file (see above)", name, tgt)
			continue
		}
		if ok {
			out = append(out, f)
		}
	}
	return out
}

// check reports whether src holds at least one marked declaration that the
// scanner and the dialect (or, with custom marks, the general grammar)
// accept, and returns the findings that make the generator reject the
// file, by position. Only files with the bytes of a mark get here: the
// others are never lexed.
func check(cc *cowrapConfig, rel string, src []byte) (bool, []*scan.Error) {
	res := scan.File(rel, src, cc.scanMarks)
	findings := append([]*scan.Error(nil), res.Errors...)
	ok := false
	for _, decl := range res.Decls {
		var w *model.Wrapper
		var diags []model.Diag
		if cc.markMeanings != nil {
			// Custom marks go with a user template: the general C grammar.
			w, diags = dialect.ReadGeneral(decl, cc.markMeanings)
		} else {
			w, diags = cc.d.Wrapper(decl, false)
		}
		for _, d := range diags {
			if !d.Warning {
				findings = append(findings, d.Err)
			}
		}
		ok = ok || w != nil
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i].Pos, findings[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	return ok, findings
}

// ruleName returns the name of the package's generated target, and the
// cowrap_library rules of f that are Gazelle's (see isOwned). The name is
// that of the owned rule called as cowrap_naming says, else of the first
// owned rule (a rename by hand sticks), else what cowrap_naming says.
func (l *cowrapLang) ruleName(c *config.Config, cc *cowrapConfig, rel string, f *rule.File) (string, []*rule.Rule) {
	want := targetName(cc.naming, rel, c.RepoName)
	var owned []*rule.Rule
	if f == nil {
		return want, nil
	}
	for _, r := range f.Rules {
		if isCowrapKind(c, r.Kind()) && isOwned(r) {
			owned = append(owned, r)
		}
	}
	if existing(owned, want) == nil && len(owned) > 0 {
		return owned[0].Name(), owned
	}
	return want, owned
}

// existing returns the rule called name among rules, or nil.
func existing(rules []*rule.Rule, name string) *rule.Rule {
	for _, r := range rules {
		if r.Name() == name {
			return r
		}
	}
	return nil
}

// dedupe drops repeated strings, keeping the first of each.
func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// shadowedGlob reports whether creating a package in directory rel would
// take files out of a glob() of the package that holds it now (Bazel's glob
// stops at package boundaries). It returns that rule's label, its package
// and the files.
func shadowedGlob(c *config.Config, rel string, files []string) (string, string, []string) {
	for a := parentDir(rel); ; a = parentDir(a) {
		di, err := dirInfo(a)
		if err == nil && di.File != nil {
			prefix := strings.TrimPrefix(rel[len(a):], "/")
			for _, r := range di.File.Rules {
				var hit []string
				for _, key := range r.AttrKeys() {
					for _, g := range globs(r.Attr(key)) {
						for _, f := range files {
							p := path.Join(prefix, f)
							if matchAny(g.Patterns, p) && !matchAny(g.Excludes, p) {
								hit = append(hit, path.Join(rel, f))
							}
						}
					}
				}
				if len(hit) > 0 {
					return targetLabel(a, r.Name()), a, dedupe(hit)
				}
			}
			return "", "", nil
		}
		if a == "" {
			return "", "", nil
		}
	}
}

// globs returns the glob() calls in expression e.
func globs(e bzl.Expr) []rule.GlobValue {
	switch e := e.(type) {
	case *bzl.BinaryExpr:
		return append(globs(e.X), globs(e.Y)...)
	case *bzl.CallExpr:
		if g, ok := rule.ParseGlobExpr(e); ok {
			return []rule.GlobValue{g}
		}
	}
	return nil
}
