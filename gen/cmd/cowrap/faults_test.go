// The fault tests make FIFOs and device nodes, mount a tmpfs and read
// /proc/self/fd: Linux.

//go:build linux

package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/cowrap/rules_cowrap/bench/synth"
	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// fault is a test case of issue 17, classes 6 (outputs) and 9 (crashes,
// hangs, litter): cowrap runs as a process of its own in dir, on files
// that setup makes (FIFOs and device nodes made with mknod in dir, never
// the machine's own), while during, if set, acts on them.
type fault struct {
	name   string
	root   bool // needs root: mknod, mount
	setup  func(t *testing.T, dir string) (args []string)
	wrap   []string // a command that runs cowrap: its argv up to cowrap's
	during func(t *testing.T, dir string, cmd *exec.Cmd)
	code   int    // the exit status
	stderr string // in the messages
	check  func(t *testing.T, dir, stdout string)
}

// other is a declaration unlike synth's names and good's.
const other = "int co_wrapper bdrv_other(BlockDriverState *bs);\n"

var inputFaults = []fault{{
	name: "a FIFO input is opened once",
	setup: func(t *testing.T, dir string) []string {
		mkfifo(t, filepath.Join(dir, "in.h"))
		return []string{"out.c", "in.h"}
	},
	during: func(t *testing.T, dir string, _ *exec.Cmd) {
		feedFIFO(t, filepath.Join(dir, "in.h"), good)
	},
	check: func(t *testing.T, dir, _ string) {
		if !strings.Contains(read(t, filepath.Join(dir, "out.c")), "bdrv_flush(BlockDriverState *bs)") {
			t.Error("out.c lacks bdrv_flush")
		}
	},
}, {
	name: "a device input is read with a bound",
	root: true,
	setup: func(t *testing.T, dir string) []string {
		mknod(t, filepath.Join(dir, "zero"), syscall.S_IFCHR, 1, 5)
		return []string{"out.c", "zero"}
	},
	// A broken bound would read the device until memory runs out.
	wrap:   []string{"/bin/sh", "-c", `ulimit -v 4194304 && exec "$0" "$@"`},
	code:   1,
	stderr: "zero: cannot read input: not a regular file and longer than 64 MiB\n",
	check:  noOutput("out.c"),
}, {
	// The bound is gen/check's MaxInput, which Gazelle applies too: a file
	// Gazelle refuses to list, the build refuses to read.
	name: "a regular input over 64 MiB is refused",
	setup: func(t *testing.T, dir string) []string {
		if err := os.WriteFile(filepath.Join(dir, "big.h"), []byte(good), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(filepath.Join(dir, "big.h"), 64<<20+1); err != nil { // sparse
			t.Fatal(err)
		}
		return []string{"out.c", "big.h"}
	},
	code:   1,
	stderr: "big.h: cannot read input: larger than 64 MiB, the most an input may have\n",
	check:  noOutput("out.c"),
}, {
	// big.h is read when cowrap opens fifo.h, which blocks until the test
	// writes it: the truncation falls between the read and the end.
	name: "an input truncated while cowrap runs",
	setup: func(t *testing.T, dir string) []string {
		writeSynth(t, filepath.Join(dir, "big.h"), 2000)
		mkfifo(t, filepath.Join(dir, "fifo.h"))
		return []string{"out.c", "big.h", "fifo.h"}
	},
	during: func(t *testing.T, dir string, _ *exec.Cmd) {
		feedFIFO(t, filepath.Join(dir, "fifo.h"), other, func() {
			if err := os.Truncate(filepath.Join(dir, "big.h"), 100); err != nil {
				t.Error(err)
			}
		})
	},
	code:   1,
	stderr: "cowrap: big.h: changed while cowrap ran (",
	check:  noOutput("out.c"),
}}

var outputFaults = []fault{{
	name: "a FIFO output is written, not replaced",
	setup: func(t *testing.T, dir string) []string {
		mkfifo(t, filepath.Join(dir, "out.c"))
		return []string{"out.c", "ok.h"}
	},
	during: func(t *testing.T, dir string, _ *exec.Cmd) {
		// Blocks until cowrap opens it for writing.
		data, err := os.ReadFile(filepath.Join(dir, "out.c"))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "got.c"), data, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
	},
	check: func(t *testing.T, dir, _ string) {
		isType(t, filepath.Join(dir, "out.c"), fs.ModeNamedPipe)
		if got, want := read(t, filepath.Join(dir, "got.c")), reference(t, dir); got != want {
			t.Errorf("read from the FIFO:\n%s\nwant:\n%s", got, want)
		}
	},
}, {
	name: "a character device output (null) is written, not replaced",
	root: true,
	setup: func(t *testing.T, dir string) []string {
		mknod(t, filepath.Join(dir, "null"), syscall.S_IFCHR, 1, 3)
		return []string{"null", "ok.h"}
	},
	check: func(t *testing.T, dir, _ string) {
		isType(t, filepath.Join(dir, "null"), fs.ModeCharDevice|fs.ModeDevice)
	},
}, {
	name: "a full character device output (full) is exit 1",
	root: true,
	setup: func(t *testing.T, dir string) []string {
		mknod(t, filepath.Join(dir, "full"), syscall.S_IFCHR, 1, 7)
		return []string{"-o", "full", "ok.h"}
	},
	code:   1,
	stderr: "no space left on device",
	check: func(t *testing.T, dir, _ string) {
		isType(t, filepath.Join(dir, "full"), fs.ModeCharDevice|fs.ModeDevice)
	},
}, {
	name: "a link to /proc/self/fd/1 (/dev/stdout) on a pipe is written",
	setup: func(t *testing.T, dir string) []string {
		symlink(t, "/proc/self/fd/1", filepath.Join(dir, "stdout"))
		return []string{"-o", "stdout", "ok.h"}
	},
	check: func(t *testing.T, dir, stdout string) {
		isType(t, filepath.Join(dir, "stdout"), fs.ModeSymlink)
		if want := reference(t, dir); stdout != want {
			t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
		}
	},
}, {
	name: "the terminal (a new pty) is written",
	setup: func(t *testing.T, dir string) []string {
		symlink(t, openPTY(t, dir), filepath.Join(dir, "tty"))
		return []string{"-o", "tty", "ok.h"}
	},
	during: func(t *testing.T, dir string, _ *exec.Cmd) {
		// The master side reads what cowrap writes, until it closes the pty.
		master := ptyMaster[dir]
		var got []byte
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			got = append(got, buf[:n]...)
			if err != nil {
				break
			}
		}
		// No t.Error: on a failure this runs after the test, when the
		// pty is closed; the check finds no got.c.
		os.WriteFile(filepath.Join(dir, "got.c"), bytes.ReplaceAll(got, []byte("\r\n"), []byte("\n")), 0o644)
	},
	check: func(t *testing.T, dir, _ string) {
		isType(t, filepath.Join(dir, "tty"), fs.ModeSymlink)
		if got, want := read(t, filepath.Join(dir, "got.c")), reference(t, dir); got != want {
			t.Errorf("read from the terminal:\n%s\nwant:\n%s", got, want)
		}
	},
}, {
	name: "a dangling symlink chain is written through to its end",
	setup: func(t *testing.T, dir string) []string {
		os.Mkdir(filepath.Join(dir, "real"), 0o755)
		symlink(t, "b.c", filepath.Join(dir, "a.c"))
		symlink(t, "real/gen.c", filepath.Join(dir, "b.c"))
		return []string{"a.c", "ok.h"}
	},
	check: func(t *testing.T, dir, _ string) {
		isType(t, filepath.Join(dir, "a.c"), fs.ModeSymlink)
		isType(t, filepath.Join(dir, "b.c"), fs.ModeSymlink)
		if got, want := read(t, filepath.Join(dir, "real", "gen.c")), reference(t, dir); got != want {
			t.Errorf("real/gen.c:\n%s\nwant:\n%s", got, want)
		}
	},
}, {
	name: "a block device output is refused",
	root: true,
	setup: func(t *testing.T, dir string) []string {
		mknod(t, filepath.Join(dir, "blk"), syscall.S_IFBLK, 7, 0)
		return []string{"blk", "ok.h"}
	},
	code:   2,
	stderr: "cowrap: the output blk is a block device, not a regular file, a FIFO or a character device\n",
	check: func(t *testing.T, dir, _ string) {
		isType(t, filepath.Join(dir, "blk"), fs.ModeDevice)
	},
}, {
	name: "a directory output is refused",
	setup: func(t *testing.T, dir string) []string {
		os.Mkdir(filepath.Join(dir, "out.c"), 0o755)
		return []string{"out.c", "ok.h"}
	},
	code:   2,
	stderr: "cowrap: the output out.c is a directory\n",
}, {
	name: "the template is not the output",
	setup: func(t *testing.T, dir string) []string {
		write(t, filepath.Join(dir, "t.tmpl"), "{{.Header}}")
		return []string{"-template", "t.tmpl", "-o", "t.tmpl", "ok.h"}
	},
	code:   2,
	stderr: "cowrap: the output t.tmpl is the template; it would be overwritten\n",
	check:  unchanged("t.tmpl", "{{.Header}}"),
}, {
	name: "the template is not the output through a symlink",
	setup: func(t *testing.T, dir string) []string {
		write(t, filepath.Join(dir, "t.tmpl"), "{{.Header}}")
		symlink(t, "t.tmpl", filepath.Join(dir, "link.c"))
		return []string{"-template", "t.tmpl", "-o", "link.c", "ok.h"}
	},
	code:   2,
	stderr: "cowrap: the output link.c is the template; it would be overwritten\n",
	check:  unchanged("t.tmpl", "{{.Header}}"),
}, {
	name: "the template is not the output through a hard link",
	setup: func(t *testing.T, dir string) []string {
		write(t, filepath.Join(dir, "t.tmpl"), "{{.Header}}")
		if err := os.Link(filepath.Join(dir, "t.tmpl"), filepath.Join(dir, "hard.c")); err != nil {
			t.Fatal(err)
		}
		return []string{"-template", "t.tmpl", "-o", "hard.c", "ok.h"}
	},
	code:   2,
	stderr: "cowrap: the output hard.c is the template; it would be overwritten\n",
	check:  unchanged("t.tmpl", "{{.Header}}"),
}, {
	name: "input paths with a newline or CR keep the header's height",
	setup: func(t *testing.T, dir string) []string {
		write(t, filepath.Join(dir, "a\nb.h"), good)
		write(t, filepath.Join(dir, "c\rd.h"), other)
		return []string{"out.c", "a\nb.h", "c\rd.h"}
	},
	check: func(t *testing.T, dir, _ string) {
		d, _ := dialect.Lookup(dialect.Default)
		out := read(t, filepath.Join(dir, "out.c"))
		if i := strings.Index(out, "\n#include "); i < 0 || strings.Count(out[:i+1], "\n")+1 != d.HeaderLines+1 {
			t.Errorf("the first #include is not on line %d:\n%s", d.HeaderLines+1, out)
		}
	},
}}

