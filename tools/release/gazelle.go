package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// The Gazelle that a release ships: Gazelle's own cmd/gazelle from the module version that
// go.mod pins, with the languages of the from-source fallback (langs.go: the cowrap language
// only) and gazellePatch applied. Its sources are never committed: they are copied from the
// module cache at release time.
const (
	gazelleModule = "github.com/bazelbuild/bazel-gazelle"
	// gazellePatch makes Gazelle write BUILD files atomically and fail when a write fails; the
	// file says why and how to regenerate it.
	gazellePatch = "tools/release/gazelle-atomic-write.patch"
	// gazelleCopy is where, under the repository root, the patched copy lives during a run: a
	// replace directive with a path relative to the main module keeps the binary independent of
	// where the checkout is (an absolute path would be recorded in its build information).
	// .gitignore and .bazelignore list it.
	gazelleCopy = ".release-gazelle"
)

type gazelleSource struct {
	root, tmp, modfile string
	license            []byte // Gazelle's LICENSE, shipped beside the binary
}

// prepareGazelle copies Gazelle from the module cache to ROOT/.release-gazelle, patches it to
// have langs, and writes a go.mod (in a temporary directory) that replaces the module with the
// copy. cleanup removes both.
func prepareGazelle(root string, langs []languageLabel) (_ *gazelleSource, err error) {
	src, err := goOutput(root, "list", "-mod=readonly", "-m", "-f", "{{.Dir}}", gazelleModule)
	if err == nil && src == "" {
		if _, err = goOutput(root, "mod", "download", gazelleModule); err == nil {
			src, err = goOutput(root, "list", "-mod=readonly", "-m", "-f", "{{.Dir}}", gazelleModule)
		}
	}
	if err != nil || src == "" {
		return nil, fmt.Errorf("cannot find %s in the module cache (go mod download): %v", gazelleModule, err)
	}
	module, err := goOutput(root, "list", "-mod=readonly", "-m")
	if err != nil {
		return nil, err
	}
	dst := filepath.Join(root, gazelleCopy)
	if err := os.RemoveAll(dst); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "cowrap-release-gazelle-")
	if err != nil {
		return nil, err
	}
	g := &gazelleSource{root: root, tmp: tmp, modfile: filepath.Join(tmp, "gazelle.mod")}
	defer func() {
		if err != nil {
			g.cleanup()
		}
	}()
	if err := copyTree(src, dst); err != nil {
		return nil, err
	}
	if err := g.patch(dst, langsGo(langs, module)); err != nil {
		return nil, err
	}
	if g.license, err = os.ReadFile(filepath.Join(dst, "LICENSE")); err != nil {
		return nil, err
	}
	if err := g.writeModfile(dst); err != nil {
		return nil, err
	}
	return g, nil
}

// patch makes the copy at dst the Gazelle that a release ships: langs.go lists its languages
// (langsGo) and gazellePatch is applied.
func (g *gazelleSource) patch(dst string, langs []byte) error {
	if err := os.WriteFile(filepath.Join(dst, "cmd/gazelle/langs.go"), langs, 0o644); err != nil {
		return err
	}
	// git apply works like patch(1) outside a repository, but fails on a hunk that does not
	// apply exactly; the ceiling keeps it from finding this checkout's repository.
	cmd := exec.Command("git", "apply", "--whitespace=nowarn", filepath.Join(g.root, gazellePatch))
	cmd.Dir = dst
	cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+g.root)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s does not apply to the %s copy in %s: %v\n%s", gazellePatch, gazelleModule, dst, err, out)
	}
	return nil
}

// writeModfile writes g.modfile, this repository's go.mod with Gazelle replaced by the copy at
// dst, and its go.sum.
func (g *gazelleSource) writeModfile(dst string) error {
	mod, err := os.ReadFile(filepath.Join(g.root, "go.mod"))
	if err != nil {
		return err
	}
	mod = append(mod, fmt.Sprintf("\nreplace %s => ./%s\n", gazelleModule, gazelleCopy)...)
	if err := os.WriteFile(g.modfile, mod, 0o644); err != nil {
		return err
	}
	// The checksums of ours and of Gazelle's own dependencies (cmd/gazelle needs a few more).
	lines := map[string]bool{}
	for _, f := range []string{filepath.Join(g.root, "go.sum"), filepath.Join(dst, "go.sum")} {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, l := range strings.Split(string(data), "\n") {
			if l != "" {
				lines[l] = true
			}
		}
	}
	var sum bytes.Buffer
	for _, l := range slices.Sorted(maps.Keys(lines)) {
		sum.WriteString(l + "\n")
	}
	return os.WriteFile(strings.TrimSuffix(g.modfile, ".mod")+".sum", sum.Bytes(), 0o644)
}

func (g *gazelleSource) build(goos, goarch, exe string) error {
	return build(g.root, goos, goarch, exe, gazelleModule+"/cmd/gazelle", "-modfile="+g.modfile)
}

func (g *gazelleSource) cleanup() {
	os.RemoveAll(filepath.Join(g.root, gazelleCopy))
	os.RemoveAll(g.tmp)
}

// copyTree copies the directories and regular files of src to dst (writable), without vendor/
// (Go ignores a dependency's vendor directory). src is a module in the module cache, which is
// unpacked from a module zip, and a module zip holds nothing else (golang.org/x/mod/zip refuses
// symbolic links and special files): any other kind of file means src is not what Go unpacked,
// and is an error naming it.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		switch t := d.Type(); {
		case t.IsDir():
			if rel == "vendor" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		case t.IsRegular():
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		default:
			return fmt.Errorf("%s: mode %v, in the module sources of %s, which hold only directories and regular files",
				path, t, gazelleModule)
		}
	})
}
