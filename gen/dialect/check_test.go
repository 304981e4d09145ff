package dialect

import (
	"slices"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen/scan"
)

// check runs one source through the scanner and the dialect's checks and
// returns "kind/lock W->T S" per wrapper and one line per finding.
func check(t *testing.T, name, src string, lenient bool) []string {
	t.Helper()
	d, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	r := scan.File("in.h", []byte(src), d.ScanMarks())
	var out []string
	for _, e := range r.Errors {
		out = append(out, "scan "+e.Error())
	}
	for _, decl := range r.Decls {
		w, diags := d.Wrapper(decl, lenient)
		for _, dg := range diags {
			out = append(out, dg.String())
		}
		if w != nil {
			out = append(out, w.Kind.String()+"/"+w.Lock.String()+" "+w.Name+"->"+w.Target+" "+w.Struct+" ret="+w.Return)
		}
	}
	return out
}

func TestChecks(t *testing.T) {
	const bs = "(BlockDriverState *bs);\n"
	for _, tc := range []struct {
		dialect, src string
		lenient      bool
		want         []string
	}{
		// Accepted forms and their naming.
		{"qemu-5.2", "int generated_co_wrapper bdrv_pread" + bs, false, []string{"co_mixed/ bdrv_pread->bdrv_co_pread BdrvCoPread ret=int"}},
		{"qemu-6.1", "int generated_co_wrapper\nblk_pwrite_zeroes(BdrvChild *child, int64_t offset,int64_t bytes);\n", false,
			[]string{"co_mixed/ blk_pwrite_zeroes->blk_co_pwrite_zeroes BlkCoPwriteZeroes ret=int"}},
		{"qemu-6.2", "int generated_co_wrapper blk_flush(BlockBackend *blk);\n", false, []string{"co_mixed/ blk_flush->blk_co_flush BlkCoFlush ret=int"}},
		{"qemu-8.0", "int co_wrapper_mixed_bdrv_rdlock bdrv_pread" + bs, false, []string{"co_mixed/rdlock bdrv_pread->bdrv_co_pread BdrvPread ret=int"}},
		{"qemu-8.0", "BlockDriverState * coroutine_fn no_co_wrapper\nbdrv_co_open(const char *filename);\n", false,
			[]string{"no_co/ bdrv_co_open->bdrv_open BdrvCoOpen ret=BlockDriverState *"}},
		{"qemu-8.2", "void no_co_wrapper_bdrv_wrlock bdrv_co_unref_child(BlockDriverState *parent, BdrvChild *child);\n", false,
			[]string{"no_co/wrlock bdrv_co_unref_child->bdrv_unref_child BdrvCoUnrefChild ret=void"}},
		{"qemu-10.2", "int64_t co_wrapper_bdrv_rdlock bdrv_getlength" + bs, false, []string{"co/rdlock bdrv_getlength->bdrv_co_getlength BdrvGetlength ret=int64_t"}},
		{"qemu-10.2", "int  co_wrapper bdrv_x" + bs, false, []string{"co/ bdrv_x->bdrv_co_x BdrvX ret=int"}},

		// What every release script rejects (always an error).
		{"qemu-5.2", "int generated_co_wrapper blk_x" + bs, true, []string{"in.h:1:26: blk_x: qemu-5.2 wrappers must be named bdrv_* (the coroutine function is bdrv_co_*)"}},
		{"qemu-5.2", "int generated_co_wrapper bdrv_co_x" + bs, true, []string{"in.h:1:26: bdrv_co_x: name the wrapper bdrv_NAME, not bdrv_co_NAME; the coroutine function bdrv_co_NAME is derived from it"}},
		{"qemu-6.1", "int generated_co_wrapper blk_co_x" + bs, true, []string{`in.h:1:26: blk_co_x: a generated_co_wrapper name must not contain "_co_"; declare SUBSYSTEM_NAME and the coroutine function is SUBSYSTEM_co_NAME`}},
		{"qemu-6.1", "int generated_co_wrapper bdrv_x(BlockBackend *blk);\n", true, []string{`in.h:1:33: bdrv_x: the first parameter must be of type "BlockDriverState *", "BdrvChild *"; found "BlockBackend *"`}},
		{"qemu-7.2", "int generated_co_wrapper bdrv_x(BlockDriverState * bs);\n", true,
			[]string{`in.h:1:33: bdrv_x: the first parameter must be of type "BlockDriverState *", "BdrvChild *", "BlockBackend *"; found "BlockDriverState * " (no space may follow '*')`}},
		{"qemu-6.1", "int generated_co_wrapper bdrvx" + bs, true, []string{"in.h:1:26: bdrvx: the name needs a subsystem prefix, SUBSYSTEM_NAME (e.g. bdrv_bdrvx)"}},
		{"qemu-6.1", "int generated_co_wrapper bdrv_x_" + bs, true, []string{`in.h:1:26: bdrv_x_: empty name segment ("__" or a trailing "_") in "bdrv_co_x_"`}},
		{"qemu-8.0", "int co_wrapper bdrv__x" + bs, true, []string{`in.h:1:16: bdrv__x: empty name segment ("__" or a trailing "_")`}},
		{"qemu-6.1", "int generated_co_wrapper bdrv_x(void);\n", true,
			[]string{"in.h:1:33: bdrv_x: parameter 1: expected TYPE NAME, a lowercase name ([a-z][a-z0-9_]*) after a space or '*' on one line; a wrapper needs at least one parameter"}},
		{"qemu-8.2", "int co_wrapper bdrv_x(BlockDriverState *bs,\n                    int X);\n", true,
			[]string{`in.h:2:21: bdrv_x: parameter 2: expected TYPE NAME, a lowercase name ([a-z][a-z0-9_]*) after a space or '*' on one line; found "int X"`}},
		{"qemu-8.2", "int co_wrapper bdrv_x(BlockDriverState\n *bs);\n", true,
			[]string{`in.h:1:23: bdrv_x: parameter 1: expected TYPE NAME, a lowercase name ([a-z][a-z0-9_]*) after a space or '*' on one line; found "BlockDriverState\n *bs"`}},
		{"qemu-8.2", "int co_wrapper bdrv_co_x" + bs, true, []string{`in.h:1:16: bdrv_co_x: a co_wrapper name must not contain "_co_"; declare SUBSYSTEM_NAME and the coroutine function is SUBSYSTEM_co_NAME`}},
		{"qemu-8.2", "int co_wrapper x" + bs, true, []string{"in.h:1:16: x: the name needs a subsystem prefix, SUBSYSTEM_NAME (e.g. bdrv_x)"}},
		{"qemu-8.2", "int no_co_wrapper bdrv_x" + bs, true, []string{"in.h:1:19: bdrv_x: invalid no_co function name: a no_co_wrapper must be named SUBSYSTEM_co_NAME; it calls SUBSYSTEM_NAME"}},
		{"qemu-8.2", "int no_co_wrapper_mixed bdrv_co_x" + bs, true, []string{"in.h:1:25: bdrv_co_x: no_co function can't be mixed"}},
		{"qemu-8.0", "int no_co_wrapper_bdrv_rdlock bdrv_co_x" + bs, true,
			[]string{"in.h:1:31: bdrv_co_x: no_co function can't be rdlock in qemu-8.0 (no_co_wrapper_bdrv_rdlock needs qemu-8.2 or later)"}},
		{"qemu-8.2", "int no_co_wrapper_bdrv_rdlock_bdrv_wrlock bdrv_co_x" + bs, true, []string{"in.h:1:43: bdrv_co_x: function can't be both rdlock and wrlock"}},
		{"qemu-9.0", "int co_wrapper_mixed_bdrv_wrlock bdrv_x" + bs, true,
			[]string{"in.h:1:34: bdrv_x: co function can't be wrlock: a co_wrapper cannot take the graph write lock (use no_co_wrapper_bdrv_wrlock on a main-loop function)"}},

		// What the scripts silently skip or mis-read: errors, or warnings
		// with the script's result when lenient.
		{"qemu-8.2", "int GRAPH_RDLOCK co_wrapper bdrv_x" + bs, false,
			[]string{`in.h:1:5: bdrv_x: two-word return type or qualifier "int GRAPH_RDLOCK" before the mark: only one identifier, an optional '*' and coroutine_fn may precede it (use a typedef); qemu-8.2 expects ` + "`TYPE [*] [coroutine_fn] MARK NAME(PARAMS);`" + ` with exactly one space after TYPE and ');' ending the line`}},
		{"qemu-8.2", "unsigned int co_wrapper bdrv_x" + bs, true,
			[]string{`warning: in.h:1:10: bdrv_x: two-word return type or qualifier "unsigned int" before the mark: only one identifier, an optional '*' and coroutine_fn may precede it (use a typedef); qemu-8.2 expects ` + "`TYPE [*] [coroutine_fn] MARK NAME(PARAMS);`" + ` with exactly one space after TYPE and ');' ending the line`}},
		{"qemu-8.2", "BlockDriverState* co_wrapper bdrv_x" + bs, false, []string{`in.h:1:17: bdrv_x: missing space before '*' in the return type "BlockDriverState*"; qemu-8.2 expects ` + "`TYPE [*] [coroutine_fn] MARK NAME(PARAMS);`" + ` with exactly one space after TYPE and ');' ending the line`}},
		{"qemu-8.2", "int\tco_wrapper bdrv_x" + bs, false, []string{`in.h:1:1: bdrv_x: the return type "int" must be followed by exactly one space; qemu-8.2 expects ` + "`TYPE [*] [coroutine_fn] MARK NAME(PARAMS);`" + ` with exactly one space after TYPE and ');' ending the line`}},
		{"qemu-8.2", "int64_t generated_co_wrapper bdrv_x" + bs, true, []string{`warning: in.h:1:9: bdrv_x: mark "generated_co_wrapper" is not part of qemu-8.2 (it was retired); qemu-8.2 accepts co_wrapper, co_wrapper_bdrv_rdlock, co_wrapper_mixed, co_wrapper_mixed_bdrv_rdlock, no_co_wrapper, no_co_wrapper_bdrv_rdlock, no_co_wrapper_bdrv_wrlock`,
			`warning: in.h:1:1: bdrv_x: declaration does not match the grammar; qemu-8.2 expects ` + "`TYPE [*] [coroutine_fn] MARK NAME(PARAMS);`" + ` with exactly one space after TYPE and ');' ending the line`}},
		{"qemu-6.2", "int64_t generated_co_wrapper bdrv_x" + bs, false, []string{"in.h:1:1: bdrv_x: generated_co_wrapper functions must return exactly `int`, found \"int64_t\"; qemu-6.2 expects `int generated_co_wrapper NAME(PARAMS);` with ');' ending the line"}},
		{"qemu-6.2", "int co_wrapper bdrv_x" + bs, false, []string{`in.h:1:5: bdrv_x: mark "co_wrapper" needs dialect qemu-8.0 or later; qemu-6.2 accepts generated_co_wrapper`}},
		{"qemu-8.2", "int co_wrapper_foo bdrv_x" + bs, true, []string{`warning: in.h:1:5: bdrv_x: unknown mark "co_wrapper_foo"; qemu-8.2 accepts co_wrapper, co_wrapper_bdrv_rdlock, co_wrapper_mixed, co_wrapper_mixed_bdrv_rdlock, no_co_wrapper, no_co_wrapper_bdrv_rdlock, no_co_wrapper_bdrv_wrlock`,
			"co/ bdrv_x->bdrv_co_x BdrvX ret=int"}},
		{"qemu-8.0", "int co_wrapper_bdrv_wrlock bdrv_x" + bs, true, []string{`warning: in.h:1:5: bdrv_x: unknown mark "co_wrapper_bdrv_wrlock"; qemu-8.0 accepts co_wrapper, co_wrapper_bdrv_rdlock, co_wrapper_mixed, co_wrapper_mixed_bdrv_rdlock, no_co_wrapper`,
			"co/ bdrv_x->bdrv_co_x BdrvX ret=int"}},
		{"qemu-8.2", "  int co_wrapper bdrv_x" + bs, true, []string{"warning: in.h:1:3: bdrv_x: the return type must start in column 1; qemu-8.2 expects `TYPE [*] [coroutine_fn] MARK NAME(PARAMS);` with exactly one space after TYPE and ');' ending the line"}},
		{"qemu-8.2", "int co_wrapper bdrv_x(BlockDriverState *bs); // note\n", false, []string{"in.h:1:45: bdrv_x: nothing may follow ';' on its line; qemu-8.2 expects `TYPE [*] [coroutine_fn] MARK NAME(PARAMS);` with exactly one space after TYPE and ');' ending the line"}},
		{"qemu-8.2", "int co_wrapper bdrv_x(BlockDriverState *bs, void (*cb)(void));\n", false, []string{"in.h:1:23: bdrv_x: parentheses inside the parameter list are not supported (use a typedef for function pointers); qemu-8.2 expects `TYPE [*] [coroutine_fn] MARK NAME(PARAMS);` with exactly one space after TYPE and ');' ending the line"}},
		{"qemu-8.2", "static int\nint co_wrapper bdrv_x" + bs, true, []string{"warning: in.h:1:1: bdrv_x: the declaration must start in column 1 with its return type; qemu-8.2 expects `TYPE [*] [coroutine_fn] MARK NAME(PARAMS);` with exactly one space after TYPE and ');' ending the line",
			"co/ bdrv_x->bdrv_co_x BdrvX ret=int"}},
		{"qemu-8.2", "int co_wrapper bdrv_x(BlockDriverState *bs, int64_t xY);\n", true, []string{`warning: in.h:1:54: bdrv_x: parameter 2: unexpected "Y" after the name "x" (the QEMU script drops it and uses "int64_t x")`,
			"co/ bdrv_x->bdrv_co_x BdrvX ret=int"}},
		{"qemu-8.0", "int co_wrapper bdrv_x(BlockDriverState *parent);\n", false, []string{`in.h:1:23: bdrv_x: the generated code refers to the first parameter as "bs", but it is named "parent" (qemu-8.0 uses fixed names)`}},
		{"qemu-8.2", "int co_wrapper bdrv_x(BlockDriverState *parent);\n", false, []string{"co/ bdrv_x->bdrv_co_x BdrvX ret=int"}},
		{"qemu-6.2", "int generated_co_wrapper bdrv_x(BdrvChild *c);\n", true, []string{`warning: in.h:1:33: bdrv_x: the generated code refers to the first parameter as "child", but it is named "c"`,
			"co_mixed/ bdrv_x->bdrv_co_x BdrvCoX ret=int"}},
	} {
		got := check(t, tc.dialect, tc.src, tc.lenient)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s lenient=%v %q:\n got: %q\nwant: %q", tc.dialect, tc.lenient, tc.src, got, tc.want)
		}
	}
}

