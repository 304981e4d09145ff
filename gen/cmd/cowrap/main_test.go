package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const good = "int co_wrapper bdrv_flush(BlockDriverState *bs);\n"

// cli runs the command in dir and returns its exit code and output. The
// test stays in dir until it ends (t.Chdir).
func cli(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestQEMUArgvAndDashO(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "include/block/io.h"), good)
	if code, _, stderr := cli(t, dir, "-dialect", "qemu-9.0", "block-gen.c", "include/block/io.h"); code != 0 {
		t.Fatalf("QEMU argv: exit %d: %s", code, stderr)
	}
	if code, _, stderr := cli(t, dir, "-dialect", "qemu-9.0", "-o", "other.c", "include/block/io.h"); code != 0 {
		t.Fatalf("-o: exit %d: %s", code, stderr)
	}
	a, b := read(t, filepath.Join(dir, "block-gen.c")), read(t, filepath.Join(dir, "other.c"))
	if a != b {
		t.Error("QEMU argv and -o forms differ")
	}
	for _, want := range []string{"DO NOT EDIT", "cowrap -dialect qemu-9.0", " *   include/block/io.h\n", "#include \"block/dirty-bitmap.h\"\n", "int bdrv_flush(BlockDriverState *bs)\n"} {
		if !strings.Contains(a, want) {
			t.Errorf("output lacks %q:\n%s", want, a)
		}
	}
	if fi, _ := os.Stat(filepath.Join(dir, "block-gen.c")); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
}

// The output depends only on the inputs as given, not on where they live.
func TestOutputIndependentOfLocation(t *testing.T) {
	var outs []string
	for i := 0; i < 2; i++ {
		dir := filepath.Join(t.TempDir(), strings.Repeat("x", i+1))
		write(t, filepath.Join(dir, "io.h"), good)
		if code, _, stderr := cli(t, dir, "-o", "out.c", "io.h"); code != 0 {
			t.Fatal(stderr)
		}
		outs = append(outs, read(t, filepath.Join(dir, "out.c")))
		abs := filepath.Join(dir, "io.h")
		if code, _, stderr := cli(t, dir, "-o", "abs.c", abs); code != 0 {
			t.Fatal(stderr)
		}
		if got := read(t, filepath.Join(dir, "abs.c")); strings.Contains(got, dir) || got != outs[0] {
			t.Errorf("absolute input path leaks into the output or changes it:\n%s", got)
		}
	}
	if outs[0] != outs[1] {
		t.Error("outputs differ between directories")
	}
}

func TestBadInputKeepsOldOutput(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.h"), good)
	write(t, filepath.Join(dir, "bad.h"), "int co_wrapper bdrv_co_x(BlockDriverState *bs);\nint co_wrapper_mixed bdrv_y(void);\n")
	write(t, filepath.Join(dir, "out.c"), "old")
	code, _, stderr := cli(t, dir, "out.c", "ok.h", "bad.h")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"bad.h:1:16: bdrv_co_x: a co_wrapper name must not contain", "bad.h:2:29: bdrv_y: parameter 1:", "cowrap: out.c not written"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if got := read(t, filepath.Join(dir, "out.c")); got != "old" {
		t.Errorf("output was touched: %q", got)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".out.c.cowrap-tmp-*")); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.h"), good)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"out.c"}, 2, "need an output file and at least one input"},
		{[]string{}, 2, "usage: cowrap"},
		{[]string{"-dialect", "qemu-4.2", "out.c", "ok.h"}, 2, `unknown dialect "qemu-4.2"; want one of: qemu qemu-5.2`},
		{[]string{"-bogus", "out.c", "ok.h"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"-marks", "a", "out.c", "ok.h"}, 2, "-marks needs -template"},
		{[]string{"out.c", "missing.h"}, 1, "missing.h: cannot read input: no such file or directory"},
		{[]string{"-include", "a\"b.h", "out.c", "ok.h"}, 2, `invalid value "a\"b.h" for flag -include: bad #include value "a\"b.h": contains a quote or backslash;`},
		{[]string{"-include", "blk", "out.c", "ok.h"}, 2, `bad #include value "blk": no header suffix`},
		{[]string{"-include-after", "/abs/a.h", "out.c", "ok.h"}, 2, `invalid value "/abs/a.h" for flag -include-after: bad #include value "/abs/a.h": absolute path;`},
		{[]string{"ok.h", "ok.h"}, 2, "the output ok.h is also an input"},
		{[]string{"-o", "./ok.h", "x.h", "ok.h"}, 2, "the output ./ok.h is also an input"},
		{[]string{"-template", "nope.tmpl", "out.c", "ok.h"}, 1, "-template: open nope.tmpl"},
		{[]string{"-o", "nodir/out.c", "ok.h"}, 1, "cowrap: directory nodir: no such file or directory; nodir/out.c not written\n"},
	} {
		code, _, stderr := cli(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("cowrap %q: exit %d, stderr %q; want exit %d with %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.c")); err == nil {
		t.Error("a failed run wrote out.c")
	}
}

