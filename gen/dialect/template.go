package dialect

import (
	"fmt"
	"strings"
)

// field names a per-wrapper string a template can refer to as {{Field}}.
type field int

const (
	fName     field = iota // W
	fTarget                // CO or T
	fStruct                // S
	fReturn                // RET
	fRetField              // "RET ret;" or "" for void
	fGetRes                // "s->ret = " or ""
	fRetStmt               // "return s.ret;" or ""
	fCoRet                 // "return " or ""
	fDecls                 // LIST(p.decl)
	fNames                 // LIST(p.name)
	fSNames                // LIST("s->" + p.name)
	fFields                // BLOCK("    " + p.decl + ";")
	fInits8                // BLOCK("        ." + p.name + " = " + p.name + ",")
	fInits12               // the same, indented by 12
	fPoll                  // the .poll_state.bs / .ctx expression
	fBhCtx                 // the AioContext expression in a bh (B2, B3)
	fLock                  // entry lock line or ""
	fUnlock                // entry unlock line or ""
	fAssume                // "assume_graph_lock();" or ""
	fBhLock                // bh lock line or ""
	fBhUnlock              // bh unlock line or ""
	nFields
)

var fieldNames = map[string]field{
	"Name": fName, "Target": fTarget, "Struct": fStruct, "Return": fReturn,
	"RetField": fRetField, "GetRes": fGetRes, "RetStmt": fRetStmt, "CoRet": fCoRet,
	"Decls": fDecls, "Names": fNames, "SNames": fSNames, "Fields": fFields,
	"Inits8": fInits8, "Inits12": fInits12, "Poll": fPoll, "BhCtx": fBhCtx,
	"Lock": fLock, "Unlock": fUnlock, "Assume": fAssume, "BhLock": fBhLock, "BhUnlock": fBhUnlock,
}

// template is text with {{Field}} holes, split once into literal runs and
// fields so that expanding it is a series of appends.
type template struct {
	lits   []string
	fields []field // fields[i] follows lits[i]; len(lits) == len(fields)+1
}

func mustTemplate(text string) *template {
	t := &template{}
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			t.lits = append(t.lits, text)
			return t
		}
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			panic(fmt.Sprintf("unclosed template field near %q", text[i:]))
		}
		f, ok := fieldNames[text[i+2:i+j]]
		if !ok {
			panic(fmt.Sprintf("bad template field near %q", text[i:]))
		}
		t.lits = append(t.lits, text[:i])
		t.fields = append(t.fields, f)
		text = text[i+j+2:]
	}
}

func (t *template) expand(buf []byte, v *[nFields]string) []byte {
	for i, f := range t.fields {
		buf = append(buf, t.lits[i]...)
		buf = append(buf, v[f]...)
	}
	return append(buf, t.lits[len(t.lits)-1]...)
}
