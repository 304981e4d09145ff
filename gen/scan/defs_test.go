package scan

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestDefinitions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // "name@line:col", "static name@line:col", "E line:col msg"
	}{
		{"one", "int coroutine_fn bdrv_co_pread(BdrvChild *c, int64_t o)\n{\n    return 0;\n}\n",
			[]string{"bdrv_co_pread@1:18"}},
		{"static and inline", "static int a(void) { return 1; }\nstatic inline void b(void) {}\ninline int c(void) { return 0; }\n",
			[]string{"static a@1:12", "static b@2:20", "c@3:12"}},
		{"prototypes and calls are not definitions", "int f(int x);\nextern void g(void);\nint x = h(1);\n", nil},
		{"only file scope", "void outer(void)\n{\n    if (x) { y(); }\n    while (z(1)) { }\n    { int inner(void); }\n}\n",
			[]string{"outer@1:6"}},
		{"struct, enum, union, initializers", "struct s { int (*fp)(void); };\nenum e { A, B };\nunion u { int a; };\nint arr[] = { 1, 2 };\nint *p = (int[]){ 1 };\nstruct s v = { .fp = 0 };\n", nil},
		{"typedef of a function type", "typedef int (fn)(int) { }\n", nil},
		{"pointer and struct returns", "BlockDriverState *\nbdrv_find(const char *n) { return 0; }\nstruct s { int a; } mk(void) { struct s r = {0}; return r; }\n",
			[]string{"bdrv_find@2:1", "mk@3:21"}},
		{"function returning a function pointer", "int (*pick(int k))(int) { return 0; }\n", []string{"pick@1:7"}},
		{"parenthesised name", "int (plain)(int a) { return a; }\n", []string{"plain@1:6"}},
		{"macro call before the type", "G_GNUC_PRINTF(1, 2) void say(const char *fmt, ...) {}\n", []string{"say@1:26"}},
		{"attributes before", "__attribute__((constructor)) static void init(void) {}\n", []string{"static init@1:42"}},
		{"attribute right before the body is not understood", "void f(void) __attribute__((cold)) {}\n", nil},
		{"macro-made name is not understood", "int glue(foo, bar)(int x) { return x; }\n", nil},
		{"K&R parameters are not understood", "int kr(a) int a; { return a; }\n", nil},
		{"extern C block", "extern \"C\" {\nint in_c(void) { return 0; }\n}\nint after(void) { return 1; }\n",
			[]string{"in_c@2:5", "after@4:5"}},
		{"comments, strings and directives", "/* int a(void) { } */\n// int b(void) {\n#define C(x) int c(void) { }\nconst char *s = \"int d(void) {\";\nint e(void) { return '{'; }\n",
			[]string{"e@5:5"}},
		{"directive inside the parameters", "int f(int a,\n#ifdef X\n      int b,\n#endif\n      int c) { return 0; }\n", []string{"f@1:5"}},
		{"CRLF", "int a(void)\r\n{\r\n}\r\nint b(void) {}\r\n", []string{"a@1:5", "b@4:5"}},
		{"Latin-1 in a comment", "/* Fran\xe7ois */\nint a(void) {}\n", []string{"a@2:5"}},

		// Bodies are skipped without tokens, but as C reads them: a brace
		// in a literal, a comment or a directive does not count, and a
		// splice joins lines.
		{"braces in a body's literals, comments and directives", "int a(void)\n{\n    s = \"}\\\"}\"; c = '}'; d = '\\'';\n    /* } */ // }\n#define CLOSE }\n    e = \"{\";\n}\nint b(void) {}\n",
			[]string{"a@1:5", "b@8:5"}},
		{"splices in a body and a name", "int a(void) {\n    // }\\\n}\n    x = \"}\\\n\";\n}\nint sp\\\nlit(void) {}\n",
			[]string{"a@1:5", "split@7:5"}},
		{"directive with an apostrophe in a body", "int a(void) {\n#error don't }\n}\nint b(void) {}\n", []string{"a@1:5", "b@4:5"}},
		{"nested blocks in a body", "int a(void) { if (x) { { } } inner(y) { } return y({ 1; }); }\nint b(void) {}\n", []string{"a@1:5", "b@2:5"}},
		{"unterminated literal in a body", "int a(void) {\n    c = '}\n}\nint b(void) {}\n",
			[]string{"a@1:5", "b@4:5", "E 2:9 unterminated character literal"}},

		// Malformed input: what can be read is, and the errors say where.
		{"empty", "", nil},
		{"unterminated comment loses what follows", "int a(void) {}\n/* no end\nint b(void) {}\n",
			[]string{"a@1:5", "E 2:1 unterminated /* comment"}},
		{"unterminated string resumes at the next line", "const char *s = \"abc;\nint a(void) {}\n",
			[]string{"a@2:5", "E 1:17 unterminated string literal"}},
		{"stray closing brace", "}\n}\nint a(void) {}\n", []string{"a@3:5"}},
		{"unclosed body", "int a(void) {\nint b(void) {}\n", []string{"a@1:5"}},
		{"unbalanced parentheses", "int a(void)) {}\nint ((b(void) {}\nint c(void) {}\n", []string{"c@3:5"}},
		{"paren only", ") {}\n( {}\nint () {}\n", nil},
		{"NUL byte", "int a(void) {}\x00\nint b(void) {}\n", []string{"a@1:5", "b@2:5", "E 1:15 NUL byte: C source must not contain NUL bytes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defs, errs := Definitions("f.c", []byte(tc.src))
			var got []string
			for _, d := range defs {
				s := fmt.Sprintf("%s@%s", d.Name, d.Pos)
				if d.Static {
					s = "static " + s
				}
				got = append(got, s)
			}
			for _, e := range errs {
				if e.File != "f.c" {
					t.Errorf("error in file %q", e.File)
				}
				got = append(got, "E "+e.Pos.String()+" "+e.Msg)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// FuzzDefinitions checks that no input makes Definitions panic and that
// each definition's position is its name's.
func FuzzDefinitions(f *testing.F) {
	for _, s := range []string{
		"int a(void) {}\nstatic int (*b(int k))(int) { return 0; }\n",
		"extern \"C\" { int c(void) { } }\n}}}((( {\n",
		"/* x\nint d(void) {}",
		"\"a\n'b\nint e(void) {}\r\n\xff\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		defs, errs := Definitions("f.c", src)
		norm := string(Normalize(src))
		lines := strings.Split(norm, "\n")
		for _, d := range defs {
			if d.Pos.Line < 1 || d.Pos.Line > len(lines) || d.Pos.Col < 1 {
				t.Fatalf("bad position %v of %q", d.Pos, d.Name)
			}
			if line := lines[d.Pos.Line-1]; !strings.HasPrefix(line[d.Pos.Col-1:], d.Name) {
				t.Fatalf("%q at %v, line %q", d.Name, d.Pos, line)
			}
		}
		for _, e := range errs {
			if e.Pos.Line < 1 || e.Pos.Line > len(lines) || e.Pos.Col < 1 || e.Msg == "" {
				t.Fatalf("bad error %v", e)
			}
		}
	})
}
