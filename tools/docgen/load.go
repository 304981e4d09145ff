package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/bazelbuild/buildtools/build"
)

// module is one parsed .bzl file: its top-level bindings by name.
type module struct {
	path  string // as given, relative to the repository root
	file  *build.File
	binds map[string]*binding
	order []string // public names, in source order
}

// binding is what a top-level name stands for: a def, an assignment or a
// loaded symbol.
type binding struct {
	name string
	def  *build.DefStmt  // def name(...)
	rhs  build.Expr      // name = rhs
	stmt build.Expr      // the statement, for its comments and position
	from *build.LoadStmt // load(from.Module, name = "orig")
	orig string          // the name in the loaded module
	mod  *module         // where it is bound
}

// loader parses .bzl files of this repository once each.
type loader struct {
	repo string // the module's name: "@repo//pkg:f.bzl" is this repository
	mods map[string]*module
}

func (l *loader) load(p string) (*module, error) {
	if m, ok := l.mods[p]; ok {
		return m, nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	f, err := build.ParseBzl(p, data)
	if err != nil {
		return nil, err
	}
	m := &module{path: p, file: f, binds: map[string]*binding{}}
	for _, stmt := range f.Stmt {
		switch s := stmt.(type) {
		case *build.DefStmt:
			m.bind(&binding{name: s.Name, def: s, stmt: s})
		case *build.AssignExpr:
			if id, ok := s.LHS.(*build.Ident); ok && s.Op == "=" {
				m.bind(&binding{name: id.Name, rhs: s.RHS, stmt: s})
			}
		case *build.LoadStmt:
			for i := range s.To {
				m.bind(&binding{name: s.To[i].Name, from: s, orig: s.From[i].Name, stmt: s})
			}
		}
	}
	l.mods[p] = m
	// Read every file it loads from this repository too, used or not: under Bazel the
	// generator sees only the bzl_library closure it is given, so a load missing from a
	// bzl_library's deps fails here (//docs:rules_md_test), as it would fail Stardoc.
	for _, stmt := range f.Stmt {
		if ld, ok := stmt.(*build.LoadStmt); ok {
			if dep, ok := l.filePath(p, ld.Module.Value); ok {
				if _, err := l.load(dep); errors.Is(err, fs.ErrNotExist) { // this file, not one it loads
					return nil, m.errorf(ld, "load(%q): %v (is it in the deps of the file's bzl_library?)", ld.Module.Value, err)
				} else if err != nil {
					return nil, m.errorf(ld, "load(%q): %v", ld.Module.Value, err)
				}
			}
		}
	}
	return m, nil
}

func (m *module) bind(b *binding) {
	b.mod = m
	if _, seen := m.binds[b.name]; !seen && !strings.HasPrefix(b.name, "_") && b.from == nil {
		m.order = append(m.order, b.name)
	}
	m.binds[b.name] = b
}

// filePath maps a load label to a path in this repository; ok is false for
// other repositories (their symbols are not documented here).
func (l *loader) filePath(from, label string) (string, bool) {
	label = strings.TrimPrefix(label, "@"+l.repo)
	label = strings.TrimPrefix(label, "@@"+l.repo)
	if strings.HasPrefix(label, "@") {
		return "", false
	}
	if strings.HasPrefix(label, ":") {
		return path.Join(path.Dir(from), label[1:]), true
	}
	pkg, name, _ := strings.Cut(strings.TrimPrefix(label, "//"), ":")
	return path.Join(pkg, name), true
}

// resolve follows re-exports (x = _x, load(..., _x = "x")) to the binding
// that defines the value.
func (l *loader) resolve(b *binding) (*binding, error) {
	for range 20 {
		switch {
		case b.from != nil:
			p, ok := l.filePath(b.mod.path, b.from.Module.Value)
			if !ok {
				return nil, b.mod.errorf(b.stmt, "%s comes from another repository (%s)", b.name, b.from.Module.Value)
			}
			m, err := l.load(p)
			if err != nil {
				return nil, b.mod.errorf(b.stmt, "%v", err)
			}
			next, ok := m.binds[b.orig]
			if !ok {
				return nil, b.mod.errorf(b.stmt, "%s has no %s", p, b.orig)
			}
			b = next
		case b.rhs != nil:
			id, ok := b.rhs.(*build.Ident)
			if !ok {
				return b, nil
			}
			next, ok := b.mod.binds[id.Name]
			if !ok {
				return b, nil // a builtin or a global: the assignment is the value
			}
			b = next
		default:
			return b, nil
		}
	}
	return nil, b.mod.errorf(b.stmt, "%s: re-exports go round in a circle", b.name)
}

// errorf formats an error at x's position: "file:line:col: message".
func (m *module) errorf(x build.Expr, format string, args ...any) error {
	start, _ := x.Span()
	return fmt.Errorf("%s:%d:%d: %s", m.path, start.Line, start.LineRune, fmt.Sprintf(format, args...))
}
