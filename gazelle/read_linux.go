package gazelle

import (
	"os"
	"path/filepath"
	"syscall"

	"github.com/cowrap/rules_cowrap/gen/check"
)

// dirHandle reads the files of one directory. Reading is most of what the
// extension costs on a large tree, so it uses plain system calls: openat
// relative to the directory (no path walk per file), then read into a reused
// buffer (no stat, no poller registration, no new buffer per file, all of
// which os.ReadFile has).
type dirHandle struct {
	path string
	fd   int // -1: open files by their full path
}

func openDir(path string) dirHandle {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		fd = -1
	}
	return dirHandle{path, fd}
}

func (d dirHandle) close() {
	if d.fd >= 0 {
		syscall.Close(d.fd)
	}
}

// readFile reads the file called name (slash-separated, relative to the
// directory) into buf, growing it as needed. It returns the contents (nil on
// error), the buffer to reuse and the error. Only a regular file of at most
// maxFileSize bytes is read: the fstat after the open decides, so a device
// or FIFO named like a C file is never read, and a regular file takes one
// read (its size plus one byte, which shows the end), as many system calls
// as reading until an empty read would.
func (d dirHandle) readFile(name string, buf []byte) ([]byte, []byte, error) {
	path := filepath.Join(d.path, name)
	// O_NONBLOCK: opening a FIFO named like a C file must not wait for a
	// writer (it changes nothing for regular files).
	const flags = syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK
	var fd int
	var err error
	if d.fd >= 0 {
		fd, err = syscall.Openat(d.fd, name, flags, 0)
	} else {
		fd, err = syscall.Open(path, flags, 0)
	}
	if err != nil {
		return nil, buf, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, buf, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, buf, &os.PathError{Op: "read", Path: path, Err: errNotRegular}
	}
	if st.Size > maxFileSize {
		return nil, buf, &os.PathError{Op: "read", Path: path, Err: check.ErrTooLarge}
	}
	size := int(st.Size)
	if len(buf) < size+1 {
		buf = make([]byte, size+1)
	}
	n := 0
	for {
		if n == len(buf) { // it grew since the fstat
			if n > maxFileSize {
				return nil, buf, &os.PathError{Op: "read", Path: path, Err: check.ErrTooLarge}
			}
			buf = append(buf, make([]byte, min(len(buf), maxFileSize+1-n))...)
		}
		k, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, buf, &os.PathError{Op: "read", Path: path, Err: err}
		}
		n += k
		// A read that stops at the size fstat gave, short of the buffer,
		// met the end; an empty read always has.
		if k == 0 || n == size && n < len(buf) {
			return buf[:n], buf, nil
		}
	}
}
