package readme

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "doc.md")
	doc := "# T\n## A\na\n### A1\n```sh\n# not a heading\n## nor this\n```\na1\n## B\nb\n#nospace\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ heading, want string }{
		{"## A", "a\n### A1\n```sh\n# not a heading\n## nor this\n```\na1"},
		{"### A1", "```sh\n# not a heading\n## nor this\n```\na1"},
		{"## B", "b\n#nospace\n"},
	} {
		if got, err := Section(path, tc.heading); err != nil || got != tc.want {
			t.Errorf("Section(%q) = %q, %v; want %q", tc.heading, got, err, tc.want)
		}
	}
	for _, heading := range []string{"## C", "A", "#x A"} {
		if _, err := Section(path, heading); err == nil {
			t.Errorf("Section(%q): no error", heading)
		}
	}
}
