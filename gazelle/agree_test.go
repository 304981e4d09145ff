package gazelle

import (
	"fmt"
	"io/fs"
	"maps"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/internal/cgrammar"
	"github.com/cowrap/rules_cowrap/internal/golden"
)

// agreeCase is a tree to run Gazelle and the generator over: packages by
// directory, each its C files by name.
type agreeCase struct {
	dialect  string
	template bool   // a cowrap_template (the general grammar)
	marks    string // cowrap_marks, with template
	// handTemplate: each package's target exists, with a template set by
	// hand and no directive.
	handTemplate bool
	collect      bool     // # gazelle:cowrap_collect at the root
	buildDirs    []string // directories with a BUILD file of their own
	pkgs         map[string]map[string]string
}

// TestAgreement runs Gazelle and the generator's CLI path (gen.Check with
// the options the rule passes for the target Gazelle writes) over the same
// trees: the generator's golden inputs, headers of the randomized grammar
// (internal/cgrammar) and adversarial tables. File by file they must
// agree: Gazelle reports exactly the generator's findings on the target's
// files, in the same order; it lists every file the generator takes a
// wrapper from, and no file the generator finds nothing in.
func TestAgreement(t *testing.T) {
	cases := map[string]agreeCase{}
	// The generator's goldens, one package per case.
	goldens, err := golden.Cases("../gen/testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		files := map[string]string{}
		for _, in := range g.Inputs {
			b, err := os.ReadFile(filepath.Join(g.Dir, in))
			if err != nil {
				t.Fatal(err)
			}
			files[in] = string(b)
		}
		cases["golden_"+g.Name] = agreeCase{dialect: g.Dialect.Name, pkgs: map[string]map[string]string{"pkg": files}}
	}
	// The randomized grammar: three headers a package, so that names
	// repeat across files now and then. A longer run:
	// COWRAP_AGREE_PACKAGES=2000 COWRAP_AGREE_SEED=$RANDOM.
	packages, seed := envInt(t, "COWRAP_AGREE_PACKAGES", 40), envInt(t, "COWRAP_AGREE_SEED", 1)
	for i, dn := range []string{"qemu-6.2", "qemu-8.0", "qemu-8.2", "qemu-10.2"} {
		d, _ := dialect.Lookup(dn)
		for _, tmpl := range []bool{false, true} {
			r := rand.New(rand.NewSource(int64(i)*7919 + seed))
			c := agreeCase{dialect: dn, template: tmpl, pkgs: map[string]map[string]string{}}
			for p := range packages {
				files := map[string]string{}
				for f := range 3 {
					files[fmt.Sprintf("h%d.h", f)] = string(cgrammar.Header(r, d))
				}
				c.pkgs[fmt.Sprintf("p%04d", p)] = files
			}
			cases[fmt.Sprintf("random_%s_template_%v", dn, tmpl)] = c
		}
	}
	for name, c := range adversarial {
		cases["table_"+name] = c
	}
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		t.Run(name, func(t *testing.T) { agree(t, cases[name]) })
	}
}

// envInt is the integer in environment variable name, or def.
func envInt(t *testing.T, name string, def int64) int64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, v, err)
	}
	return n
}

const good = "int co_wrapper bdrv_flush(BlockDriverState *bs);\n"

