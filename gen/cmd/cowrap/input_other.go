//go:build !linux

package main

import "os"

// mapFile reads the file (input_linux.go maps it instead).
func mapFile(f *os.File, size int64) (data []byte, unmap func(), err error) {
	data, err = readFile(f, size)
	return data, nil, err
}
