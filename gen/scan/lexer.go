package scan

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cowrap/rules_cowrap/gen/internal/work"
)

// This file is phase 3 of the front end (see phases.go): comments as white
// space, tokens, and directives, on the logical text. It is the only code of
// the generator that recognises a comment, a literal or a directive.

type scanner struct {
	text
	file    string
	marks   *Marks
	needles []string // marks.Needles()
	res     Result

	stmt    []Token // tokens of the current statement (since ; { } or file start)
	scratch []Token // reused by collect
	depth   int     // brace depth, not counting extern "C" blocks
	braces  []bool  // open braces, innermost last: is it an extern "C" block
	// reported marks offsets of invisible characters already reported, as
	// prefix lexes a statement's text a second time.
	reported map[int]bool
	quiet    bool // errorf does nothing and nothing is recorded: looking ahead
	// noise, when not nil, records the first comment or directive met
	// (NonToken).
	noise   *nonToken
	stopped bool // at an unterminated comment
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
	// body, when set, is called at each file-scope '{' that opens no
	// extern "C" block, with the offset of its statement's first token:
	// Definitions lexes that statement, and run skips the body as it skips
	// everything, without tokens.
	body func(stmt, brace int)
}

// line is where the lexer is in its logical line.
type line struct {
	bol   bool // no token since the line's start: '#' begins a directive
	start int  // the offset where the line starts
}

func (s *scanner) errorf(off int, format string, args ...any) {
	if s.quiet {
		return
	}
	s.res.Errors = append(s.res.Errors, &Error{File: s.file, Pos: s.pos(off), Msg: fmt.Sprintf(format, args...)})
}

// tokenIter is the scanner's one token lexer, for everything that needs the
// tokens themselves (the fast pass in run only tracks statements): it
// returns the C tokens from a logical offset, skipping white space,
// comments, directives and invisible characters (reported once each). In a
// directive (mode inDirective) it returns the directive's tokens up to its
// line's end.
type tokenIter struct {
	s    *scanner
	i    int // where the next token is looked for; after the last, where lexing stopped
	ln   line
	mode lexMode // inCode or inDirective
	bad  bool    // stopped at an unterminated literal, which ends at i
}

func (s *scanner) tokens(i int, ln line) tokenIter { return tokenIter{s: s, i: i, ln: ln} }

// next returns the next token if it starts before limit. It returns false at
// limit, at the end of the text, at an unterminated comment (s.stopped),
// at an unterminated literal (bad), or in a directive at its line's end.
func (t *tokenIter) next(limit int) (Token, bool) {
	from := t.i
	i, ok := t.s.space(t.i, &t.ln, t.mode)
	t.i = i
	if !ok || i >= limit || i >= len(t.s.l) || t.s.l[i] == '\n' {
		return Token{}, false
	}
	tok, end, ok := t.s.next(i, t.mode == inDirective)
	work.Add(end - from) // what it skipped and lexed: each look-ahead counts
	t.i = end
	if !ok {
		t.bad = true
		return Token{}, false
	}
	t.ln.bol = false
	return tok, true
}

// lexMode says where space is: in code, where it skips directives too; in
// a directive, which ends at its newline; or looking for the next
// directive, where it stops at its '#'.
type lexMode uint8

const (
	inCode lexMode = iota
	inDirective
	toDirective
)

