package main

import (
	"os"
	"syscall"
)

// readInput maps a file instead of reading it. On Linux VMs a page fault on
// fresh memory is expensive, and read() into a new buffer takes one per 4
// KiB page, which made reading cost more than scanning; a populated mapping
// of the page cache costs one call. The mapping is read-only and the
// scanner shares its memory (gen.Input.Data is never modified). If another
// process truncates the file meanwhile, reading past its new end kills the
// run before the output is renamed into place, so no half output appears.
// release unmaps it; nothing read from it may be used afterwards.
func readInput(path string) (data []byte, release func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := st.Size()
	if !st.Mode().IsRegular() || size == 0 || int64(int(size)) != size {
		data, err := os.ReadFile(path)
		return data, func() {}, err
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
	if err != nil {
		data, err := os.ReadFile(path)
		return data, func() {}, err
	}
	return data, func() { syscall.Munmap(data) }, nil
}
