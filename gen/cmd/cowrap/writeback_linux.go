package main

import (
	"os"
	"syscall"
)

// startWriteback asks the kernel to start writing n bytes at off of f to
// the disk without waiting, so that the sync before the rename finds
// little left to write.
func startWriteback(f *os.File, off, n int64) {
	syscall.SyncFileRange(int(f.Fd()), off, n, 2 /* SYNC_FILE_RANGE_WRITE */)
}
