package scan

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPhases: the front end reads C as its translation phases do (splices,
// then comments and literals, then directives), and positions stay those
// of the original text through splices. Each case is malformed or unusual
// input with the exact positions expected.
func TestPhases(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		// Phase 2: a splice joins lines everywhere, also inside a token.
		{"splice inside the mark", "int co_wr\\\napper a_b(int x);\n",
			[]string{"a_b@2:7 co_wrapper@1:5 start=1:1 (int|x) eol=true"}},
		{"splice inside a parameter list", "int co_wrapper a_b(int x,\\\n int y);\n",
			[]string{"a_b@1:16 co_wrapper@1:5 start=1:1 (int|x, int|y) eol=true"}},
		{"splice ends a // comment's line", "// note \\\nint co_wrapper a_b(int x);\n", nil},
		{"splice opens a comment", "/\\\n* c */ int co_wrapper a_b(int x);\n",
			[]string{"a_b@2:23 co_wrapper@2:12 start=2:8 (int|x) eol=true"}},
		{"splice inside a string", "char *s = \"a\\\nco_wrapper x(\";\n", nil},
		{"error after a splice", "int co_wrapper \\\n a_b int;\n",
			[]string{`E 2:6 expected '(' after "a_b", found 'int'`}},
		// Phase 3: a directive is a line whose first token is '#'.
		{"comment between # and if", "#/**/if 0\nint co_wrapper a_b(int x);\n#endif\n",
			[]string{"a_b@2:16 co_wrapper@2:5 start=2:1 (int|x) eol=true", `E 2:5 mark "co_wrapper" inside the #if block at line 1: cowrap does not evaluate the preprocessor, so the wrapper would be written even where its declaration is compiled out; declare it unconditionally`}},
		{"spaced comment before ifdef", "# /* c */ ifdef X\nint co_wrapper a_b(int x);\n#endif\n",
			[]string{"a_b@2:16 co_wrapper@2:5 start=2:1 (int|x) eol=true", `E 2:5 mark "co_wrapper" inside the #if block at line 1`}},
		{"# spliced to if", "#\\\nif 0\nint co_wrapper a_b(int x);\n#endif\n",
			[]string{"a_b@3:16 co_wrapper@3:5 start=3:1 (int|x) eol=true", `E 3:5 mark "co_wrapper" inside the #if block at line 1`}},
		{"directive after a comment at line start", "/* c */ #if 0\nint co_wrapper a_b(int x);\n#endif\n",
			[]string{"a_b@2:16 co_wrapper@2:5 start=2:1 (int|x) eol=true", `E 2:5 mark "co_wrapper" inside the #if block at line 1`}},
		{"# after a token is no directive", "int x; #define co_wrapper\n", []string{`E 2:1 expected the function name after mark "co_wrapper", found end of file`}},
		{"guard taken by prefix is no guard", "#ifndef CONFIG_FOO\n#define CONFIG_FOOBAR\nint co_wrapper a_b(int x);\n#endif\n",
			[]string{"a_b@3:16 co_wrapper@3:5 start=3:1 (int|x) eol=true", `E 3:5 mark "co_wrapper" inside the #if block at line 1`}},
		{"guard with spaces and a tab", "#ifndef X_H\n#  define\tX_H\nint co_wrapper a_b(int x);\n#endif\n",
			[]string{"a_b@3:16 co_wrapper@3:5 start=3:1 (int|x) eol=true"}},
		{"guard with a comment before its define", "#ifndef X_H /* guard */\n/* c */\n#define X_H 1\nint co_wrapper a_b(int x);\n#endif\n",
			[]string{"a_b@4:16 co_wrapper@4:5 start=4:1 (int|x) eol=true"}},
		{"ifndef with more on its line", "#ifndef X_H && 1\n#define X_H\nint co_wrapper a_b(int x);\n#endif\n",
			[]string{"a_b@3:16 co_wrapper@3:5 start=3:1 (int|x) eol=true", `E 3:5 mark "co_wrapper" inside the #if block at line 1`}},
		{"string in a directive", "#define X \"/*\"\nint co_wrapper a_b(int x);\n",
			[]string{"a_b@2:16 co_wrapper@2:5 start=2:1 (int|x) eol=true"}},
		{"apostrophe in a directive", "#error don't\nint co_wrapper a_b(int x);\n",
			[]string{"a_b@2:16 co_wrapper@2:5 start=2:1 (int|x) eol=true"}},
		{"comment continues a directive", "#define X /* a\nint co_wrapper a_b(int x); */ 1\nint co_wrapper a_c(int x);\n",
			[]string{"a_c@3:16 co_wrapper@3:5 start=3:1 (int|x) eol=true"}},
		{"unterminated comment in a directive", "#define X /* open\nint co_wrapper a_b(int x);\n",
			[]string{"E 1:11 unterminated /* comment"}},
		{"extern C with a comment", "extern \"C\" /* c */ {\nint co_wrapper a_b(int x);\n}\n",
			[]string{"a_b@2:16 co_wrapper@2:5 start=2:1 (int|x) eol=true"}},
		{"extern C spliced", "extern \\\n\"C\" {\nint co_wrapper a_b(int x);\n}\n",
			[]string{"a_b@3:16 co_wrapper@3:5 start=3:1 (int|x) eol=true"}},
		{"extern C++ is a scope", "extern \"C++\" {\nint co_wrapper a_b(int x);\n}\n",
			[]string{`E 2:5 mark "co_wrapper" inside braces: wrapper declarations must be at file scope`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summary(File("f.h", []byte(tc.src), qemuMarks))
			if len(got) != len(tc.want) {
				t.Fatalf("File(%q):\n got: %q\nwant: %q", tc.src, got, tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("File(%q):\n got: %q\nwant: %q", tc.src, got, tc.want)
				}
			}
		})
	}
}

