package scan

import (
	"strconv"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/cident"
	"github.com/cowrap/rules_cowrap/gen/internal/work"
)

// decl parses the declaration whose mark was just lexed; s.stmt holds the
// tokens before it. It returns the offset to resume lexing at, and whether
// a declaration was read. The tokens' offsets are logical; the Decl's are
// the normalised source's (phases.go).
func (s *scanner) decl(mark Token, i int, ln *line) (int, bool) {
	defer func() { s.stmt = s.stmt[:0]; s.paren = 0 }()
	if s.depth > 0 || s.paren > 0 {
		where := "braces"
		if s.depth == 0 {
			where = "parentheses"
		}
		s.errorf(mark.Off, "mark %q inside %s: wrapper declarations must be at file scope", mark.Text, where)
		return i, false
	}
	if c, ok := s.inConditional(); ok {
		s.errorf(mark.Off, "mark %q inside the #if block at line %d: cowrap does not evaluate the preprocessor, so the wrapper would be written even where its declaration is compiled out; declare it unconditionally", mark.Text, s.pos(c.off).Line)
	}
	rest, i, term, hasTerm := s.collect(i, ln)
	d := Decl{File: s.file, Mark: mark}
	d.Mark.Off = s.orig(mark.Off)
	if len(s.stmt) > 0 {
		if s.each != nil {
			d.Prefix = s.prefixBuf[:0]
		} else {
			d.Prefix = s.allocTokens(len(s.stmt))[:0]
		}
		for _, t := range s.stmt {
			t.Pos = s.pos(t.Off)
			t.Off = s.orig(t.Off)
			d.Prefix = append(d.Prefix, t)
		}
		if s.each != nil {
			s.prefixBuf = d.Prefix
		}
	}
	if len(d.Prefix) == 0 {
		s.errorf(mark.Off, "expected a return type before mark %q", mark.Text)
		return i, false
	}
	d.Start, d.Off = d.Prefix[0].Pos, d.Prefix[0].Off
	found := func(k int) string {
		if k < len(rest) {
			return "found " + quote(rest[k].Text)
		}
		if hasTerm {
			return "found " + quote(term.Text)
		}
		return "found end of file"
	}
	at := func(k int) int {
		if k < len(rest) {
			return rest[k].Off
		}
		if hasTerm {
			return term.Off
		}
		return len(s.l)
	}
	if len(rest) == 0 || !rest[0].IsIdent() {
		s.errorf(at(0), "expected the function name after mark %q, %s", mark.Text, found(0))
		return i, false
	}
	d.Name = rest[0]
	d.Name.Pos = s.pos(d.Name.Off)
	d.Name.Off = s.orig(d.Name.Off)
	if len(rest) < 2 || rest[1].Text != "(" {
		s.errorf(at(1), "expected '(' after %q, %s", d.Name.Text, found(1))
		return i, false
	}
	lp := rest[1].Off
	nest, rp := 0, -1
	for k := 1; k < len(rest); k++ {
		switch rest[k].Text {
		case "(":
			nest++
		case ")":
			nest--
		}
		if nest == 0 {
			rp = k
			break
		}
	}
	if rp < 0 {
		s.errorf(lp, "unclosed '(' in the declaration of %q", d.Name.Text)
		return i, false
	}
	if rp != len(rest)-1 || !hasTerm || term.Text != ";" {
		s.errorf(at(rp+1), "expected ';' after the parameter list of %q, %s", d.Name.Text, found(rp+1))
		return i, false
	}
	semi, lp, rpOff := s.orig(term.Off), s.orig(lp), s.orig(rest[rp].Off)
	d.ParamsText = s.src[lp+1 : rpOff]
	d.ParamsPos = s.opos(lp + 1)
	d.Text = s.src[d.Off : semi+1]
	d.End = semi + 1
	d.LineEnd = semi+1 == len(s.src) || s.src[semi+1] == '\n'
	d.lp, d.rp = lp-d.Off, rpOff-d.Off
	if o, ok := s.spliceIn(d.Off, d.End); ok {
		d.Splice = 1 + o - d.Off
	}
	if s.each != nil {
		s.declBuf = d
		s.each(&s.declBuf)
		return i, true
	}
	if len(s.decls) == 0 {
		s.decls = make([]Decl, 64)
	}
	s.decls[0] = d
	s.res.Decls = append(s.res.Decls, &s.decls[0])
	s.decls = s.decls[1:]
	return i, true
}

// allocTokens returns n tokens from a shared block.
func (s *scanner) allocTokens(n int) []Token {
	if len(s.toks) < n {
		s.toks = make([]Token, max(n, 256))
	}
	t := s.toks[:n:n]
	s.toks = s.toks[n:]
	return t
}

