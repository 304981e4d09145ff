package gazelle

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
	"github.com/cowrap/rules_cowrap/internal/parallel"
)

// Link dependencies. A wrapper calls a function (its target: bdrv_co_pread
// for bdrv_pread; for a no_co wrapper, what its bottom half calls), and
// the generated target must link against the library that defines it,
// which is often not the one that declares it (QEMU: include/**/*.h in one
// cc_library, block/*.c in another). Imports records each cc_library, and
// the first lookup indexes them under the functions their .c srcs define,
// with gen/scan's Definitions; Resolve looks each target up there. A
// function no .c file defines may be defined in a header (QEMU's
// bdrv_co_pread is static inline in block/block_int-io.h): the target's
// own header srcs are read for it, then, once, the .h files of every
// cc_library's hdrs. One defined nowhere is a warning at the wrapper.

// symbolLang is the import language of `# gazelle:resolve c-symbol
// bdrv_co_pread //block:impl`, which names the library that defines a
// function instead of the index.
const symbolLang = "c-symbol"

// callee is a function a wrapper of the generated target calls.
type callee struct {
	name    string // model.Wrapper.Target
	wrapper string // model.Wrapper.Name
	file    string // where the wrapper is declared
	pos     scan.Pos
}

// by names the wrapper and where it is declared, for messages.
func (fn callee) by() string { return fmt.Sprintf("%s (%s:%s)", fn.wrapper, fn.file, fn.pos) }

// callees are the functions the wrappers of files call, each once, from
// the generator's verdict on the target's files (checkTarget).
func callees(files []check.File) []callee {
	var out []callee
	seen := map[string]bool{}
	for _, f := range files {
		for _, w := range f.Wrappers {
			if !seen[w.Target] {
				seen[w.Target] = true
				out = append(out, callee{name: w.Target, wrapper: w.Name, file: w.File, pos: w.Pos})
			}
		}
	}
	return out
}

// linkIndex maps each function that a cc_library's .c srcs, or else its
// hdrs and textual_hdrs, define to that library. Imports records the
// libraries as Gazelle indexes the tree; the files are read and lexed only
// when a wrapper's target is first looked up (a tree without wrappers pays
// nothing), on every core; the headers only when a target is defined in no
// .c file.
type linkIndex struct {
	mu   sync.Mutex
	libs []ccLib
	own  map[string][]string // what each header src read defines, by repository path

	once    sync.Once
	defs    map[string][]label.Label // extern definitions, by function
	statics map[string][]string      // where a function is defined static
	deps    map[label.Label][]label.Label

	hdrOnce sync.Once
	inHdrs  map[string][]label.Label // definitions in hdrs, by function
}

// ccLib is a cc_library to read.
type ccLib struct {
	label  label.Label
	pkg    string   // its package
	dir    string   // its directory
	files  []string // the .c files of its srcs, relative to dir
	hdrs   []string // the .h files of its hdrs and textual_hdrs, relative to dir
	deps   []label.Label
	errors policy // cowrap_errors in its directory
}

// add records cc_library r of build file f (directory dir), whose hdrs and
// textual_hdrs are hdrs, for the index.
func (x *linkIndex) add(c *config.Config, r *rule.Rule, f *rule.File, dir string, hdrs []string) {
	lib := ccLib{label: label.New(c.RepoName, f.Pkg, r.Name()), pkg: f.Pkg, dir: dir, errors: getConfig(c).errors}
	for _, s := range fileList(r.Attr("srcs"), f.Pkg) {
		if path.Ext(s) == ".c" {
			lib.files = append(lib.files, s)
		}
	}
	for _, h := range hdrs {
		if path.Ext(h) == ".h" {
			lib.hdrs = append(lib.hdrs, h)
		}
	}
	for _, s := range r.AttrStrings("deps") {
		if dep, err := label.Parse(s); err == nil {
			if dep = dep.Abs(c.RepoName, f.Pkg); dep.Repo == "" {
				dep.Repo = c.RepoName // as Resolve's from has it
			}
			lib.deps = append(lib.deps, dep)
		}
	}
	x.mu.Lock()
	x.libs = append(x.libs, lib)
	x.mu.Unlock()
}

// read is what one file defines.
type read struct {
	defs []scan.Definition
	errs []*scan.Error
	err  error // it could not be read
}

