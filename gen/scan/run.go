package scan

import (
	"strings"
	"unicode/utf8"

	"github.com/cowrap/rules_cowrap/gen/cident"
	"github.com/cowrap/rules_cowrap/gen/internal/work"
)

// Byte classes for the fast loop in run.
const (
	cOther byte = iota
	cSpace      // ' ' and tab: skipped in place
	cSkip       // what may start a skipped run (see space): a newline, '/', '#', NUL, \x0b, \x0c, \x1c-\x1f, non-ASCII
	cQuote
	cIdent
	cDigit
	cEnd // ; { }
	cLParen
	cRParen
)

var class = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case cident.IsStart(byte(c)):
			t[c] = cIdent
		case cident.IsDigit(byte(c)):
			t[c] = cDigit
		}
	}
	t[' '], t['\t'] = cSpace, cSpace
	for _, c := range "\n\f\v/#\x00\x1c\x1d\x1e\x1f" {
		t[c] = cSkip
	}
	t['"'], t['\''] = cQuote, cQuote
	t[';'], t['{'], t['}'], t['('], t[')'] = cEnd, cEnd, cEnd, cLParen, cRParen
	for c := 0x80; c < 256; c++ {
		t[c] = cSkip
	}
	return t
}()

var identByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = cident.IsByte(byte(c))
	}
	return t
}()

// run lexes the file. Only what can matter is kept: whether a byte is in a
// comment, literal or directive, where the current statement starts, and
// brace and paren depth. Tokens are not built: identifiers are examined only
// where they overlap a needle (the bytes every mark contains), so unmarked
// code costs one table lookup per byte. White space, comments and
// directives are skipped by the lexer's own skip, as in tokenIter.
func (s *scanner) run() {
	defer func() {
		if !s.stopped {
			s.res.LexedTo = len(s.src)
		}
	}()
	work.Add(len(s.l)) // the fast pass: each byte once
	l := s.l
	n := len(l)
	needles := s.needles
	next := -1 // start of the next needle occurrence at or after i, or n
	// at[k] is the next occurrence of needles[k] found so far, so each
	// needle is searched for once per occurrence: a needle that is not in
	// the file is not searched for again at every other needle's match.
	at := make([]int, len(needles))
	for k := range at {
		at[k] = -1
	}
	findNext := func(from int) int {
		best := n
		for k, nd := range needles {
			if at[k] < from {
				at[k] = n
				if j := strings.Index(l[from:], nd); j >= 0 {
					at[k] = from + j
				}
				work.Add(at[k] - from)
			}
			best = min(best, at[k])
		}
		return best
	}
	ln, stmt := line{bol: true}, -1 // stmt: offset of the statement's first token, or -1
	for i := 0; i < n; {
		c := l[i]
		switch class[c] {
		case cSpace:
			i++
			continue
		case cSkip:
			var ok bool
			if i, ok = s.space(i, &ln, inCode); !ok {
				return
			}
			if i >= n || class[l[i]] != cSkip {
				continue
			}
			// A token that starts like a skipped run: '/', '#', a visible non-ASCII character.
			c = l[i]
			if c >= utf8.RuneSelf {
				if stmt < 0 {
					stmt = i
				}
				for i++; i < n && l[i]&0xC0 == 0x80; i++ {
				}
				ln.bol = false
				continue
			}
		case cQuote:
			_, end, ok := s.next(i, false)
			if !ok {
				// Resume on the next line so one stray quote does not hide the rest.
				i, stmt = lineEnd(l, end), -1
				continue
			}
			if stmt < 0 {
				stmt = i
			}
			ln.bol, i = false, end
			continue
		case cEnd:
			switch c {
			case '{':
				linkage := stmt >= 0 && s.isLinkage(stmt, i)
				if s.body != nil && !linkage && s.depth == 0 && stmt >= 0 {
					s.body(stmt, i)
				}
				s.braces = append(s.braces, linkage)
				if !linkage {
					s.depth++
				}
			case '}':
				if n := len(s.braces); n > 0 {
					if !s.braces[n-1] {
						s.depth--
					}
					s.braces = s.braces[:n-1]
				}
			}
			ln.bol, stmt, s.paren = false, -1, 0
			i++
			continue
		case cLParen:
			s.paren++
		case cRParen:
			if s.paren > 0 {
				s.paren--
			}
		case cIdent, cDigit:
			j := i + 1
			for j < n && identByte[l[j]] {
				j++
			}
			if next < i {
				next = findNext(i)
			}
			ln.bol = false
			if class[c] == cIdent && next < j {
				if end, ok := s.candidate(stmt, i, j, &ln); ok {
					i, stmt = end, -1
					continue
				}
			}
			if stmt < 0 {
				stmt = i
			}
			i = j
			continue
		}
		// A one-byte token.
		if stmt < 0 {
			stmt = i
		}
		ln.bol = false
		i++
	}
}

// candidate looks at the identifier l[i:j], which contains a needle. If it
// is a mark, it parses the declaration and returns where to resume. An
// identifier that merely contains a mark (disco_wrapper, co_wrapper_calls
// in a struct, blocking_state for the mark blocking) is an ordinary word of
// its statement; where QEMU's scripts would still read a mark in it, the
// generator reports it by comparing with the script's matches.
func (s *scanner) candidate(stmt, i, j int, ln *line) (int, bool) {
	tok := Token{Text: s.l[i:j], Off: i}
	if !s.marks.Is(tok.Text) || !s.marks.isName(tok.Text) && !s.callFollows(j) {
		return j, false
	}
	s.prefix(stmt, i)
	tok.Pos = s.pos(i)
	start := i
	if len(s.stmt) > 0 {
		start = s.stmt[0].Off
	}
	end, ok := s.decl(tok, j, ln)
	if !ok {
		s.res.Failed = append(s.res.Failed, len(s.res.Spans))
	}
	s.res.Spans = append(s.res.Spans, Span{Start: s.orig(start), End: s.orig(end)})
	return end, true
}

// callFollows reports whether `NAME (` follows offset i: a variant-style
// identifier (co_wrapper_calls) is a mark only before a function name.
func (s *scanner) callFollows(i int) bool {
	s.quiet = true
	defer func() { s.quiet = false }()
	it := s.tokens(i, line{})
	name, ok := it.next(len(s.l))
	if !ok || !name.IsIdent() {
		return false
	}
	paren, ok := it.next(len(s.l))
	return ok && paren.Text == "("
}

// prefix lexes the statement's tokens from stmt up to end into s.stmt.
func (s *scanner) prefix(stmt, end int) {
	s.stmt = s.stmt[:0]
	if stmt < 0 {
		return
	}
	for it := s.tokens(stmt, line{}); ; {
		tok, ok := it.next(end)
		if !ok {
			return
		}
		s.stmt = append(s.stmt, tok)
	}
}
