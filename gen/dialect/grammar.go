package dialect

import (
	"strings"
	"unicode/utf8"

	"github.com/cowrap/rules_cowrap/gen/cident"
	"github.com/cowrap/rules_cowrap/gen/internal/work"
	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// match is what the release script's pattern captures.
type match struct {
	off     int // where in the declaration's text the match starts
	ret     string
	noCo    bool
	variant string
	name    string
	nameOff int
	args    string
	argsOff int
	markOff int // where the mark starts, relative to off
	markEnd int
	end     int // just after the ';', relative to text
}

// matchAt applies the family's pattern to text[off:] as Python's re.match
// with re.MULTILINE does: the match ends at ");" followed by the end of the
// text or a newline. The patterns are (Python, with \s its Unicode class):
//
//	A: ^int\s*generated_co_wrapper\s*(?P<name>[a-z][a-z0-9_]*)\((?P<args>[^)]*)\);$
//	B: ^(?P<rt>[a-zA-Z][a-zA-Z0-9_]* [\*]?)(\s*coroutine_fn)?\s*(?P<wt>(no_)?co)_wrapper
//	   (?P<variant>(_[a-z][a-z0-9_]*)?)\s*(?P<name>[a-z][a-z0-9_]*)\((?P<args>[^)]*)\);$
//
// They are matched by hand, which is several times faster than regexp; the
// tests check that both agree on any input.
func (f *Family) matchAt(text string, off int) (match, bool) {
	t := text[off:]
	r := match{off: off, ret: "int"}
	var i int
	if f.CoWrapperGrammar {
		if i = identEnd(t, 0, cident.IsLetter, cident.IsByte); i == 0 || i >= len(t) || t[i] != ' ' {
			return r, false
		}
		i++
		if i < len(t) && t[i] == '*' {
			i++
		}
		r.ret = strings.TrimSpace(t[:i])
		if j := skipPyS(t, i); strings.HasPrefix(t[j:], "coroutine_fn") {
			i = j + len("coroutine_fn")
		}
		i = skipPyS(t, i)
		r.markOff = i
		switch {
		case strings.HasPrefix(t[i:], marks.NoCoWrapper):
			r.noCo, i = true, i+len(marks.NoCoWrapper)
		case strings.HasPrefix(t[i:], marks.CoWrapper):
			i += len(marks.CoWrapper)
		default:
			return r, false
		}
		vs, ve := i, marks.VariantEnd(t, i)
		r.markEnd = ve
		k := skipPyS(t, ve)
		e := identEnd(t, k, cident.IsLower, cident.IsSnake)
		switch {
		case e > k && e < len(t) && t[e] == '(':
			r.variant, r.name, r.nameOff, i = t[vs:ve], t[k:e], off+k, e
		case ve > vs && ve < len(t) && t[ve] == '(':
			// No space before '(': the variant gives back its tail, from
			// its last [a-z], to the name.
			p := ve - 1
			for p >= vs+2 && !cident.IsLower(t[p]) {
				p--
			}
			if p < vs+2 {
				return r, false
			}
			r.variant, r.name, r.nameOff, i = t[vs:p], t[p:ve], off+p, ve
			r.markEnd = p
		default:
			return r, false
		}
	} else {
		if !strings.HasPrefix(t, "int") {
			return r, false
		}
		i = skipPyS(t, 3)
		if !strings.HasPrefix(t[i:], marks.GeneratedCoWrapper) {
			return r, false
		}
		r.markOff, r.markEnd = i, i+len(marks.GeneratedCoWrapper)
		k := skipPyS(t, r.markEnd)
		e := identEnd(t, k, cident.IsLower, cident.IsSnake)
		if e == k || e >= len(t) || t[e] != '(' {
			return r, false
		}
		r.name, r.nameOff, i = t[k:e], off+k, e
	}
	// '(' args ')' ';' and the end of the declaration.
	rp := strings.IndexByte(t[i+1:], ')')
	if rp < 0 {
		work.Add(len(t))
		return r, false
	}
	work.Add(i + rp)
	e := i + 1 + rp + 2 // after ");"
	if e > len(t) || t[e-1] != ';' || e < len(t) && t[e] != '\n' {
		return r, false
	}
	r.args, r.argsOff, r.end = t[i+1:i+1+rp], off+i+1, off+e
	return r, true
}

// identEnd returns the end of the run at i whose first byte satisfies first
// and the rest more; i itself when there is none.
func identEnd(t string, i int, first, more func(byte) bool) int {
	if i >= len(t) || !first(t[i]) {
		return i
	}
	i++
	for i < len(t) && more(t[i]) {
		i++
	}
	return i
}

// The script's pattern classes are cident's: [a-zA-Z] IsLetter,
// [a-zA-Z0-9_] IsByte, [a-z] IsLower, [a-z0-9_] IsSnake.

// skipPyS skips Python \s characters from i.
func skipPyS(t string, i int) int {
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if !isPySpace(rune(c)) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		if !isPySpace(r) {
			return i
		}
		i += n
	}
	return i
}