// index reads the files that pick gives of every recorded library (from
// its attribute attr, for messages), on every core, and hands each
// definition to add, in the order the libraries were recorded. It reports
// under each library's cowrap_errors the files that cannot be read or
// lexed. A listed file that does not exist is made by the build: Gazelle
// cannot read it, and says nothing.
func (x *linkIndex) index(l *cowrapLang, attr string, pick func(*ccLib) []string, add func(ccLib, string, scan.Definition)) {
	x.mu.Lock()
	libs := x.libs
	x.mu.Unlock()
	type job struct{ lib, file int }
	var jobs []job
	results := make([][]read, len(libs))
	for i := range libs {
		results[i] = make([]read, len(pick(&libs[i])))
		for k := range results[i] {
			jobs = append(jobs, job{i, k})
		}
	}
	parallel.Workers(len(jobs), func(next <-chan int) {
		var buf []byte
		// The jobs come library by library: the directory stays open
		// while they are in it.
		var d dirHandle
		open := false
		for k := range next {
			j := jobs[k]
			lib := &libs[j.lib]
			name := pick(lib)[j.file]
			if !open || d.path != lib.dir {
				if open {
					d.close()
				}
				d, open = openDir(lib.dir), true
			}
			var src []byte
			var err error
			r := &results[j.lib][j.file]
			if src, buf, err = d.readFile(name, buf); err != nil {
				r.err = err
			} else {
				r.defs, r.errs = scan.Definitions(path.Join(lib.pkg, name), src)
			}
		}
		if open {
			d.close()
		}
	})

	for i, lib := range libs {
		for k, r := range results[i] {
			name := path.Join(lib.pkg, pick(&lib)[k])
			if r.err != nil {
				if !errors.Is(r.err, fs.ErrNotExist) {
					l.report(lib.errors, "%s: cannot read it, so the functions it defines are unknown (it is in the %s of %s): %v", name, attr, lib.label, r.err)
				}
				continue
			}
			for _, e := range r.errs {
				l.report(lib.errors, "%v (read for the functions that %s defines)", e, lib.label)
			}
			for _, def := range r.defs {
				add(lib, name, def)
			}
		}
	}
}

// build indexes the .c srcs, once.
func (x *linkIndex) build(l *cowrapLang) {
	x.once.Do(func() {
		x.defs, x.statics, x.deps = map[string][]label.Label{}, map[string][]string{}, map[label.Label][]label.Label{}
		x.mu.Lock()
		for _, lib := range x.libs {
			x.deps[lib.label] = lib.deps
		}
		x.mu.Unlock()
		x.index(l, "srcs", func(lib *ccLib) []string { return lib.files }, func(lib ccLib, name string, def scan.Definition) {
			if def.Static {
				x.statics[def.Name] = append(x.statics[def.Name], fmt.Sprintf("%s:%s", name, def.Pos))
			} else {
				x.defs[def.Name] = appendLib(x.defs[def.Name], lib.label)
			}
		})
	})
}

// headers indexes the hdrs, once, and returns what they define.
func (x *linkIndex) headers(l *cowrapLang) map[string][]label.Label {
	x.hdrOnce.Do(func() {
		x.inHdrs = map[string][]label.Label{}
		x.index(l, "hdrs or textual_hdrs", func(lib *ccLib) []string { return lib.hdrs }, func(lib ccLib, _ string, def scan.Definition) {
			x.inHdrs[def.Name] = appendLib(x.inHdrs[def.Name], lib.label)
		})
	})
	return x.inHdrs
}

// appendLib appends lib to libs unless it is the last already.
func appendLib(libs []label.Label, lib label.Label) []label.Label {
	if len(libs) > 0 && libs[len(libs)-1] == lib {
		return libs
	}
	return append(libs, lib)
}

// ownDefines reports whether one of srcs, the generated target's header
// srcs (repository paths under root), defines fn. Each is read once; the
// generator has checked them already, so what cannot be read or lexed was
// reported then.
func (x *linkIndex) ownDefines(root string, srcs []string, fn string) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.own == nil {
		x.own = map[string][]string{}
	}
	for _, p := range srcs {
		names, ok := x.own[p]
		if !ok {
			d := openDir(root)
			if src, _, err := d.readFile(p, nil); err == nil {
				defs, _ := scan.Definitions(p, src)
				for _, def := range defs {
					names = append(names, def.Name)
				}
			}
			d.close()
			x.own[p] = names
		}
		if slices.Contains(names, fn) {
			return true
		}
	}
	return false
}

