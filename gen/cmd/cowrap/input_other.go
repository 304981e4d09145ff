//go:build !linux

package main

import "os"

// readInput reads a file (input_linux.go maps it instead).
func readInput(path string) (data []byte, release func(), err error) {
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
