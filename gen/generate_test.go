package gen_test

import (
	"bytes"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/model"
)

// generate does what the CLI does, into memory: gen.Check, then
// Plan.WriteTo unless a finding is an error. out is nil when one is.
func generate(t testing.TB, opts gen.Options, inputs []gen.Input) (out []byte, diags []model.Diag) {
	t.Helper()
	p := gen.Check(opts, inputs)
	if p.Failed() {
		return nil, p.Diags
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	return buf.Bytes(), p.Diags
}
