package dialect

import (
	"regexp"
	"strings"
	"testing"
)

// The release scripts' patterns, ported to Go's regexp with Python's \s
// class: the reference the hand-written matcher must agree with.
const pyS = `[\t\n\v\f\r \x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]`

var (
	refA = regexp.MustCompile(`\Aint` + pyS + `*generated_co_wrapper` + pyS +
		`*(?P<name>[a-z][a-z0-9_]*)\((?P<args>[^)]*)\);(?m:$)`)
	refB = regexp.MustCompile(`\A(?P<rt>[a-zA-Z][a-zA-Z0-9_]* [\*]?)(?:` + pyS + `*coroutine_fn)?` +
		pyS + `*(?P<wt>(?:no_)?co)_wrapper(?P<variant>(?:_[a-z][a-z0-9_]*)?)` + pyS +
		`*(?P<name>[a-z][a-z0-9_]*)\((?P<args>[^)]*)\);(?m:$)`)
)

// refMatch is matchAt done with the reference patterns.
func refMatch(b bool, t string) (match, bool) {
	re := refA
	if b {
		re = refB
	}
	m := re.FindStringSubmatchIndex(t)
	if m == nil {
		return match{}, false
	}
	g := func(name string) (string, int) {
		i := re.SubexpIndex(name)
		return t[m[2*i]:m[2*i+1]], m[2*i]
	}
	r := match{ret: "int", end: m[1]}
	r.name, r.nameOff = g("name")
	r.args, r.argsOff = g("args")
	if b {
		rt, _ := g("rt")
		wt, _ := g("wt")
		r.ret, r.noCo = trimASCII(rt), wt == "no_co"
		r.variant, _ = g("variant")
	}
	return r, true
}

func trimASCII(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

var grammarSeeds = []string{
	"int co_wrapper bdrv_foo(BlockDriverState *bs);",
	"int co_wrapper_mixed_bdrv_rdlock\nbdrv_pread(BdrvChild *child, int64_t offset,\n  int64_t bytes);",
	"BlockDriverState * coroutine_fn no_co_wrapper\nbdrv_co_open(const char *f);",
	"BlockDriverState *coroutine_fnno_co_wrapper bdrv_co_x(int a);",
	"int co_wrapper_bdrv_foo(int x);",
	"int co_wrapper_bdrv_fo9_(int x);",
	"int co_wrapper_b_(int x);",
	"int co_wrapperfoo(int x);",
	"int co_wrapper_x y(int x);",
	"int\u3000co_wrapper a_b(int x);",
	"int  \u2028co_wrapper\x85a_b(int x);",
	"int co_wrapper a_b(int x) ;",
	"int co_wrapper a_b(int x);;",
	"int co_wrapper a_b(int (x));",
	"int generated_co_wrapper bdrv_x(BlockDriverState *bs);",
	"intgenerated_co_wrapperbdrv_x(BlockDriverState *bs);",
	"int \n generated_co_wrapper\n bdrv_x(a);",
	"int64_t generated_co_wrapper bdrv_x(a);",
	"void co_wrapper _x(int a);",
	"T * co_wrapper a_b();",
	"T ** co_wrapper a_b();",
	"int co_wrapper a_b(int x);\nint y;",
	"int co_wrapper a_b(int x);x\n",
}

func TestMatchAgreesWithPatterns(t *testing.T) {
	for _, s := range grammarSeeds {
		for _, f := range []*Family{families["A1"], families["B1"]} {
			checkAgree(t, f, s)
		}
	}
}

func checkAgree(t *testing.T, f *Family, s string) {
	t.Helper()
	got, gok := f.matchAt(s, 0)
	want, wok := refMatch(f.CoWrapperGrammar, s)
	got.off, got.markOff, got.markEnd = 0, 0, 0
	if gok != wok || gok && got != want {
		t.Fatalf("family %s, %q:\n got %v %+v\nwant %v %+v", f.ID, s, gok, got, wok, want)
	}
}

func FuzzMatchAgreesWithPatterns(f *testing.F) {
	for _, s := range grammarSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, b bool) {
		fam := families["A1"]
		if b {
			fam = families["B1"]
		}
		checkAgree(t, fam, s)
	})
}

// pyStrip is str.strip(), and its offset is where that text starts in s
// (0 for an empty result: an empty piece is reported at its start).
func TestPyStripLead(t *testing.T) {
	for _, s := range []string{"", " ", "  \t", "a", " a ", "\u00a0 x\u3000", "\u00a0", " \u00a0 ", "x\u00a0", "\u2000int a\n", "\x1c a \x1f"} {
		want := strings.TrimFunc(s, isPySpace)
		got, lead := pyStrip(s)
		if got != want || lead != strings.Index(s, want) {
			t.Errorf("%q: got %q %d, want %q %d", s, got, lead, want, strings.Index(s, want))
		}
	}
}

// Python's \s is stated three times: pyS (the reference), scan.IsPySpace
// and its inlined ASCII copy isASCIIPySpace; all must agree.
func TestPySpaceAgrees(t *testing.T) {
	ref := regexp.MustCompile(`\A` + pyS + `\z`)
	for r := rune(0); r <= 0x3000; r++ {
		want := ref.MatchString(string(r))
		if isPySpace(r) != want {
			t.Errorf("isPySpace(%U) = %v, want %v", r, !want, want)
		}
		if r < 0x80 && isASCIIPySpace(byte(r)) != want {
			t.Errorf("isASCIIPySpace(%#x) = %v, want %v", r, !want, want)
		}
	}
}
