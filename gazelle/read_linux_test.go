package gazelle

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadFIFO: a FIFO named like a C file is an error, at once, whether a
// writer holds it open or not (a plain open would wait for one forever).
func TestReadFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.h"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	d := openDir(dir)
	defer d.close()
	if got, _, err := d.readFile("pipe.h", nil); got != nil || err == nil || !strings.Contains(err.Error(), "pipe.h") {
		t.Errorf("readFile(pipe.h) with no writer = %q, %v; want an error naming the file", got, err)
	}
	w, err := os.OpenFile(filepath.Join(dir, "pipe.h"), os.O_RDWR, 0) // a writer that writes nothing
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got, _, err := d.readFile("pipe.h", nil); got != nil || err == nil {
		t.Errorf("readFile(pipe.h) with a writer = %q, %v; want an error", got, err)
	}
	// An empty regular file is no error.
	os.WriteFile(filepath.Join(dir, "empty.h"), nil, 0o644)
	if got, _, err := d.readFile("empty.h", nil); got == nil || len(got) != 0 || err != nil {
		t.Errorf("readFile(empty.h) = %q, %v; want no bytes, no error", got, err)
	}
}

// TestReadDevice: a C file that is a link to a device that never ends
// (/dev/zero, or a character device made here) is an error, and not a byte
// of it is read (the buffer does not grow), let alone enough to exhaust
// memory.
func TestReadDevice(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.h")); err != nil {
		t.Fatal(err)
	}
	names := []string{"zero.h"}
	if err := syscall.Mknod(filepath.Join(dir, "dev.h"), syscall.S_IFCHR|0o644, 1<<8|5); err == nil { // 1,5: zero
		names = append(names, "dev.h")
	} else {
		t.Logf("mknod: %v (only the link to /dev/zero is read)", err)
	}
	d := openDir(dir)
	defer d.close()
	for _, name := range names {
		got, buf, err := d.readFile(name, nil)
		if got != nil || err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("readFile(%s) = %d bytes, %v; want the error not a regular file", name, len(got), err)
		}
		if len(buf) != 0 {
			t.Errorf("readFile(%s) grew its buffer to %d bytes; want nothing read", name, len(buf))
		}
	}
}
