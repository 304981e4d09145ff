// Command release builds the prebuilt assets of a rules_cowrap release: for every platform it
// cross-compiles gen/cmd/cowrap and a Gazelle with the cowrap language (gazelle.go), packs each
// binary (with its licenses) into a deterministic archive and records the archives' sha256 in
// toolchains/integrity.json, the table that the cowrap module extension (rules/extensions.bzl)
// checks downloads against.
//
//	go run ./tools/release -version 0.1.0 [-out dist] [-check]
//	go run ./tools/release -gazelle FILE [-languages LABEL,...]
//
// -gazelle builds only the released Gazelle, for this machine (tests), or with -languages
// (gazelle_binary's labels, e.g. @gazelle//language/go,//gazelle) the same Gazelle with other
// languages (benchmarks, checks on real trees): the one way to build Gazelle without Bazel.
//
// Two runs from the same commit with the same Go release give the same bytes, on any machine
// and at any checkout path (-trimpath, no VCS stamp, no build ID, fixed GOAMD64/GOARM64, fixed
// archive metadata). -check rebuilds and fails unless every archive matches the committed
// table; the release workflow uses it, so what it uploads is what the table promises.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// Platforms are GOOS_GOARCH; toolchains/prebuilt.bzl maps them to exec constraints.
var Platforms = []string{
	"darwin_amd64", "darwin_arm64",
	"linux_amd64", "linux_arm64",
	"windows_amd64", "windows_arm64",
}

// Release is one version's entry in toolchains/integrity.json.
type Release struct {
	Tag     string           `json:"tag"`     // the release page's tag: assets are at BASE_URL/TAG/ARCHIVE
	Go      string           `json:"go"`      // the Go release that built it (needed to reproduce it)
	Assets  map[string]Asset `json:"assets"`  // the generator cowrap, by platform
	Gazelle map[string]Asset `json:"gazelle"` // Gazelle with the cowrap language, by platform
}

// Asset is one platform's archive.
type Asset struct {
	Archive string `json:"archive"`
	Binary  string `json:"binary"` // the executable's path in the archive
	SHA256  string `json:"sha256"`
}

const integrityPath = "toolchains/integrity.json"

var versionRE = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// epoch is every archive member's time: archives must not depend on when they were made.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func main() {
	version := flag.String("version", "", "release version, e.g. 0.1.0 (tag v0.1.0)")
	out := flag.String("out", "dist", "directory for the archives (relative to the repository root)")
	check := flag.Bool("check", false, "fail unless the archives match "+integrityPath+", instead of writing it")
	gazelle := flag.String("gazelle", "", "only build the released Gazelle for this machine into `FILE` (for tests)")
	languages := flag.String("languages", "", "with -gazelle: its languages, gazelle_binary `LABEL`s separated by commas (default: those of //"+strings.TrimSuffix(fallbackBuild, "/BUILD.bazel")+":"+fallbackTarget+")")
	flag.Parse()
	if flag.NArg() != 0 || (*gazelle == "") == !versionRE.MatchString(*version) || (*languages != "" && *gazelle == "") {
		fmt.Fprintln(os.Stderr, "usage: release -version X.Y.Z[-suffix] [-out DIR] [-check] | release -gazelle FILE [-languages LABEL,...]")
		os.Exit(2)
	}
	var err error
	if *gazelle != "" {
		err = hostGazelle(*gazelle, *languages)
	} else {
		err = run(*version, *out, *check)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func repoRoot() (string, error) {
	gomod, err := goOutput("", "env", "GOMOD")
	if err != nil || !strings.HasSuffix(gomod, "go.mod") {
		return "", fmt.Errorf("run inside the rules_cowrap Go module (go env GOMOD: %q, %v)", gomod, err)
	}
	return filepath.Dir(gomod), nil
}

// hostGazelle builds the Gazelle that a release ships, for this machine's platform, into exe;
// with the languages of languages (-languages) if it is not empty.
func hostGazelle(exe, languages string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return err
	}
	var langs []languageLabel
	if languages != "" {
		langs, err = flagLanguages(languages)
	} else {
		langs, err = fallbackLanguages(root)
	}
	if err != nil {
		return err
	}
	gz, err := prepareGazelle(root, langs)
	if err != nil {
		return err
	}
	defer gz.cleanup()
	return gz.build(runtime.GOOS, runtime.GOARCH, exe)
}