// TestNonToken: what C takes out before tokens, at its exact offset.
func TestNonToken(t *testing.T) {
	for text, want := range map[string]string{
		"int a, int b":                  "-1 ",
		"int a /* c */, int b":          "6 a /* comment */",
		"int a, // c\n int b":           "7 a // comment",
		"int a,\n#ifdef X\n int b":      "7 a preprocessor line",
		"int a, # int b":                "-1 ",
		"int a,\\\n int b /* c */":      "6 a backslash-newline",
		"int a /* c */,\\\n int b":      "6 a /* comment */",
		"int a, const char *s = \"/*\"": "-1 ",
		"int a,\n /**/ # define X\n":    "8 a /* comment */",
		"int a,\\\n#if X\n":             "6 a backslash-newline",
		"int a, 'x":                     "-1 ",
	} {
		off, what := NonToken(text)
		if got := fmt.Sprint(off, " ", what); got != want {
			t.Errorf("NonToken(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestContainsAnyThroughSplices: a file is skipped only when its logical
// text, after splicing, holds no needle either.
func TestContainsAnyThroughSplices(t *testing.T) {
	needles := qemuMarks.Needles()
	for src, want := range map[string]bool{
		"int co_wrapper a_b(int x);\n":         true,
		"int co_wr\\\napper a_b(int x);\n":     true,
		"int co_wr\\\r\napper a_b(int x);\n":   true,
		"#define X a \\\n b\n":                 false,
		"int f(void);\n":                       false,
		"int co_wr\\\rapper a_b(int x);\n":     true,
		"int co_\\\n\\\r\nwrapper a(int x);\n": true,
		"int co_wr\\\n apper a_b(int x);\n":    false,
		"int co_wr \\\napper a_b(int x);\n":    false,
		"\\\nco_wrapper":                       true,
		"co_wrappe\\\nr":                       true,
		"co_wrappe\\\n":                        false,
	} {
		if got := ContainsAny([]byte(src), needles); got != want {
			t.Errorf("ContainsAny(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestContainsAnyLogical: over random text of needle bytes, splices (LF,
// CRLF, CR), lone newlines, backslashes and spaces, ContainsAny is exactly
// "the logical text holds a needle", which it finds without building that
// text for most files.
func TestContainsAnyLogical(t *testing.T) {
	needles := [][]byte{[]byte("co_wrapper"), []byte("ab")}
	pieces := []string{"c", "o", "_", "w", "r", "a", "p", "e", "b", "\\", "\\\n", "\\\r\n", "\\\r", "\n", "\r", " ", "co_wr", "apper", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := b.String()
		l := newText(string(Normalize([]byte(src)))).l
		want := false
		for _, n := range needles {
			want = want || strings.Contains(l, string(n))
		}
		if got := ContainsAny([]byte(src), needles); got != want {
			t.Fatalf("ContainsAny(%q) = %v; its logical text %q: %v", src, got, l, want)
		}
	}
}

// TestDeclSplice: a declaration says where its first splice is.
func TestDeclSplice(t *testing.T) {
	for src, want := range map[string]int{
		"int co_wrapper a_b(int x);\n":                          0,
		"#define X \\\n 1\nint co_wrapper a_b(int x);\n":        0,
		"int co_wr\\\napper a_b(int x);\n":                      1 + len("int co_wr"),
		"int co_wrapper a_b(int x,\\\n int y);\n#define Y \\\n": 1 + len("int co_wrapper a_b(int x,"),
	} {
		r := File("f.h", []byte(src), qemuMarks)
		if len(r.Decls) != 1 || r.Decls[0].Splice != want {
			t.Errorf("File(%q): %d declarations, Splice %v; want %d", src, len(r.Decls), r.Decls, want)
		}
	}
}
