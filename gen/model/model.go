// Package model is the dialect-independent description of one wrapper.
package model

import (
	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Param is one parameter. Type keeps the text as written up to the name,
// including its last character (a space or '*'), as QEMU's script does.
type Param struct {
	Type string
	Name string
	Decl string // Type + Name
}

// Wrapper is one marked declaration, checked and named.
type Wrapper struct {
	File   string
	Pos    scan.Pos
	Mark   string
	Kind   marks.Kind
	Lock   marks.Lock
	Name   string // the declared wrapper (W)
	Target string // the function it calls: the coroutine (co) or main-loop (no_co) function
	Struct string // the argument struct's type name
	Return string // return type text, e.g. "int" or "BlockDriverState *"
	Params []Param
}

// Void reports whether the wrapper returns nothing.
func (w *Wrapper) Void() bool { return w.Return == "void" }

// Diag is a finding about the input. Warnings do not stop generation.
type Diag struct {
	Err     *scan.Error // where, and what was expected
	Warning bool
}

func (d Diag) String() string {
	if d.Warning {
		return "warning: " + d.Err.Error()
	}
	return d.Err.Error()
}
