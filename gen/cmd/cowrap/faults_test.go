package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cowrap/rules_cowrap/bench/synth"
)

// fault is a test case of issue 17, classes 6 (outputs) and 9 (crashes,
// hangs, litter): cowrap runs as a process of its own in dir, on files
// that setup makes (FIFOs and device nodes made with mknod in dir, never
// the machine's own), while during, if set, acts on them.
type fault struct {
	name   string
	root   bool // needs root: mknod, mount
	setup  func(t *testing.T, dir string) (args []string)
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
	code:   1,
	stderr: "zero: cannot read input: not a regular file and longer than 64 MiB\n",
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

func TestFaults(t *testing.T) {
	var all []fault
	all = append(all, inputFaults...)
	for _, tc := range all {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			if tc.root && os.Geteuid() != 0 {
				t.Skip("needs root (mknod, mount); run the tests as root to cover it")
			}
			dir := t.TempDir()
			write(t, filepath.Join(dir, "ok.h"), good)
			cmd := command(t, dir, tc.setup(t, dir)...)
			if tc.root {
				// A broken bound would read the device until memory runs out.
				cmd = limitMemory(cmd)
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
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	during()
	select {
	case <-done:
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("cowrap hangs: killed after %v; stderr:\n%s", limit, cmd.Stderr)
	}
	return cmd.ProcessState.ExitCode(), cmd.Stdout.(interface{ String() string }).String(), cmd.Stderr.(interface{ String() string }).String()
}

// limitMemory runs cmd with at most 4 GiB of address space.
func limitMemory(cmd *exec.Cmd) *exec.Cmd {
	lim := exec.Command("/bin/sh", append([]string{"-c", `ulimit -v 4194304 && exec "$0" "$@"`, cmd.Path}, cmd.Args[1:]...)...)
	lim.Env, lim.Dir, lim.Stdout, lim.Stderr = cmd.Env, cmd.Dir, cmd.Stdout, cmd.Stderr
	return lim
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

// noOutput checks that the run left no file at name.
func noOutput(name string) func(t *testing.T, dir, _ string) {
	return func(t *testing.T, dir, _ string) {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s was written", name)
		}
	}
}
