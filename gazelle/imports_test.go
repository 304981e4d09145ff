package gazelle

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoGeneratorImport keeps the extension off the generator package and
// text/template: it checks files with gen/check, the generator's check
// without its writers, so a Gazelle binary does not carry the template
// engine. It asks the go
// command, which `go test` has; under Bazel the go_library's deps say the
// same.
func TestNoGeneratorImport(t *testing.T) {
	if os.Getenv("TEST_SRCDIR") != "" {
		t.Skip("SKIP: under Bazel there is no module to list; //gazelle's deps there do not list //gen")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go test runs without the go command on PATH: %v", err)
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 || !slices.Contains(deps, "github.com/cowrap/rules_cowrap/gen/check") {
		t.Fatalf("go list -deps printed too little to judge: %q", deps)
	}
	for _, bad := range []string{"github.com/cowrap/rules_cowrap/gen", "text/template"} {
		if slices.Contains(deps, bad) {
			t.Errorf("the Gazelle extension depends on %s", bad)
		}
	}
}
