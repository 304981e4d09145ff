package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplateDocExample runs the worked example of docs/templates.md and
// checks that the document shows the files and the output verbatim.
func TestTemplateDocExample(t *testing.T) {
	src, _ := filepath.Abs("testdata/template")
	docPath, _ := filepath.Abs("../../../docs/templates.md")
	out := filepath.Join(t.TempDir(), "twins.c")
	if code, _, stderr := cli(t, src, "-template", "rt.tmpl", "-marks", "rt_blocking", "-include", "rt.h", "-o", out, "api.h"); code != 0 {
		t.Fatal(stderr)
	}
	if got, want := read(t, out), read(t, filepath.Join(src, "expected.c")); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"api.h", "rt.tmpl", "expected.c"} {
		if !strings.Contains(string(doc), "\n"+read(t, filepath.Join(src, f))+"```") {
			t.Errorf("docs/templates.md does not show testdata/template/%s verbatim", f)
		}
	}
}
