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
		source   bool
		wrappers int
		findings int
	}{
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\n":                                                  {true, 1, 0},
		"int co_wrapper bdrv_bad(BlockDriverState *bs) ;\n":                                                   {true, 0, 1}, // rejected by the grammar
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\nint co_wrapper bdrv_bad(BlockDriverState *bs) ;\n": {true, 1, 1},
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\n/* unterminated":                                   {true, 1, 1},
		"/* unterminated\nint co_wrapper bdrv_flush(BlockDriverState *bs);\n":                                 {true, 0, 1},
		"/* co_wrapper */\n#define co_wrapper\n":                                                              {false, 0, 0},
		// The script reads it, C does not: a finding, but nothing to list.
		"/*\nint co_wrapper bdrv_flush(BlockDriverState *bs);\n */\n": {false, 0, 1},
		"int co_wrapper bdrv_flush(BlockDriverState *bs);\n// \xe9\n": {false, 0, 1}, // not UTF-8
	} {
		f := c.File(Input{Path: "x.h", Data: []byte(src)})
		if f.Source != want.source || len(f.Wrappers) != want.wrappers || len(f.Diags) != want.findings {
			t.Errorf("File(%q): source %v, %d wrappers, findings %v; want %v, %d and %d findings", src, f.Source, len(f.Wrappers), f.Diags, want.source, want.wrappers, want.findings)
		}
		if (f.Unreadable != nil) != (src[len(src)-2] == 0xe9) {
			t.Errorf("File(%q): Unreadable %v", src, f.Unreadable)
		}
	}
}
