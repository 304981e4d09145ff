package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/label"
	bzl "github.com/bazelbuild/buildtools/build"
	"github.com/cowrap/rules_cowrap/gen/dialect"
)

var update = flag.Bool("update", false, "rewrite the generated blocks of the docs (tools/update does)")

// generatedDocs are the files with blocks that tools/dialects writes (the release
// table's views), relative to this package. The data of dialects_test are the same
// files (TestGeneratedDocsAreTheData), and this BUILD.bazel.
var generatedDocs = []string{"../../README.md", "../../docs/dialects.md"}

const (
	beginMark = "<!-- BEGIN generated: tools/dialects "
	endMark   = "<!-- END generated -->\n"
)

// splice returns doc with each block between
// "<!-- BEGIN generated: tools/dialects ARGS -->" and "<!-- END generated -->"
// replaced by what `tools/dialects ARGS` prints, and how many blocks it found.
func splice(t *testing.T, name string, doc []byte) ([]byte, int) {
	var out bytes.Buffer
	rest, n := string(doc), 0
	for {
		i := strings.Index(rest, beginMark)
		if i < 0 {
			if strings.Contains(rest, endMark) {
				t.Fatalf("%s: %q without a BEGIN line before it", name, strings.TrimSpace(endMark))
			}
			out.WriteString(rest)
			return out.Bytes(), n
		}
		line, after, ok := strings.Cut(rest[i:], "\n")
		args, closed := strings.CutSuffix(strings.TrimPrefix(line, beginMark), " -->")
		if !ok || !closed {
			t.Fatalf("%s: %q: want %sARGS -->", name, line, beginMark)
		}
		j := strings.Index(after, endMark)
		if j < 0 {
			t.Fatalf("%s: %q has no %q after it", name, line, strings.TrimSpace(endMark))
		}
		var stdout, stderr bytes.Buffer
		if code := run(strings.Fields(args), &stdout, &stderr); code != 0 {
			t.Fatalf("%s: tools/dialects %s: exit %d: %s", name, args, code, stderr.String())
		}
		out.WriteString(rest[:i] + line + "\n")
		out.Write(stdout.Bytes())
		out.WriteString(endMark)
		rest, n = after[j+len(endMark):], n+1
	}
}

// TestGeneratedDocs keeps the release tables of the docs equal to what
// tools/dialects prints from gen/dialect: a hand edit, or a release added to the
// table but not to the docs, fails here. tools/update rewrites them.
func TestGeneratedDocs(t *testing.T) {
	for _, name := range generatedDocs {
		doc, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		want, n := splice(t, name, doc)
		if n == 0 {
			t.Errorf("%s: no %s... block", name, beginMark)
		}
		if bytes.Equal(doc, want) {
			continue
		}
		if *update {
			if err := os.WriteFile(name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s: a generated block differs from tools/dialects' output (a hand edit, or a stale table); "+
			"run tools/update", name)
	}
}

// TestGeneratedDocsAreTheData fails unless generatedDocs and the data of dialects_test
// (but BUILD.bazel, which this reads) are the same files: a doc only in generatedDocs is
// missing from Bazel's sandbox, one only in data is never checked.
func TestGeneratedDocsAreTheData(t *testing.T) {
	const pkg = "tools/dialects"
	build, err := os.ReadFile("BUILD.bazel")
	if err != nil {
		t.Fatal(err)
	}
	f, err := bzl.ParseBuild(pkg+"/BUILD.bazel", build)
	if err != nil {
		t.Fatal(err)
	}
	var data []string
	for _, r := range f.Rules("go_test") {
		if r.Name() != "dialects_test" {
			continue
		}
		for _, s := range r.AttrStrings("data") {
			l, err := label.Parse(s)
			if err != nil || l.Repo != "" {
				t.Fatalf("%s/BUILD.bazel: dialects_test data %q: want a label of this repository (%v)", pkg, s, err)
			}
			if l = l.Abs("", pkg); l != label.New("", pkg, "BUILD.bazel") {
				data = append(data, filepath.Join("..", "..", l.Pkg, l.Name))
			}
		}
	}
	for _, doc := range generatedDocs {
		if !slices.Contains(data, doc) {
			t.Errorf("%s is in generatedDocs, not in the data of %s:dialects_test", doc, pkg)
		}
	}
	for _, doc := range data {
		if !slices.Contains(generatedDocs, doc) {
			t.Errorf("%s is in the data of %s:dialects_test, not in generatedDocs", doc, pkg)
		}
	}
}

// TestReleaseTable checks each entry of the release table for what the
// scripts read from it (scripts/qemu-lib.sh): a new release without its QEMU
// commit or its script's output sha256 fails here, not in a QEMU run.
func TestReleaseTable(t *testing.T) {
	hex := func(s string, n int) bool {
		return len(s) == n && strings.Trim(s, "0123456789abcdef") == ""
	}
	for _, d := range dialect.All() {
		if want := "v" + strings.TrimPrefix(d.Name, "qemu-") + ".0"; d.Release != want {
			t.Errorf("%s: Release %q, want %q", d.Name, d.Release, want)
		}
		if !hex(d.Commit, 40) {
			t.Errorf("%s: Commit %q: want the 40-digit commit of QEMU's tag %s (git rev-parse %s^{commit})", d.Name, d.Commit, d.Release, d.Release)
		}
		if !hex(d.ScriptSHA256, 64) {
			t.Errorf("%s: ScriptSHA256 %q: want the sha256 of the block-gen.c that %s's script writes (scripts/verify-qemu.sh QEMU %s prints it)", d.Name, d.ScriptSHA256, d.Release, d.Release)
		}
	}
}
