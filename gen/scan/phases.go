package scan

import (
	"sort"
	"strings"
	"unsafe"

	"github.com/cowrap/rules_cowrap/gen/internal/work"
)

// The scanner reads C as C's translation phases do (C11 5.1.1.2):
//
//  1. CRLF and a lone CR become LF (Normalize), as Python's text mode reads
//     the file for QEMU's script;
//  2. each backslash right before a newline is deleted with the newline
//     (splice), giving the logical text;
//  3. comments become white space and the rest becomes tokens: identifiers,
//     numbers, string and character literals, punctuators; a line whose
//     first token is '#' is a directive (lexer.go).
//
// Every later stage (marks, declarations, #if tracking, include guards,
// extern "C") reads phase 3's tokens. Positions and the offsets the scanner
// reports (Decl, Span, LexedTo) are those of the normalised text, so a
// position is the line and column of the original through any splice.

// text is a file after phases 1 and 2.
type text struct {
	src string // phase 1: the normalised source
	l   string // phase 2: the logical text; src itself when there is no splice
	// splices are the logical offsets where a splice was deleted, ascending.
	splices []int
	// The position cursor: offset cur of src is on line curLine, which
	// starts at curStart.
	cur, curLine, curStart int
}

func newText(src string) text {
	t := text{src: src, l: src, curLine: 1}
	k := strings.Index(src, "\\\n")
	if k < 0 {
		return t
	}
	b := make([]byte, 0, len(src))
	prev := 0
	for k >= 0 {
		b = append(b, src[prev:prev+k]...)
		t.splices = append(t.splices, len(b))
		prev += k + 2
		k = strings.Index(src[prev:], "\\\n")
	}
	b = append(b, src[prev:]...)
	t.l = unsafe.String(unsafe.SliceData(b), len(b))
	return t
}

// orig maps logical offset off to its offset in src: past every splice at
// or before it.
func (t *text) orig(off int) int {
	if len(t.splices) == 0 { // inlined: the usual case costs a compare
		return off
	}
	return t.origSpliced(off)
}

func (t *text) origSpliced(off int) int { return off + 2*sort.SearchInts(t.splices, off+1) }

// spliceIn returns the src offset of the first splice in src[from:to].
func (t *text) spliceIn(from, to int) (int, bool) {
	if len(t.splices) == 0 {
		return 0, false
	}
	k := t.splicesBefore(from)
	if k == len(t.splices) || t.splices[k]+2*k >= to {
		return 0, false
	}
	return t.splices[k] + 2*k, true
}

// logical maps offset o of src, not inside a splice, to the logical text.
func (t *text) logical(o int) int {
	if len(t.splices) == 0 {
		return o
	}
	return o - 2*t.splicesBefore(o)
}

// splicesBefore returns how many splices start before src offset o.
func (t *text) splicesBefore(o int) int {
	// Splice k is at src offset splices[k]+2k.
	return sort.Search(len(t.splices), func(k int) bool { return t.splices[k]+2*k >= o })
}

// pos is the position of logical offset off.
func (t *text) pos(off int) Pos { return t.opos(t.orig(off)) }

// opos converts an offset of src to a position. Lookups cluster and mostly
// move forward, so it keeps a cursor and counts the newlines between it and
// off: each call costs the distance moved.
func (t *text) opos(off int) Pos {
	off = min(off, len(t.src))
	work.Add(max(off-t.cur, t.cur-off))
	if off >= t.cur {
		seg := t.src[t.cur:off]
		if n := strings.Count(seg, "\n"); n > 0 {
			t.curLine += n
			t.curStart = t.cur + strings.LastIndexByte(seg, '\n') + 1
		}
	} else if n := strings.Count(t.src[off:t.cur], "\n"); n > 0 {
		t.curLine -= n
		t.curStart = strings.LastIndexByte(t.src[:off], '\n') + 1
		work.Add(off - t.curStart)
	}
	t.cur = off
	return Pos{Line: t.curLine, Col: off - t.curStart + 1}
}

// Positions converts offsets of a normalised source to positions, each
// call costing the distance from the last offset asked for: callers that
// walk a file forward pay once for the file.
type Positions struct{ t text }

// NewPositions returns the positions of src, which must be normalised.
func NewPositions(src string) *Positions { return &Positions{text{src: src, curLine: 1}} }

// At is the position of byte off.
func (p *Positions) At(off int) Pos { return p.t.opos(off) }
