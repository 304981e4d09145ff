// Package scan finds mark-annotated function declarations in C source text.
//
// It is the one parser shared by the generator and the Gazelle extension, so
// both always agree on what is marked. It is a small C lexer, not a regular
// expression: marks inside comments, string literals and preprocessor lines
// (`#define co_wrapper ...`) are not declarations. Every declaration and every
// error carries an exact 1-based line and byte column.
package scan

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/cowrap/rules_cowrap/gen/cident"
	"github.com/cowrap/rules_cowrap/gen/internal/work"
	"github.com/cowrap/rules_cowrap/gen/marks"
)

// Pos is a 1-based line and byte column.
type Pos struct{ Line, Col int }

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Error is a problem found at a position in a file.
type Error struct {
	File string
	Pos  Pos
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Token is one lexical token of a declaration.
type Token struct {
	Text string
	Pos  Pos
	Off  int // byte offset in the normalised source
}

// IsIdent reports whether the token is a C identifier.
func (t Token) IsIdent() bool { return t.Text != "" && cident.IsStart(t.Text[0]) }

// Param is one parameter as C sees it: everything but the last identifier is the type.
type Param struct {
	Type string // whitespace folded to single spaces, e.g. "const char *"
	Name string
	Pos  Pos // of the first token
}

// Decl is a marked function declaration: PREFIX MARK NAME ( PARAMS ) ;
type Decl struct {
	File   string
	Start  Pos     // first token of the declaration
	Prefix []Token // tokens before the mark: return type and qualifiers
	Mark   Token
	Name   Token
	// ParamsText is the raw text between the parentheses (newlines normalised).
	ParamsText string
	ParamsPos  Pos // position just after '('
	// LineEnd is true when ';' ends its line (QEMU's grammar requires it).
	LineEnd bool
	// Text is the source from Start through ';'. Off and End are its byte range
	// in the normalised source.
	Text     string
	Off, End int
	// Splice is 1 + the offset in Text of its first backslash-newline,
	// which C splices out (phases.go); 0 when it has none.
	Splice int
	lp, rp int // offsets of the parameter list's parentheses in Text
}

// Marks says which identifiers are marks.
type Marks struct {
	// Names are whole identifiers that are marks, e.g. "co_wrapper_mixed".
	Names []string
	// Prefixes make PREFIX_xyz a mark too (QEMU's free-form variant suffix,
	// marks.IsVariant), e.g. "co_wrapper" accepts "co_wrapper_foo".
	Prefixes []string
}

// Is reports whether ident is a mark.
func (m *Marks) Is(ident string) bool {
	if m.isName(ident) {
		return true
	}
	for _, p := range m.Prefixes {
		if marks.HasVariant(ident, p) {
			return true
		}
	}
	return false
}

// isName reports whether ident is one of the whole-identifier marks.
func (m *Marks) isName(ident string) bool {
	for _, n := range m.Names {
		if ident == n {
			return true
		}
	}
	return false
}

// Needles are byte strings of which a file must contain at least one to hold
// a mark. Files without any are not lexed at all.
func (m *Marks) Needles() [][]byte {
	var out [][]byte
	all := append(append([]string{}, m.Prefixes...), m.Names...)
next:
	for _, w := range all {
		for _, o := range all {
			if o != w && len(o) < len(w) && bytes.Contains([]byte(w), []byte(o)) {
				continue next
			}
		}
		for _, n := range out {
			if string(n) == w {
				continue next
			}
		}
		out = append(out, []byte(w))
	}
	return out
}

// ContainsAny reports whether src may hold a mark: it contains one of the
// needles, or its logical text does, where C joins lines at each
// backslash-newline (phases.go) and so may join a mark that the bytes do
// not show. Callers that test many files compute Needles once.
func ContainsAny(src []byte, needles [][]byte) bool {
	if containsNeedle(src, needles) {
		return true
	}
	if !spliceMayJoin(src, needles) {
		return false
	}
	t := newText(string(Normalize(src))) // rare: only a splice between needle bytes pays
	return containsNeedle(unsafe.Slice(unsafe.StringData(t.l), len(t.l)), needles)
}

// spliceMayJoin reports whether a splice of src (a backslash before LF, CRLF
// or CR) has a byte of some needle right before it and a needle byte or
// another splice's backslash right after it. A needle that the logical text
// holds and the bytes do not crosses a run of splices, and the first splice
// of that run is such a one; most splices (a macro's " \" at the end of a
// line) are not, so most files with splices need no logical text.
func spliceMayJoin(src []byte, needles [][]byte) bool {
	var in [256]bool
	for _, n := range needles {
		for _, c := range n {
			in[c] = true
		}
	}
	for i := 1; i < len(src); i++ {
		k := bytes.IndexByte(src[i:], '\\')
		if k < 0 {
			return false
		}
		i += k
		end := i + 1
		if end < len(src) && src[end] == '\r' {
			end++
		}
		if end < len(src) && src[end] == '\n' {
			end++
		}
		if end == i+1 || end == len(src) || !in[src[i-1]] {
			continue
		}
		if in[src[end]] || src[end] == '\\' {
			return true
		}
	}
	return false
}

func containsNeedle(src []byte, needles [][]byte) bool {
	for _, n := range needles {
		if indexRare(src, n) >= 0 {
			return true
		}
	}
	return false
}

// commonInC lists bytes by how often they occur in C source, the most
// common first (counted over a QEMU tree); a byte not listed is rarer than
// any listed.
const commonInC = " et_i\nrsanocd,lf0upm)(;*EvghTSbCRILA-x=P1NO2DM/U.>\"3{}ywF4G6kV8q"

// indexRare is bytes.Index(src, n), but it looks for the rarest byte of n
// in C source first (w of co_wrapper), where bytes.Index looks for the
// first (c, among C's most common bytes): most files hold no mark, and
// this test is most of what finding that costs after reading them
// (figures in bench/gazelle/README.md; BenchmarkContainsAny).
func indexRare(src, n []byte) int {
	if len(n) == 0 {
		return 0
	}
	k, rank := 0, -1
	for i, c := range n {
		r := strings.IndexByte(commonInC, c)
		if r < 0 {
			r = len(commonInC)
		}
		if r > rank {
			k, rank = i, r
		}
	}
	// n[k] can stand at src[k] to src[len(src)-len(n)+k].
	for i, end := k, len(src)-len(n)+k+1; i < end; i++ {
		j := bytes.IndexByte(src[i:end], n[k])
		if j < 0 {
			return -1
		}
		i += j
		if bytes.Equal(src[i-k:i-k+len(n)], n) {
			return i - k
		}
	}
	return -1
}

// Normalize turns CRLF and lone CR into LF, as Python's universal newlines do.
// It returns src itself when there is no CR.
func Normalize(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			out = append(out, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// Result is what File finds in one file.
type Result struct {
	Decls []*Decl // by position; empty from Each

	Errors []*Error
	// Unreadable is set, and also in Errors, when the file is not UTF-8:
	// QEMU's scripts cannot read such a file at all.
	Unreadable *Error
	// Spans are the byte ranges [start, end) of the normalised source that
	// each mark's statement covers, found or failed.
	Spans []Span
	// Failed are the indexes in Spans, ascending, of the statements that
	// failed with an error; the others each hold a declaration read.
	Failed []int
	// Text is the normalised source, when the file was lexed.
	Text string
	// LexedTo is where lexing stopped: the end of the source, or an
	// unterminated comment.
	LexedTo int
}

// Span is a byte range [Start, End).
type Span struct{ Start, End int }

// RuneName writes r for a message: itself if visible, else U+XXXX.
func RuneName(r rune) string {
	if r > ' ' && r != 0x7f && unicode.IsGraphic(r) && !unicode.IsSpace(r) {
		return fmt.Sprintf("%q", string(r))
	}
	return fmt.Sprintf("U+%04X", r)
}

// IsPySpace is Python's str.isspace, which re's \s and str.strip() match.
func IsPySpace(r rune) bool {
	switch {
	case r == ' ' || r >= '\t' && r <= '\r' || r >= 0x1c && r <= 0x1f:
		return true
	case r < 0x80:
		return false
	case r == 0x85 || r == 0xa0 || r == 0x1680 || r >= 0x2000 && r <= 0x200a,
		r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000:
		return true
	}
	return false
}

// File scans one file. src may use any newline convention; positions refer to
// lines as a text editor counts them. It never panics on any input.
//
// The result's strings (Text, token texts) share memory with src instead of
// copying it, which on large inputs is a good part of the scanner's cost:
// src must not be modified while the result is in use.
func File(name string, src []byte, marks *Marks) Result { return Each(name, src, marks, nil) }

// Each is File, but hands each declaration to f as soon as it is read
// instead of keeping them all in Result.Decls, which stays empty: the
// generator checks a declaration and drops it, so a large input's
// declarations never all take memory at once. f must not keep the *Decl
// or its Prefix, which are reused; the strings in them stay valid. With a
// nil f, Each is File.
func Each(name string, src []byte, marks *Marks, f func(*Decl)) Result {
	if !validUTF8(src) {
		e := badUTF8(name, src)
		return Result{Errors: []*Error{e}, Unreadable: e}
	}
	needles := marks.Needles()
	if !ContainsAny(src, needles) {
		return Result{}
	}
	src = Normalize(src)
	s := &scanner{text: newText(unsafe.String(unsafe.SliceData(src), len(src))), file: name, marks: marks, each: f}
	for _, n := range needles {
		s.needles = append(s.needles, string(n))
	}
	s.run()
	s.res.Text = s.src
	return s.res
}

// validUTF8 is utf8.Valid with a faster test for long ASCII runs, the
// common case of C headers: 32 bytes at a time.
func validUTF8(src []byte) bool {
	i := 0
	for ; i+32 <= len(src); i += 32 {
		b := src[i : i+32 : i+32]
		w := binary.LittleEndian.Uint64(b) | binary.LittleEndian.Uint64(b[8:]) |
			binary.LittleEndian.Uint64(b[16:]) | binary.LittleEndian.Uint64(b[24:])
		if w&0x8080808080808080 != 0 {
			break
		}
	}
	return utf8.Valid(src[i:])
}

// badUTF8 reports the first byte of src that is not UTF-8.
func badUTF8(name string, src []byte) *Error {
	src = Normalize(src)
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	return &Error{File: name, Pos: NewPositions(string(src)).At(off), Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x); input files must be UTF-8", src[off])}
}

// PosAt returns the position of byte k of d.Text.
func (d *Decl) PosAt(k int) Pos {
	if k > len(d.Text) {
		k = len(d.Text)
	}
	work.Add(k)
	nl := strings.LastIndexByte(d.Text[:k], '\n')
	if nl < 0 {
		return Pos{Line: d.Start.Line, Col: d.Start.Col + k}
	}
	return Pos{Line: d.Start.Line + strings.Count(d.Text[:k], "\n"), Col: k - nl}
}
