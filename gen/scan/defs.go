package scan

import (
	"strings"
	"unsafe"

	"github.com/cowrap/rules_cowrap/gen/cident"
)

// Definition is a function that a C source file defines at file scope.
type Definition struct {
	Name   string
	Pos    Pos  // of the name
	Static bool // internal linkage: no other file can call it
}

// Definitions returns the functions that src, a C source file, defines at
// file scope, in order, and the lexical errors met. The Gazelle extension
// uses it to find the library that defines a wrapper's target.
//
// A definition is a file-scope statement that ends in a parameter list
// right before '{': `int coroutine_fn bdrv_co_pread(...) {`, parenthesised
// declarators included (`int (*f(int))(char) {` defines f). The
// preprocessor is not evaluated: a name a macro makes (`glue(a, b)(...)`),
// a K&R parameter list, and braces that balance only per #if branch are
// not understood, and definitions after an unterminated comment are lost
// (that is an error). It needs no valid UTF-8 and never panics.
//
// Only the file-scope statements before a '{' are lexed into tokens:
// function bodies go through the scanner's fast pass (run), which knows
// comments, literals, splices and directives but builds no token.
func Definitions(name string, src []byte) ([]Definition, []*Error) {
	src = Normalize(src)
	s := &scanner{text: newText(unsafe.String(unsafe.SliceData(src), len(src))), file: name}
	var defs []Definition
	s.body = func(stmt, brace int) {
		s.prefix(stmt, brace)
		if d, off, ok := definition(s.stmt); ok {
			d.Name = strings.Clone(d.Name) // not src's memory: callers reuse it
			d.Pos = s.pos(off)
			defs = append(defs, d)
		}
	}
	s.run()
	return defs, s.res.Errors
}

// definition reads stmt, the tokens before a file-scope '{', as a function
// definition, and returns it (without Pos) and the name's offset.
func definition(stmt []Token) (Definition, int, bool) {
	nest := 0
	for _, t := range stmt {
		switch t.Text {
		case "(":
			nest++
		case ")":
			nest--
		}
	}
	k, ok := declaratorName(stmt)
	if nest != 0 || !ok {
		return Definition{}, 0, false
	}
	d := Definition{Name: stmt[k].Text}
	for _, t := range stmt[:k] {
		switch t.Text {
		case "typedef", "=":
			return Definition{}, 0, false
		case "static":
			d.Static = true
		}
	}
	return d, stmt[k].Off, true
}

// declaratorName returns the index of the declared name in toks, which end
// with a function declarator's parameter list: the identifier before that
// list, or, for a parenthesised declarator `( D ) (...)`, D's name.
func declaratorName(toks []Token) (int, bool) {
	lp, ok := openParen(toks)
	if !ok || lp == 0 {
		return 0, false
	}
	prev := toks[lp-1]
	switch {
	case prev.IsIdent():
		return lp - 1, !notName(prev.Text)
	case prev.Text == ")":
		inner, ok := openParen(toks[:lp])
		if !ok {
			return 0, false
		}
		if lp-1-inner == 2 && toks[inner+1].IsIdent() { // (name)
			return inner + 1, !notName(toks[inner+1].Text)
		}
		k, ok := declaratorName(toks[inner+1 : lp-1])
		return inner + 1 + k, ok
	}
	return 0, false
}

// openParen returns the index of the '(' that the ')' ending toks closes.
func openParen(toks []Token) (int, bool) {
	if len(toks) == 0 || toks[len(toks)-1].Text != ")" {
		return 0, false
	}
	nest := 0
	for k := len(toks) - 1; k >= 0; k-- {
		switch toks[k].Text {
		case ")":
			nest++
		case "(":
			if nest--; nest == 0 {
				return k, true
			}
		}
	}
	return 0, false
}

// notName reports whether s is one of C's keywords or the GNU extensions
// that take a parenthesised operand: `KEYWORD (...) {` defines nothing. The
// type and tag keywords are cident's.
func notName(s string) bool {
	return otherKeywords[s] || cident.IsTypeKeyword(s) || cident.IsTagKeyword(s)
}

// otherKeywords are the keywords cident does not list.
var otherKeywords = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`auto break case continue default do else extern for goto if
		inline register return sizeof static switch typedef while _Alignas _Alignof _Generic
		_Noreturn _Static_assert _Thread_local alignas alignof static_assert thread_local typeof
		typeof_unqual __typeof__ __typeof __attribute__ __attribute __declspec asm __asm__ __asm
		__extension__ __inline__ __inline`) {
		m[k] = true
	}
	return m
}()
