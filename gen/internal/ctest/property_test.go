package ctest

import (
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/internal/cgrammar"
)

// TestAcceptedOutputCompiles is the property of issue 7 that needs no
// oracle: for random headers from internal/cgrammar, every output strict
// mode writes compiles with gcc -fsyntax-only -Wall -Werror against the
// runtime headers and the input, and every rejection points into the input.
// It runs for COWRAP_PROPERTY_SECONDS (default 3) from seed
// COWRAP_PROPERTY_SEED (default: a fixed one, so failures reproduce).
func TestAcceptedOutputCompiles(t *testing.T) {
	cc := compiler(t)
	root := moduleRoot(t)
	budget := 3 * time.Second
	if v := os.Getenv("COWRAP_PROPERTY_SECONDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("COWRAP_PROPERTY_SECONDS=%q: %v", v, err)
		}
		budget = time.Duration(n) * time.Second
	}
	seed := int64(7)
	if v := os.Getenv("COWRAP_PROPERTY_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("COWRAP_PROPERTY_SEED=%q: %v", v, err)
		}
		seed = n
	}
	work := t.TempDir()
	dialects := dialect.All()
	accepted, rejected := 0, 0
	for i, end := 0, time.Now().Add(budget); time.Now().Before(end) || accepted == 0; i++ {
		r := rand.New(rand.NewSource(seed + int64(i)))
		d := dialects[r.Intn(len(dialects))]
		src := cgrammar.Header(r, d)
		written, diags := output(t, gen.Options{Dialect: d}, []gen.Input{{Path: "in.h", Data: src}})
		if written == nil {
			rejected++
			checkPositions(t, src, diags, seed+int64(i), d)
			continue
		}
		accepted++
		in := filepath.Join(work, "in.h")
		out := filepath.Join(work, "gen.c")
		if err := os.WriteFile(in, src, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, written, 0o644); err != nil {
			t.Fatal(err)
		}
		rt := "qemu-a"
		if d.CoWrapperGrammar {
			rt = "qemu-b"
		}
		args := []string{"-std=gnu11", "-fsyntax-only", "-Wall", "-Werror",
			"-I", filepath.Join(root, "runtime", rt, "include"), "-I", filepath.Join(root, "runtime", "core", "include")}
		if d.ID == "B3" {
			args = append(args, "-DCOWRAP_B3")
		}
		args = append(args, "-include", in, out)
		if msg, err := run(t, work, cc, args...); err != nil {
			t.Fatalf("seed %d, %s: strict mode accepted an input whose output does not compile:\n--- in.h\n%s\n--- gcc\n%s", seed+int64(i), d.Name, src, msg)
		}
	}
	t.Logf("%d accepted and compiled, %d rejected with positions in the input (seeds from %d)", accepted, rejected, seed)
}

// checkPositions: every error names the input and a position inside it.
func checkPositions(t *testing.T, src []byte, diags []model.Diag, seed int64, d *dialect.Dialect) {
	t.Helper()
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"), "\n")
	for _, dg := range diags {
		p := dg.Err.Pos
		if dg.Err.File != "in.h" || p.Line < 1 || p.Line > len(lines) || p.Col < 1 || p.Col > len(lines[p.Line-1])+1 {
			t.Fatalf("seed %d, %s: finding outside the input: %v\n--- in.h\n%s", seed, d.Name, dg, src)
		}
	}
}
