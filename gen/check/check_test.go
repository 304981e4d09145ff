package check

import (
	"testing"

	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// TestSource is the verdict Gazelle lists files by: a file is a source when
// the scanner finds a marked declaration, accepted or rejected, or an error.
func TestSource(t *testing.T) {
	d, _ := dialect.Lookup(dialect.Default)
	c := New(Options{Dialect: d})
	for src, want := range map[string]struct {
		source, unreadable bool
		wrappers, findings int
	}{
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\n":                                                  {true, false, 1, 0},
		"int co_wrapper bdrv_bad(BlockDriverState *bs) ;\n":                                                   {true, false, 0, 1}, // rejected by the grammar
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\nint co_wrapper bdrv_bad(BlockDriverState *bs) ;\n": {true, false, 1, 1},
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\n/* unterminated":                                   {true, false, 1, 1},
		"/* co_wrapper */\n#define co_wrapper\n":                                                              {false, false, 0, 0},
		// The script reads it, C does not: a finding, but nothing to list.
		"/*\nint co_wrapper bdrv_flush(BlockDriverState *bs);\n */\n": {false, false, 0, 1},
		// No declaration read, and one may hide after the error.
		"/* unterminated\nint co_wrapper bdrv_flush(BlockDriverState *bs);\n": {false, true, 0, 1},
		"#define co_wrapper\nchar *s = \"unterminated\n":                      {false, true, 0, 1},
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\n// \xe9\n":         {false, true, 0, 1}, // not UTF-8
	} {
		f := c.File(Input{Path: "x.h", Data: []byte(src)})
		if f.Source != want.source || len(f.Wrappers) != want.wrappers || len(f.Diags) != want.findings || (f.Unreadable != nil) != want.unreadable {
			t.Errorf("File(%q): source %v, unreadable %v, %d wrappers, findings %v; want %v, %v, %d and %d findings",
				src, f.Source, f.Unreadable, len(f.Wrappers), f.Diags, want.source, want.unreadable, want.wrappers, want.findings)
		}
	}
}
