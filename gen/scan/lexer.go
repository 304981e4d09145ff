package scan

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

type scanner struct {
	file    string
	src     string // the normalised source; tokens are substrings of it
	marks   *Marks
	needles []string // marks.Needles()
	res     Result
	// The position cursor: offset cur is on line curLine, which starts at curStart.
	cur, curLine, curStart int

	stmt    []Token // tokens of the current statement (since ; { } or file start)
	scratch []Token // reused by collect
	depth   int     // brace depth, not counting extern "C" blocks
	braces  []bool  // open braces, innermost last: is it an extern "C" block
	// reported marks offsets of invisible characters already reported, as
	// prefix lexes a statement's text a second time.
	reported map[int]bool
	quiet    bool // errorf does nothing: looking ahead
	stopped  bool // at an unterminated comment
	// conds are the open #if blocks; seenDirective is past the last
	// directive they account for, as statements are lexed twice.
	conds         []cond
	seenDirective int
	paren         int // paren depth within the statement
	// each, when set, takes every declaration instead of res.Decls;
	// declBuf and prefixBuf are then reused for each. Otherwise decls and toks are
	// allocated in blocks: one allocation for many declarations.
	each      func(*Decl)
	declBuf   Decl
	prefixBuf []Token
	decls     []Decl
	toks      []Token
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentChar(c byte) bool  { return isIdentStart(c) || c >= '0' && c <= '9' }

// pos converts a byte offset to a position. Lookups cluster and mostly move
// forward, so it keeps a cursor and counts the newlines between it and off.
func (s *scanner) pos(off int) Pos {
	if off >= s.cur {
		seg := s.src[s.cur:off]
		if n := strings.Count(seg, "\n"); n > 0 {
			s.curLine += n
			s.curStart = s.cur + strings.LastIndexByte(seg, '\n') + 1
		}
	} else if n := strings.Count(s.src[off:s.cur], "\n"); n > 0 {
		s.curLine -= n
		s.curStart = strings.LastIndexByte(s.src[:off], '\n') + 1
	}
	s.cur = off
	return Pos{Line: s.curLine, Col: off - s.curStart + 1}
}

// callFollows reports whether `NAME (` follows offset i: a variant-style
// identifier (co_wrapper_calls) is a mark only before a function name.
func (s *scanner) callFollows(i int) bool {
	s.quiet = true
	defer func() { s.quiet = false }()
	it := s.tokens(i, false)
	name, ok := it.next(len(s.src))
	if !ok || !name.IsIdent() {
		return false
	}
	paren, ok := it.next(len(s.src))
	return ok && paren.Text == "("
}

// tokenIter is the scanner's one token lexer, for everything that needs the
// tokens themselves (the fast pass in run only tracks statements): it
// returns the C tokens from an offset, skipping spaces, comments,
// preprocessor lines and invisible characters (reported once each).
type tokenIter struct {
	s   *scanner
	i   int  // where the next token is looked for; after the last, where lexing stopped
	bol bool // i is at a line start, where '#' begins a directive
	bad bool // stopped at an unterminated literal, which ends at i
}

func (s *scanner) tokens(i int, bol bool) tokenIter { return tokenIter{s: s, i: i, bol: bol} }

// next returns the next token if it starts before limit. It returns false at
// limit, at the end of the source, at an unterminated comment (s.stopped)
// or at an unterminated literal (bad).
func (t *tokenIter) next(limit int) (Token, bool) {
	i, ok := t.s.skip(t.i, &t.bol)
	t.i = i
	if !ok || i >= limit || i >= len(t.s.src) {
		return Token{}, false
	}
	tok, end, ok := t.s.next(i)
	t.i = end
	if !ok {
		t.bad = true
		return Token{}, false
	}
	t.bol = false
	return tok, true
}

func (s *scanner) errorf(off int, format string, args ...any) {
	if s.quiet {
		return
	}
	s.res.Errors = append(s.res.Errors, &Error{File: s.file, Pos: s.pos(off), Msg: fmt.Sprintf(format, args...)})
}

// skip returns the offset of the next token at or after i, past spaces,
// comments, preprocessor lines and invisible characters. ok is false when an
// unterminated comment ran to the end of the file.
func (s *scanner) skip(i int, bol *bool) (int, bool) {
	src := s.src
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			*bol = true
			i++
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			i++
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			i = s.lineEnd(i)
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := indexFrom(src, i+2, "*/")
			if end < 0 {
				s.errorf(i, "unterminated /* comment")
				s.stopped = true
				s.res.LexedTo = i
				return len(src), false
			}
			i = end + 2
		case c == '#' && *bol:
			i = s.directiveEnd(i)
		case c == 0 || c >= 0x1c && c <= 0x1f || c >= utf8.RuneSelf:
			k := s.invisible(i)
			if k == 0 {
				return i, true
			}
			i += k
		default:
			return i, true
		}
	}
	return i, true
}

