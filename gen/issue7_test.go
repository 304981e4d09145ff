package gen_test

import (
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// TestHostileInputs holds one case per kind of input from issue 7 that once
// gave silent wrong output, a -lenient result other than the release
// script's, or a false rejection. strict is the first strict-mode error
// ("" when strict accepts); lenient is the number of wrappers -lenient
// writes, or -1 where the script raises and -lenient must fail. The lenient
// numbers were taken from running each release's script on the same input;
// the differential test (scripts/differential-qemu.sh) compares the bytes.
func TestHostileInputs(t *testing.T) {
	const bs = "(BlockDriverState *bs);\n"
	for _, tc := range []struct {
		class, dialect string
		files          []string // in.h, in2.h, ...; "=in.h" repeats in.h
		strict         string
		lenient        int
	}{
		// 1. Comments inside parameter lists.
		{"1 // before );", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int a // c\n);\n"},
			"in.h:1:51: bdrv_x: a // comment inside the parameter list", 1},
		{"1 comma in comment", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, /* a, b */ int a);\n"},
			"in.h:1:45: bdrv_x: a /* comment */ inside the parameter list", 1},
		{"1 directive", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs,\n#ifdef X\n int a\n#endif\n);\n"},
			"in.h:2:1: bdrv_x: a preprocessor line inside the parameter list", -1},
		{"1 A comment", "qemu-7.2", []string{"int generated_co_wrapper bdrv_x(BlockDriverState *bs, int a /* c */);\n"},
			"in.h:1:61: bdrv_x: a /* comment */ inside the parameter list", 1},

		// 2. First-parameter spellings that change the poll context (8.0-8.2).
		{"2 space after *", "qemu-8.2", []string{"int co_wrapper bdrv_x(BlockDriverState * bs);\n"},
			`in.h:1:23: bdrv_x: the first parameter's type is spelled "BlockDriverState * "`, 1},
		{"2 tab", "qemu-8.0", []string{"int co_wrapper bdrv_x(BdrvChild\t*child);\n"},
			`in.h:1:23: bdrv_x: the first parameter's type is spelled "BdrvChild\t*"`, 1},
		{"2 restrict", "qemu-8.1", []string{"int co_wrapper bdrv_x(BlockBackend *restrict blk);\n"},
			`in.h:1:23: bdrv_x: the first parameter's type is spelled "BlockBackend *restrict "`, 1},
		{"2 comment before type", "qemu-8.2", []string{"int co_wrapper bdrv_x(/* n */ BlockDriverState *bs);\n"},
			"in.h:1:23: bdrv_x: a /* comment */ inside the parameter list", 1},
		{"2 any spelling polls the current context in 9.0", "qemu-9.0", []string{"int co_wrapper bdrv_x(BlockDriverState * bs);\n"}, "", 1},

		// 3. Names that collide with the generated code.
		{"3 local s", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int s);\n"},
			`in.h:1:49: bdrv_x: parameter 2: the name "s" collides with the local variable s`, 1},
		{"3 field ret", "qemu-8.0", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int ret);\n"},
			`in.h:1:49: bdrv_x: parameter 2: the name "ret" collides with the result field ret`, 1},
		{"3 void may use ret", "qemu-10.2", []string{"void co_wrapper bdrv_x(BlockDriverState *bs, int ret);\n"}, "", 1},
		{"3 field co", "qemu-10.2", []string{"int no_co_wrapper bdrv_co_x(BlockDriverState *bs, int co);\n"},
			`in.h:1:55: bdrv_co_x: parameter 2: the name "co" collides with a field of its struct`, 1},
		{"3 target", "qemu-7.2", []string{"int generated_co_wrapper bdrv_x(BlockDriverState *bs, int bdrv_co_x);\n"},
			`bdrv_x: parameter 2: the name "bdrv_co_x" collides with the function the wrapper calls`, 1},
		{"3 callee", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int qemu_in_coroutine);\n"},
			`the name "qemu_in_coroutine" collides with a function it calls`, 1},
		{"3 twice", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int a, int a);\n"},
			`in.h:1:56: bdrv_x: parameter 3: the name "a" is used twice`, 1},

		// 4. Duplicates, naming both positions.
		{"4 two inputs", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs, "\nint co_wrapper bdrv_x" + bs},
			"in2.h:2:16: bdrv_x: wrapper declared twice; first declared at in.h:1:16", 2},
		{"4 same file twice", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs, "=in.h"},
			"in.h:1:16: this input is given twice (arguments 1 and 2)", 2},
		{"4 #if variants", "qemu-10.2", []string{"#ifndef G\n#define G\n#if A\nint co_wrapper bdrv_x" + bs + "#else\nint co_wrapper bdrv_y(BdrvChild *child);\n#endif\n#endif\n"},
			"in.h:4:5: mark \"co_wrapper\" inside the #if block at line 3: cowrap does not evaluate the preprocessor", 2},
		{"4 struct names", "qemu-10.2", []string{"int co_wrapper bdrv_x_1" + bs + "int co_wrapper bdrv_x1" + bs},
			"in.h:2:16: bdrv_x1: its generated struct BdrvX1 collides with the one generated for bdrv_x_1 at in.h:1:16", 2},
		{"4 wrapper calls wrapper", "qemu-10.2", []string{"int co_wrapper bdrv_a_b" + bs + "int no_co_wrapper bdrv_co_a_b" + bs},
			"in.h:2:19: bdrv_co_a_b: it calls bdrv_a_b, which is itself a wrapper (declared at in.h:1:16)", 2},
		{"4 wrapper named like a helper", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs + "int no_co_wrapper bdrv_co_x_entry" + bs},
			"in.h:2:19: bdrv_co_x_entry: the wrapper's name is also the function generated for bdrv_x at in.h:1:16", 2},

		// 5. Unknown variant marks in the A dialects.
		{"5 generated_co_wrapper_x", "qemu-7.2", []string{"int generated_co_wrapper_x bdrv_x" + bs},
			`in.h:1:5: bdrv_x: unknown mark "generated_co_wrapper_x"`, 0},

		// 6. -lenient follows the script; strict accepts C++ guards.
		{"6 missing ;", "qemu-10.2", []string{"int co_wrapper bdrv_a(BlockDriverState *bs)\nint co_wrapper bdrv_b" + bs},
			`in.h:2:1: expected ';' after the parameter list of "bdrv_a", found 'int'`, 1},
		{"6 C++ guards", "qemu-10.2", []string{"#ifdef __cplusplus\nextern \"C\" {\n#endif\nint co_wrapper bdrv_x" + bs + "#ifdef __cplusplus\n}\n#endif\n"}, "", 1},
		{"6 ideographic space", "qemu-10.2", []string{"int co_wrapper\u3000bdrv_x" + bs},
			"in.h:1:15: invisible character U+3000", 1},
		{"6 unterminated comment", "qemu-10.2", []string{"/* open\nint co_wrapper bdrv_x" + bs},
			"in.h:1:1: unterminated /* comment", 1},
		{"6 anonymous struct", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, struct { int a; } *p);\n"},
			`in.h:1:22: unclosed '(' in the declaration of "bdrv_x"`, 1},
		{"6 function named like a mark", "qemu-10.2", []string{"int co_wrapper co_wrapper_x" + bs}, "", 1},
		{"6 declaration in a comment", "qemu-10.2", []string{"/*\nint co_wrapper bdrv_x" + bs + "*/\n"},
			"in.h:2:16: bdrv_x: QEMU's script reads a wrapper declaration here, but C does not: it is inside a comment", 1},

		// 7. Where the script raises, -lenient fails too.
		{"7 invalid UTF-8", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs + "// \xff\n"},
			"in.h:2:4: invalid UTF-8 (byte 0xff)", -1},
		{"7 invalid UTF-8, no marks", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs, "int f(void); // \xc3\n"},
			"in2.h:1:17: invalid UTF-8 (byte 0xc3)", -1},
		{"7 glued variant", "qemu-10.2", []string{"int co_wrapper_mixedbdrv_x" + bs},
			`in.h:1:26: x: QEMU's script reads a wrapper declaration here, but C does not: its mark "co_wrapper_mixedbdrv_" runs together with other text`, -1},
		{"7 ; in parameters (A)", "qemu-7.2", []string{"int generated_co_wrapper bdrv_x(BlockDriverState *bs; int a);\n"},
			`in.h:1:32: unclosed '(' in the declaration of "bdrv_x"`, -1},

		// 8. No false rejections.
		{"8 contains a mark", "qemu-10.2", []string{"int disco_wrapper(int a);\nstruct s { int co_wrapper_calls; };\nint co_wrapper bdrv_x" + bs}, "", 1},
		{"8 no_co first parameter in 8.0", "qemu-8.0", []string{"int no_co_wrapper bdrv_co_x(BlockDriverState *node);\n"}, "", 1},
		{"8 but 8.1's bottom half uses it", "qemu-8.1", []string{"int no_co_wrapper bdrv_co_x(BlockDriverState *node);\n"},
			`in.h:1:29: bdrv_co_x: the generated code refers to the first parameter as "bs", but it is named "node"`, 1},

		// 9. Messages: a NUL at its own position, once.
		{"9 NUL", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs,\x00 int a);\n"},
			"in.h:1:44: NUL byte", 1},
	} {
		t.Run(tc.class, func(t *testing.T) {
			d, err := dialect.Lookup(tc.dialect)
			if err != nil {
				t.Fatal(err)
			}
			var inputs []gen.Input
			for i, f := range tc.files {
				name := "in.h"
				if i > 0 {
					name = "in" + string(rune('1'+i)) + ".h"
				}
				if p, ok := strings.CutPrefix(f, "="); ok {
					inputs = append(inputs, gen.Input{Path: p, Data: inputs[0].Data})
					continue
				}
				inputs = append(inputs, gen.Input{Path: name, Data: []byte(f)})
			}
			out, diags := generate(t, gen.Options{Dialect: d}, inputs)
			var errs []string
			for _, dg := range diags {
				if !dg.Warning {
					errs = append(errs, dg.Err.Error())
				}
			}
			switch {
			case tc.strict == "" && out == nil:
				t.Errorf("strict rejects: %q", errs)
			case tc.strict != "" && (out != nil || len(errs) == 0 || !strings.Contains(errs[0], tc.strict)):
				t.Errorf("strict: errors %q, want first %q", errs, tc.strict)
			case tc.strict != "" && len(errs) > 1 && !strings.Contains(tc.class, "#if"):
				t.Errorf("one cause, one message; got %q", errs)
			}
			lout, ldiags := generate(t, gen.Options{Dialect: d, Lenient: true}, inputs)
			got := -1
			if lout != nil {
				got = strings.Count(string(lout), "\n * Wrappers for ")
			}
			if got != tc.lenient {
				t.Errorf("-lenient wrote %d wrappers (-1: failed), the script %d; findings %v", got, tc.lenient, ldiags)
			}
		})
	}
}
