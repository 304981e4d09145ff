package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// tempMark is in the name of every temporary file cowrap writes
// (".OUT.cowrap-tmp-RANDOM"), so that stale ones can be found.
const tempMark = ".cowrap-tmp-"

// writeAtomic writes path (a regular file, symlinks resolved) through a
// temporary file in the same directory, so a reader never sees a
// half-written output and a failure leaves the old one. The data is synced
// before the rename, and the directory after it, so a crash of the machine
// cannot leave an empty or partial file under the output's name. The
// temporary file is locked while this run lives and removed when a signal
// ends the run; one left by a run killed with SIGKILL is removed by the next
// run that writes the same output (removeStale). log gets a line for each.
func writeAtomic(path string, write func(io.Writer) error, log io.Writer) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	removeStale(dir, "."+base+tempMark, log)
	f, err := createTemp(dir, "."+base+tempMark)
	if err != nil { // the temporary file's name would only confuse
		return fmt.Errorf("directory %s: %w", filepath.Clean(dir), unwrapPath(err))
	}
	defer f.Close() // the lock goes with it, after the rename
	err = write(&writeback{f: f})
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil && !renameOpen {
		err = f.Close()
	}
	temps.Lock()
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	delete(temps.names, f.Name())
	temps.Unlock()
	if err == nil {
		syncDir(dir)
	}
	var pe *os.PathError
	if errors.As(err, &pe) && pe.Path == f.Name() { // a name the user never gave
		err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// writeback writes to f and has the kernel write each few MiB to the disk
// meanwhile: the output is written while later inputs are still checked
// (gen.Write), so the disk works while the CPU does.
type writeback struct {
	f              *os.File
	written, asked int64
}

func (w *writeback) Write(b []byte) (int, error) {
	n, err := w.f.Write(b)
	if w.written += int64(n); w.written-w.asked >= 4<<20 {
		startWriteback(w.f, w.asked, w.written-w.asked)
		w.asked = w.written
	}
	return n, err
}

// createTemp creates and locks a new temporary file in dir.
func createTemp(dir, prefix string) (*os.File, error) {
	catchSignals()
	for {
		temps.Lock()
		f, err := os.CreateTemp(dir, prefix+"*")
		if err == nil {
			temps.names[f.Name()] = struct{}{}
		}
		temps.Unlock()
		if err != nil {
			return nil, err
		}
		// Without locks (a file system without them, or not Unix) no run
		// removes another's files, so the file is used unlocked.
		lock(f)
		// Between the create and the lock another run's removeStale could
		// take the lock and remove the file; then make another.
		if named(f, f.Name()) {
			return f, nil
		}
		f.Close()
		temps.Lock()
		delete(temps.names, f.Name())
		temps.Unlock()
	}
}

// removeStale removes the temporary files in dir starting with prefix that
// no run holds locked: their runs ended without removing them (SIGKILL, a
// crash of the machine). A file whose lock is held, or where locks do not
// work, is kept; a process id is never taken as proof, since a live run can
// be in another pid namespace (a container, another NFS client).
func removeStale(dir, prefix string, log io.Writer) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), prefix) || !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		f, err := openNoFollow(p)
		if err != nil {
			continue
		}
		if tryLock(f) && named(f, p) && os.Remove(p) == nil {
			fmt.Fprintf(log, "cowrap: removed %s, left by a run that ended without removing it\n", p)
		}
		f.Close()
	}
}

// named reports whether path still names the open file f.
func named(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Lstat(path)
	return err == nil && os.SameFile(a, b)
}

// syncDir makes a rename in dir durable. Not every system can sync a
// directory (Windows cannot open one for it); the rename is done either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// temps are this run's temporary files, removed when a signal ends it.
// Holding the lock, a rename or removal finishes before the handler runs.
var temps = struct {
	sync.Mutex
	names map[string]struct{}
}{names: map[string]struct{}{}}

var catchOnce sync.Once

// catchSignals removes the temporary files on SIGINT, SIGTERM and SIGHUP,
// and then ends the run by the same signal, as its default would have. A
// signal that the run was started ignoring (nohup, a background job of a
// script) stays ignored.
func catchSignals() {
	catchOnce.Do(func() {
		ch := make(chan os.Signal, 1)
		for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
			if !signal.Ignored(sig) {
				signal.Notify(ch, sig)
			}
		}
		go func() {
			sig := <-ch
			temps.Lock() // kept: no rename starts after this
			for name := range temps.names {
				os.Remove(name)
			}
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
				time.Sleep(time.Second) // the signal ends the process meanwhile
			}
			os.Exit(exitInput)
		}()
	})
}
