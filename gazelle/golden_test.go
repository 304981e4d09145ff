package gazelle

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"log"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/merger"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/bazelbuild/bazel-gazelle/walk"
)

var update = flag.Bool("update", false, "rewrite the golden cases' BUILD.out and expected*.txt files from this run (tools/update does; review the diff)")

// TestGolden runs the golden workspaces of testdata/ in process, as the
// Bazel targets //gazelle:golden_<case>_test run them with a gazelle_binary:
// each case's BUILD.in files become BUILD.bazel, Gazelle's update runs over
// the workspace with only this language (with the arguments of
// arguments.txt), and the BUILD.out files, expectedStderr.txt and
// expectedExitCode.txt must match. The run follows Gazelle's own fix-update
// (walk, generate, map kinds, merge, index, resolve, merge, fix loads,
// format). With -update it writes what the run gave as the expectations
// instead; tools/update runs it so.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/*/MODULE.bazel")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases in testdata: %v", err)
	}
	for _, m := range cases {
		src := filepath.Dir(m)
		t.Run(filepath.Base(src), func(t *testing.T) {
			diffMode := false
			if args, err := os.ReadFile(filepath.Join(src, "arguments.txt")); err == nil {
				switch a := strings.TrimSpace(string(args)); a {
				case "":
				case "-mode=diff":
					diffMode = true
				default:
					t.Fatalf("arguments.txt: %q: this runner knows only -mode=diff", a)
				}
			}
			ws := t.TempDir()
			copyCase(t, src, ws)
			stderr, code := runUpdate(t, ws, diffMode)
			stderr = strings.ReplaceAll(stderr, ws, "%WORKSPACEPATH%")
			if *update {
				updateCase(t, src, ws, stderr, code)
				return
			}
			wantCode := 0
			if b, err := os.ReadFile(filepath.Join(src, "expectedExitCode.txt")); err == nil {
				if wantCode, err = strconv.Atoi(strings.TrimSpace(string(b))); err != nil {
					t.Fatalf("expectedExitCode.txt: %v", err)
				}
			}
			if code != wantCode {
				t.Errorf("exit code %d, want %d (tools/update rewrites the expectations)", code, wantCode)
			}
			want, _ := os.ReadFile(filepath.Join(src, "expectedStderr.txt"))
			if stderr != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s(tools/update rewrites the expectations)", stderr, want)
			}
			for _, rel := range buildFiles(t, src, "BUILD.out") {
				want, _ := os.ReadFile(filepath.Join(src, rel, "BUILD.out"))
				got, err := os.ReadFile(filepath.Join(ws, rel, "BUILD.bazel"))
				if err != nil {
					t.Errorf("%s: %v", filepath.Join(rel, "BUILD.out"), err)
				} else if string(got) != string(want) {
					t.Errorf("%s: got\n%s\nwant\n%s(tools/update rewrites the expectations)", filepath.Join(rel, "BUILD.out"), got, want)
				}
			}
			// And no BUILD file the case does not expect.
			for _, rel := range buildFiles(t, ws, "BUILD.bazel") {
				if _, err := os.Stat(filepath.Join(src, rel, "BUILD.out")); err != nil {
					t.Errorf("%s written, but the case has no BUILD.out for it (tools/update writes it)", filepath.Join(rel, "BUILD.bazel"))
				}
			}
		})
	}
}

