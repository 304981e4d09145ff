package ctest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/internal/golden"
)

// cflags apply to every translation unit: the generated file must build as
// cleanly as hand-written code.
var cflags = []string{"-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror"}

type fixture struct {
	name, dir string
	d         *dialect.Dialect
	inputs    []string // relative to dir, in generator argv order
}

func compiler(t *testing.T) string {
	t.Helper()
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "gcc"
	}
	path, err := exec.LookPath(cc)
	if err != nil {
		if os.Getenv("COWRAP_SKIP_CC") == "1" {
			t.Skipf("no C compiler %q and COWRAP_SKIP_CC=1: %v", cc, err)
		}
		t.Fatalf("C compiler %q not found (%v); install gcc, set CC, or set COWRAP_SKIP_CC=1 to skip", cc, err)
	}
	return path
}

// moduleRoot walks up from the package directory to go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// fixtures lists the golden cases that have a C test program.
func fixtures(t *testing.T, root string) []fixture {
	t.Helper()
	cases, err := golden.Cases(filepath.Join(root, "gen", "testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	var fs []fixture
	for _, c := range cases {
		if _, err := os.Stat(filepath.Join(c.Dir, "test_main.c")); err == nil {
			fs = append(fs, fixture{name: c.Name, dir: c.Dir, d: c.Dialect, inputs: c.Inputs})
		}
	}
	if len(fs) == 0 {
		t.Fatal("no gen/testdata/golden/*/test_main.c found")
	}
	return fs
}

func generate(t *testing.T, f fixture) []byte {
	t.Helper()
	var in []gen.Input
	for _, p := range f.inputs {
		data, err := os.ReadFile(filepath.Join(f.dir, p))
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, gen.Input{Path: p, Data: data})
	}
	out, diags := output(t, gen.Options{Dialect: f.d}, in)
	if out == nil || len(diags) > 0 {
		t.Fatalf("generator findings: %v", diags)
	}
	return out
}

// output does what the CLI does, into memory: gen.Check, then
// Plan.WriteTo unless a finding is an error. out is nil when one is.
func output(t *testing.T, opts gen.Options, inputs []gen.Input) (out []byte, diags []model.Diag) {
	t.Helper()
	p := gen.Check(opts, inputs)
	if p.Failed() {
		return nil, p.Diags
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	return buf.Bytes(), p.Diags
}

func run(t *testing.T, dir string, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return out.String(), err
}

// build compiles src (generated C) with the runtime and the fixture's
// test_main.c and returns the program's path. Compile errors fail t.
func build(t *testing.T, cc, root string, f fixture, src []byte) string {
	t.Helper()
	work := t.TempDir()
	rt := "qemu-a"
	if f.d.CoWrapperGrammar {
		rt = "qemu-b"
	}
	flags := append([]string(nil), cflags...)
	flags = append(flags,
		"-I", filepath.Join(root, "runtime", rt, "include"),
		"-I", filepath.Join(root, "runtime", "core", "include"))
	if f.d.ID == "B3" {
		flags = append(flags, "-DCOWRAP_B3")
	}

	genC := filepath.Join(work, "block-gen.c")
	if err := os.WriteFile(genC, src, 0o644); err != nil {
		t.Fatal(err)
	}
	// The generated file sees the wrappers' and callees' declarations the
	// way QEMU's does, through headers included ahead of it; missing or
	// mismatched prototypes are errors.
	genArgs := append(append([]string(nil), flags...), "-Wmissing-prototypes")
	for _, p := range f.inputs {
		genArgs = append(genArgs, "-include", filepath.Join(f.dir, p))
	}
	genArgs = append(genArgs, "-c", "-o", filepath.Join(work, "block-gen.o"), genC)
	if out, err := run(t, work, cc, genArgs...); err != nil {
		t.Fatalf("compiling the generated file: %v\n%s", err, out)
	}

	srcs, _ := filepath.Glob(filepath.Join(root, "runtime", "core", "*.c"))
	more, _ := filepath.Glob(filepath.Join(root, "runtime", rt, "*.c"))
	srcs = append(append(srcs, more...), filepath.Join(f.dir, "test_main.c"))
	prog := filepath.Join(work, "test_"+f.name)
	linkArgs := append(append([]string(nil), flags...), "-o", prog, filepath.Join(work, "block-gen.o"))
	if out, err := run(t, work, cc, append(linkArgs, srcs...)...); err != nil {
		t.Fatalf("compiling the runtime and test_main.c: %v\n%s", err, out)
	}
	return prog
}

// TestGeneratedCodeRuns: for every family, every generated wrapper, called
// from outside and (where allowed) inside a coroutine, reaches its target
// the way the spec says, with the right locks, and returns its result.
func TestGeneratedCodeRuns(t *testing.T) {
	cc := compiler(t)
	root := moduleRoot(t)
	for _, f := range fixtures(t, root) {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			prog := build(t, cc, root, f, generate(t, f))
			out, err := run(t, filepath.Dir(prog), prog)
			if err != nil {
				t.Fatalf("%s (%s) failed: %v\n%s", f.name, f.d.Name, err, out)
			}
			t.Logf("%s", strings.TrimSpace(out))
		})
	}
}

