//go:build unix

package main

import (
	"os"
	"syscall"
)

// renameOpen: the file is renamed while open, so its lock holds until its
// name is gone.
const renameOpen = true

// lock takes f's exclusive flock(2), held until f is closed: it tells
// removeStale that the file's run is alive, in any pid namespace and across
// NFS clients.
func lock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }

// tryLock takes f's lock if no one holds it.
func tryLock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// openNoFollow opens a temporary file for its lock: not through a symlink,
// and without waiting for a writer if a FIFO took its name.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
