package gazelle

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Link dependencies. A wrapper calls a function (its target: bdrv_co_pread
// for bdrv_pread; for a no_co wrapper, what its bottom half calls), and
// the generated target must link against the library that defines it,
// which is often not the one that declares it (QEMU: include/**/*.h in one
// cc_library, block/*.c in another). Imports records each cc_library, and
// the first lookup indexes them under the functions their .c srcs define,
// with gen/scan's Definitions; Resolve looks each target up there.

// symbolLang is the import language of `# gazelle:resolve c-symbol
// bdrv_co_pread //block:impl`, which names the library that defines a
// function instead of the index.
const symbolLang = "c-symbol"

// callee is a function a wrapper of the generated target calls.
type callee struct {
	name string // model.Wrapper.Target
	by   string // the wrapper and where it is declared, for messages
}

// callees are the functions the wrappers of files call, each once, from
// the generator's verdict on the target's files (checkTarget).
func callees(files []check.File) []callee {
	var out []callee
	seen := map[string]bool{}
	for _, f := range files {
		for _, w := range f.Wrappers {
			if !seen[w.Target] {
				seen[w.Target] = true
				out = append(out, callee{name: w.Target, by: fmt.Sprintf("%s (%s:%s)", w.Name, w.File, w.Pos)})
			}
		}
	}
	return out
}

// linkIndex maps each function that a cc_library's .c srcs define to that
// library. Imports records the libraries as Gazelle indexes the tree; the
// files are read and lexed only when a wrapper's target is first looked up
// (a tree without wrappers pays nothing), on every core.
type linkIndex struct {
	mu   sync.Mutex
	libs []ccLib

	once    sync.Once
	defs    map[string][]label.Label // extern definitions, by function
	statics map[string][]string      // where a function is defined static
	deps    map[label.Label][]label.Label
}

// ccLib is a cc_library to read.
type ccLib struct {
	label  label.Label
	pkg    string   // its package
	dir    string   // its directory
	files  []string // the .c files of its srcs, relative to dir
	deps   []label.Label
	errors policy // cowrap_errors in its directory
}

// add records cc_library r of build file f (directory dir) for the index.
func (x *linkIndex) add(c *config.Config, r *rule.Rule, f *rule.File, dir string) {
	lib := ccLib{label: label.New(c.RepoName, f.Pkg, r.Name()), pkg: f.Pkg, dir: dir, errors: getConfig(c).errors}
	for _, s := range fileList(r.Attr("srcs"), f.Pkg) {
		if path.Ext(s) == ".c" {
			lib.files = append(lib.files, s)
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

// read is what one .c file defines.
type read struct {
	defs []scan.Definition
	errs []*scan.Error
	err  error // it could not be read
}

// build reads every recorded file, once, and reports under each library's
// cowrap_errors the files that cannot be read or lexed, in the order the
// libraries were recorded. A listed file that does not exist is made by
// the build: Gazelle cannot read it, and says nothing.
func (x *linkIndex) build(l *cowrapLang) {
	x.once.Do(func() {
		x.mu.Lock()
		libs := x.libs
		x.mu.Unlock()
		type job struct{ lib, file int }
		var jobs []job
		results := make([][]read, len(libs))
		for i, lib := range libs {
			results[i] = make([]read, len(lib.files))
			for k := range lib.files {
				jobs = append(jobs, job{i, k})
			}
		}
		next := make(chan job)
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(jobs)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf []byte
				for j := range next {
					lib := libs[j.lib]
					d := openDir(lib.dir)
					var src []byte
					var err error
					if src, buf, err = d.readFile(lib.files[j.file], buf); err != nil {
						results[j.lib][j.file].err = err
					} else {
						r := &results[j.lib][j.file]
						r.defs, r.errs = scan.Definitions(path.Join(lib.pkg, lib.files[j.file]), src)
					}
					d.close()
				}
			}()
		}
		for _, j := range jobs {
			next <- j
		}
		close(next)
		wg.Wait()

		x.defs, x.statics, x.deps = map[string][]label.Label{}, map[string][]string{}, map[label.Label][]label.Label{}
		for i, lib := range libs {
			x.deps[lib.label] = lib.deps
			for k, r := range results[i] {
				name := path.Join(lib.pkg, lib.files[k])
				if r.err != nil {
					if !errors.Is(r.err, fs.ErrNotExist) {
						l.report(lib.errors, "%s: cannot read it, so the functions it defines are unknown (it is in the srcs of %s): %v", name, lib.label, r.err)
					}
					continue
				}
				for _, e := range r.errs {
					l.report(lib.errors, "%v (read for the functions that %s defines)", e, lib.label)
				}
				for _, def := range r.defs {
					if def.Static {
						x.statics[def.Name] = append(x.statics[def.Name], fmt.Sprintf("%s:%s", name, def.Pos))
					} else if defs := x.defs[def.Name]; len(defs) == 0 || defs[len(defs)-1] != lib.label {
						x.defs[def.Name] = append(defs, lib.label)
					}
				}
			}
		}
	})
}

// findDefinition returns the cc_library that defines fn for target from:
// `# gazelle:resolve c-symbol FN LABEL` first, then the index. NoLabel
// without an error: no rule of the repository defines fn (it may be
// defined elsewhere: another repository, a system library, a generated
// file). The error says why no dep is added although the index knows fn.
func (l *cowrapLang) findDefinition(c *config.Config, fn callee, from label.Label) (label.Label, error) {
	spec := resolve.ImportSpec{Lang: symbolLang, Imp: fn.name}
	if lbl, ok := resolve.FindRuleWithOverride(c, spec, symbolLang); ok {
		return lbl, nil
	}
	x := &l.links
	x.build(l)
	found, statics := x.defs[fn.name], x.statics[fn.name]
	switch len(found) {
	case 0:
		if len(statics) > 0 {
			return label.NoLabel, fmt.Errorf("%s, which %s calls, is static at %s: no other file can call it", fn.name, fn.by, strings.Join(statics, ", "))
		}
		return label.NoLabel, nil
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
			return label.NoLabel, fmt.Errorf("%s defines %s, which %s calls, but depends on %s%s: it is not added to deps, as that would be a dependency cycle", found[0], fn.name, fn.by, from, through)
		}
		return found[0], nil
	}
	names := make([]string, len(found))
	for i, f := range found {
		names[i] = f.String()
	}
	sort.Strings(names)
	return label.NoLabel, fmt.Errorf("several rules define %s, which %s calls (%s); pick one with # gazelle:resolve %s %s LABEL", fn.name, fn.by, strings.Join(names, ", "), symbolLang, fn.name)
}

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
