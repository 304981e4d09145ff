package ctest

import (
	"fmt"
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

// TestAcceptedOutputCompiles is the property that needs no oracle: for
// random headers from internal/cgrammar, every output strict mode
// writes compiles with gcc -fsyntax-only -Wall -Werror against the runtime
// headers and the input, polls a block object's own context wherever its
// release can (pollsNode), every rejection points into the input, and a
// header the grammar calls valid is accepted.
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
	tmplPath := filepath.Join(work, "protos.tmpl")
	if err := os.WriteFile(tmplPath, []byte(prototypes), 0o644); err != nil {
		t.Fatal(err)
	}
	tmpl, err := gen.LoadTemplate(tmplPath)
	if err != nil {
		t.Fatal(err)
	}
	accepted, rejected := 0, 0
	for i, end := 0, time.Now().Add(budget); time.Now().Before(end) || accepted == 0; i++ {
		r := rand.New(rand.NewSource(seed + int64(i)))
		d := dialects[r.Intn(len(dialects))]
		src, valid := cgrammar.Case(r, d)
		written, diags := output(t, gen.Options{Dialect: d}, []gen.Input{{Path: "in.h", Data: src}})
		if written == nil && valid {
			t.Fatalf("seed %d, %s: strict mode rejected a valid header: %v\n--- in.h\n%s", seed+int64(i), d.Name, diags, src)
		}
		if written == nil {
			rejected++
			checkPositions(t, src, diags, seed+int64(i), d)
			continue
		}
		accepted++
		if err := pollsNode(written); err != nil {
			t.Fatalf("seed %d, %s: %v\n--- in.h\n%s", seed+int64(i), d.Name, err, src)
		}
		in := filepath.Join(work, "in.h")
		if valid {
			// The general grammar of templates reads the same
			// declarations: the prototypes it writes must agree with
			// the header's.
			protos, diags := output(t, gen.Options{Dialect: d, Template: tmpl}, []gen.Input{{Path: "in.h", Data: src}})
			if protos == nil {
				t.Fatalf("seed %d, %s: the template's grammar rejected a valid header: %v\n--- in.h\n%s", seed+int64(i), d.Name, diags, src)
			}
			written = append(written, protos...)
		}
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

// pollsNode checks that no wrapper whose first parameter is a block object
// polls the main context (qemu_get_aio_context()) instead of the object's:
// 8.0-8.2 choose the context by the type's spelling, which strict mode must
// then reject (`struct BlockDriverState *bs`, `BlockDriverState * bs`).
func pollsNode(out []byte) error {
	sig := ""
	for _, line := range strings.Split(string(out), "\n") {
		if line != "" && line[0] != ' ' && line[0] != '{' && line[0] != '}' && strings.HasSuffix(line, ")") {
			sig = line
		}
		if !strings.Contains(line, ".poll_state.ctx = qemu_get_aio_context()") {
			continue
		}
		_, params, _ := strings.Cut(sig, "(")
		first, _, _ := strings.Cut(params, ",")
		var typ strings.Builder
		for _, w := range strings.Fields(strings.ReplaceAll(first, "*", " * ")) {
			switch w {
			case "const", "volatile", "restrict", "struct":
				continue
			}
			typ.WriteString(w)
		}
		switch t := typ.String(); {
		case strings.HasPrefix(t, "BlockDriverState*"), strings.HasPrefix(t, "BdrvChild*"), strings.HasPrefix(t, "BlockBackend*"):
			return fmt.Errorf("%s polls qemu_get_aio_context(), though its first parameter is a block object", sig)
		}
	}
	return nil
}

// prototypes is a user template that writes each wrapper's prototype, to
// be compiled after the header that declares it.
const prototypes = `{{range .Wrappers}}
{{.Return}} {{.Name}}({{decls .Params}});{{end}}
`
