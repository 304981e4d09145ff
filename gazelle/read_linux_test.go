package gazelle

import (
	"os"
	"path/filepath"
	"runtime"
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

// fstatat stats name in directory dirfd, as the system call does (the
// syscall package has it under a name that depends on the architecture),
// or is nil.
var fstatat func(dirfd int, name string, st *syscall.Stat_t)

// BenchmarkReadFloor times, per C file of synthWorkspace's tree, what the
// extension does to each (readMarked: open, fstat, read, needle test,
// close) beside the least that any reader or cache of readings must do:
// open and close it, or stat it. It shows how far below Gazelle's own
// per-file cost the extension's can go (bench/gazelle/README.md, "The
// floor").
func BenchmarkReadFloor(b *testing.B) {
	_, dirs := synthWorkspace(b)
	needles := [][]byte{[]byte("co_wrapper")}
	perFile := func(b *testing.B, readDir func(dir string, files []string)) {
		n := 0
		for b.Loop() {
			for dir, files := range dirs {
				readDir(dir, files)
				n += len(files)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/file")
	}
	each := func(f func(d dirHandle, name string)) func(string, []string) {
		return func(dir string, files []string) {
			d := openDir(dir)
			defer d.close()
			for _, name := range files {
				f(d, name)
			}
		}
	}
	b.Run("open-close", func(b *testing.B) {
		perFile(b, each(func(d dirHandle, name string) {
			if fd, err := syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err == nil {
				syscall.Close(fd)
			}
		}))
	})
	b.Run("fstatat", func(b *testing.B) {
		if fstatat == nil {
			b.Skipf("no fstatat for %s here", runtime.GOARCH)
		}
		var st syscall.Stat_t
		perFile(b, each(func(d dirHandle, name string) { fstatat(d.fd, name, &st) }))
	})
	b.Run("readMarked", func(b *testing.B) {
		perFile(b, func(dir string, files []string) { readMarked(dir, files, needles) })
	})
}