// findDefinition returns the cc_library that defines fn for target from,
// whose header srcs are srcs: `# gazelle:resolve c-symbol FN LABEL` first,
// then the .c srcs of the index, then, for a function they do not define,
// srcs and the hdrs of the index. Defined in srcs, or in the hdrs of a
// library for which has is true (from's deps so far), fn needs no new dep:
// NoLabel. defined is false when no rule of the repository defines fn (it
// may be defined elsewhere: another repository, a system library, a
// generated file). The error says why no dep is added although the index
// knows fn.
func (l *cowrapLang) findDefinition(c *config.Config, fn callee, from label.Label, srcs []string, has func(label.Label) bool) (lbl label.Label, defined bool, err error) {
	spec := resolve.ImportSpec{Lang: symbolLang, Imp: fn.name}
	if lbl, ok := resolve.FindRuleWithOverride(c, spec, symbolLang); ok {
		return lbl, true, nil
	}
	x := &l.links
	x.build(l)
	found, statics := x.defs[fn.name], x.statics[fn.name]
	if len(found) == 0 {
		if x.ownDefines(c.RepoRoot, srcs, fn.name) {
			return label.NoLabel, true, nil
		}
		if found = x.headers(l)[fn.name]; slices.ContainsFunc(found, has) {
			return label.NoLabel, true, nil
		}
	}
	switch len(found) {
	case 0:
		if len(statics) > 0 {
			return label.NoLabel, true, fmt.Errorf("%s, which %s calls, is static at %s: no other file can call it", fn.name, fn.by(), strings.Join(statics, ", "))
		}
		return label.NoLabel, false, nil
	case 1:
		if chain := x.path(found[0], from); chain != nil {
			through := ""
			if len(chain) > 2 {
				names := make([]string, len(chain))
				for i, l := range chain {
					names[i] = l.String()
				}
				through = " through " + strings.Join(names, " -> ")
			}
			return label.NoLabel, true, fmt.Errorf("%s defines %s, which %s calls, but depends on %s%s: it is not added to deps, as that would be a dependency cycle", found[0], fn.name, fn.by(), from, through)
		}
		return found[0], true, nil
	}
	names := make([]string, len(found))
	for i, f := range found {
		names[i] = f.String()
	}
	sort.Strings(names)
	return label.NoLabel, true, fmt.Errorf("several rules define %s, which %s calls (%s); pick one with # gazelle:resolve %s %s LABEL", fn.name, fn.by(), strings.Join(names, ", "), symbolLang, fn.name)
}

// undefined is the finding that no rule of the repository defines fn,
// which the wrapper of target from calls: a warning at the wrapper, as
// the build may still link it (another repository, a system library).
func undefined(fn callee, from label.Label) model.Diag {
	return model.Diag{Warning: true, Err: &scan.Error{File: fn.file, Pos: fn.pos, Msg: fmt.Sprintf(
		"%s, called by the wrapper %s of %s, %s; add \"# gazelle:resolve %s %s LABEL\"",
		fn.name, fn.wrapper, targetLabel(from.Pkg, from.Name), definedNowhere, symbolLang, fn.name)}}
}

// definedNowhere says, in undefined's message, what it is about.
const definedNowhere = "is defined in no cc_library"

// path returns the shortest chain of cc_library deps by which lib depends
// on target, lib first and target last, or nil: adding lib to target's
// deps would close that chain into a cycle.
func (x *linkIndex) path(lib, target label.Label) []label.Label {
	prev := map[label.Label]label.Label{lib: lib} // how each was reached
	for queue := []label.Label{lib}; len(queue) > 0; queue = queue[1:] {
		at := queue[0]
		for _, d := range x.deps[at] {
			if d.Equal(target) {
				chain := []label.Label{target}
				for ; at != lib; at = prev[at] {
					chain = append(chain, at)
				}
				chain = append(chain, lib)
				slices.Reverse(chain)
				return chain
			}
			if _, seen := prev[d]; !seen {
				prev[d] = at
				queue = append(queue, d)
			}
		}
	}
	return nil
}
