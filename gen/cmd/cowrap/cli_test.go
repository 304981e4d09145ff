package main

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// TestMain makes the test binary the real command when it is run with
// COWRAP_TEST_MAIN=1, so tests can run cowrap as a process of its own:
// signals, FIFOs and /dev/stdout need one.
func TestMain(m *testing.M) {
	if os.Getenv("COWRAP_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// command is the real cowrap, run in dir with args: this test binary, or
// $COWRAP, a cowrap built elsewhere (an older one, to see a test fail on it).
func command(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if c := os.Getenv("COWRAP"); c != "" {
		exe = c
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "COWRAP_TEST_MAIN=1")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = new(bytes.Buffer), new(bytes.Buffer)
	return cmd
}