// invisible reports a NUL or a character that Python's re counts as
// whitespace but C does not (U+00A0, U+3000, \x1c...) at i, and returns its
// length, so that it is skipped like a space after one message; 0 if src[i]
// starts no such character.
func (s *scanner) invisible(i int) int {
	r, n := rune(s.src[i]), 1
	if r >= utf8.RuneSelf {
		r, n = utf8.DecodeRuneInString(s.src[i:])
	}
	if r != 0 && !IsPySpace(r) {
		return 0
	}
	if s.reported == nil {
		s.reported = map[int]bool{}
	}
	if !s.reported[i] && !s.quiet {
		s.reported[i] = true
		if r == 0 {
			s.errorf(i, "NUL byte: C source must not contain NUL bytes")
		} else {
			s.errorf(i, "invisible character %s: Python's \\s counts it as a space, C does not; use a plain space", RuneName(r))
		}
	}
	return n
}

// conditional keeps the stack of #if blocks open at the directive at i. An
// include guard (#ifndef X right before #define X) is not conditional.
func (s *scanner) conditional(i int) {
	word := func(j int) (string, int) {
		for j < len(s.src) && (s.src[j] == ' ' || s.src[j] == '\t') {
			j++
		}
		k := j
		for k < len(s.src) && isIdentChar(s.src[k]) {
			k++
		}
		return s.src[j:k], k
	}
	name, j := word(i + 1)
	switch name {
	case "if", "ifdef", "ifndef":
		guard := false
		if name == "ifndef" {
			macro, k := word(j)
			if nl := strings.IndexByte(s.src[k:], '\n'); nl >= 0 {
				next := strings.TrimLeft(s.src[k+nl+1:], " \t")
				guard = strings.HasPrefix(next, "#define "+macro) || strings.HasPrefix(next, "# define "+macro)
			}
		}
		s.conds = append(s.conds, cond{off: i, guard: guard})
	case "elif", "else":
		if n := len(s.conds); n > 0 {
			s.conds[n-1].guard = false
		}
	case "endif":
		if n := len(s.conds); n > 0 {
			s.conds = s.conds[:n-1]
		}
	}
}

// inConditional returns the innermost #if block (not an include guard)
// open at the current position.
func (s *scanner) inConditional() (cond, bool) {
	for k := len(s.conds) - 1; k >= 0; k-- {
		if !s.conds[k].guard {
			return s.conds[k], true
		}
	}
	return cond{}, false
}

type cond struct {
	off   int
	guard bool
}

// isLinkage reports whether the statement src[stmt:brace] is `extern "C"`,
// whose block does not nest what it holds (C++ guards in every real header).
func (s *scanner) isLinkage(stmt, brace int) bool {
	t, ok := strings.CutPrefix(s.src[stmt:brace], "extern")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsSpace(r) && strings.TrimFunc(t, unicode.IsSpace) == `"C"`
}

func indexFrom(src string, from int, sep string) int {
	k := strings.Index(src[from:], sep)
	if k < 0 {
		return -1
	}
	return from + k
}

// lineEnd returns the offset of the newline ending a // comment, honouring
// backslash continuations.
func (s *scanner) lineEnd(i int) int {
	for i < len(s.src) && s.src[i] != '\n' {
		if s.src[i] == '\\' && i+1 < len(s.src) && s.src[i+1] == '\n' {
			i++
		}
		i++
	}
	return i
}

// directiveEnd skips a preprocessor line, with its continuations and any
// comment that starts on it.
func (s *scanner) directiveEnd(i int) int {
	if i >= s.seenDirective && !s.quiet {
		s.seenDirective = i + 1
		s.conditional(i)
	}
	src := s.src
	for i < len(src) && src[i] != '\n' {
		switch {
		case src[i] == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
		case src[i] == '/' && i+1 < len(src) && src[i+1] == '*':
			end := indexFrom(src, i+2, "*/")
			if end < 0 {
				return len(src)
			}
			i = end + 2
		case src[i] == '/' && i+1 < len(src) && src[i+1] == '/':
			return s.lineEnd(i)
		default:
			i++
		}
	}
	return i
}

// next lexes one token starting at i (not a space or comment) and returns it
// with the offset after it. ok is false on an unterminated literal.
func (s *scanner) next(i int) (tok Token, end int, ok bool) {
	src := s.src
	c := src[i]
	j := i + 1
	switch {
	case isIdentStart(c):
		for j < len(src) && isIdentChar(src[j]) {
			j++
		}
	case c >= '0' && c <= '9':
		for j < len(src) && (isIdentChar(src[j]) || src[j] == '.') {
			j++
		}
	case c == '"' || c == '\'':
		for j < len(src) && src[j] != c && src[j] != '\n' {
			if src[j] == '\\' && j+1 < len(src) {
				j++
			}
			j++
		}
		if j >= len(src) || src[j] != c {
			s.errorf(i, "unterminated %s literal", map[byte]string{'"': "string", '\'': "character"}[c])
			return Token{}, j, false
		}
		j++
	case c >= 0x80:
		for j < len(src) && src[j]&0xC0 == 0x80 {
			j++
		}
	}
	return Token{Text: src[i:j], Off: i}, j, true
}

