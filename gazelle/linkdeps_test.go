package gazelle

import (
	"bytes"
	"flag"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// TestLinkDeps indexes cc_library rules by the functions their .c srcs
// (and, for what those do not define, hdrs) define and resolves the
// functions that wrappers call.
func TestLinkDeps(t *testing.T) {
	dir := t.TempDir()
	write := func(p, content string) {
		p = filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("block/io.c", "#include \"block/block.h\"\nint coroutine_fn bdrv_co_pread(BdrvChild *c)\n{\n    return 0;\n}\nstatic int coroutine_fn bdrv_co_hidden(void) { return 0; }\n")
	write("block/main_loop.c", "void bdrv_drain_all(void) {}\n")
	write("a/dup.c", "int dup_co_x(void) { return 0; }\n")
	write("b/dup.c", "int dup_co_x(void) { return 1; }\n")
	write("cyc/cyc.c", "int cyc_co_y(void) { return 0; }\n")
	write("cyc/far/far.c", "int far_co_y(void) { return 0; }\n")
	write("loop/loop.c", "int loop_co_y(void) { return 0; }\n")
	write("broken/bad.c", "int early_co_z(void) { return 0; }\n/* never closed\nint late_co_z(void) { return 0; }\n")
	// Defined in headers: a cc_library's hdrs, the target's own srcs.
	write("hdr/inl.h", "static inline int inl_co_a(void) { return 0; }\n")
	write("hdr3/copy.h", "static inline int inl_co_a(void) { return 1; }\n")
	write("hdr2/inl.h", "static inline int inl_co_b(void) { return 0; }\n/* open")
	write("include/own.h", "static inline int own_co_c(void) { return 0; }\n")
	// Listed, but not files: they cannot be read.
	os.MkdirAll(filepath.Join(dir, "broken/dir.c"), 0o755)
	os.MkdirAll(filepath.Join(dir, "hdr2/dir.h"), 0o755)

	var out bytes.Buffer
	log.SetOutput(&out)
	defer log.SetOutput(os.Stderr)
	c := config.New()
	c.RepoRoot = dir
	rc := &resolve.Configurer{}
	rc.RegisterFlags(flag.NewFlagSet("", flag.ContinueOnError), "update", c)
	l := &cowrapLang{}
	ix := resolve.NewRuleIndex(func(r *rule.Rule, _ string) resolve.Resolver {
		if r.Kind() == ccLibrary {
			return l
		}
		return nil
	})
	inWalk(t, dir, nil, nil, func() { // Imports expands globs from the walk
		for _, pf := range []struct{ pkg, content string }{
			// gen.c is made by the build: not there to read, and not reported.
			{"block", `cc_library(name = "impl", srcs = glob(["*.c"], exclude = ["main_loop.c"]) + ["gen.c"])
cc_library(name = "main_loop", srcs = ["main_loop.c"])`},
			{"a", `cc_library(name = "a", srcs = ["dup.c"])`},
			{"b", `cc_library(name = "b", srcs = [":dup.c"])`},
			{"cyc", `cc_library(name = "cyc", srcs = ["cyc.c"], deps = ["//include:include_cowrap"])`},
			// A longer cycle: //cyc/far -> //cyc/mid -> the target.
			{"cyc/far", `cc_library(name = "far", srcs = ["far.c"], deps = ["//cyc/mid", ":far"])`},
			{"cyc/mid", `cc_library(name = "mid", deps = ["//cyc/far", "//include:include_cowrap"])`},
			// A cycle of other libraries ends the search, not the dep.
			{"loop", `cc_library(name = "loop", srcs = ["loop.c"], deps = ["//loop/back"])`},
			{"loop/back", `cc_library(name = "back", deps = ["//loop"])`},
			{"broken", `cc_library(name = "broken", srcs = ["bad.c", "dir.c"])`},
			{"hdr", `cc_library(name = "hdr", hdrs = ["inl.h"])`},
			{"hdr3", `cc_library(name = "hdr3", hdrs = ["copy.h"])`},
			{"hdr2", `cc_library(name = "hdr2", textual_hdrs = ["inl.h", "gen.h", "dir.h"])`},
			{"", "# gazelle:resolve c-symbol over_co_w //third_party:w"},
		} {
			os.MkdirAll(filepath.Join(dir, pf.pkg), 0o755)
			f, err := rule.LoadData(filepath.Join(dir, pf.pkg, "BUILD.bazel"), pf.pkg, []byte(pf.content))
			if err != nil {
				t.Fatal(err)
			}
			rc.Configure(c, pf.pkg, f)
			for _, r := range f.Rules {
				ix.AddRule(c, r, f)
			}
		}
	})
	ix.Finish()

	r := rule.NewRule(cowrapLibrary, "include_cowrap")
	from := label.New("", "include", "include_cowrap")
	// No wrapper, no reading: the .c files are read at the first lookup.
	l.Resolve(c, ix, nil, r, cowrapImports{}, from)
	if l.links.defs != nil || out.Len() > 0 {
		t.Errorf("the index was built for a target with no wrapper: %v\n%s", l.links.defs, out.String())
	}
	var callees []callee
	for _, fn := range []string{"bdrv_co_pread", "bdrv_drain_all", "over_co_w", "dup_co_x", "bdrv_co_hidden", "cyc_co_y", "far_co_y", "loop_co_y", "early_co_z", "late_co_z", "elsewhere_co_v", "inl_co_a", "inl_co_b", "own_co_c"} {
		callees = append(callees, callee{name: fn, wrapper: "W", file: "include/w.h", pos: scan.Pos{Line: 1, Col: 1}})
	}
	// Every callee in a .c file: the headers are not read.
	l.Resolve(c, ix, nil, r, cowrapImports{callees: callees[:1]}, from)
	if l.links.inHdrs != nil {
		t.Errorf("the headers were read, though a .c file defines the only callee: %v", l.links.inHdrs)
	}
	// inl_co_a is in the hdrs of //hdr, a dep already (for hdr/inl.h), and
	// of //hdr3, so it needs no choice;
	// inl_co_b in those of //hdr2, now a dep; own_co_c in the target's own.
	l.Resolve(c, ix, nil, r, cowrapImports{callees: callees, srcs: []string{"include/own.h"}, headers: []string{"hdr/inl.h"}}, from)
	if got, want := r.AttrStrings("deps"), []string{"//block:impl", "//block:main_loop", "//broken", "//hdr", "//hdr2", "//loop", "//third_party:w"}; !reflect.DeepEqual(got, want) {
		t.Errorf("deps = %q, want %q", got, want)
	}
	for _, want := range []string{
		"broken/bad.c:2:1: unterminated /* comment (read for the functions that //broken defines)",
		"//include:include_cowrap: several rules define dup_co_x, which W (include/w.h:1:1) calls (//a, //b); pick one with # gazelle:resolve c-symbol dup_co_x LABEL",
		"//include:include_cowrap: bdrv_co_hidden, which W (include/w.h:1:1) calls, is static at block/io.c:6:25: no other file can call it",
		"//include:include_cowrap: //cyc defines cyc_co_y, which W (include/w.h:1:1) calls, but depends on //include:include_cowrap: it is not added to deps, as that would be a dependency cycle",
		"//include:include_cowrap: //cyc/far defines far_co_y, which W (include/w.h:1:1) calls, but depends on //include:include_cowrap through //cyc/far -> //cyc/mid -> //include:include_cowrap: it is not added to deps, as that would be a dependency cycle",
		"cowrap: warning: include/w.h:1:1: late_co_z, called by the wrapper W of //include:include_cowrap, is defined in no cc_library; add \"# gazelle:resolve c-symbol late_co_z LABEL\"",
		"cowrap: warning: include/w.h:1:1: elsewhere_co_v, called by the wrapper W of //include:include_cowrap, is defined in no cc_library; add \"# gazelle:resolve c-symbol elsewhere_co_v LABEL\"",
		"hdr2/inl.h:2:1: unterminated /* comment (read for the functions that //hdr2 defines)",
		"broken/dir.c: cannot read it, so the functions it defines are unknown (it is in the srcs of //broken): read " + filepath.Join(dir, "broken/dir.c") + ": not a regular file\n",
		"hdr2/dir.h: cannot read it, so the functions it defines are unknown (it is in the hdrs or textual_hdrs of //hdr2): read " + filepath.Join(dir, "hdr2/dir.h") + ": not a regular file\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("log lacks %q; it is:\n%s", want, out.String())
		}
	}
	if n := strings.Count(out.String(), "\n"); n != 10 {
		t.Errorf("%d messages, want 10:\n%s", n, out.String())
	}
}

// BenchmarkUpdateLinkDeps is BenchmarkUpdate's tree with a cc_library of
// each directory's files (srcs = glob(["*.c"])), so that indexing reads
// every .c file for the functions it defines; "headers" has the same
// cc_library without srcs, for the cost of the rest.
func BenchmarkUpdateLinkDeps(b *testing.B) {
	for _, tc := range []struct{ name, rule string }{
		{"headers", `cc_library(name = "lib", hdrs = glob(["*.h"]))`},
		{"defs", `cc_library(name = "lib", srcs = glob(["*.c"]), hdrs = glob(["*.h"]))`},
	} {
		ws, dirs := synthWorkspace(b)
		os.WriteFile(filepath.Join(ws, "BUILD.bazel"), []byte("# gazelle:cowrap_errors ignore\n"), 0o644)
		for d := range dirs {
			os.WriteFile(filepath.Join(d, "BUILD.bazel"), []byte(tc.rule+"\n"), 0o644)
		}
		runUpdate(b, ws, false) // the steady state
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, code := runUpdate(b, ws, false); code != 0 {
					b.Fatalf("exit code %d", code)
				}
			}
		})
	}
}
