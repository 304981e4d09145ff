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

// TestTemplateDocMarksCommand runs the -marks command that docs/templates.md
// shows first (its first sh block), as written, on the worked example's files:
// the marks it names include the example's, so it writes the same wrappers.
func TestTemplateDocMarksCommand(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(doc), "\n```sh\n")
	block, _, closed := strings.Cut(block, "\n```\n")
	if !ok || !closed {
		t.Fatal("docs/templates.md has no sh block")
	}
	words := strings.Fields(block)
	if len(words) < 2 || words[0] != "cowrap" || strings.Contains(block, "\n") {
		t.Fatalf("docs/templates.md's sh block is not one cowrap command: %q", block)
	}
	args := words[1:]
	for i, w := range args {
		if unq, ok := strings.CutPrefix(w, "'"); ok {
			args[i], ok = strings.CutSuffix(unq, "'")
			if !ok || strings.Contains(args[i], "'") {
				t.Fatalf("docs/templates.md's command: argument %s: want one quoted word", w)
			}
		}
	}
	src, _ := filepath.Abs("testdata/template")
	dir := t.TempDir()
	for _, f := range []string{"api.h", "rt.tmpl"} {
		write(t, filepath.Join(dir, f), read(t, filepath.Join(src, f)))
	}
	if code, _, stderr := cli(t, dir, args...); code != 0 {
		t.Fatalf("docs/templates.md's command: exit %d: %s", code, stderr)
	}
	body := func(c string) string { _, b, _ := strings.Cut(c, "\n#include"); return b }
	if got, want := read(t, filepath.Join(dir, "twins.c")), read(t, filepath.Join(src, "expected.c")); body(got) == "" || body(got) != body(want) {
		t.Errorf("docs/templates.md's command wrote, from the first #include on, other than testdata/template/expected.c:\n%s", got)
	}
}
