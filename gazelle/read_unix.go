//go:build unix

package gazelle

import "syscall"

// readInto reads a file into buf, growing it as needed, and returns the
// contents (nil on error) and the buffer to reuse. Plain system calls: no
// stat, no poller registration and no new buffer per file, which os.ReadFile
// all has; this is most of the extension's cost on a large tree.
func readInto(name string, buf []byte) ([]byte, []byte) {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, buf
	}
	defer syscall.Close(fd)
	n := 0
	for {
		if n == len(buf) {
			buf = append(buf, make([]byte, len(buf)+1)...)
		}
		k, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || k <= 0 {
			return buf[:n], buf
		}
		n += k
	}
}