// adversarial are the shapes where two checks drifted apart before.
var adversarial = map[string]agreeCase{
	"comment_mark": {dialect: "qemu-10.2", pkgs: map[string]map[string]string{"pkg": {
		"a.h": good + "/*\nint co_wrapper bdrv_pwrite(BdrvChild *child);\n */\n",
		"b.h": "/*\nint co_wrapper bdrv_pread(BdrvChild *child);\n */\n", // no declaration at all
	}}},
	"duplicate_across_files": {dialect: "qemu-10.2", pkgs: map[string]map[string]string{"pkg": {
		"a.h": good, "b.h": good + "int co_wrapper bdrv_drain(BlockDriverState *bs);\n",
		"block.h": "int co_wrapper bdrv_x(BlockDriverState *bs);\n", "block-io.h": "int co_wrapper bdrv_x(BlockDriverState *bs);\n",
	}}},
	"rejected_next_to_good": {dialect: "qemu-10.2", pkgs: map[string]map[string]string{"pkg": {
		"io.h":           "int GRAPH_RDLOCK co_wrapper bdrv_trim(BdrvChild *child);\n" + "int co_wrapper bdrv_pwrite(BdrvChild *child);\n",
		"all_bad.h":      "int co_wrapper bdrv_bad(BlockDriverState *bs) ;\n",
		"unterminated.h": "/* oops\n" + good,
		"after.h":        "int co_wrapper bdrv_last(BlockDriverState *bs);\n/* oops",
	}}},
	"clashes": {dialect: "qemu-10.2", pkgs: map[string]map[string]string{"pkg": {
		"a.h": "int co_wrapper bdrv_open_child(BlockDriverState *bs);\n",
		"b.h": "int no_co_wrapper bdrv_co_open_child(BlockDriverState *bs);\n",
		"c.h": "int co_wrapper bdrv_a_b(BlockDriverState *bs);\nint co_wrapper bdrv_a_b_entry(BlockDriverState *bs);\n",
	}}},
	"old_dialect": {dialect: "qemu-6.2", pkgs: map[string]map[string]string{"pkg": {
		"old.h": "int generated_co_wrapper bdrv_pread(BdrvChild *child, int64_t offset, unsigned int bytes, void *buf, BdrvRequestFlags flags);\n",
		"new.h": good,
	}}},
	"not_utf8": {dialect: "qemu-10.2", pkgs: map[string]map[string]string{"pkg": {
		"a.h": good, "latin1.h": "int co_wrapper bdrv_x(BlockDriverState *bs); /* caf\xe9 */\n",
	}}},
	"custom_marks": {dialect: "qemu-10.2", template: true, marks: "my_co=co,my_bh=no_co", pkgs: map[string]map[string]string{"pkg": {
		"a.h":    "void *my_co rt_alloc(size_t n);\nint my_bh rt_co_poll(int fd);\n",
		"b.h":    "int my_co rt_bad(int);\n/* int co_wrapper bdrv_flush(BlockDriverState *bs); */\n",
		"c.h":    "void *my_co rt_alloc(size_t n);\n",
		"qemu.h": good,
	}}},
	"hand_template": {dialect: "qemu-10.2", handTemplate: true, pkgs: map[string]map[string]string{"pkg": {
		"a.h": "unsigned int co_wrapper bdrv_count(BlockDriverState *bs);\n" + good,
		"b.h": "int co_wrapper bdrv_bad(int);\n",
	}}},
	"collected": {dialect: "qemu-10.2", collect: true, buildDirs: []string{"pkg"}, pkgs: map[string]map[string]string{
		"":        {"top.h": good, "top-io.h": "int co_wrapper bdrv_x(BlockDriverState *bs);\n"},
		"sub/dir": {"a.h": good + "int co_wrapper bdrv_bad(BlockDriverState *bs) ;\n", "b.c": "int co_wrapper bdrv_x(BlockDriverState *bs);\n"},
		"pkg":     {"c.h": "int co_wrapper bdrv_x(BlockDriverState *bs);\n/* unterminated"},
	}},
	"template_dialect_marks": {dialect: "qemu-10.2", template: true, pkgs: map[string]map[string]string{"pkg": {
		"a.h": "BlockDriverState *co_wrapper bdrv_find(const char *name);\n" + good,
		"b.h": "/*\n" + good + "*/\n",
	}}},
}

// finding is a generator finding as Gazelle prints it (path:line:col: ...).
var finding = regexp.MustCompile(`^gazelle: cowrap: (?:warning|error): ([^ ]+:\d+:\d+: .*)$`)