var tempFaults = []fault{
	signalFault(syscall.SIGTERM),
	signalFault(syscall.SIGINT),
	{
		// A run in another pid namespace holds its file locked, and its pid
		// means nothing here; a file nobody holds is dead, whatever pid its
		// name has.
		name: "a stale temporary file is removed only when no run holds its lock",
		setup: func(t *testing.T, dir string) []string {
			live := filepath.Join(dir, ".out.c"+tempMark+"999999999-1")
			write(t, live, "being written")
			f, err := os.Open(live)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
				t.Skip("no flock here:", err)
			}
			write(t, filepath.Join(dir, ".out.c"+tempMark+strconv.Itoa(os.Getpid())+"-2"), "half")
			return []string{"out.c", "ok.h"}
		},
		stderr: "cowrap: removed .out.c" + tempMark + strconv.Itoa(os.Getpid()) + "-2, left by a run that ended without removing it\n",
		check: func(t *testing.T, dir, _ string) {
			live := filepath.Join(dir, ".out.c"+tempMark+"999999999-1")
			if _, err := os.Stat(live); err != nil {
				t.Error("the live run's temporary file was removed")
			}
			os.Remove(live)
			if _, err := os.Stat(filepath.Join(dir, ".out.c"+tempMark+strconv.Itoa(os.Getpid())+"-2")); err == nil {
				t.Error("the dead run's temporary file was kept")
			}
		},
	}, {
		name: "the data is synced before the rename, the directory after",
		setup: func(t *testing.T, dir string) []string {
			if err := exec.Command("strace", "-o", "/dev/null", "true").Run(); err != nil {
				t.Skip("strace(1) cannot trace here:", err)
			}
			return []string{"out.c", "ok.h"}
		},
		wrap: []string{"strace", "-f", "-y", "-qq", "-o", "trace", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2"},
		check: func(t *testing.T, dir, _ string) {
			trace := read(t, filepath.Join(dir, "trace"))
			real, _ := filepath.EvalSymlinks(dir) // strace shows the real path
			synced, renamed, dirSynced := -1, -1, -1
			for i, l := range strings.Split(trace, "\n") {
				switch {
				case strings.Contains(l, "sync(") && strings.Contains(l, tempMark) && strings.HasSuffix(l, "= 0"):
					synced = i
				case strings.Contains(l, "rename") && strings.Contains(l, tempMark) && strings.HasSuffix(l, "= 0"):
					renamed = i
				case strings.Contains(l, "sync(") && strings.Contains(l, real+">") && strings.HasSuffix(l, "= 0"):
					dirSynced = i
				}
			}
			if synced < 0 || renamed < synced || dirSynced < renamed {
				t.Errorf("want the temporary file synced, renamed, then the directory synced:\n%s", trace)
			}
		},
	}, {
		name: "a full disk is exit 1 and leaves the old output",
		root: true,
		setup: func(t *testing.T, dir string) []string {
			full := filepath.Join(dir, "full")
			os.Mkdir(full, 0o755)
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", full).CombinedOutput(); err != nil {
				t.Skipf("cannot mount a tmpfs here: %v: %s", err, out)
			}
			t.Cleanup(func() {
				if out, err := exec.Command("umount", full).CombinedOutput(); err != nil {
					t.Errorf("umount %s: %v: %s", full, err, out)
				}
			})
			write(t, filepath.Join(full, "out.c"), "old")
			writeSynth(t, filepath.Join(dir, "big.h"), 2000)
			return []string{"-o", "full/out.c", "big.h"}
		},
		code:   1,
		stderr: "cowrap: write: no space left on device; full/out.c not written\n",
		check:  unchanged("full/out.c", "old"),
	},
}

