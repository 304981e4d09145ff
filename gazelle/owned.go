package gazelle

import (
	"path"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// Ownership. A cowrap_library is Gazelle's when it has the form Gazelle
// writes and no # keep: in any package, srcs is a plain list of the
// package's own files; in a cowrap_collect directory, also the target
// called as cowrap_naming says. Any other cowrap_library belongs to the
// user: a glob, a variable, labels of other packages, paths reaching into
// subdirectories, # keep, or any target where the extension is disabled.
// The marked files a user's target lists in srcs, in any package of the
// repository, are left to it: Gazelle never lists them again elsewhere, and
// never edits or removes that target.

// owners maps the repository path of each file that a user's cowrap_library
// lists in srcs to that target's label.
type owners struct {
	loaded bool
	files  map[string]string
}

// owner returns the label of the user's target that lists file p (a
// repository path), or "". The first call reads every BUILD file of the
// repository, through Gazelle's directory cache (walk.GetDirInfo, which
// the walk itself then reuses), so that a target in a package Gazelle
// visits later counts on the first run. Each directory's configuration is
// configureDir's, the one Gazelle's configuration gets too.
func (l *cowrapLang) owner(p string) string {
	if !l.owners.loaded && l.root != nil { // nil: no walk configured the root
		l.owners.loaded = true
		l.owners.files = map[string]string{}
		l.loadOwners("", l.defaults)
	}
	return l.owners.files[p]
}

// loadOwners adds the files of the user's targets in directory rel and
// below; parent is the configuration of the directory above.
func (l *cowrapLang) loadOwners(rel string, parent *cowrapConfig) {
	di, err := dirInfo(rel)
	if err != nil {
		return
	}
	c := l.root
	cc := l.configureDir(c, parent, rel, di.File)
	if di.File != nil {
		for _, r := range di.File.Rules {
			if isCowrapKind(c, r.Kind()) && !cc.isGazelles(c, rel, r) {
				for _, p := range srcPaths(rel, r) {
					l.owners.files[p] = targetLabel(rel, r.Name())
				}
			}
		}
	}
	for _, s := range di.Subdirs {
		l.loadOwners(path.Join(rel, s), cc)
	}
}

// isGazelles reports whether cowrap_library r of package rel, configured
// with cc, is Gazelle's.
func (cc *cowrapConfig) isGazelles(c *config.Config, rel string, r *rule.Rule) bool {
	if !cc.enabled {
		return false
	}
	if isOwned(r) {
		return true
	}
	collectRoot := cc.collect != nil && cc.collect.rel == rel
	return collectRoot && !r.ShouldKeep() && r.Name() == targetName(cc.naming, rel, c.RepoName) &&
		len(r.AttrStrings("srcs")) > 0
}

// srcPaths returns the repository paths of the files in the srcs of rule
// r of package rel: strings, local and absolute labels of this repository,
// and globs.
func srcPaths(rel string, r *rule.Rule) []string {
	var out []string
	if list := r.AttrStrings("srcs"); list != nil {
		for _, s := range list {
			if p, ok := repoPath(rel, s); ok {
				out = append(out, p)
			}
		}
		return out
	}
	if e := r.Attr("srcs"); e != nil {
		for _, f := range fileList(e, rel) {
			out = append(out, path.Join(rel, f))
		}
	}
	return out
}

// repoPath is the repository path of src as written in package rel.
func repoPath(rel, src string) (string, bool) {
	if strings.HasPrefix(src, "@") {
		return "", false
	}
	if strings.HasPrefix(src, "//") || strings.HasPrefix(src, ":") {
		l, err := label.Parse(src)
		if err != nil {
			return "", false
		}
		if l.Relative {
			return path.Join(rel, l.Name), true
		}
		return path.Join(l.Pkg, l.Name), true
	}
	return path.Join(rel, src), true
}

// isOwned reports whether cowrap_library r is Gazelle's: its srcs is a
// plain list of the package's own files, as Gazelle writes it, and it has
// no # keep. Any other (a glob, labels of other packages, paths into
// subdirectories, a variable) belongs to the user, and so do its srcs.
func isOwned(r *rule.Rule) bool {
	if r.ShouldKeep() {
		return false
	}
	srcs := r.AttrStrings("srcs")
	if len(srcs) == 0 {
		return false
	}
	for _, s := range srcs {
		if strings.ContainsAny(strings.TrimPrefix(s, ":"), "/:@") {
			return false
		}
	}
	return true
}
