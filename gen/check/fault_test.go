//go:build linux

package check

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// TestTruncatedMapping: an input mapped into memory (as cowrap maps its
// inputs) whose file another process truncates faults when read past its
// new end; the checker reports that as a finding of the file instead of
// ending the process with SIGBUS.
func TestTruncatedMapping(t *testing.T) {
	p := filepath.Join(t.TempDir(), "in.h")
	text := strings.Repeat("int co_wrapper bdrv_flush(BlockDriverState *bs);\n", 2000)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := syscall.Mmap(int(f.Fd()), 0, len(text), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(data)
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	d, _ := dialect.Lookup(dialect.Default)
	r := New(Options{Dialect: d}).Check([]Input{{Path: "in.h", Data: data}})
	if len(r.Diags) != 1 || !strings.Contains(r.Diags[0].String(), "in.h:0:0: the file changed while it was read: it ends before byte 0, which it had") {
		t.Errorf("findings %v, want one that the file changed", r.Diags)
	}
}
