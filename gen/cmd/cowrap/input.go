package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cowrap/rules_cowrap/gen/check"
)

// input is one input file, opened once (a FIFO gives its data to one open
// only). A regular file is mapped into memory where that works (Linux), and
// keeps its descriptor so that a change after the read can still be noticed
// before the output is committed.
type input struct {
	path  string
	f     *os.File
	st    os.FileInfo // when read; nil unless the file is regular
	data  []byte
	unmap func()
}

// readInput opens and reads path. A regular file's mapping is read-only and
// shared with the scanner (nothing is copied). If another process
// truncates the file meanwhile, reading the pages past its new end faults:
// the checker's goroutines and run recover that fault (SetPanicOnFault) and
// report it, and the fstat before the output is committed says what
// changed.
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
		// A pipe, a device, the terminal: read until EOF, up to the bound
		// (check.MaxInput, which Gazelle applies too).
		in.data, err = io.ReadAll(io.LimitReader(in.f, check.MaxInput+1))
		if err == nil && len(in.data) > check.MaxInput {
			err = fmt.Errorf("not a regular file and longer than %d MiB", check.MaxInput>>20)
		}
		return err
	}
	if st.Size() > check.MaxInput {
		return check.ErrTooLarge
	}
	in.st = st
	in.data, in.unmap, err = mapFile(in.f, st.Size())
	if err != nil {
		return err
	}
	return in.changed()
}

// readFile reads a regular file of this size into memory (where it cannot
// be mapped).
func readFile(f *os.File, size int64) ([]byte, error) {
	data := make([]byte, size)
	if n, err := io.ReadFull(f, data); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("changed while read: %d of %d bytes", n, size)
		}
		return nil, err
	}
	return data, nil
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

// close ends the input; its data must not be used afterwards.
func (in *input) close() {
	if in.unmap != nil {
		in.unmap()
	}
	in.f.Close()
}
