package gazelle

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"
	bzl "github.com/bazelbuild/buildtools/build"
	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/include"
)

// cowrapImports is what GenerateRules hands Resolve for one rule.
type cowrapImports struct {
	// srcs are the header srcs, as repository paths.
	srcs []string
	// headers to find a cc_library for, each once: srcs, then the
	// generated file's #include lines (system headers left out); withRule
	// sets them.
	headers []string
	// callees are the functions the wrappers call, to find the cc_library
	// that defines each (linkdeps.go).
	callees []callee
}

func (l *cowrapLang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	cc := getConfig(args.Config)
	if !cc.enabled || l.skipView(args.Config, args.Rel) {
		return language.GenerateResult{}
	}
	if cc.collect != nil {
		return l.generateCollect(args, cc)
	}
	name, owned := l.ruleName(args.Config, cc, args.Rel, args.File)
	tgt := targetLabel(args.Rel, name)
	var srcs []string
	checked, takenBy := l.sources(cc, args.Rel, args.Dir, args.RegularFiles, tgt)
	for _, s := range checked {
		srcs = append(srcs, s.name)
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
	old := existing(findRules(args.Config, args.File), name)
	verdicts := l.checkTarget(cc, old, inBuildOrder(checked, func(s source) string { return s.name }))
	r := rule.NewRule(cowrapLibrary, name)
	r.SetAttr("srcs", srcs)
	l.setAttrs(cc, r, old)
	imp := cowrapImports{callees: callees(verdicts)}
	for _, s := range srcs {
		if path.Ext(s) == ".h" {
			imp.srcs = append(imp.srcs, path.Join(args.Rel, s))
		}
	}
	return withRule(res, r, imp, cc)
}

// withRule adds generated rule r to res, with the headers its file includes
// (imp's sources plus cc's #include lines; <...> system headers need no dep).
func withRule(res language.GenerateResult, r *rule.Rule, imp cowrapImports, cc *cowrapConfig) language.GenerateResult {
	imp.headers = slices.Clone(imp.srcs)
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

// source is a file of a target's srcs, and the generator's verdict on it
// alone.
type source struct {
	name string      // in its directory
	in   check.Input // Path is the repository path
	file check.File
}

// sources returns the C files among files (names in directory dir, the
// package rel) that belong in the srcs of tgt, the target of the package:
// those where the generator's check finds a marked declaration, accepted
// or rejected (check.File.Source). A finding never takes a file out: the
// findings are reported by checkTarget, and the build reports the same
// ones at the same places. A file Gazelle cannot list (unreadable, not
// UTF-8, a name the rule rejects) is reported whatever cowrap_errors says.
// A file a user's target lists is left to it (see owned.go) and said so;
// takenBy are those targets.
func (l *cowrapLang) sources(cc *cowrapConfig, rel, dir string, files []string, tgt string) (out []source, takenBy []string) {
	found := readMarked(dir, files, cc.needles)
	for _, f := range files {
		if !isC(f) {
			continue
		}
		name := path.Join(rel, f)
		if o := l.owner(name); o != "" {
			if found.marked[f] != nil {
				l.note("%s: not in %s: left to %s, which lists it in srcs", name, tgt, o)
				takenBy = append(takenBy, o)
			}
			continue
		}
		if err := found.errs[f]; err != nil {
			l.always(cc.errors, "%s: cannot read it, so it is not in %s: %v", quoteBad(name), tgt, err)
			continue
		}
		src := found.marked[f]
		if src == nil {
			continue
		}
		in := check.Input{Path: name, Data: src}
		v := cc.checker.File(in)
		if v.Unreadable != nil {
			l.always(cc.errors, "%v; so it is not in %s", v.Unreadable, tgt)
			continue
		}
		if !v.Source {
			continue
		}
		if err := nameError(name); err != nil {
			l.always(cc.errors, "%s: not in %s: %v", quoteBad(name), tgt, err)
			continue
		}
		out = append(out, source{f, in, v})
	}
	return out, takenBy
}

// inBuildOrder sorts list by the srcs entry of each as the BUILD file will
// list them: buildifier's order, which Gazelle's formatting applies and the
// build passes the files in (not byte order: block.h comes before
// block-io.h, and labels after plain names).
func inBuildOrder[T any](list []T, src func(T) string) []T {
	l := &bzl.ListExpr{}
	by := map[string]T{}
	for _, x := range list {
		l.List = append(l.List, &bzl.StringExpr{Value: src(x)})
		by[src(x)] = x
	}
	bzl.SortStringList(l)
	out := make([]T, 0, len(list))
	for _, e := range l.List {
		out = append(out, by[e.(*bzl.StringExpr).Value])
	}
	return out
}

// checkTarget reports, under cowrap_errors, what the generator finds in
// the files of a target, srcs in the order of its srcs attribute: each
// file's findings, then those across files (a wrapper declared twice, at
// both places), as the build will report them. old is the existing rule
// the target is merged into, or nil. It returns the verdict on each file
// as the build reads it (the wrappers, whose targets the link deps need).
func (l *cowrapLang) checkTarget(cc *cowrapConfig, old *rule.Rule, srcs []source) []check.File {
	chk := cc.checker
	if o := chk.Options(); !o.General && old != nil && old.Attr("template") != nil {
		// A template set by hand stays (setAttrs), and with it the
		// general grammar: the marks are the scanner's either way, so
		// the files are the same, but not the findings.
		o.General = true
		chk = check.New(o)
	}
	inputs := make([]check.Input, len(srcs))
	files := make([]check.File, len(srcs))
	for i, s := range srcs {
		inputs[i], files[i] = s.in, s.file
		if chk != cc.checker {
			files[i] = chk.File(s.in)
		}
		for _, d := range files[i].Diags {
			l.finding(cc.errors, d)
		}
	}
	for _, d := range chk.Across(inputs, files) {
		l.finding(cc.errors, d)
	}
	return files
}

// quoteBad is p for a message: as is, or quoted when it is not UTF-8.
func quoteBad(p string) string {
	if utf8.ValidString(p) {
		return p
	}
	return strconv.Quote(p)
}

// nameError is why file p (a repository path) cannot be in srcs: a BUILD
// file cannot name it (not UTF-8), or for a header, the rule's own check of
// the #include line it writes for it (include_srcs, gen/include).
func nameError(p string) error {
	if !utf8.ValidString(p) {
		return fmt.Errorf("its name is not UTF-8, which a BUILD file cannot hold")
	}
	if strings.HasSuffix(p, ".h") {
		return include.Check(p)
	}
	return nil
}

// ruleName returns the name of the package's generated target, and the
// cowrap_library rules of f that are Gazelle's (see isOwned). The name is
// that of the owned rule called as cowrap_naming says, else of the first
// owned rule (a rename by hand sticks), else what cowrap_naming says.
func (l *cowrapLang) ruleName(c *config.Config, cc *cowrapConfig, rel string, f *rule.File) (string, []*rule.Rule) {
	want := targetName(cc.naming, rel, c.RepoName)
	var owned []*rule.Rule
	for _, r := range findRules(c, f) {
		if isOwned(r) {
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