func TestLookup(t *testing.T) {
	d, err := Lookup("qemu")
	if err != nil || d.Name != "qemu-10.2" {
		t.Fatalf("Lookup(qemu) = %v, %v", d, err)
	}
	if _, err := Lookup("qemu-4.0"); err == nil || !strings.Contains(err.Error(), "qemu-5.2") {
		t.Errorf("Lookup(qemu-4.0) error = %v", err)
	}
	if n := len(Names()); n != 17 {
		t.Errorf("len(Names()) = %d, want 17", n)
	}
}

// TestScanMarksIsACopy: a caller that changes the marks it got (Gazelle
// derives its own) cannot change what another dialect, or a later call,
// scans for.
func TestScanMarksIsACopy(t *testing.T) {
	a1, b4 := All()[0], All()[len(All())-1]
	m := a1.ScanMarks()
	m.Names[0] = "changed"
	m.Names = append(m.Names, "added")
	m.Prefixes[0] = "changed"
	for _, d := range []*Dialect{a1, b4} {
		got := d.ScanMarks()
		if !slices.Contains(got.Names, "generated_co_wrapper") || slices.Contains(got.Names, "changed") || slices.Contains(got.Names, "added") || slices.Contains(got.Prefixes, "changed") {
			t.Errorf("%s: ScanMarks() = %+v after a caller changed another result", d.Name, got)
		}
		if !got.Is("co_wrapper_mixed") || !got.Is("generated_co_wrapper") || got.Is("changed") {
			t.Errorf("%s: ScanMarks() no longer finds the QEMU marks", d.Name)
		}
	}
}
