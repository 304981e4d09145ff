package gen_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// TestDialectHeaderHeight: whatever the inputs, every dialect's first
// #include is on the line its release's script puts it, so __LINE__ in the
// wrappers (and the object code) equals QEMU's own build.
func TestDialectHeaderHeight(t *testing.T) {
	for _, d := range dialect.All() {
		for _, n := range []int{0, 1, 7, 8, 9, 60} {
			var inputs []gen.Input
			for i := range n {
				inputs = append(inputs, gen.Input{Path: fmt.Sprintf("/abs/dir/include/block/in%d.h", i), Data: []byte("int x;\n")})
			}
			out, diags := generate(t, gen.Options{Dialect: d}, inputs)
			if out == nil {
				t.Fatalf("%s: %v", d.Name, diags)
			}
			lines := strings.Split(string(out), "\n")
			first := -1
			for i, l := range lines {
				if strings.HasPrefix(l, "#include") {
					first = i + 1
					break
				}
			}
			if first != d.HeaderLines+1 {
				t.Errorf("%s, %d inputs: first #include on line %d, want %d", d.Name, n, first, d.HeaderLines+1)
			}
			header := strings.Join(lines[:d.HeaderLines], "\n")
			for _, want := range []string{"SPDX-License-Identifier: GPL-2.0-or-later", "block-coroutine-wrapper.py", "-dialect " + d.Name} {
				if !strings.Contains(header, want) {
					t.Errorf("%s: header lacks %q:\n%s", d.Name, want, header)
				}
			}
			if strings.Contains(header, "/abs/") {
				t.Errorf("%s: header names an absolute path:\n%s", d.Name, header)
			}
			listed := strings.Count(header, " *   in")
			more := 0
			if i := strings.Index(header, "... and "); i >= 0 {
				fmt.Sscanf(header[i:], "... and %d more", &more)
			}
			if listed+more != n {
				t.Errorf("%s: header lists %d inputs and counts %d more, want %d in all:\n%s", d.Name, listed, more, n, header)
			}
		}
	}
}

// TestTemplateHeaderUnpadded: a template's .Header is the plain comment,
// without the dialect's licence line or padding; templates decide their header.
func TestTemplateHeaderUnpadded(t *testing.T) {
	d, _ := dialect.Lookup("qemu")
	h := gen.Header(d, []gen.Input{{Path: "a.h"}})
	if strings.Contains(h, "SPDX") || bytes.Count([]byte(h), []byte("\n")) != 7 {
		t.Errorf("template header:\n%s", h)
	}
}
