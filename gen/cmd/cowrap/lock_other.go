//go:build !unix

package main

import (
	"errors"
	"os"
)

// renameOpen: Windows cannot rename a file that is open.
const renameOpen = false

// Without flock(2), no file is locked and no stale temporary file is
// provably dead, so none is removed.
func lock(f *os.File) error                      { return errors.ErrUnsupported }
func tryLock(f *os.File) bool                    { return false }
func openNoFollow(path string) (*os.File, error) { return nil, errors.ErrUnsupported }
