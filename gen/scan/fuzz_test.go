package scan

import (
	"strings"
	"testing"
)

// FuzzFile checks that no input makes the scanner panic and that what it
// returns is consistent with the input.
func FuzzFile(f *testing.F) {
	for _, s := range []string{
		"int co_wrapper bdrv_foo(BlockDriverState *bs);\n",
		"int co_wrapper_mixed_bdrv_rdlock\nbdrv_pread(BdrvChild *child, int64_t offset,\n           int64_t bytes);\n",
		"BlockDriverState * coroutine_fn no_co_wrapper\r\nbdrv_co_open(const char *f, Error **errp);\r\n",
		"/* int co_wrapper a_b(int x); */ #define co_wrapper x\n\"co_wrapper\" 'c' // co_wrapper\n",
		"struct s { int co_wrapper a_b(int x); };\nvoid f(co_wrapper x);\n",
		"int co_wrapper a_b(int x, void (*cb)(void));\nint co_wrapper a_c(int a,);\n/* unterminated",
		"int generated_co_wrapper bdrv_x(BlockDriverState *bs);\nint\tco_wrapperfoo(int x)",
		"\xef\xbb\xbfint co_wrapper a_b(int x);\n\xff",
		"#\\\nif 0\nint co_wr\\\napper a_b(int x,\\\n int y);\n#endif\n/\\\n* c *\\\n/ #define X \"/*\"\n",
		"#ifndef G\n# define\tG\nextern \"C\" /* c */ {\nint co_wrapper a_b(int x);\n}\n#error don't\n#endif\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r := File("f.h", src, qemuMarks)
		norm := string(Normalize(src))
		lines := strings.Count(norm, "\n") + 1
		for _, d := range r.Decls {
			if d.Off < 0 || d.End > len(norm) || norm[d.Off:d.End] != d.Text || !strings.HasSuffix(d.Text, ";") {
				t.Fatalf("bad range %d..%d for %q", d.Off, d.End, d.Text)
			}
			if !qemuMarks.Is(d.Mark.Text) || d.Start != refPos(norm, d.Off) || d.Mark.Pos != refPos(norm, d.Mark.Off) || d.Name.Pos != refPos(norm, d.Name.Off) {
				t.Fatalf("bad decl %+v", d)
			}
		}
		for _, e := range r.Errors {
			if e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 1 || e.Msg == "" {
				t.Fatalf("bad error %v", e)
			}
		}
	})
}

// refPos is the position of byte off, counted the slow way.
func refPos(text string, off int) Pos {
	line := strings.Count(text[:off], "\n") + 1
	return Pos{Line: line, Col: off - (strings.LastIndexByte(text[:off], '\n') + 1) + 1}
}
