package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// tempMark is in the name of every temporary file cowrap writes, with the
// writer's process id, so stale ones can be told apart and removed.
const tempMark = ".cowrap-tmp-"

// writeAtomic writes through a temporary file in the same directory, so a
// reader never sees a half-written output and a failure leaves the old one.
// path has its symlinks resolved (resolveOutput). A run killed before the rename leaves its temporary file; the next run in
// that directory removes it (see removeStale).
func writeAtomic(path string, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	removeStale(dir, base)
	f, err := os.CreateTemp(dir, "."+base+tempMark+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// removeStale removes temporary files for base left in dir by cowrap runs
// that no longer exist (killed with SIGKILL, say). Files of a live process
// are left alone; where liveness cannot be told (not Unix), nothing is
// removed.
func removeStale(dir, base string) {
	prefix := "." + base + tempMark
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		if pid, err := strconv.Atoi(pidText); err == nil && pid != os.Getpid() && processGone(pid) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
