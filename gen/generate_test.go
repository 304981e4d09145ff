package gen_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/model"
)

// generate does what the CLI does, into memory: gen.Check, then
// Plan.WriteTo unless a finding is an error. out is nil when one is. On the
// way it checks that gen.Write, which the CLI runs (checking and writing
// overlapped), finds the same and writes the same bytes.
func generate(t testing.TB, opts gen.Options, inputs []gen.Input) (out []byte, diags []model.Diag) {
	t.Helper()
	p := gen.Check(opts, inputs)
	var streamed bytes.Buffer
	wp, werr := gen.Write(opts, inputs, &streamed)
	if got, want := fmt.Sprint(wp.Diags), fmt.Sprint(p.Diags); got != want || wp.Failed() != p.Failed() || wp.Wrappers != p.Wrappers {
		t.Fatalf("gen.Write found %s (%d wrappers), gen.Check %s (%d)", got, wp.Wrappers, want, p.Wrappers)
	}
	if p.Failed() {
		return nil, p.Diags
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if werr != nil || !bytes.Equal(streamed.Bytes(), buf.Bytes()) {
		t.Fatalf("gen.Write wrote %d bytes (error %v), Plan.WriteTo %d other ones", streamed.Len(), werr, buf.Len())
	}
	return buf.Bytes(), p.Diags
}