// Byte classes for the fast loop in run.
const (
	cOther byte = iota
	cSpace      // ' ' and tab: skipped in place
	cSkip       // what may start a skipped run (see skip): a newline, '/', '#', '\\', NUL, \x0b, \x0c, \x1c-\x1f, non-ASCII
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
		case isIdentStart(byte(c)):
			t[c] = cIdent
		case c >= '0' && c <= '9':
			t[c] = cDigit
		}
	}
	t[' '], t['\t'] = cSpace, cSpace
	for _, c := range "\n\f\v/#\\\x00\x1c\x1d\x1e\x1f" {
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
		t[c] = isIdentChar(byte(c))
	}
	return t
}()

// run lexes the file. Only what can matter is kept: whether a byte is in a
// comment, literal or directive, where the current statement starts, and
// brace and paren depth. Tokens are not built: identifiers are examined only
// where they overlap a needle (the bytes every mark contains), so unmarked
// code costs one table lookup per byte. Spaces, comments and directives are
// skipped by the same code as in tokenIter.
func (s *scanner) run() {
	defer func() {
		if !s.stopped {
			s.res.LexedTo = len(s.src)
		}
	}()
	src := s.src
	n := len(src)
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
				if j := strings.Index(src[from:], nd); j >= 0 {
					at[k] = from + j
				}
			}
			best = min(best, at[k])
		}
		return best
	}
	bol, stmt := true, -1 // stmt: offset of the statement's first token, or -1
	for i := 0; i < n; {
		c := src[i]
		switch class[c] {
		case cSpace:
			i++
			continue
		case cSkip:
			var ok bool
			if i, ok = s.skip(i, &bol); !ok {
				return
			}
			if i >= n || class[src[i]] != cSkip {
				continue
			}
			// A token that starts like a skipped run: '/', '#', '\\', a visible non-ASCII character.
			c = src[i]
			if c >= utf8.RuneSelf {
				if stmt < 0 {
					stmt = i
				}
				for i++; i < n && src[i]&0xC0 == 0x80; i++ {
				}
				bol = false
				continue
			}
		case cQuote:
			_, end, ok := s.next(i)
			if !ok {
				// Resume on the next line so one stray quote does not hide the rest.
				i, stmt = s.lineEnd(end), -1
				continue
			}
			if stmt < 0 {
				stmt = i
			}
			bol, i = false, end
			continue
		case cEnd:
			switch c {
			case '{':
				linkage := stmt >= 0 && s.isLinkage(stmt, i)
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
			bol, stmt, s.paren = false, -1, 0
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
			for j < n && identByte[src[j]] {
				j++
			}
			if next < i {
				next = findNext(i)
			}
			if class[c] == cIdent && next < j {
				bol = false
				i = s.candidate(stmt, i, j, &bol)
				stmt = -1
				continue
			}
			if stmt < 0 {
				stmt = i
			}
			bol, i = false, j
			continue
		}
		// A one-byte token.
		if stmt < 0 {
			stmt = i
		}
		bol = false
		i++
	}
}

// candidate looks at the identifier src[i:j], which contains a needle. It
// returns where to resume, having parsed a declaration if it is a mark.
// Identifiers that merely contain a mark (disco_wrapper, co_wrapper_calls in
// a struct) are not marks; where QEMU's scripts would still read one as a
// mark, the generator reports it by comparing with the script's matches.
func (s *scanner) candidate(stmt, i, j int, bol *bool) int {
	tok := Token{Text: s.src[i:j], Off: i}
	if !s.marks.Is(tok.Text) || !s.marks.isName(tok.Text) && !s.callFollows(j) {
		return j
	}
	s.prefix(stmt, i)
	tok.Pos = s.pos(i)
	start := i
	if len(s.stmt) > 0 {
		start = s.stmt[0].Off
	}
	end := s.decl(tok, j, bol)
	s.res.Spans = append(s.res.Spans, Span{start, end})
	return end
}

// prefix lexes the statement's tokens from stmt up to end into s.stmt.
func (s *scanner) prefix(stmt, end int) {
	s.stmt = s.stmt[:0]
	if stmt < 0 {
		return
	}
	for it := s.tokens(stmt, false); ; {
		tok, ok := it.next(end)
		if !ok {
			return
		}
		s.stmt = append(s.stmt, tok)
	}
}