// find returns the match QEMU's script would find for d: its pattern is
// anchored at a line start, so try the declaration's start and then every
// later line start before the mark. strict is false when the match does not
// start at the declaration's first token.
func (f *Family) find(d *scan.Decl) (m match, strict, ok bool) {
	if !d.LineEnd {
		return match{}, false, false
	}
	markOff := d.Mark.Off - d.Off
	for off := 0; off <= markOff; {
		if off > 0 || d.Start.Col == 1 {
			if m, ok := f.matchAt(d.Text, off); ok && m.end == len(d.Text) {
				return m, off == 0 && d.Start.Col == 1, true
			}
		}
		k := strings.IndexByte(d.Text[off:], '\n')
		if k < 0 {
			break
		}
		work.Add(k)
		off += k + 1
	}
	return match{}, false, false
}

// qparam is one parameter as QEMU's script reads it.
type qparam struct {
	typ, name string
	decl      string // typ + name, a substring of the input
	off       int    // offset of the piece in the declaration's text
	dropped   string // text after the name that the script silently drops
}

// parseParams splits args like the script: on every ',', each piece
// stripped, then TYPE NAME read from the piece's start, where TYPE is the
// longest prefix of its first line ending in ' ' or '*' that is followed by
// [a-z]. It appends to out (a caller's buffer) and returns the index of the
// first bad piece, or -1.
func parseParams(args string, argsOff int, out []qparam) ([]qparam, int) {
	for i, off := 0, 0; ; i++ {
		end := strings.IndexByte(args[off:], ',')
		if end < 0 {
			end = len(args)
		} else {
			end += off
		}
		piece := args[off:end]
		work.Add(len(piece) + 1)
		trimmed, lead := pyStrip(piece)
		q, ok := readParam(trimmed)
		q.off = argsOff + off + lead
		out = append(out, q)
		if !ok {
			return out, i
		}
		if end == len(args) {
			return out, -1
		}
		off = end + 1
	}
}

// pyStrip is Python's str.strip(), with an ASCII fast path; lead is where
// the result starts in s.
func pyStrip(s string) (stripped string, lead int) {
	i, j := 0, len(s)
	for i < j && isASCIIPySpace(s[i]) {
		i++
	}
	for j > i && isASCIIPySpace(s[j-1]) {
		j--
	}
	stripped = s[i:j]
	if i < j && (s[i] >= utf8.RuneSelf || s[j-1] >= utf8.RuneSelf) {
		t := strings.TrimLeftFunc(stripped, isPySpace)
		stripped, i = strings.TrimRightFunc(t, isPySpace), j-len(t)
	}
	if stripped == "" {
		return "", 0 // an empty piece is reported at its start
	}
	return stripped, i
}

// isASCIIPySpace is isPySpace for one byte below utf8.RuneSelf, inlined.
func isASCIIPySpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1c && c <= 0x1f }

func readParam(p string) (qparam, bool) {
	line := p
	if k := strings.IndexByte(p, '\n'); k >= 0 {
		line = p[:k]
	}
	for j := len(line) - 2; j >= 0; j-- {
		if (line[j] == ' ' || line[j] == '*') && cident.IsLower(line[j+1]) {
			e := identEnd(line, j+1, cident.IsLower, cident.IsSnake)
			return qparam{typ: line[:j+1], name: line[j+1 : e], decl: line[:e], dropped: p[e:]}, true
		}
	}
	return qparam{typ: p}, false
}

// isPySpace is Python's str.isspace, which str.strip() uses.
var isPySpace = scan.IsPySpace