func TestLenientWritesWithWarnings(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "in.h"), good+"unsigned int co_wrapper bdrv_z(BlockDriverState *bs);\n")
	code, _, stderr := cli(t, dir, "-lenient", "out.c", "in.h")
	if code != 0 || !strings.Contains(stderr, "warning: in.h:2:10: bdrv_z: two-word return type") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if out := read(t, filepath.Join(dir, "out.c")); strings.Contains(out, "bdrv_z") || !strings.Contains(out, "bdrv_flush") {
		t.Errorf("lenient output should skip bdrv_z like QEMU and keep bdrv_flush:\n%s", out)
	}
}

func TestIncludeAndList(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "in.h"), good)
	if code, _, stderr := cli(t, dir, "-include", "my/rt.h", "-include", "<stdbool.h>", "out.c", "in.h"); code != 0 {
		t.Fatal(stderr)
	}
	if out := read(t, filepath.Join(dir, "out.c")); !strings.Contains(out, " */\n\n#include \"my/rt.h\"\n#include <stdbool.h>\n\n\n\n/*\n * Wrappers for bdrv_co_flush") {
		t.Errorf("includes not as asked:\n%s", out)
	}
	// -include-after follows the dialect's lines, or -include's.
	if code, _, stderr := cli(t, dir, "-dialect", "qemu-8.0", "-include-after", "in.h", "-include-after", "<stdbool.h>", "out.c", "in.h"); code != 0 {
		t.Fatal(stderr)
	}
	if out := read(t, filepath.Join(dir, "out.c")); !strings.Contains(out, " */\n\n#include \"qemu/osdep.h\"\n#include \"block/coroutines.h\"\n#include \"block/block-gen.h\"\n#include \"block/block_int.h\"\n#include \"block/dirty-bitmap.h\"\n#include \"in.h\"\n#include <stdbool.h>\n\n\n\n") {
		t.Errorf("-include-after not after the dialect's includes:\n%s", out)
	}
	// A header the dialect includes already gets no second line (a QEMU tree's
	// cowrap_library with include_srcs passes block/coroutines.h), nor does one
	// given twice.
	if code, _, stderr := cli(t, dir, "-dialect", "qemu-8.0", "-include-after", "block/coroutines.h", "-include-after", "in.h", "-include-after", "in.h", "out.c", "in.h"); code != 0 {
		t.Fatal(stderr)
	}
	if out := read(t, filepath.Join(dir, "out.c")); !strings.Contains(out, " */\n\n#include \"qemu/osdep.h\"\n#include \"block/coroutines.h\"\n#include \"block/block-gen.h\"\n#include \"block/block_int.h\"\n#include \"block/dirty-bitmap.h\"\n#include \"in.h\"\n\n\n\n") {
		t.Errorf("-include-after repeats an #include line:\n%s", out)
	}
	if code, _, stderr := cli(t, dir, "-include", "my/rt.h", "-include-after", "in.h", "out.c", "in.h"); code != 0 {
		t.Fatal(stderr)
	}
	if out := read(t, filepath.Join(dir, "out.c")); !strings.Contains(out, " */\n\n#include \"my/rt.h\"\n#include \"in.h\"\n\n\n\n") {
		t.Errorf("-include-after not after -include:\n%s", out)
	}
	code, stdout, _ := cli(t, dir, "-list-dialects")
	if code != 0 || !strings.Contains(stdout, "qemu-8.2   v8.2.0   B3     co_wrapper co_wrapper_bdrv_rdlock") || !strings.Contains(stdout, "qemu       = qemu-10.2") {
		t.Errorf("-list-dialects: %d %s", code, stdout)
	}
	if code, _, stderr := cli(t, dir, "-list-dialects", "-format=tsv"); code != 2 || !strings.Contains(stderr, "flag provided but not defined: -format") {
		t.Errorf("-list-dialects -format=tsv (the formats are tools/dialects'): exit %d, %s", code, stderr)
	}
}

