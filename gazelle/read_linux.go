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
// error), the buffer to reuse and the error.
func (d dirHandle) readFile(name string, buf []byte) ([]byte, []byte, error) {
	// O_NONBLOCK: a FIFO named like a C file must not hang the run (it
	// changes nothing for regular files).
	const flags = syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK
	var fd int
	var err error
	if d.fd >= 0 {
		fd, err = syscall.Openat(d.fd, name, flags, 0)
	} else {
		fd, err = syscall.Open(filepath.Join(d.path, name), flags, 0)
	}
	if err != nil {
		return nil, buf, &os.PathError{Op: "open", Path: filepath.Join(d.path, name), Err: err}
	}
	defer syscall.Close(fd)
	n := 0
	for {
		if n > maxFileSize {
			// A device such as /dev/zero never ends; a regular file this
			// large is no C source anyone writes by hand.
			err := check.ErrTooLarge
			if !isRegular(fd) {
				err = errNotRegular
			}
			return nil, buf, &os.PathError{Op: "read", Path: filepath.Join(d.path, name), Err: err}
		}
		if n == len(buf) {
			buf = append(buf, make([]byte, min(len(buf)+1, maxFileSize+1-n))...)
		}
		k, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, buf, &os.PathError{Op: "read", Path: filepath.Join(d.path, name), Err: err}
		}
		if k <= 0 {
			if n == 0 && !isRegular(fd) { // only empty files pay for the fstat
				return nil, buf, &os.PathError{Op: "read", Path: filepath.Join(d.path, name), Err: errNotRegular}
			}
			return buf[:n], buf, nil
		}
		n += k
	}
}

func isRegular(fd int) bool {
	var st syscall.Stat_t
	return syscall.Fstat(fd, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG
}
