package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLangsGo reads the languages of from_source, and nothing else, and fails with the
// position of what it cannot use.
func TestLangsGo(t *testing.T) {
	const other = "gazelle_binary(\n    name = \"other\",\n    languages = [\"@gazelle//language/proto\"],\n)\n"
	for _, tc := range []struct {
		name, build, want string
	}{
		{"labels", other + `gazelle_binary(
    name = "from_source",
    languages = [
        "//gazelle",
        "@gazelle//language/go",
        ":extra",
    ],
)
`, `package main

import (
	"github.com/bazelbuild/bazel-gazelle/language"

	example_com_m_gazelle_ "example.com/m/gazelle"
	github_com_bazelbuild_bazel_gazelle_language_go_ "github.com/bazelbuild/bazel-gazelle/language/go"
	example_com_m_gazelle_runner_ "example.com/m/gazelle/runner"
)

var languages = []language.Language{
	example_com_m_gazelle_.NewLanguage(),
	github_com_bazelbuild_bazel_gazelle_language_go_.NewLanguage(),
	example_com_m_gazelle_runner_.NewLanguage(),
}
`},
		{"missing", other, `gazelle/runner/BUILD.bazel: no gazelle_binary named "from_source"`},
		{"empty", "gazelle_binary(\n    name = \"from_source\",\n    languages = [],\n)\n",
			"gazelle/runner/BUILD.bazel:1:1: gazelle_binary from_source: want languages = [labels]"},
		{"not a list", "LANGS = []\ngazelle_binary(\n    name = \"from_source\",\n    languages = LANGS,\n)\n",
			"gazelle/runner/BUILD.bazel:2:1: gazelle_binary from_source: want languages = [labels]"},
		{"not a string", "gazelle_binary(\n    name = \"from_source\",\n    languages = [\"//gazelle\", LANG],\n)\n",
			"gazelle/runner/BUILD.bazel:3:31: want a label string"},
		{"same package twice", "gazelle_binary(\n    name = \"from_source\",\n    languages = [\n        \"//gazelle\",\n        \"//gazelle:gazelle\",\n    ],\n)\n",
			"gazelle/runner/BUILD.bazel:5:9: //gazelle is the Go package of //gazelle (gazelle/runner/BUILD.bazel:4:9) again"},
		{"other repository", "gazelle_binary(\n    name = \"from_source\",\n    languages = [\"@other//lang\"],\n)\n",
			"gazelle/runner/BUILD.bazel:3:18: @other//lang: want a label of this repository or of @gazelle"},
	} {
		root := t.TempDir()
		path := filepath.Join(root, fallbackBuild)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(tc.build), 0o644); err != nil {
			t.Fatal(err)
		}
		langs, err := fallbackLanguages(root)
		if strings.HasPrefix(tc.want, "package") {
			if got := langsGo(langs, "example.com/m"); err != nil || string(got) != tc.want {
				t.Errorf("%s: got %v\n%s\nwant\n%s", tc.name, err, got, tc.want)
			}
		} else if err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v, want %s", tc.name, err, tc.want)
		}
	}
}

// TestFlagLanguages: -languages takes absolute labels, as gazelle_binary's languages would be
// written in the root package, and says what it cannot use.
func TestFlagLanguages(t *testing.T) {
	for value, want := range map[string]string{
		"@gazelle//language/go,//gazelle": "@gazelle//language/go //gazelle",
		"//gazelle":                       "//gazelle",
		"@other//lang":                    "error: -languages: @other//lang: want a label of this repository or of @gazelle",
		"//gazelle,":                      `error: -languages: label parse error: empty package and name: ""`,
		"//gazelle,@gazelle//language/go,//gazelle:x": "error: -languages: //gazelle:x is the Go package of //gazelle (-languages) again",
	} {
		langs, err := flagLanguages(value)
		var got []string
		for _, l := range langs {
			got = append(got, l.label.String())
		}
		if err != nil {
			got = []string{"error: " + err.Error()}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("flagLanguages(%q) = %q, want %q", value, strings.Join(got, " "), want)
		}
	}
}
