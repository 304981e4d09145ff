package gen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// TestStrictAndLenient holds, by topic, one case per kind of input that once
// gave silent wrong output, a -lenient result other than the release
// script's, or a false rejection. strict is the first strict-mode error
// ("" when strict accepts); lenient is the number of wrappers -lenient
// writes, or -1 where the script raises and -lenient must fail. The lenient
// numbers were taken from running each release's script on the same input;
// the differential test (scripts/differential-qemu.sh) compares the bytes.
// A case with marks runs with a user template (-template -marks) instead,
// which has no -lenient; want is then text its output must hold.
func TestStrictAndLenient(t *testing.T) {
	const bs = "(BlockDriverState *bs);\n"
	for _, tc := range []struct {
		class, dialect string
		files          []string // in.h, in2.h, ...; "=in.h" repeats in.h
		strict         string
		lenient        int
		marks, want    string // a template run: its -marks, and text of its output
	}{
		// Comments inside parameter lists.
		{"comment: // before );", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int a // c\n);\n"},
			"in.h:1:51: bdrv_x: a // comment inside the parameter list", 1, "", ""},
		{"comment: comma in comment", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, /* a, b */ int a);\n"},
			"in.h:1:45: bdrv_x: a /* comment */ inside the parameter list", 1, "", ""},
		{"comment: directive", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs,\n#ifdef X\n int a\n#endif\n);\n"},
			"in.h:2:1: bdrv_x: a preprocessor line inside the parameter list", -1, "", ""},
		{"comment: A comment", "qemu-7.2", []string{"int generated_co_wrapper bdrv_x(BlockDriverState *bs, int a /* c */);\n"},
			"in.h:1:61: bdrv_x: a /* comment */ inside the parameter list", 1, "", ""},

		// First-parameter spellings that change the poll context (8.0-8.2).
		{"first parameter: space after *", "qemu-8.2", []string{"int co_wrapper bdrv_x(BlockDriverState * bs);\n"},
			`in.h:1:23: bdrv_x: the first parameter's type is spelled "BlockDriverState * "`, 1, "", ""},
		{"first parameter: tab", "qemu-8.0", []string{"int co_wrapper bdrv_x(BdrvChild\t*child);\n"},
			`in.h:1:23: bdrv_x: the first parameter's type is spelled "BdrvChild\t*"`, 1, "", ""},
		{"first parameter: restrict", "qemu-8.1", []string{"int co_wrapper bdrv_x(BlockBackend *restrict blk);\n"},
			`in.h:1:23: bdrv_x: the first parameter's type is spelled "BlockBackend *restrict "`, 1, "", ""},
		{"first parameter: comment before type", "qemu-8.2", []string{"int co_wrapper bdrv_x(/* n */ BlockDriverState *bs);\n"},
			"in.h:1:23: bdrv_x: a /* comment */ inside the parameter list", 1, "", ""},
		{"first parameter: struct BlockDriverState in 8.0", "qemu-8.0", []string{"int co_wrapper bdrv_x(struct BlockDriverState *bs);\n"},
			`in.h:1:23: bdrv_x: the first parameter's type is spelled "struct BlockDriverState *"; qemu-8.0 only recognises "BlockDriverState *"`, 1, "", ""},
		{"first parameter: struct BdrvChild in 8.1", "qemu-8.1", []string{"int co_wrapper bdrv_x(struct BdrvChild *child);\n"},
			`in.h:1:23: bdrv_x: the first parameter's type is spelled "struct BdrvChild *"`, 1, "", ""},
		{"first parameter: struct BlockBackend in 8.2", "qemu-8.2", []string{"int co_wrapper blk_x(struct BlockBackend *blk);\n"},
			`in.h:1:22: blk_x: the first parameter's type is spelled "struct BlockBackend *"`, 1, "", ""},
		{"first parameter: any spelling polls the current context in 9.0", "qemu-9.0", []string{"int co_wrapper bdrv_x(BlockDriverState * bs);\n"}, "", 1, "", ""},

		// Names that collide with the generated code.
		{"names: local s", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int s);\n"},
			`in.h:1:49: bdrv_x: parameter 2: the name "s" collides with the local variable s`, 1, "", ""},
		{"names: field ret", "qemu-8.0", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int ret);\n"},
			`in.h:1:49: bdrv_x: parameter 2: the name "ret" collides with the result field ret`, 1, "", ""},
		{"names: void may use ret", "qemu-10.2", []string{"void co_wrapper bdrv_x(BlockDriverState *bs, int ret);\n"}, "", 1, "", ""},
		{"names: field co", "qemu-10.2", []string{"int no_co_wrapper bdrv_co_x(BlockDriverState *bs, int co);\n"},
			`in.h:1:55: bdrv_co_x: parameter 2: the name "co" collides with a field of its struct`, 1, "", ""},
		{"names: target", "qemu-7.2", []string{"int generated_co_wrapper bdrv_x(BlockDriverState *bs, int bdrv_co_x);\n"},
			`bdrv_x: parameter 2: the name "bdrv_co_x" collides with the function the wrapper calls`, 1, "", ""},
		{"names: callee", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int qemu_in_coroutine);\n"},
			`the name "qemu_in_coroutine" collides with a function it calls`, 1, "", ""},
		{"names: twice", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, int a, int a);\n"},
			`in.h:1:56: bdrv_x: parameter 3: the name "a" is used twice`, 1, "", ""},

		// Types: C's declarator rules say which parameters are unnamed.
		{"types: unsigned long", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, unsigned long);\n"},
			`in.h:1:45: bdrv_x: parameter 2 has no name: C reads "unsigned long" as a parameter of that type without a name`, 1, "", ""},
		{"types: long long (A)", "qemu-7.2", []string{"int generated_co_wrapper bdrv_x(BlockDriverState *bs, long long);\n"},
			`in.h:1:55: bdrv_x: parameter 2 has no name`, 1, "", ""},
		{"types: struct st", "qemu-8.0", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, struct st);\n"},
			`in.h:1:45: bdrv_x: parameter 2 has no name: C reads "struct st"`, 1, "", ""},
		{"types: char *const", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, char *const);\n"},
			`in.h:1:45: bdrv_x: parameter 2 has no name: C reads "char *const"`, 1, "", ""},
		{"types: unnamed with a template", "qemu-10.2", []string{"int rt_blocking rt_x(int fd, unsigned long);\n"},
			`in.h:1:30: parameter 2 of 'rt_x' has no name`, 0, "rt_blocking", ""},
		{"types: struct st with a template", "qemu-10.2", []string{"int rt_blocking rt_x(int fd, struct st);\n"},
			`in.h:1:30: parameter 2 of 'rt_x' has no name`, 0, "rt_blocking", ""},

		// Duplicates, naming both positions.
		{"duplicates: two inputs", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs, "\nint co_wrapper bdrv_x" + bs},
			"in2.h:2:16: bdrv_x: wrapper declared twice; first declared at in.h:1:16", 2, "", ""},
		{"duplicates: same file twice", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs, "=in.h"},
			"in.h:1:16: this input is given twice (arguments 1 and 2)", 2, "", ""},
		{"duplicates: #if variants", "qemu-10.2", []string{"#ifndef G\n#define G\n#if A\nint co_wrapper bdrv_x" + bs + "#else\nint co_wrapper bdrv_y(BdrvChild *child);\n#endif\n#endif\n"},
			"in.h:4:5: mark \"co_wrapper\" inside the #if block at line 3: cowrap does not evaluate the preprocessor", 2, "", ""},
		{"duplicates: struct names", "qemu-10.2", []string{"int co_wrapper bdrv_x_1" + bs + "int co_wrapper bdrv_x1" + bs},
			"in.h:2:16: bdrv_x1: its generated struct BdrvX1 collides with the one generated for bdrv_x_1 at in.h:1:16", 2, "", ""},
		{"duplicates: wrapper calls wrapper", "qemu-10.2", []string{"int co_wrapper bdrv_a_b" + bs + "int no_co_wrapper bdrv_co_a_b" + bs},
			"in.h:2:19: bdrv_co_a_b: it calls bdrv_a_b, which is itself a wrapper (declared at in.h:1:16)", 2, "", ""},
		{"duplicates: wrapper named like a helper", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs + "int no_co_wrapper bdrv_co_x_entry" + bs},
			"in.h:2:19: bdrv_co_x_entry: the wrapper's name is also the function generated for bdrv_x at in.h:1:16", 2, "", ""},

		// Marks: unknown variants in the A dialects; template marks are whole identifiers.
		{"marks: generated_co_wrapper_x", "qemu-7.2", []string{"int generated_co_wrapper_x bdrv_x" + bs},
			`in.h:1:5: bdrv_x: unknown mark "generated_co_wrapper_x"`, 0, "", ""},

		{"marks: a template mark inside an identifier", "qemu-10.2", []string{"struct blocking_state *blocking rt_open(int fd);\n"},
			"", 0, "blocking", "struct blocking_state * rt_open(int fd);"},
		{"marks: a type that starts like a variant mark", "qemu-10.2", []string{"co_wrapper_result_t co_wrapper bdrv_x" + bs}, "", 1, "", ""},

		// Reading C as C does: -lenient follows the script; strict reads directives, guards, extern "C" and splices by C's translation phases.
		{"reading C: missing ;", "qemu-10.2", []string{"int co_wrapper bdrv_a(BlockDriverState *bs)\nint co_wrapper bdrv_b" + bs},
			`in.h:2:1: expected ';' after the parameter list of "bdrv_a", found 'int'`, 1, "", ""},
		{"reading C: C++ guards", "qemu-10.2", []string{"#ifdef __cplusplus\nextern \"C\" {\n#endif\nint co_wrapper bdrv_x" + bs + "#ifdef __cplusplus\n}\n#endif\n"}, "", 1, "", ""},
		{"reading C: ideographic space", "qemu-10.2", []string{"int co_wrapper\u3000bdrv_x" + bs},
			"in.h:1:15: invisible character U+3000", 1, "", ""},
		{"reading C: unterminated comment", "qemu-10.2", []string{"/* open\nint co_wrapper bdrv_x" + bs},
			"in.h:1:1: unterminated /* comment", 1, "", ""},
		{"reading C: anonymous struct", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs, struct { int a; } *p);\n"},
			`in.h:1:22: unclosed '(' in the declaration of "bdrv_x"`, 1, "", ""},
		{"reading C: function named like a mark", "qemu-10.2", []string{"int co_wrapper co_wrapper_x" + bs}, "", 1, "", ""},
		{"reading C: declaration in a comment", "qemu-10.2", []string{"/*\nint co_wrapper bdrv_x" + bs + "*/\n"},
			"in.h:2:16: bdrv_x: QEMU's script reads a wrapper declaration here, but C does not: it is inside a comment", 1, "", ""},

		{"reading C: a comment between # and if", "qemu-10.2", []string{"#/**/if 0\nint co_wrapper bdrv_x" + bs + "#endif\n"},
			`in.h:2:5: mark "co_wrapper" inside the #if block at line 1`, 1, "", ""},
		{"reading C: a comment before ifdef", "qemu-10.2", []string{"# /* c */ ifdef X\nint co_wrapper bdrv_x" + bs + "#endif\n"},
			`in.h:2:5: mark "co_wrapper" inside the #if block at line 1`, 1, "", ""},
		{"reading C: # spliced to if", "qemu-10.2", []string{"#\\\nif 0\nint co_wrapper bdrv_x" + bs + "#endif\n"},
			`in.h:3:5: mark "co_wrapper" inside the #if block at line 1`, 1, "", ""},
		{"reading C: a guard names the same macro", "qemu-10.2", []string{"#ifndef CONFIG_FOO\n#define CONFIG_FOOBAR\nint co_wrapper bdrv_x" + bs + "#endif\n"},
			`in.h:3:5: mark "co_wrapper" inside the #if block at line 1`, 1, "", ""},
		{"reading C: a guard with spaces and a tab", "qemu-10.2", []string{"#ifndef X_H\n#  define\tX_H\nint co_wrapper bdrv_x" + bs + "#endif\n"}, "", 1, "", ""},
		{"reading C: a string in a directive opens no comment", "qemu-10.2", []string{"#define X \"/*\"\nint co_wrapper bdrv_x" + bs}, "", 1, "", ""},
		{"reading C: extern C with a comment", "qemu-10.2", []string{"extern \"C\" /* c */ {\nint co_wrapper bdrv_x" + bs + "}\n"}, "", 1, "", ""},
		{"reading C: a mark across a splice", "qemu-10.2", []string{"int co_wr\\\napper bdrv_x" + bs},
			`in.h:1:10: bdrv_x: a backslash-newline inside the declaration: C joins the lines, QEMU's script does not`, 0, "", ""},

		// Script and C read different text: the script's match starts in
		// a comment, a directive or a string and runs on to a real
		// declaration's ';'.
		{"script and C: a #define continued", "qemu-10.2", []string{"#define X \\\nint co_wrapper bdrv_a(BlockDriverState *bs, int a\nint co_wrapper bdrv_b" + bs},
			"in.h:2:16: bdrv_a: QEMU's script reads a wrapper declaration from here to the ';' at 3:44, but C reads the declaration at 3:1 there", 1, "", ""},
		{"script and C: a comment", "qemu-10.2", []string{"/*\nint co_wrapper bdrv_a(BlockDriverState *bs, */\nint co_wrapper bdrv_b" + bs},
			"in.h:2:16: bdrv_a: QEMU's script reads a wrapper declaration from here to the ';' at 3:44, but C reads the declaration at 3:1 there", -1, "", ""},
		{"script and C: a continued string", "qemu-10.2", []string{"const char *s = \"\\\nint co_wrapper bdrv_a(BlockDriverState *bs, int a\";\nint co_wrapper bdrv_b" + bs},
			"in.h:2:16: bdrv_a: QEMU's script reads a wrapper declaration from here to the ';' at 3:44, but C reads the declaration at 3:1 there", 1, "", ""},

		// Where the script raises, -lenient fails too.
		{"script raises: invalid UTF-8", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs + "// \xff\n"},
			"in.h:2:4: invalid UTF-8 (byte 0xff)", -1, "", ""},
		{"script raises: invalid UTF-8, no marks", "qemu-10.2", []string{"int co_wrapper bdrv_x" + bs, "int f(void); // \xc3\n"},
			"in2.h:1:17: invalid UTF-8 (byte 0xc3)", -1, "", ""},
		{"script raises: glued variant", "qemu-10.2", []string{"int co_wrapper_mixedbdrv_x" + bs},
			`in.h:1:26: x: QEMU's script reads a wrapper declaration here, but C does not: its mark "co_wrapper_mixedbdrv_" runs together with other text`, -1, "", ""},
		{"script raises: ; in parameters (A)", "qemu-7.2", []string{"int generated_co_wrapper bdrv_x(BlockDriverState *bs; int a);\n"},
			`in.h:1:32: unclosed '(' in the declaration of "bdrv_x"`, -1, "", ""},

		// No false rejections.
		{"no false reject: contains a mark", "qemu-10.2", []string{"int disco_wrapper(int a);\nstruct s { int co_wrapper_calls; };\nint co_wrapper bdrv_x" + bs}, "", 1, "", ""},
		{"no false reject: ret in 5.2", "qemu-5.2", []string{"int generated_co_wrapper bdrv_x(BlockDriverState *bs, int ret);\n"}, "", 1, "", ""},
		{"no false reject: ret in 7.2", "qemu-7.2", []string{"int generated_co_wrapper bdrv_x(BdrvChild *child, int ret);\n"}, "", 1, "", ""},
		{"no false reject: no_co first parameter in 8.0", "qemu-8.0", []string{"int no_co_wrapper bdrv_co_x(BlockDriverState *node);\n"}, "", 1, "", ""},
		{"no false reject: but 8.1's bottom half uses it", "qemu-8.1", []string{"int no_co_wrapper bdrv_co_x(BlockDriverState *node);\n"},
			`in.h:1:29: bdrv_co_x: the generated code refers to the first parameter as "bs", but it is named "node"`, 1, "", ""},

		// Messages: a NUL at its own position, once.
		{"messages: NUL", "qemu-10.2", []string{"int co_wrapper bdrv_x(BlockDriverState *bs,\x00 int a);\n"},
			"in.h:1:44: NUL byte", 1, "", ""},
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
			opts := gen.Options{Dialect: d}
			if tc.marks != "" {
				path := filepath.Join(t.TempDir(), "rt.tmpl")
				if err := os.WriteFile(path, []byte(prototypes), 0o644); err != nil {
					t.Fatal(err)
				}
				tmpl, err := gen.LoadTemplate(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := tmpl.SetMarks(tc.marks); err != nil {
					t.Fatal(err)
				}
				opts.Template = tmpl
			}
			out, diags := generate(t, opts, inputs)
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
			case !strings.Contains(string(out), tc.want):
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if tc.marks != "" {
				return // a template has no -lenient
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

// prototypes is a user template that writes each wrapper's prototype.
const prototypes = `{{range .Wrappers}}{{.Return}} {{.Name}}({{decls .Params}});
{{end}}`