// quote writes a token for a message, invisible characters as U+XXXX.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		if r < 0x80 && r > ' ' && r != 0x7f {
			b.WriteRune(r)
		} else {
			b.WriteString(strings.Trim(RuneName(r), `"`))
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// collect lexes the tokens after a mark up to the statement's end. The
// terminator is ';' (consumed), '{' or '}' (left for the main loop), or
// another mark outside parentheses, after the name: a declaration missing
// its ';' then ends before the line holding that mark, so the next
// declaration is still read. ok is false at the end of the file. toks is
// reused by the next call.
func (s *scanner) collect(i int, ln *line) (toks []Token, end int, term Token, ok bool) {
	toks = s.scratch[:0]
	defer func() { s.scratch = toks }()
	it := s.tokens(i, *ln)
	defer func() { *ln = it.ln }()
	paren := 0
	for {
		tok, ok := it.next(len(s.src))
		if !ok {
			if it.bad {
				return toks, lineEnd(s.l, it.i), Token{}, false
			}
			return toks, it.i, Token{}, false
		}
		switch tok.Text {
		case ";":
			return toks, it.i, tok, true
		case "{", "}":
			return toks, tok.Off, tok, true
		case "(":
			paren++
		case ")":
			paren--
		default:
			if len(toks) > 0 && paren <= 0 && tok.IsIdent() && s.marks.Is(tok.Text) {
				return beforeMark(toks, tok, it.ln.start)
			}
		}
		toks = append(toks, tok)
	}
}

// beforeMark ends a statement that runs into the mark tok, on the line
// that starts at lineStart: it ends before the first of toks on that line,
// or at tok itself.
func beforeMark(toks []Token, tok Token, lineStart int) ([]Token, int, Token, bool) {
	k := len(toks)
	for k > 0 && toks[k-1].Off >= lineStart {
		k--
	}
	work.Add(len(toks) - k)
	if k == 0 {
		k = 1 // keep the name
	}
	if k < len(toks) {
		return toks[:k], toks[k].Off, toks[k], true
	}
	return toks, tok.Off, tok, true
}

// Params reads the parameters as C does: each is TYPE NAME, where NAME is the
// last identifier. It lexes them on demand, as only the general grammar
// (templates) needs them.
func (d *Decl) Params() ([]Param, *Error) {
	s := &scanner{text: newText(d.Text), file: d.File}
	var toks []Token
	for it := s.tokens(s.logical(d.lp+1), line{}); ; {
		tok, ok := it.next(s.logical(d.rp))
		if !ok {
			break
		}
		toks = append(toks, tok)
	}
	ps, err := s.params(d.Name.Text, toks)
	for k := range ps {
		ps[k].Pos = d.abs(ps[k].Pos)
	}
	if err != nil {
		err.Pos = d.abs(err.Pos)
	}
	return ps, err
}

// unnamed reports whether the parameter piece, which ends in an
// identifier, declares no name by C's declarator rules: the identifier is a
// type keyword (`unsigned long`, `char *const`) or a tag (`struct st`), or it
// is all there is (a typedef name).
func unnamed(piece []Token) bool {
	n := len(piece)
	return n == 1 || cident.IsTypeKeyword(piece[n-1].Text) || cident.IsTagKeyword(piece[n-2].Text)
}

// abs turns a position within d.Text into one within the file.
func (d *Decl) abs(p Pos) Pos {
	if p.Line == 1 {
		return Pos{d.Start.Line, d.Start.Col + p.Col - 1}
	}
	return Pos{d.Start.Line + p.Line - 1, p.Col}
}

// params splits the parameter tokens at top-level commas and reads each as
// TYPE NAME, where NAME is the last identifier.
func (s *scanner) params(fn string, toks []Token) ([]Param, *Error) {
	if len(toks) == 0 || len(toks) == 1 && toks[0].Text == "void" {
		return nil, nil
	}
	var out []Param
	fail := func(off int, msg string) ([]Param, *Error) {
		return out, &Error{File: s.file, Pos: s.pos(off), Msg: msg}
	}
	start, nest := 0, 0
	for k := 0; k <= len(toks); k++ {
		if k < len(toks) {
			switch toks[k].Text {
			case "(":
				nest++
			case ")":
				nest--
			}
			if toks[k].Text != "," || nest > 0 {
				continue
			}
		}
		piece := toks[start:k]
		n := len(out) + 1
		switch {
		case len(piece) == 0:
			last := toks[len(toks)-1]
			off := last.Off + len(last.Text) // a missing last parameter: just before ')'
			if k < len(toks) {
				off = toks[k].Off
			}
			return fail(off, "empty parameter "+strconv.Itoa(n)+" in the declaration of "+quote(fn))
		case !piece[len(piece)-1].IsIdent():
			return fail(piece[0].Off, "parameter "+strconv.Itoa(n)+" of "+quote(fn)+" must be TYPE NAME; arrays and function pointers need a typedef")
		case unnamed(piece):
			return fail(piece[0].Off, "parameter "+strconv.Itoa(n)+" of "+quote(fn)+" has no name")
		}
		name := piece[len(piece)-1]
		var typ strings.Builder
		for j, t := range piece[:len(piece)-1] {
			if j > 0 && t.Off > piece[j-1].Off+len(piece[j-1].Text) {
				typ.WriteByte(' ')
			}
			typ.WriteString(t.Text)
		}
		out = append(out, Param{Type: typ.String(), Name: name.Text, Pos: s.pos(piece[0].Off)})
		start = k + 1
	}
	return out, nil
}