// signalFault is a run on a large input that gets sig while it writes
// its temporary file: it ends by sig, and removes the file.
func signalFault(sig syscall.Signal) fault {
	return fault{
		name: "the temporary file is removed on " + sig.String(),
		setup: func(t *testing.T, dir string) []string {
			writeSynth(t, filepath.Join(dir, "big.h"), 20000)
			return []string{"out.c", "big.h"}
		},
		during: func(t *testing.T, dir string, cmd *exec.Cmd) {
			for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(100 * time.Microsecond) {
				if m, _ := filepath.Glob(filepath.Join(dir, ".out.c"+tempMark+"*")); len(m) > 0 {
					cmd.Process.Signal(sig)
					return
				}
				if _, err := os.Stat(filepath.Join(dir, "out.c")); err == nil {
					break
				}
			}
			t.Error("no temporary file seen while cowrap ran")
		},
		code:  -1, // killed by the signal
		check: noOutput("out.c"),
	}
}

func TestFaults(t *testing.T) {
	var all []fault
	all = append(all, inputFaults...)
	all = append(all, outputFaults...)
	all = append(all, tempFaults...)
	for _, tc := range all {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			if tc.root && os.Geteuid() != 0 {
				t.Skip("needs root (mknod, mount); run the tests as root to cover it")
			}
			dir := t.TempDir()
			write(t, filepath.Join(dir, "ok.h"), good)
			cmd := command(t, dir, tc.setup(t, dir)...)
			if tc.wrap != nil {
				w := exec.Command(tc.wrap[0], append(tc.wrap[1:], cmd.Args...)...)
				w.Env, w.Dir, w.Stdout, w.Stderr = cmd.Env, cmd.Dir, cmd.Stdout, cmd.Stderr
				cmd = w
			}
			code, stdout, stderr := runFor(t, cmd, 30*time.Second, func() {
				if tc.during != nil {
					tc.during(t, dir, cmd)
				}
			})
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tc.code, tc.stderr)
			}
			if tc.check != nil {
				tc.check(t, dir, stdout)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, "*", ".*"+tempMark+"*")); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, ".*"+tempMark+"*")); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
		})
	}
}

