package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// output is where cowrap writes. A regular file (or the name of a new one)
// is replaced as a whole, through a temporary file (writeAtomic); a FIFO or a
// character device (the terminal, /dev/null, /dev/stdout on a pipe) is
// opened and written, as QEMU's script writes it, and never replaced.
type output struct {
	path    string // symlinks resolved when the file is replaced
	through bool   // a FIFO or a character device
}

// usageError is an output that cowrap refuses to write: exit 2.
type usageError struct{ error }

// resolveOutput decides how to write path. A symlink is written through to
// its target, also a dangling one (the target is created).
func resolveOutput(path string) (output, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		target, err := danglingTarget(path)
		return output{path: target}, err
	}
	if err != nil {
		return output{}, err
	}
	switch m := st.Mode(); {
	case m.IsRegular():
		real, err := filepath.EvalSymlinks(path)
		return output{path: real}, err
	case m.IsDir():
		return output{}, usageError{fmt.Errorf("the output %s is a directory", path)}
	case m&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
		return output{path: path, through: true}, nil
	default:
		return output{}, usageError{fmt.Errorf("the output %s is a %s, not a regular file, a FIFO or a character device", path, kind(m))}
	}
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeDevice != 0:
		return "block device"
	case m&fs.ModeSocket != 0:
		return "socket"
	}
	return "file of mode " + m.Type().String()
}

// danglingTarget returns the name that path, which does not exist, would
// create: path itself, or at the end of a chain of symlinks the target that
// does not exist.
func danglingTarget(path string) (string, error) {
	for range 40 { // as the kernel's ELOOP limit
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 { // created meanwhile
			return "", fmt.Errorf("%s: appeared while cowrap looked at it", path)
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			// Not filepath.Join: it would resolve "dir/.." in text, and
			// dir may itself be a symlink.
			link = filepath.Dir(path) + string(filepath.Separator) + link
		}
		path = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// write writes the output with write, or leaves it as it was if write
// fails; log gets notes (stale temporary files removed).
func (o output) write(write func(io.Writer) error, log io.Writer) error {
	if o.through {
		return writeThrough(o.path, write)
	}
	return writeAtomic(o.path, write, log)
}

// writeThrough writes a FIFO or a device. The output is made in memory
// first, so a failed check writes nothing to it.
func writeThrough(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if st, err := f.Stat(); err != nil || st.Mode().IsRegular() {
		f.Close()
		return fmt.Errorf("%s: became a regular file while cowrap ran", path)
	}
	_, err = buf.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// same reports whether paths a and b name the same file (or would).
func same(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
