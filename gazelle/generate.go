package gazelle

import (
	"path"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// cowrapImports is what GenerateRules hands Resolve for one rule.
type cowrapImports struct {
	// headers to find a cc_library for: the header srcs as repository
	// paths, then the generated file's #include lines (system headers left
	// out).
	headers []string
}

func (l *cowrapLang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	cc := getConfig(args.Config)
	if !cc.enabled {
		return language.GenerateResult{}
	}
	// Read ahead by the background readers, as far as they got here.
	ahead := l.reader.take(args.Rel, cc.needles)
	var srcs []string
	var buf []byte
	var dir *dirHandle
	for _, f := range args.RegularFiles {
		if !isC(f) {
			continue
		}
		var src []byte
		if ahead != nil && ahead.read[f] {
			src = ahead.marked[f]
		} else {
			if dir == nil {
				d := openDir(args.Dir)
				defer d.close()
				dir, buf = &d, make([]byte, 32<<10)
			}
			src, buf = dir.readFile(f, buf)
		}
		if scan.ContainsAny(src, cc.needles) && l.marked(cc, path.Join(args.Rel, f), src) {
			srcs = append(srcs, f)
		}
	}
	if len(srcs) == 0 {
		return language.GenerateResult{Empty: emptyRules(args.Config, args.File)}
	}
	// RegularFiles is sorted, and so are srcs.
	r := rule.NewRule(cowrapLibrary, targetName(cc.naming, args.Rel, args.Config.RepoName))
	r.SetAttr("srcs", srcs)
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
	imp := cowrapImports{}
	for _, s := range srcs {
		if path.Ext(s) == ".h" {
			imp.headers = append(imp.headers, path.Join(args.Rel, s))
		}
	}
	for _, h := range cc.headers() {
		if !strings.HasPrefix(h, "<") {
			imp.headers = append(imp.headers, h)
		}
	}
	return language.GenerateResult{Gen: []*rule.Rule{r}, Imports: []any{imp}}
}

// marked reports whether src holds at least one marked declaration that the
// scanner and the dialect (or, with custom marks, the general grammar)
// accept; rejected ones are reported under the cowrap_errors policy. Only
// files with the bytes of a mark get here: the others are never lexed.
func (l *cowrapLang) marked(cc *cowrapConfig, rel string, src []byte) bool {
	res := scan.File(rel, src, cc.scanMarks)
	var findings []*scan.Error
	ok := false
	for _, decl := range res.Decls {
		var w *model.Wrapper
		var diags []model.Diag
		if cc.markMeanings != nil {
			// Custom marks go with a user template: the general C grammar.
			w, diags = gen.ReadGeneral(decl, cc.markMeanings)
		} else {
			w, diags = cc.d.Wrapper(decl, false)
		}
		for _, d := range diags {
			if !d.Warning {
				findings = append(findings, d.Error)
			}
		}
		ok = ok || w != nil
	}
	findings = append(findings, res.Errors...)
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i].Pos, findings[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	for _, e := range findings {
		l.report(cc.errors, "%v", e)
	}
	return ok
}

// emptyRules lists the cowrap_library rules of f that Gazelle owns, so that
// a package whose marks are gone loses them. A rule is Gazelle's when its
// srcs is a plain list of this package's files; any other is left alone.
// (When the package still has marks, the generated rule is merged into the
// existing one instead.)
func emptyRules(c *config.Config, f *rule.File) []*rule.Rule {
	if f == nil {
		return nil
	}
	var empty []*rule.Rule
	for _, r := range f.Rules {
		if !isCowrapKind(c, r.Kind()) || r.ShouldKeep() {
			continue
		}
		srcs := r.AttrStrings("srcs")
		if len(srcs) == 0 {
			continue // not a list of strings (a glob, a variable): not ours
		}
		local := true
		for _, s := range srcs {
			local = local && !strings.Contains(s, "//") && !strings.HasPrefix(s, "@")
		}
		if local {
			empty = append(empty, rule.NewRule(cowrapLibrary, r.Name()))
		}
	}
	return empty
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
