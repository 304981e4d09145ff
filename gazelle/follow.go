package gazelle

import (
	"path/filepath"
	"strings"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
)

// Followed links. # gazelle:follow makes Gazelle's walk enter a symlinked
// directory. When the link points inside the repository, the walk visits
// that directory twice (a link to its own directory: again and again, as
// deep as the system follows links). Every cc_library would be indexed
// twice, under two packages, and the header it provides would then have
// several providers and get no dep; a collected target would list each
// file twice. The extension therefore processes each real directory once,
// where it is: a view through such a link generates nothing, removes
// nothing and indexes nothing. A link to a directory outside the
// repository is processed as usual.

// views caches, for each directory visited, the repository directory it
// is a view of.
type views struct {
	mu   sync.Mutex
	root string            // the repository root, symlinks resolved
	of   map[string]string // rel -> real rel; rel itself when not a view
}

// viewOf reports whether directory rel is a view, through a symlink, of
// another directory of the repository, and returns that directory.
func (v *views) viewOf(c *config.Config, rel string) (string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if real, ok := v.of[rel]; ok {
		return real, real != rel
	}
	if v.of == nil {
		v.of = map[string]string{}
		v.root, _ = filepath.EvalSymlinks(c.RepoRoot)
	}
	real := rel
	if p, err := filepath.EvalSymlinks(filepath.Join(c.RepoRoot, filepath.FromSlash(rel))); err == nil && v.root != "" {
		if r, err := filepath.Rel(v.root, p); err == nil && r != ".." && !strings.HasPrefix(r, "../") {
			real = filepath.ToSlash(r)
			if real == "." {
				real = ""
			}
		}
	}
	v.of[rel] = real
	return real, real != rel
}

// skipView reports whether directory rel is a view of another directory,
// where GenerateRules does nothing, and says so once, at the link.
func (l *cowrapLang) skipView(c *config.Config, rel string) bool {
	real, ok := l.views.viewOf(c, rel)
	if !ok {
		return false
	}
	if _, parentIsView := l.views.viewOf(c, parentDir(rel)); !parentIsView || rel == "" {
		where := real
		if where == "" {
			where = "the repository root"
		}
		l.note("%s: a followed link to %s, which is processed where it is; nothing is generated or indexed through the link", rel, where)
	}
	return true
}