// TestBrokenWrappersAreCaught keeps the C tests honest: each mutation of
// generated code compiles but breaks one promise, and the test program must
// then fail.
func TestBrokenWrappersAreCaught(t *testing.T) {
	cc := compiler(t)
	root := moduleRoot(t)
	byName := map[string]fixture{}
	for _, f := range fixtures(t, root) {
		byName[f.name] = f
	}
	// repl: old/new pairs, every occurrence replaced.
	mutations := []struct {
		name, fixture string
		repl          []string
		want          string
	}{
		{"a1 coroutine caller gets a new coroutine", "a1",
			[]string{"if (qemu_in_coroutine()) {", "if (false) {"}, "Assertion"},
		{"a3 wrong node context", "a3",
			[]string{".poll_state.bs = blk_bs(blk),", ".poll_state.bs = NULL,"}, "last_call.ctx == ctx"},
		{"b1 wrong poll context", "b1",
			[]string{"bdrv_get_aio_context(child->bs)", "qemu_get_aio_context()"}, "last_call.ctx == ctx"},
		{"b1 result dropped", "b1",
			[]string{"s->ret = bdrv_co_getlength(s->bs);", "bdrv_co_getlength(s->bs);"}, "bdrv_getlength"},
		{"b2 bh without context lock", "b2",
			[]string{"    aio_context_acquire(ctx);\n", "    (void)ctx;\n", "    aio_context_release(ctx);\n", "\n"}, "last_call.held == held"},
		{"b3 entry without rdlock", "b3",
			[]string{"    bdrv_graph_co_rdlock();\n", "\n"}, "unbalanced bdrv_graph_co_rdunlock"},
		{"b4 mixed path without assume_graph_lock", "b4",
			[]string{"        assume_graph_lock();\n", "\n"}, "G(assume)"},
		{"b4 bh without main-loop rdlock", "b4",
			[]string{"    bdrv_graph_rdlock_main_loop();\n", "\n"}, "unbalanced bdrv_graph_rdunlock_main_loop"},
		{"b4 no_co caller not resumed", "b4",
			[]string{"    aio_co_wake(s->co);\n", "\n"}, "can never finish"},
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f, ok := byName[m.fixture]
			if !ok {
				t.Fatalf("no fixture %s", m.fixture)
			}
			src := string(generate(t, f))
			for i := 0; i < len(m.repl); i += 2 {
				if !strings.Contains(src, m.repl[i]) {
					t.Fatalf("%s output has no %q to mutate", m.fixture, m.repl[i])
				}
			}
			prog := build(t, cc, root, f, []byte(strings.NewReplacer(m.repl...).Replace(src)))
			out, err := run(t, filepath.Dir(prog), prog)
			if err == nil {
				t.Fatalf("mutated %s still passes:\n%s", m.fixture, out)
			}
			if !strings.Contains(out, m.want) {
				t.Errorf("mutated %s failed, but without %q:\n%s", m.fixture, m.want, out)
			}
		})
	}
}
