package scan

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/bench/synth"
)

var qemuMarks = &Marks{
	Names:    []string{"generated_co_wrapper", "co_wrapper", "no_co_wrapper"},
	Prefixes: []string{"co_wrapper", "no_co_wrapper"},
}

// summary renders decls and errors compactly: "name@line:col mark@line:col
// (params)" and "E line:col msg".
func summary(r Result) []string {
	var out []string
	for _, d := range r.Decls {
		var ps []string
		params, perr := d.Params()
		for _, p := range params {
			ps = append(ps, p.Type+"|"+p.Name)
		}
		if perr != nil {
			ps = append(ps, "ERR "+perr.Pos.String()+" "+perr.Msg)
		}
		out = append(out, fmt.Sprintf("%s@%s %s@%s start=%s (%s) eol=%v", d.Name.Text, d.Name.Pos, d.Mark.Text, d.Mark.Pos, d.Start, strings.Join(ps, ", "), d.LineEnd))
	}
	for _, e := range r.Errors {
		out = append(out, "E "+e.Pos.String()+" "+e.Msg)
	}
	return out
}

func TestFile(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"one line", "int co_wrapper bdrv_foo(BlockDriverState *bs);\n",
			[]string{"bdrv_foo@1:16 co_wrapper@1:5 start=1:1 (BlockDriverState *|bs) eol=true"}},
		{"no mark bytes", "int bdrv_foo(BlockDriverState *bs);\n", nil},
		{"multi-line with alignment", "int co_wrapper_mixed_bdrv_rdlock\nbdrv_pread(BdrvChild *child, int64_t offset,\n           int64_t bytes);\n",
			[]string{"bdrv_pread@2:1 co_wrapper_mixed_bdrv_rdlock@1:5 start=1:1 (BdrvChild *|child, int64_t|offset, int64_t|bytes) eol=true"}},
		{"CRLF", "/* x */\r\nint co_wrapper\r\nbdrv_x(BlockDriverState *bs);\r\n",
			[]string{"bdrv_x@3:1 co_wrapper@2:5 start=2:1 (BlockDriverState *|bs) eol=true"}},
		{"lone CR", "\rint no_co_wrapper bdrv_co_y(const char *name);",
			[]string{"bdrv_co_y@2:19 no_co_wrapper@2:5 start=2:1 (const char *|name) eol=true"}},
		{"after a previous declaration", "void f(void);\nint g(int a); int co_wrapper h_x(int a);\n",
			[]string{"h_x@2:30 co_wrapper@2:19 start=2:15 (int|a) eol=true"}},
		{"mark in comments and strings is not a declaration",
			"// int co_wrapper a_b(int x);\n/* int co_wrapper a_c(int x);\n */\nconst char *s = \"int co_wrapper a_d(int x);\";\n", nil},
		{"define is not a declaration", "#define co_wrapper no_coroutine_fn\n#define co_wrapper_mixed \\\n    no_coroutine_fn coroutine_mixed_fn\n", nil},
		{"directive inside a declaration is skipped", "int co_wrapper bdrv_z(BlockDriverState *bs,\n#ifdef X\n    int a,\n#endif\n    int b);\n",
			[]string{"bdrv_z@1:16 co_wrapper@1:5 start=1:1 (BlockDriverState *|bs, int|a, int|b) eol=true"}},
		{"coroutine_fn and pointer return", "BlockDriverState * coroutine_fn no_co_wrapper\nbdrv_co_open(const char *filename, Error **errp);\n",
			[]string{"bdrv_co_open@2:1 no_co_wrapper@1:33 start=1:1 (const char *|filename, Error **|errp) eol=true"}},
		{"void params", "int co_wrapper a_b(void);\n", []string{"a_b@1:16 co_wrapper@1:5 start=1:1 () eol=true"}},
		{"trailing comment after semicolon", "int co_wrapper a_b(int x); /* c */\n",
			[]string{"a_b@1:16 co_wrapper@1:5 start=1:1 (int|x) eol=false"}},
		{"unicode in comment keeps byte columns", "/* é */ int co_wrapper a_b(int x);\n",
			[]string{"a_b@1:25 co_wrapper@1:14 start=1:10 (int|x) eol=true"}},
		// Identifiers that merely contain a mark are not marks (issue 7 class 8);
		// the generator compares with the script's matches for glued ones.
		{"glued mark", "int co_wrapperfoo(int x);\n", nil},
		{"glued before", "intgenerated_co_wrapper bdrv_x(BlockDriverState *bs);\n", nil},
		{"glued qualifier and variant mark", "void coroutine_fnco_wrapper_mixed bdrv_v(BlockBackend *blk);\n", nil},
		{"contains a mark", "int disco_wrapper(int x);\nstruct s { int co_wrapper_calls; };\nint co_wrapper_n;\n", nil},
		{"variant mark needs NAME(", "struct s { int co_wrapper_x y(int a); };\n",
			[]string{`E 1:16 mark "co_wrapper_x" inside braces: wrapper declarations must be at file scope`}},
		{"name spelled like a mark", "int co_wrapper co_wrapper_x(int x);\n",
			[]string{"co_wrapper_x@1:16 co_wrapper@1:5 start=1:1 (int|x) eol=true"}},
		// C++ guards: an extern "C" block is not a scope (class 6).
		{"extern C block", "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint co_wrapper a_b(int x);\n#ifdef __cplusplus\n}\n#endif\n",
			[]string{"a_b@4:16 co_wrapper@4:5 start=4:1 (int|x) eol=true"}},
		{"braces inside extern C", "extern \"C\" { struct s { int co_wrapper a_b(int x); }; }\n",
			[]string{`E 1:29 mark "co_wrapper" inside braces: wrapper declarations must be at file scope`}},
		{"invisible character in a message", "int co_wrapper \u200bbdrv_x(int a);\n",
			[]string{`E 1:16 expected the function name after mark "co_wrapper", found 'U+200B'`}},
		// A missing ';' does not swallow the next declaration (class 6).
		{"missing semicolon before a mark", "int co_wrapper a_b(int x)\nint co_wrapper a_c(int y);\n",
			[]string{"a_c@2:16 co_wrapper@2:5 start=2:1 (int|y) eol=true", `E 2:1 expected ';' after the parameter list of "a_b", found 'int'`}},
		// NUL and invisible characters: one message at their own position (class 9).
		{"NUL byte", "int co_wrapper a_b(int x,\x00 int y);\n",
			[]string{"a_b@1:16 co_wrapper@1:5 start=1:1 (int|x, int|y) eol=true", "E 1:26 NUL byte: C source must not contain NUL bytes"}},
		{"ideographic space", "int co_wrapper\u3000a_b(int x);\n",
			[]string{"a_b@1:18 co_wrapper@1:5 start=1:1 (int|x) eol=true", `E 1:15 invisible character U+3000: Python's \s counts it as a space, C does not; use a plain space`}},
		{"longer names are not glued marks", "int bdrv_co_wrapper_x(int a);\nint my_no_co_wrapper;\n", nil},
		{"variant swallows the name", "int co_wrapper_bdrv_foo(int x);\n", nil},
		{"no return type", "co_wrapper bdrv_x(int a);\n",
			[]string{`E 1:1 expected a return type before mark "co_wrapper"`}},
		{"missing paren", "int co_wrapper bdrv_x int a;\n",
			[]string{`E 1:23 expected '(' after "bdrv_x", found 'int'`}},
		{"missing semicolon", "int co_wrapper bdrv_x(int a)\nint y;\n",
			[]string{`E 2:1 expected ';' after the parameter list of "bdrv_x", found 'int'`}},
		{"body instead of semicolon", "int co_wrapper bdrv_x(int a) { return 0; }\n",
			[]string{`E 1:30 expected ';' after the parameter list of "bdrv_x", found '{'`}},
		{"unclosed paren at EOF", "int co_wrapper bdrv_x(int a,\n",
			[]string{`E 1:22 unclosed '(' in the declaration of "bdrv_x"`}},
		{"mark inside braces", "struct s {\n    int co_wrapper bdrv_x(int a);\n};\n",
			[]string{`E 2:9 mark "co_wrapper" inside braces: wrapper declarations must be at file scope`}},
		{"mark inside parentheses", "void f(co_wrapper x);\n",
			[]string{`E 1:8 mark "co_wrapper" inside parentheses: wrapper declarations must be at file scope`}},
		{"mark twice", "int co_wrapper co_wrapper_mixed a_b(int x);\n",
			[]string{`E 1:33 expected '(' after "co_wrapper_mixed", found 'a_b'`}},
		{"unterminated comment", "int co_wrapper a_b(int x);\n/* open\n",
			[]string{"a_b@1:16 co_wrapper@1:5 start=1:1 (int|x) eol=true", "E 2:1 unterminated /* comment"}},
		{"unterminated string resumes next line", "char *s = \"co_wrapper;\nint co_wrapper a_b(int x);\n",
			[]string{"a_b@2:16 co_wrapper@2:5 start=2:1 (int|x) eol=true", "E 1:11 unterminated string literal"}},
		{"function pointer parameter", "int co_wrapper a_b(int x, void (*cb)(void));\n",
			[]string{"a_b@1:16 co_wrapper@1:5 start=1:1 (int|x, ERR 1:27 parameter 2 of 'a_b' must be TYPE NAME; arrays and function pointers need a typedef) eol=true"}},
		{"unnamed parameter", "int co_wrapper a_b(int);\n",
			[]string{"a_b@1:16 co_wrapper@1:5 start=1:1 (ERR 1:20 parameter 1 of 'a_b' has no name) eol=true"}},
		{"empty parameter", "int co_wrapper a_b(int a,);\n",
			[]string{"a_b@1:16 co_wrapper@1:5 start=1:1 (int|a, ERR 1:26 empty parameter 2 in the declaration of 'a_b') eol=true"}},
		{"invalid UTF-8", "int co_wrapper a_b(int x);\n// \xff\n",
			[]string{"E 2:4 invalid UTF-8 (byte 0xff); input files must be UTF-8"}},
		{"two declarations", "int co_wrapper a_b(int x);\nvoid no_co_wrapper a_co_c(int y);\n",
			[]string{"a_b@1:16 co_wrapper@1:5 start=1:1 (int|x) eol=true", "a_co_c@2:20 no_co_wrapper@2:6 start=2:1 (int|y) eol=true"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summary(File("f.h", []byte(tc.src), qemuMarks))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("File(%q):\n got: %q\nwant: %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	r := File("dir/f.h", []byte("\n  co_wrapper a_b(int x);\n"), qemuMarks)
	if len(r.Errors) != 1 || r.Errors[0].Error() != `dir/f.h:2:3: expected a return type before mark "co_wrapper"` {
		t.Fatalf("got %v", r.Errors)
	}
}

func TestDeclText(t *testing.T) {
	src := "x;\nint co_wrapper\na_b(int x,\n    int y);\n"
	r := File("f.h", []byte(src), qemuMarks)
	d := r.Decls[0]
	if d.Text != "int co_wrapper\na_b(int x,\n    int y);" || d.ParamsText != "int x,\n    int y" {
		t.Fatalf("Text %q ParamsText %q", d.Text, d.ParamsText)
	}
	if p := d.PosAt(strings.Index(d.Text, "int y")); p != (Pos{4, 5}) {
		t.Errorf("PosAt = %v, want 4:5", p)
	}
	if d.ParamsPos != (Pos{3, 5}) {
		t.Errorf("ParamsPos = %v, want 3:5", d.ParamsPos)
	}
}

func TestMarks(t *testing.T) {
	for ident, want := range map[string]bool{
		"co_wrapper": true, "co_wrapper_mixed": true, "co_wrapper_x9_y": true, "no_co_wrapper_bdrv_wrlock": true,
		"co_wrapper_": false, "co_wrapper_X": false, "co_wrappers": false, "my_co_wrapper": false, "generated_co_wrapper": true,
	} {
		if got := qemuMarks.Is(ident); got != want {
			t.Errorf("Is(%q) = %v, want %v", ident, got, want)
		}
	}
	if n := qemuMarks.Needles(); len(n) != 1 || string(n[0]) != "co_wrapper" {
		t.Errorf("Needles = %q, want just co_wrapper", n)
	}
}

func TestNormalize(t *testing.T) {
	if got := string(Normalize([]byte("a\r\nb\rc\n"))); got != "a\nb\nc\n" {
		t.Errorf("Normalize = %q", got)
	}
}

// With user marks (-template -marks blocking), identifiers that contain a
// mark are not marks either (issue 7 class 8).
func TestUserMarkInsideIdentifier(t *testing.T) {
	m := &Marks{Names: []string{"blocking"}}
	r := File("f.h", []byte("int blockingcount;\nint nonblocking_x(int a);\nint blocking bdrv_x(int a);\n"), m)
	if len(r.Errors) != 0 || len(r.Decls) != 1 || r.Decls[0].Name.Text != "bdrv_x" {
		t.Fatalf("got %d decls, errors %v", len(r.Decls), r.Errors)
	}
}

// TestIndexRare: indexRare finds what bytes.Index finds, with needles that
// match in part, overlap themselves, stand at either end of the text or
// are longer than it.
func TestIndexRare(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	needles := []string{"co_wrapper", "w", "ww", "wco_w", "co_co", "xyz", "_wrapper_", "éw", ""}
	alphabet := []string{"co_", "wrapper", "w", "c", "o", "_", " ", "\n", "co_wrappe", "r", "é"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		src := []byte(b.String())
		for _, n := range needles {
			if got, want := indexRare(src, []byte(n)), bytes.Index(src, []byte(n)); got != want {
				t.Fatalf("indexRare(%q, %q) = %d, want %d", src, n, got, want)
			}
		}
	}
}

// BenchmarkContainsAny tests QEMU-like C text (bench/synth's tree, a
// megabyte of it, one file of 250 marked) for the marks of the default
// dialect, as Gazelle and the generator do for every file before lexing it.
func BenchmarkContainsAny(b *testing.B) {
	files, err := synth.Tree(synth.TreeConfig{Files: 250, PerDir: 50, Marked: 1000})
	if err != nil {
		b.Fatal(err)
	}
	needles := qemuMarks.Needles()
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		hits := 0
		for _, f := range files {
			if ContainsAny(f.Data, needles) {
				hits++
			}
		}
		if hits != 1 {
			b.Fatalf("%d files with a needle, want 1", hits)
		}
	}
}
