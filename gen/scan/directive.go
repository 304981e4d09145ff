package scan

import "strings"

// conditional keeps the stack of #if blocks open at the directive whose '#'
// is at i; it reads the directive's tokens from it. An include guard
// (#ifndef X, then #define X as the next directive) is not conditional.
func (s *scanner) conditional(i int, it *tokenIter) {
	name, _ := it.next(len(s.l))
	switch name.Text {
	case "if", "ifdef", "ifndef":
		guard := false
		if name.Text == "ifndef" {
			if macro, ok := it.next(len(s.l)); ok && macro.IsIdent() {
				guard = s.defines(*it, macro.Text)
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

// defines reports whether it, just past `#ifndef MACRO`, is at the end of
// that line and the next directive, with nothing but white space and
// comments before it, is `#define MACRO`: an include guard.
func (s *scanner) defines(it tokenIter, macro string) bool {
	s.quiet = true
	defer func() { s.quiet = false }()
	if _, more := it.next(len(s.l)); more || it.i >= len(s.l) {
		return false
	}
	ln := line{bol: true}
	j, ok := s.space(it.i, &ln, toDirective)
	if !ok || j >= len(s.l) || s.l[j] != '#' {
		return false
	}
	d := tokenIter{s: s, i: j + 1, mode: inDirective}
	def, ok1 := d.next(len(s.l))
	name, ok2 := d.next(len(s.l))
	return ok1 && ok2 && def.Text == "define" && name.Text == macro
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

// isLinkage reports whether the statement from stmt to the brace is
// `extern "C"`, whose block does not nest what it holds (C++ guards in
// every real header).
func (s *scanner) isLinkage(stmt, brace int) bool {
	if !strings.HasPrefix(s.l[stmt:brace], "extern") {
		return false // the usual case, without lexing
	}
	s.quiet = true
	defer func() { s.quiet = false }()
	it := s.tokens(stmt, line{})
	ext, ok1 := it.next(brace)
	c, ok2 := it.next(brace)
	_, more := it.next(brace)
	return ok1 && ok2 && !more && ext.Text == "extern" && c.Text == `"C"`
}