// space skips white space, comments, invisible characters and, outside a
// directive, directives from i; in a directive it stops at the newline
// that ends it, and skips invisible characters without a message
// (they are not the script's concern there). ok is false at an
// unterminated comment.
func (s *scanner) space(i int, ln *line, mode lexMode) (int, bool) {
	l := s.l
	// The usual case, a token after no space or one: nothing to skip.
	for i < len(l) && l[i] == ' ' {
		i++
	}
	if i < len(l) && class[l[i]] != cSkip && class[l[i]] != cSpace {
		return i, true
	}
	for i < len(l) {
		c := l[i]
		switch {
		case c == '#' && ln.bol && mode != inDirective:
			if mode == toDirective {
				return i, true
			}
			var ok bool
			if i, ok = s.directive(i); !ok {
				return i, false
			}
		case c == '\n':
			if mode == inDirective {
				return i, true
			}
			ln.bol, ln.start = true, i+1
			i++
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			i++
		case c == '/' && i+1 < len(l) && l[i+1] == '/':
			s.note(i, "a // comment")
			i = lineEnd(l, i)
		case c == '/' && i+1 < len(l) && l[i+1] == '*':
			s.note(i, "a /* comment */")
			end := strings.Index(l[i+2:], "*/")
			if end < 0 {
				if !s.quiet {
					s.errorf(i, "unterminated /* comment")
					s.stopped = true
					s.res.LexedTo = s.orig(i)
				}
				return len(l), false
			}
			i += 2 + end + 2
		case c == 0 || c >= 0x1c && c <= 0x1f || c >= utf8.RuneSelf:
			k := s.invisible(i, mode == inDirective)
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

// lineEnd returns the offset of the newline ending the line at i.
func lineEnd(l string, i int) int {
	if k := strings.IndexByte(l[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(l)
}

// invisible reports a NUL or a character that Python's re counts as
// whitespace but C does not (U+00A0, U+3000, \x1c...) at i, and returns its
// length, so that it is skipped like a space after one message (none when
// quiet); 0 if l[i] starts no such character.
func (s *scanner) invisible(i int, quiet bool) int {
	r, n := rune(s.l[i]), 1
	if r >= utf8.RuneSelf {
		r, n = utf8.DecodeRuneInString(s.l[i:])
	}
	if r != 0 && !IsPySpace(r) {
		return 0
	}
	if quiet || s.quiet {
		return n
	}
	if s.reported == nil {
		s.reported = map[int]bool{}
	}
	if !s.reported[i] {
		s.reported[i] = true
		if r == 0 {
			s.errorf(i, "NUL byte: C source must not contain NUL bytes")
		} else {
			s.errorf(i, "invisible character %s: Python's \\s counts it as a space, C does not; use a plain space", RuneName(r))
		}
	}
	return n
}

// directive reads the directive whose '#' is at i and returns the offset of
// the newline that ends it: its tokens, so a comment or a literal on it is
// one, and a comment that spans lines continues it. The first time a
// directive is read it is handed to conditional.
func (s *scanner) directive(i int) (int, bool) {
	s.note(i, "a preprocessor line")
	it := tokenIter{s: s, i: i + 1, mode: inDirective}
	if i >= s.seenDirective && !s.quiet {
		s.seenDirective = i + 1
		s.conditional(i, &it)
	}
	// Most directives (#define X (1 << 2)) hold nothing that could start a
	// comment or a literal: their line's newline ends them, without lexing.
	j := it.i
	for j < len(s.l) && s.l[j] != '\n' && !opensToken[s.l[j]] {
		j++
	}
	if j == len(s.l) || s.l[j] == '\n' {
		work.Add(j - it.i)
		return j, true
	}
	for {
		if _, ok := it.next(len(s.l)); !ok {
			return it.i, !s.stopped || s.quiet
		}
	}
}

// opensToken are the bytes that may start a comment or a literal: a
// directive's line without them ends at its newline.
var opensToken = [256]bool{'/': true, '"': true, '\'': true}

// next lexes one token starting at i (not a space or comment) and returns it
// with the offset after it. ok is false on an unterminated literal; in a
// directive (dir) such a literal is one token to the line's end, as
// compilers read `#error don't`.
func (s *scanner) next(i int, dir bool) (tok Token, end int, ok bool) {
	l := s.l
	c := l[i]
	j := i + 1
	switch {
	case class[c] == cIdent:
		for j < len(l) && identByte[l[j]] {
			j++
		}
	case class[c] == cDigit:
		for j < len(l) && (identByte[l[j]] || l[j] == '.') {
			j++
		}
	case c == '"' || c == '\'':
		for j < len(l) && l[j] != c && l[j] != '\n' {
			if l[j] == '\\' && j+1 < len(l) && l[j+1] != '\n' {
				j++
			}
			j++
		}
		if j >= len(l) || l[j] != c {
			if dir {
				return Token{Text: l[i:j], Off: i}, j, true
			}
			s.errorf(i, "unterminated %s literal", map[byte]string{'"': "string", '\'': "character"}[c])
			return Token{}, j, false
		}
		j++
	case c >= utf8.RuneSelf:
		for j < len(l) && l[j]&0xC0 == 0x80 {
			j++
		}
	}
	return Token{Text: l[i:j], Off: i}, j, true
}

// nonToken is what C reads as white space or a directive, not as tokens.
type nonToken struct {
	off  int
	what string
}

// note records the first non-token at logical offset off, when asked to.
func (s *scanner) note(off int, what string) {
	if s.noise != nil && s.noise.off < 0 {
		s.noise.off, s.noise.what = off, what
	}
}

// NonToken finds the first thing in text, C source that starts inside a
// line, that C's translation phases take out before tokens are read: a
// backslash-newline, a comment or a directive line. It returns its offset
// in text and what it is, or -1. QEMU's scripts read such text as part of
// a declaration.
func NonToken(text string) (int, string) {
	if !strings.ContainsAny(text, "/\\#") { // none can start: the usual case, without lexing
		return -1, ""
	}
	s := &scanner{text: newText(text), quiet: true, noise: &nonToken{off: -1}}
	for it := s.tokens(0, line{}); ; {
		if _, ok := it.next(len(s.l)); !ok && !it.bad {
			break
		} else if !ok {
			it = s.tokens(lineEnd(s.l, it.i), line{})
		}
	}
	off, what := s.noise.off, s.noise.what
	if off >= 0 {
		off = s.orig(off)
	}
	if len(s.splices) > 0 && (off < 0 || s.splices[0] <= off) {
		return s.splices[0], "a backslash-newline"
	}
	return off, what
}
