package main

import (
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/cowrap/rules_cowrap/internal/readme"
)

// TestReadmeFlags checks that the flag table of the README's "The generator
// CLI" section has a row for each flag of the CLI (as -h lists them), and for
// no other.
func TestReadmeFlags(t *testing.T) {
	section, err := readme.Section("../../../README.md", "## The generator CLI")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `-([a-z-]+)").FindAllStringSubmatch(section, -1) {
		documented = append(documented, m[1])
	}
	code, _, usage := cli(t, t.TempDir(), "-h")
	if code != 0 {
		t.Fatalf("cowrap -h: exit %d: %s", code, usage)
	}
	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(usage, -1) {
		flags = append(flags, m[1])
	}
	slices.Sort(documented)
	slices.Sort(flags)
	if len(flags) == 0 || !reflect.DeepEqual(documented, flags) {
		t.Errorf("README.md's flag table names %v; cowrap -h lists %v", documented, flags)
	}
}
