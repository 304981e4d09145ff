package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// maxInput bounds what is read from an input that is not a regular file
// (whose size is not known before): a header is kilobytes, and a device
// such as /dev/zero never ends.
const maxInput = 64 << 20

// input is one input file, opened once (a FIFO gives its data to one open
// only) and read into memory. A regular file keeps its descriptor so that a
// change after the read can still be noticed before the output is
// committed.
type input struct {
	path string
	f    *os.File
	st   os.FileInfo // after the read; nil unless the file is regular
	data []byte
}

// readInput opens and reads path. Regular files are read, not mapped: a
// mapping of a file that another process truncates kills the run with
// SIGBUS, and on this kind of load a read into new memory measured the same
// (bench/README.md).
func readInput(path string) (*input, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	in := &input{path: path, f: f}
	if err := in.read(); err != nil {
		f.Close()
		return nil, err
	}
	return in, nil
}

func (in *input) read() error {
	st, err := in.f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		// A pipe, a device, the terminal: read until EOF, up to the bound.
		in.data, err = io.ReadAll(io.LimitReader(in.f, maxInput+1))
		if err == nil && len(in.data) > maxInput {
			err = fmt.Errorf("not a regular file and longer than %d MiB", maxInput>>20)
		}
		return err
	}
	in.data = make([]byte, st.Size())
	if n, err := io.ReadFull(in.f, in.data); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return fmt.Errorf("changed while read: %d of %d bytes", n, st.Size())
		}
		return err
	}
	in.st = st
	return in.changed()
}

// changed reports an error if the regular file is no longer what was read:
// another size or modification time (truncated, appended to or rewritten
// in place).
func (in *input) changed() error {
	if in.st == nil {
		return nil
	}
	now, err := in.f.Stat()
	if err != nil {
		return err
	}
	if now.Size() != in.st.Size() || !now.ModTime().Equal(in.st.ModTime()) {
		return fmt.Errorf("changed while cowrap ran (%d bytes when read, %d now)", in.st.Size(), now.Size())
	}
	return nil
}

func (in *input) close() { in.f.Close() }