func run(version, out string, check bool) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	goVersion, err := goOutput(root, "env", "GOVERSION")
	if err != nil {
		return err
	}
	license, err := os.ReadFile(filepath.Join(root, "LICENSE"))
	if err != nil {
		return err
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "cowrap-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	langs, err := fallbackLanguages(root)
	if err != nil {
		return err
	}
	gz, err := prepareGazelle(root, langs)
	if err != nil {
		return err
	}
	defer gz.cleanup()

	rel := Release{Tag: "v" + version, Go: goVersion, Assets: map[string]Asset{}, Gazelle: map[string]Asset{}}
	var sums strings.Builder
	for _, p := range Platforms {
		goos, goarch, _ := strings.Cut(p, "_")
		exe := ""
		if goos == "windows" {
			exe = ".exe"
		}
		for _, t := range []struct {
			name, archive string
			assets        map[string]Asset
			build         func(goos, goarch, out string) error
			licenses      []member
		}{
			{"cowrap", "cowrap", rel.Assets, func(goos, goarch, out string) error {
				return build(root, goos, goarch, out, "./gen/cmd/cowrap")
			}, []member{{"LICENSE", 0o644, license}}},
			{"gazelle", "gazelle-cowrap", rel.Gazelle, gz.build, []member{
				{"LICENSE", 0o644, license}, {"LICENSE.gazelle", 0o644, gz.license}}},
		} {
			bin := t.name + exe
			path := filepath.Join(tmp, p, bin)
			if err := t.build(goos, goarch, path); err != nil {
				return fmt.Errorf("%s %s: %w", p, t.name, err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			a, err := writeArchive(out, fmt.Sprintf("%s-%s-%s", t.archive, version, p), goos,
				append([]member{{bin, 0o755, data}}, t.licenses...))
			if err != nil {
				return err
			}
			t.assets[p] = a
			fmt.Fprintf(&sums, "%s  %s\n", a.SHA256, a.Archive)
			fmt.Printf("%s  %s\n", a.SHA256, filepath.Join(out, a.Archive))
		}
	}
	if err := os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(sums.String()), 0o644); err != nil {
		return err
	}
	return updateTable(filepath.Join(root, integrityPath), version, rel, check)
}

// writeArchive packs files into out/NAME.zip (Windows) or out/NAME.tar.gz; the first file is
// the executable.
func writeArchive(out, name, goos string, files []member) (Asset, error) {
	var archive []byte
	var err error
	if goos == "windows" {
		name += ".zip"
		archive, err = packZip(files)
	} else {
		name += ".tar.gz"
		archive, err = packTarGz(files)
	}
	if err != nil {
		return Asset{}, err
	}
	if err := os.WriteFile(filepath.Join(out, name), archive, 0o644); err != nil {
		return Asset{}, err
	}
	sum := sha256.Sum256(archive)
	return Asset{Archive: name, Binary: files[0].name, SHA256: hex.EncodeToString(sum[:])}, nil
}

// updateTable sets (or, with check, compares) version's entry; other versions stay as they are.
func updateTable(path, version string, rel Release, check bool) error {
	table := map[string]Release{}
	data, err := os.ReadFile(path)
	if err != nil && !(errors.Is(err, os.ErrNotExist) && !check) {
		return err
	}
	if len(data) > 0 {
		if err := json.Unmarshal(data, &table); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if check {
		old, ok := table[version]
		if !ok {
			return fmt.Errorf("%s has no version %s", path, version)
		}
		var bad []string
		for what, m := range map[string][2]map[string]Asset{
			"cowrap": {rel.Assets, old.Assets}, "gazelle": {rel.Gazelle, old.Gazelle}} {
			built, had := m[0], m[1]
			for p, a := range built {
				if had[p] != a {
					bad = append(bad, fmt.Sprintf("%s %s: built %s, table has %s", what, p, a.SHA256, had[p].SHA256))
				}
			}
			if len(had) != len(built) {
				bad = append(bad, fmt.Sprintf("%s: built %d platforms, table has %d", what, len(built), len(had)))
			}
		}
		if len(bad) > 0 || old.Tag != rel.Tag {
			return fmt.Errorf("%s does not match this build (table made with %s, this is %s):\n  %s",
				path, old.Go, rel.Go, strings.Join(bad, "\n  "))
		}
		fmt.Printf("OK: all %d archives match %s %s\n", len(rel.Assets)+len(rel.Gazelle), path, version)
		return nil
	}
	table[version] = rel
	data, err = json.MarshalIndent(table, "", "  ") // maps marshal in key order: stable diffs
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s (%s)\n", path, version)
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// build cross-compiles the package pkg of the module at root, with extra go build flags. The
// environment is pinned where it changes the bytes.
func build(root, goos, goarch, exe, pkg string, flags ...string) error {
	args := append([]string{"build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-o", exe}, flags...)
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Dir = root
	cmd.Env = append(cleanEnv(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch,
		"GOAMD64=v1", "GOARM64=v8.0", "GOFLAGS=-mod=readonly", "GOEXPERIMENT=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// cleanEnv is the environment without the Go settings that build pins.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "CGO_ENABLED", "GOOS", "GOARCH", "GOAMD64", "GOARM64", "GOFLAGS", "GOEXPERIMENT", "GO386", "GOARM":
			continue
		}
		env = append(env, kv)
	}
	return env
}

func goOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

type member struct {
	name string
	mode int64
	data []byte
}

// packTarGz writes a ustar archive with fixed owner, time and order, gzip without name or time.
func packTarGz(files []member) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: epoch,
			Typeflag: tar.TypeReg, Format: tar.FormatUSTAR}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// packZip writes a zip with fixed times and Unix modes (Bazel keeps the executable bit).
func packZip(files []member) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: epoch}
		h.SetMode(os.FileMode(f.mode))
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, bytes.NewReader(f.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