// updateCase writes what the run in ws gave as the expectations of the case
// src: a BUILD.out for each BUILD.bazel, and expectedStderr.txt and
// expectedExitCode.txt where they are not empty and 0. What the run no
// longer gives is removed, and said.
func updateCase(t *testing.T, src, ws, stderr string, code int) {
	write := func(rel string, data []byte) {
		p := filepath.Join(src, rel)
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
			return
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", p)
	}
	remove := func(rel string) {
		p := filepath.Join(src, rel)
		if err := os.Remove(p); err == nil {
			t.Logf("removed %s: the run gave nothing for it", p)
		} else if !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	written := map[string]bool{}
	for _, rel := range buildFiles(t, ws, "BUILD.bazel") {
		b, err := os.ReadFile(filepath.Join(ws, rel, "BUILD.bazel"))
		if err != nil {
			t.Fatal(err)
		}
		write(filepath.Join(rel, "BUILD.out"), b)
		written[rel] = true
	}
	for _, rel := range buildFiles(t, src, "BUILD.out") {
		if !written[rel] {
			remove(filepath.Join(rel, "BUILD.out"))
		}
	}
	if stderr != "" {
		write("expectedStderr.txt", []byte(stderr))
	} else {
		remove("expectedStderr.txt")
	}
	if code != 0 {
		write("expectedExitCode.txt", []byte(strconv.Itoa(code)+"\n"))
	} else {
		remove("expectedExitCode.txt")
	}
}

// buildFiles lists the directories under root (relative, "." for root)
// that hold a file named name.
func buildFiles(t *testing.T, root, name string) []string {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != name {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		dirs = append(dirs, rel)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// copyCase copies the case src to ws, BUILD.in files as BUILD.bazel and
// without the expectations.
func copyCase(t *testing.T, src, ws string) {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(ws, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case d.Name() == "BUILD.out" || strings.HasPrefix(d.Name(), "expected") || d.Name() == "arguments.txt":
			return nil
		case d.Name() == "BUILD.in":
			dst = filepath.Join(filepath.Dir(dst), "BUILD.bazel")
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// runUpdate is `gazelle update` in ws with this language only (with
// -mode=diff when diffMode: nothing is written, and any change makes the
// exit code 1). It returns what was logged and the exit code.
func runUpdate(t testing.TB, ws string, diffMode bool) (string, int) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	log.SetFlags(0)
	log.SetPrefix("gazelle: ")
	defer func() { log.SetOutput(os.Stderr); log.SetFlags(log.LstdFlags); log.SetPrefix("") }()
	code := 0
	exit = func(c int) { code = c }
	defer func() { exit = os.Exit }()

	lang := NewLanguage().(*cowrapLang)
	c := config.New()
	cexts := []config.Configurer{&config.CommonConfigurer{}, &walk.Configurer{}, &resolve.Configurer{}, lang}
	fs := flag.NewFlagSet("gazelle", flag.ContinueOnError)
	for _, cext := range cexts {
		cext.RegisterFlags(fs, "update", c)
	}
	if err := fs.Parse([]string{"-repo_root", ws}); err != nil {
		t.Fatal(err)
	}
	for _, cext := range cexts {
		if err := cext.CheckFlags(fs, c); err != nil {
			t.Fatal(err)
		}
	}
	// kinds are this language's kinds and the map_kind names they were
	// given (Gazelle's fix-update keeps them per visit; one set serves
	// the golden workspaces).
	kinds := maps.Clone(cowrapKinds)
	ix := resolve.NewRuleIndex(func(r *rule.Rule, pkgRel string) resolve.Resolver {
		if _, ok := kinds[r.Kind()]; ok {
			return lang
		}
		return nil
	})
	type visit struct {
		c       *config.Config
		rel     string
		f       *rule.File
		gen     []*rule.Rule
		empty   []*rule.Rule
		imports []any
		mapped  []config.MappedKind
	}
	var visits []visit
	err := walk.Walk2(c, cexts, []string{ws}, walk.VisitAllUpdateSubdirsMode, func(a walk.Walk2FuncArgs) walk.Walk2FuncResult {
		if !a.Update {
			return walk.Walk2FuncResult{}
		}
		if a.File != nil {
			lang.Fix(a.Config, a.File)
		}
		res := lang.GenerateRules(language.GenerateArgs{
			Config: a.Config, Dir: a.Dir, Rel: a.Rel, File: a.File,
			Subdirs: a.Subdirs, RegularFiles: a.RegularFiles, GenFiles: a.GenFiles,
		})
		f := a.File
		if f == nil && len(res.Gen) == 0 {
			return walk.Walk2FuncResult{}
		}
		// map_kind applies to generated, empty and existing rules alike.
		var mapped []config.MappedKind
		all := slices.Concat(res.Gen, res.Empty)
		if f != nil {
			all = append(all, f.Rules...)
		}
		for _, r := range all {
			if repl, ok := a.Config.KindMap[r.Kind()]; ok {
				kinds[repl.KindName] = cowrapKinds[r.Kind()]
				mapped = append(mapped, repl)
				r.SetKind(repl.KindName)
			}
		}
		if f == nil {
			f = rule.EmptyFile(filepath.Join(a.Dir, a.Config.DefaultBuildFileName()), a.Rel)
			for _, r := range res.Gen {
				r.Insert(f)
			}
		} else {
			merger.MergeFile(f, res.Empty, res.Gen, merger.PreResolve, kinds, a.Config.AliasMap)
		}
		visits = append(visits, visit{a.Config, a.Rel, f, res.Gen, res.Empty, res.Imports, mapped})
		for _, r := range f.Rules {
			ix.AddRule(a.Config, r, f)
		}
		return walk.Walk2FuncResult{}
	})
	if err != nil {
		t.Fatal(err)
	}
	lang.DoneGeneratingRules()
	ix.Finish()
	for _, v := range visits {
		for i, r := range v.gen {
			lang.Resolve(v.c, ix, nil, r, v.imports[i], label.New(c.RepoName, v.rel, r.Name()))
		}
		merger.MergeFile(v.f, v.empty, v.gen, merger.PostResolve, kinds, v.c.AliasMap)
	}
	lang.AfterResolvingDeps(context.Background())
	if code != 0 {
		return logged.String(), code
	}
	loads := lang.ApparentLoads(c.ModuleToApparentName)
	for _, v := range visits {
		merger.FixLoads(v.f, withMappedKinds(loads, v.mapped))
		out := v.f.Format()
		if diffMode {
			if old, err := os.ReadFile(v.f.Path); err != nil || !bytes.Equal(old, out) {
				t.Logf("-mode=diff: %s would change to:\n%s", v.f.Path, out)
				code = 1
			}
			continue
		}
		if err := os.WriteFile(v.f.Path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return logged.String(), code
}

// withMappedKinds is loads plus the loads of the mapped kinds, as Gazelle's
// fix-update adds them.
func withMappedKinds(loads []rule.LoadInfo, mapped []config.MappedKind) []rule.LoadInfo {
	out := slices.Clone(loads)
next:
	for _, m := range mapped {
		for i := range out {
			if out[i].Name == m.KindLoad {
				out[i].Symbols = append(slices.Clone(out[i].Symbols), m.KindName)
				continue next
			}
		}
		out = append(out, rule.LoadInfo{Name: m.KindLoad, Symbols: []string{m.KindName}})
	}
	return out
}