// runFor starts cmd, runs during and waits for cmd, at most limit: a run
// that takes longer hangs, and is killed.
func runFor(t *testing.T, cmd *exec.Cmd, limit time.Duration, during func()) (code int, stdout, stderr string) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done, acted := make(chan error, 1), make(chan struct{})
	go func() { done <- cmd.Wait() }()
	go func() { during(); close(acted) }()
	select {
	case <-done:
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("cowrap hangs: killed after %v; stderr:\n%s", limit, cmd.Stderr)
	}
	select {
	case <-acted:
	case <-time.After(5 * time.Second):
		t.Errorf("cowrap exited, but what the test does meanwhile still waits on it (a FIFO not opened?); stderr:\n%s", cmd.Stderr)
	}
	return cmd.ProcessState.ExitCode(), cmd.Stdout.(interface{ String() string }).String(), cmd.Stderr.(interface{ String() string }).String()
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mknod(t *testing.T, path string, kind uint32, major, minor int) {
	t.Helper()
	if err := syscall.Mknod(path, kind|0o666, major<<8|minor); err != nil {
		t.Fatal(err)
	}
}

// feedFIFO waits until a reader opens the FIFO at path (at most a minute),
// calls each of then, and writes text to it.
func feedFIFO(t *testing.T, path, text string, then ...func()) {
	t.Helper()
	var f *os.File
	for start := time.Now(); f == nil; {
		var err error
		f, err = os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if errors.Is(err, syscall.ENXIO) && time.Since(start) < time.Minute {
			time.Sleep(time.Millisecond)
			continue
		}
		if err != nil {
			t.Errorf("no reader opened %s: %v", path, err)
			return
		}
	}
	defer f.Close()
	for _, fn := range then {
		fn()
	}
	if _, err := f.WriteString(text); err != nil {
		t.Error(err)
	}
}