func TestTemplate(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "in.h"), "const char * coroutine_fn my_wrap rt_read(struct rt *r, void *buf, unsigned long len);\nvoid my_twin rt_co_close(struct rt *r);\n")
	write(t, filepath.Join(dir, "w.tmpl"), `{{.Header}}{{range .Includes}}{{include .}}
{{end}}{{range .Wrappers}}// {{.Kind}} {{.Lock}} {{.Return}} {{.Name}}({{decls .Params}}) -> {{.Target}}({{args "s->" .Params}}) {{.Struct}} {{.File}}:{{.Line}}
{{end}}`)
	code, _, stderr := cli(t, dir, "-template", "w.tmpl", "-marks", "my_wrap=co_mixed+rdlock,my_twin=no_co", "-include", "rt.h", "out.c", "in.h")
	if code != 0 {
		t.Fatal(stderr)
	}
	out := read(t, filepath.Join(dir, "out.c"))
	for _, want := range []string{
		"#include \"rt.h\"\n",
		"// co_mixed rdlock const char * rt_read(struct rt *r, void *buf, unsigned long len) -> rt_co_read(s->r, s->buf, s->len) RtRead in.h:1\n",
		"// no_co  void rt_co_close(struct rt *r) -> rt_close(s->r) RtCoClose in.h:2\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("template output lacks %q:\n%s", want, out)
		}
	}
	write(t, filepath.Join(dir, "bad.h"), "int my_wrap rt_x(int (*cb)(void));\n")
	code, _, stderr = cli(t, dir, "-template", "w.tmpl", "-marks", "my_wrap", "out.c", "bad.h")
	if code != 1 || !strings.Contains(stderr, "bad.h:1:18: parameter 1 of 'rt_x' must be TYPE NAME") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// A name with no argument struct name is an error, not `typedef struct { ... } ;`.
	before := read(t, filepath.Join(dir, "out.c"))
	write(t, filepath.Join(dir, "bad.h"), "int my_wrap rt__x(int a);\n")
	code, _, stderr = cli(t, dir, "-template", "w.tmpl", "-marks", "my_wrap", "out.c", "bad.h")
	if code != 1 || !strings.Contains(stderr, `bad.h:1:13: rt__x: empty name segment ("__" or a trailing "_")`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if got := read(t, filepath.Join(dir, "out.c")); got != before {
		t.Errorf("output was touched: %q", got)
	}
}

// Glued marks are errors, but -lenient writes what QEMU's script writes:
// the same wrapper as for the spaced-out declaration.
func TestLenientGluedMarks(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ dialect, glued, spaced string }{
		{"qemu-8.0", "void coroutine_fnco_wrapper_mixed bdrv_v(BlockBackend *blk);\n", "void coroutine_fn co_wrapper_mixed bdrv_v(BlockBackend *blk);\n"},
		{"qemu-8.0", "int co_wrapperbdrv_glued(BlockDriverState *bs);\n", "int co_wrapper bdrv_glued(BlockDriverState *bs);\n"},
		{"qemu-6.2", "intgenerated_co_wrapper\nbdrv_b(BdrvChild *child);\n", "int generated_co_wrapper\nbdrv_b(BdrvChild *child);\n"},
	} {
		write(t, filepath.Join(dir, "in.h"), tc.glued)
		if code, _, stderr := cli(t, dir, "-dialect", tc.dialect, "out.c", "in.h"); code != 1 || !strings.Contains(stderr, "together with other text") {
			t.Errorf("%q strict: exit %d, %s", tc.glued, code, stderr)
		}
		if code, _, stderr := cli(t, dir, "-dialect", tc.dialect, "-lenient", "glued.c", "in.h"); code != 0 || !strings.Contains(stderr, "warning: in.h:") {
			t.Errorf("%q lenient: exit %d, %s", tc.glued, code, stderr)
		}
		write(t, filepath.Join(dir, "in.h"), tc.spaced)
		if code, _, stderr := cli(t, dir, "-dialect", tc.dialect, "spaced.c", "in.h"); code != 0 {
			t.Fatalf("%q: %s", tc.spaced, stderr)
		}
		if g, s := read(t, filepath.Join(dir, "glued.c")), read(t, filepath.Join(dir, "spaced.c")); g != s || !strings.Contains(g, "Wrappers for") {
			t.Errorf("%q: lenient output differs from the spaced declaration's", tc.glued)
		}
	}
}

// Issue 7 class 10: the output may not be an input; a symlinked output is
// written through. (Temporary files: faults_test.go.)
func TestOutputFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.h"), good)
	if code, _, stderr := cli(t, dir, "ok.h", "ok.h"); code != 2 || read(t, filepath.Join(dir, "ok.h")) != good {
		t.Fatalf("output = input: exit %d (%s), input now %q", code, stderr, read(t, filepath.Join(dir, "ok.h")))
	}

	write(t, filepath.Join(dir, "real", "gen.c"), "old")
	if err := os.Symlink(filepath.Join("real", "gen.c"), filepath.Join(dir, "link.c")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, dir, "link.c", "ok.h"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "link.c")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.c is no longer a symlink: %v %v", fi, err)
	}
	if got := read(t, filepath.Join(dir, "real", "gen.c")); !strings.Contains(got, "bdrv_flush") {
		t.Errorf("the symlink's target was not written: %q", got)
	}
}
