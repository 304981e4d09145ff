package scan

import (
	"bytes"
	"fmt"
	"sort"
)

type scanner struct {
	file  string
	src   []byte
	text  string // src as a string, so tokens are substrings, not copies
	marks *Marks
	res   Result
	lines []int // offsets of line starts, built on first use
	line  int   // index into lines of the last lookup: lookups mostly move forward

	stmt    []Token // tokens of the current statement (since ; { } or file start)
	scratch []Token // reused by collect
	depth   int     // brace depth
	paren   int     // paren depth within the statement
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentChar(c byte) bool  { return isIdentStart(c) || c >= '0' && c <= '9' }
func isLower(c byte) bool      { return c >= 'a' && c <= 'z' }
func allIdentLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(isLower(s[i]) || s[i] >= '0' && s[i] <= '9' || s[i] == '_') {
			return false
		}
	}
	return true
}

func (s *scanner) pos(off int) Pos {
	if s.lines == nil {
		s.lines = append(s.lines, 0)
		for i, c := range s.src {
			if c == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	l := s.line
	if off < s.lines[l] || l+1 < len(s.lines) && off >= s.lines[l+1] {
		l = sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
		s.line = l
	}
	return Pos{Line: l + 1, Col: off - s.lines[l] + 1}
}

func (s *scanner) errorf(off int, format string, args ...any) {
	s.res.Errors = append(s.res.Errors, &Error{File: s.file, Pos: s.pos(off), Msg: fmt.Sprintf(format, args...)})
}

// skipSpaceAndComments returns the offset of the next token at or after i.
// ok is false when an unterminated comment ran to the end of the file.
func (s *scanner) skipSpaceAndComments(i int, bol *bool) (int, bool) {
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
				return len(src), false
			}
			i = end + 2
		case c == '#' && *bol:
			i = s.directiveEnd(i)
		default:
			return i, true
		}
	}
	return i, true
}

func indexFrom(src []byte, from int, sep string) int {
	k := bytes.Index(src[from:], []byte(sep))
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
	return Token{Text: s.text[i:j], Off: i}, j, true
}

func (s *scanner) run() {
	bol := true
	i := 0
	for {
		var ok bool
		i, ok = s.skipSpaceAndComments(i, &bol)
		if !ok || i >= len(s.src) {
			return
		}
		bol = false
		tok, end, ok := s.next(i)
		if !ok {
			// An unterminated literal: resume on the next line so one stray
			// quote does not hide the rest of the file.
			i = s.lineEnd(end)
			s.stmt = s.stmt[:0]
			continue
		}
		i = end
		switch tok.Text {
		case ";", "{", "}":
			if tok.Text == "{" {
				s.depth++
			} else if tok.Text == "}" && s.depth > 0 {
				s.depth--
			}
			s.stmt = s.stmt[:0]
			s.paren = 0
			continue
		case "(":
			s.paren++
		case ")":
			if s.paren > 0 {
				s.paren--
			}
		}
		if tok.IsIdent() {
			if s.marks.Is(tok.Text) {
				tok.Pos = s.pos(tok.Off)
				i = s.decl(tok, nil, i, &bol)
				continue
			}
			if left, mark, right, ok := s.marks.glued(tok.Text); ok && s.depth == 0 && s.paren == 0 {
				// Report it, then read it as the separate tokens QEMU's
				// scripts see, so that -lenient can still match them.
				s.errorf(tok.Off, "%q runs the mark %q together with other text; separate them with a space", tok.Text, mark)
				if left != "" {
					s.stmt = append(s.stmt, Token{Text: left, Off: tok.Off})
				}
				m := Token{Text: mark, Off: tok.Off + len(left)}
				m.Pos = s.pos(m.Off)
				var pre []Token
				if right != "" {
					pre = []Token{{Text: right, Off: m.Off + len(mark)}}
				}
				i = s.decl(m, pre, i, &bol)
				continue
			}
		}
		s.stmt = append(s.stmt, tok)
	}
}