// writeSynth writes a header of n synthetic declarations (bench/synth).
func writeSynth(t *testing.T, path string, n int) {
	t.Helper()
	files, err := synth.Generate(synth.Config{Dialect: "b", Decls: n, Files: 1, Filler: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	write(t, path, string(files[0].Data))
}

// ptyMaster is the master side of each test directory's pty.
var ptyMaster = map[string]*os.File{}

// openPTY opens a new pseudo-terminal and returns the path of its terminal
// side (/dev/pts/N), which lives as long as the test.
func openPTY(t *testing.T, dir string) string {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skip("no pseudo-terminals here:", err)
	}
	t.Cleanup(func() { master.Close(); delete(ptyMaster, dir) })
	var unlock, n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Fatal("unlockpt:", e)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Fatal("ptsname:", e)
	}
	ptyMaster[dir] = master
	return "/dev/pts/" + strconv.Itoa(int(n))
}

// reference is what cowrap writes for ok.h (to a regular file).
func reference(t *testing.T, dir string) string {
	t.Helper()
	if code, _, stderr := cli(t, dir, "ref.c", "ok.h"); code != 0 {
		t.Fatal(stderr)
	}
	return read(t, filepath.Join(dir, "ref.c"))
}

func symlink(t *testing.T, target, path string) {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
}

// isType checks that path (not followed) is still of this type.
func isType(t *testing.T, path string, typ fs.FileMode) {
	t.Helper()
	if fi, err := os.Lstat(path); err != nil || fi.Mode().Type() != typ {
		t.Errorf("%s: %v (%v), want type %v", path, fi.Mode(), err, typ)
	}
}

// unchanged checks that the run left the file name as it was, text.
func unchanged(name, text string) func(t *testing.T, dir, _ string) {
	return func(t *testing.T, dir, _ string) {
		if got := read(t, filepath.Join(dir, name)); got != text {
			t.Errorf("%s was overwritten: %q", name, got)
		}
	}
}

// noOutput checks that the run left no file at name.
func noOutput(name string) func(t *testing.T, dir, _ string) {
	return func(t *testing.T, dir, _ string) {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s was written", name)
		}
	}
}

// TestFaultIsChange: the output is written on run's goroutine from the
// inputs' mappings; a fault there (a file truncated meanwhile) is the
// error that the input changed, not the end of the process.
func TestFaultIsChange(t *testing.T) {
	p := filepath.Join(t.TempDir(), "in.h")
	write(t, p, strings.Repeat(good, 2000))
	in, err := readInput(p)
	if err != nil {
		t.Fatal(err)
	}
	defer in.close()
	if in.unmap == nil {
		t.Skip("the input was read, not mapped")
	}
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	err = faultIsChange([]*input{in}, func() error { sink = in.data[len(in.data)-1]; return nil })
	if want := p + ": changed while cowrap ran (it ends before byte "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

var sink byte // a read the compiler keeps
