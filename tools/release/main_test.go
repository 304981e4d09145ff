package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var files = []member{{"cowrap", 0o755, []byte("binary\x00bytes")}, {"LICENSE", 0o644, []byte("GPL\n")}}

func TestTarGzIsDeterministicAndComplete(t *testing.T) {
	a, err := packTarGz(files)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := packTarGz(files)
	if !bytes.Equal(a, b) {
		t.Fatal("two packs of the same files differ")
	}
	gz, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header has name %q, time %v", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	for _, want := range files {
		h, err := tr.Next()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		if h.Name != want.name || h.Mode != want.mode || !bytes.Equal(data, want.data) ||
			!h.ModTime.Equal(epoch) || h.Uid != 0 || h.Uname != "" {
			t.Errorf("member %+v, want %s mode %o at %v owned by 0", h, want.name, want.mode, epoch)
		}
	}
	if _, err := tr.Next(); err != io.EOF {
		t.Errorf("extra member: %v", err)
	}
}

func TestZipIsDeterministicAndKeepsModes(t *testing.T) {
	a, err := packZip(files)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := packZip(files)
	if !bytes.Equal(a, b) {
		t.Fatal("two packs of the same files differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(files) {
		t.Fatalf("%d members, want %d", len(zr.File), len(files))
	}
	for i, f := range zr.File {
		if f.Name != files[i].name || f.Mode().Perm() != os.FileMode(files[i].mode) || !f.Modified.Equal(epoch) {
			t.Errorf("member %s mode %v time %v", f.Name, f.Mode(), f.Modified)
		}
	}
}

func TestUpdateTableKeepsOtherVersionsAndChecks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "integrity.json")
	r1 := Release{Tag: "v0.1.0", Go: "go1", Assets: map[string]Asset{"linux_amd64": {"a.tar.gz", "cowrap", "11"}}}
	r2 := Release{Tag: "v0.2.0", Go: "go1", Assets: map[string]Asset{"linux_amd64": {"b.tar.gz", "cowrap", "22"}}}
	if err := updateTable(path, "0.1.0", r1, false); err != nil {
		t.Fatal(err)
	}
	if err := updateTable(path, "0.2.0", r2, false); err != nil {
		t.Fatal(err)
	}
	if err := updateTable(path, "0.1.0", r1, true); err != nil {
		t.Errorf("check of an unchanged release: %v", err)
	}
	r1.Assets["linux_amd64"] = Asset{"a.tar.gz", "cowrap", "33"}
	if err := updateTable(path, "0.1.0", r1, true); err == nil {
		t.Error("check passed with a different sha256")
	}
	if err := updateTable(path, "0.3.0", r2, true); err == nil {
		t.Error("check passed for a version the table lacks")
	}
}
