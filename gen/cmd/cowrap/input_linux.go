package main

import (
	"os"
	"syscall"
)

// mapFile maps a regular file of this size instead of reading it: on Linux
// VMs a page fault on fresh memory is expensive, and a read into new memory
// takes one per 4 KiB page, where a populated mapping of the page cache
// costs one call (44,000 declarations: 7,100 page faults and 212 ms of CPU
// mapped, 11,900 and 222-235 ms read, bench/README.md). unmap releases it.
func mapFile(f *os.File, size int64) (data []byte, unmap func(), err error) {
	if size > 0 && int64(int(size)) == size {
		data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
		if err == nil {
			return data, func() { syscall.Munmap(data) }, nil
		}
	}
	data, err = readFile(f, size)
	return data, nil, err
}
