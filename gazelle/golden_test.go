package gazelle

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"log"
	"os"
	"path/filepath"
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

// TestGolden runs the golden workspaces of testdata/ in process, as the
// Bazel target //gazelle:golden_test runs them with a gazelle_binary: each
// case's BUILD.in files become BUILD.bazel, Gazelle's update runs over the
// workspace with only this language, and the BUILD.out files,
// expectedStderr.txt and expectedExitCode.txt must match. The run follows
// Gazelle's own fix-update (walk, generate, merge, index, resolve, merge,
// fix loads, format). Cases whose arguments or directives need more of
// Gazelle's command (map_kind, -mode=diff) are left to the Bazel test, and
// the test says which.
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
					t.Skipf("arguments %q: run by //gazelle:golden_test only", a)
				}
			}
			ws := t.TempDir()
			copyCase(t, src, ws)
			if b, _ := os.ReadFile(filepath.Join(ws, "BUILD.bazel")); bytes.Contains(b, []byte("gazelle:map_kind")) {
				t.Skip("map_kind: run by //gazelle:golden_test only")
			}
			stderr, code := runUpdate(t, ws, diffMode)
			wantCode := 0
			if b, err := os.ReadFile(filepath.Join(src, "expectedExitCode.txt")); err == nil {
				if strings.TrimSpace(string(b)) != "0" {
					wantCode = 1
				}
			}
			if code != wantCode {
				t.Errorf("exit code %d, want %d", code, wantCode)
			}
			want, _ := os.ReadFile(filepath.Join(src, "expectedStderr.txt"))
			if got := strings.ReplaceAll(stderr, ws, "%WORKSPACEPATH%"); got != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
			}
			filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.Name() != "BUILD.out" {
					return err
				}
				rel, _ := filepath.Rel(src, p)
				want, _ := os.ReadFile(p)
				got, err := os.ReadFile(filepath.Join(ws, filepath.Dir(rel), "BUILD.bazel"))
				if err != nil {
					t.Errorf("%s: %v", rel, err)
				} else if string(got) != string(want) {
					t.Errorf("%s: got\n%s\nwant\n%s", rel, got, want)
				}
				return nil
			})
			// And no BUILD file the case does not expect.
			filepath.WalkDir(ws, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.Name() != "BUILD.bazel" {
					return err
				}
				rel, _ := filepath.Rel(ws, p)
				if _, err := os.Stat(filepath.Join(src, filepath.Dir(rel), "BUILD.out")); err != nil {
					t.Errorf("%s written, but the case has no BUILD.out for it", rel)
				}
				return nil
			})
		})
	}
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
	return runUpdateWith(t, ws, diffMode, &aheadReader{})
}

// runUpdateWith is runUpdate with the given sourceReader.
func runUpdateWith(t testing.TB, ws string, diffMode bool, reader sourceReader) (string, int) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	log.SetFlags(0)
	log.SetPrefix("gazelle: ")
	defer func() { log.SetOutput(os.Stderr); log.SetFlags(log.LstdFlags); log.SetPrefix("") }()
	code := 0
	exit = func(c int) { code = c }
	defer func() { exit = os.Exit }()

	lang := NewLanguage().(*cowrapLang)
	lang.reader = reader
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
	ix := resolve.NewRuleIndex(func(r *rule.Rule, pkgRel string) resolve.Resolver {
		if _, ok := cowrapKinds[r.Kind()]; ok {
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
	}
	var visits []visit
	err := walk.Walk2(c, cexts, []string{ws}, walk.VisitAllUpdateSubdirsMode, func(a walk.Walk2FuncArgs) walk.Walk2FuncResult {
		if !a.Update {
			return walk.Walk2FuncResult{}
		}
		res := lang.GenerateRules(language.GenerateArgs{
			Config: a.Config, Dir: a.Dir, Rel: a.Rel, File: a.File,
			Subdirs: a.Subdirs, RegularFiles: a.RegularFiles, GenFiles: a.GenFiles,
		})
		f := a.File
		if f == nil && len(res.Gen) == 0 {
			return walk.Walk2FuncResult{}
		}
		if f == nil {
			f = rule.EmptyFile(filepath.Join(a.Dir, a.Config.DefaultBuildFileName()), a.Rel)
			for _, r := range res.Gen {
				r.Insert(f)
			}
		} else {
			merger.MergeFile(f, res.Empty, res.Gen, merger.PreResolve, cowrapKinds, a.Config.AliasMap)
		}
		visits = append(visits, visit{a.Config, a.Rel, f, res.Gen, res.Empty, res.Imports})
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
		merger.MergeFile(v.f, v.empty, v.gen, merger.PostResolve, cowrapKinds, v.c.AliasMap)
	}
	lang.AfterResolvingDeps(context.Background())
	if code != 0 {
		return logged.String(), code
	}
	loads := lang.ApparentLoads(c.ModuleToApparentName)
	for _, v := range visits {
		merger.FixLoads(v.f, loads)
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