func agree(t *testing.T, c agreeCase) {
	ws := t.TempDir()
	root := "# gazelle:cowrap_dialect " + c.dialect + "\n"
	if c.collect {
		root += "# gazelle:cowrap_collect\n"
	}
	var tmpl *gen.Template
	if c.template || c.handTemplate {
		os.MkdirAll(filepath.Join(ws, "tools"), 0o755)
		tp := filepath.Join(ws, "tools", "rt.tmpl")
		os.WriteFile(tp, []byte("{{range .Wrappers}}{{.Name}}\n{{end}}"), 0o644)
		os.WriteFile(filepath.Join(ws, "tools", "BUILD.bazel"), []byte("# gazelle:cowrap disabled\nexports_files([\"rt.tmpl\"])\n"), 0o644)
		if c.template {
			root += "# gazelle:cowrap_template //tools:rt.tmpl\n"
		}
		var err error
		if tmpl, err = gen.LoadTemplate(tp); err != nil {
			t.Fatal(err)
		}
		if c.marks != "" {
			root += "# gazelle:cowrap_marks " + c.marks + "\n"
			if err := tmpl.SetMarks(c.marks); err != nil {
				t.Fatal(err)
			}
		}
	}
	os.WriteFile(filepath.Join(ws, "MODULE.bazel"), nil, 0o644)
	os.WriteFile(filepath.Join(ws, "BUILD.bazel"), []byte(root), 0o644)
	for pkg, files := range c.pkgs {
		os.MkdirAll(filepath.Join(ws, pkg), 0o755)
		for name, src := range files {
			os.WriteFile(filepath.Join(ws, pkg, name), []byte(src), 0o644)
		}
		if c.handTemplate {
			build := fmt.Sprintf("cowrap_library(\n    name = %q,\n    srcs = [%q],\n    template = \"//tools:rt.tmpl\",\n)\n",
				path.Base(pkg)+"_cowrap", slices.Sorted(maps.Keys(files))[0])
			os.WriteFile(filepath.Join(ws, pkg, "BUILD.bazel"), []byte(build), 0o644)
		}
	}
	for _, dir := range c.buildDirs {
		os.WriteFile(filepath.Join(ws, dir, "BUILD.bazel"), []byte("# A package of its own.\n"), 0o644)
	}
	stderr, code := runUpdate(t, ws, false)
	if code != 0 {
		t.Fatalf("gazelle exit code %d:\n%s", code, stderr)
	}
	d, err := dialect.Lookup(c.dialect)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string][]byte{} // every C file, by repository path
	for dir, files := range c.pkgs {
		for name, src := range files {
			data[path.Join(dir, name)] = []byte(src)
		}
	}
	// The targets Gazelle wrote, and the target of each file listed.
	type target struct {
		label  string
		inputs []gen.Input // in the order of srcs, which the build keeps
	}
	var targets []*target
	of := map[string]*target{}
	filepath.WalkDir(ws, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.Name() != "BUILD.bazel" {
			return err
		}
		rel, _ := filepath.Rel(ws, filepath.Dir(p))
		pkg := strings.TrimPrefix(filepath.ToSlash(rel), ".")
		f, err := rule.LoadFile(p, pkg)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range f.Rules {
			if r.Kind() != cowrapLibrary {
				continue
			}
			tg := &target{label: targetLabel(pkg, r.Name())}
			for _, s := range r.AttrStrings("srcs") {
				p, _ := repoPath(pkg, s)
				tg.inputs = append(tg.inputs, gen.Input{Path: p, Data: data[p]})
				of[p] = tg
			}
			targets = append(targets, tg)
		}
		return nil
	})
	// Gazelle's findings, by target, in the order printed.
	reported := map[*target][]string{}
	for _, line := range strings.Split(stderr, "\n") {
		if m := finding.FindStringSubmatch(line); m != nil && !strings.Contains(line, ": not in //") && !strings.Contains(line, "so it is not in") &&
			!strings.Contains(line, definedNowhere) { // Gazelle's own finding, at the wrapper
			file := m[1][:strings.IndexByte(m[1], ':')]
			if of[file] == nil {
				t.Errorf("Gazelle reports a finding in %s, which no target lists: %s", file, line)
			}
			reported[of[file]] = append(reported[of[file]], m[1])
		}
	}
	// What the rule runs: the dialect, its includes plus each header of
	// srcs (-include-after), the template and marks.
	options := func(inputs []gen.Input) gen.Options {
		opts := gen.Options{Dialect: d, Includes: d.Includes(), Template: tmpl}
		for _, in := range inputs {
			if strings.HasSuffix(in.Path, ".h") {
				opts.Includes = append(opts.Includes, in.Path)
			}
		}
		return opts
	}
	for _, tg := range targets {
		var want []string
		for _, dg := range gen.Check(options(tg.inputs), tg.inputs).Diags {
			want = append(want, dg.Err.Error())
		}
		if got := reported[tg]; !slices.Equal(got, want) {
			t.Errorf("%s: Gazelle reported\n\t%s\nthe generator finds in its srcs\n\t%s", tg.label, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
	}
	// File by file: a file the generator takes a wrapper from is listed;
	// a file listed gives the generator a wrapper or a finding.
	for _, p := range slices.Sorted(maps.Keys(data)) {
		alone := []gen.Input{{Path: p, Data: data[p]}}
		plan := gen.Check(options(alone), alone)
		if plan.Wrappers > 0 && of[p] == nil {
			t.Errorf("%s: the generator writes %d wrapper(s) from it, Gazelle does not list it", p, plan.Wrappers)
		}
		if of[p] != nil && plan.Wrappers == 0 && len(plan.Diags) == 0 {
			t.Errorf("%s: listed in %s, but the generator finds nothing in it", p, of[p].label)
		}
	}
}
