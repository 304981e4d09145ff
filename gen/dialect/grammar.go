package dialect

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cowrap/rules_cowrap/gen/scan"
)

// pyS is Python's \s for str patterns, which QEMU's script uses; Go's \s is
// ASCII only.
const pyS = `[\t\n\v\f\r \x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]`

// The release scripts' declaration patterns, anchored to one declaration's
// text (which ends at its ';').
var (
	grammarA = regexp.MustCompile(`\Aint` + pyS + `*generated_co_wrapper` + pyS +
		`*(?P<name>[a-z][a-z0-9_]*)\((?P<args>[^)]*)\);\z`)
	grammarB = regexp.MustCompile(`\A(?P<rt>[a-zA-Z][a-zA-Z0-9_]* [\*]?)(?:` + pyS + `*coroutine_fn)?` +
		pyS + `*(?P<wt>(?:no_)?co)_wrapper(?P<variant>(?:_[a-z][a-z0-9_]*)?)` + pyS +
		`*(?P<name>[a-z][a-z0-9_]*)\((?P<args>[^)]*)\);\z`)
)

// markB is the script's mark syntax: any variant suffix is accepted.
var markB = regexp.MustCompile(`\A(?:no_)?co_wrapper(?:_[a-z][a-z0-9_]*)?\z`)

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
}

// matchAt applies the family's pattern to text[off:].
func (f *Family) matchAt(text string, off int) (match, bool) {
	re := grammarA
	if f.B {
		re = grammarB
	}
	m := re.FindStringSubmatchIndex(text[off:])
	if m == nil {
		return match{}, false
	}
	g := func(name string) (string, int) {
		i := re.SubexpIndex(name)
		if m[2*i] < 0 {
			return "", -1
		}
		return text[off+m[2*i] : off+m[2*i+1]], off + m[2*i]
	}
	r := match{off: off, ret: "int"}
	r.name, r.nameOff = g("name")
	r.args, r.argsOff = g("args")
	if f.B {
		r.ret, _ = g("rt")
		r.ret = strings.TrimSpace(r.ret)
		wt, _ := g("wt")
		r.noCo = wt == "no_co"
		r.variant, _ = g("variant")
	}
	return r, true
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
			if m, ok := f.matchAt(d.Text, off); ok {
				return m, off == 0 && d.Start.Col == 1, true
			}
		}
		k := strings.IndexByte(d.Text[off:], '\n')
		if k < 0 {
			break
		}
		off += k + 1
	}
	return match{}, false, false
}

// qparam is one parameter as QEMU's script reads it.
type qparam struct {
	typ, name string
	off       int    // offset of the piece in the declaration's text
	dropped   string // text after the name that the script silently drops
}

// parseParams splits args like the script: on every ',', each piece
// stripped, then TYPE NAME read from the piece's start, where TYPE is the
// longest prefix of its first line ending in ' ' or '*' that is followed by
// [a-z]. It returns the index of the first bad piece, or -1.
func parseParams(args string, argsOff int) ([]qparam, int) {
	var out []qparam
	off := argsOff
	for i, piece := range strings.Split(args, ",") {
		lead := len(piece) - len(strings.TrimLeftFunc(piece, isPySpace))
		p := strings.TrimFunc(piece, isPySpace)
		q, ok := readParam(p)
		q.off = off + lead
		off += len(piece) + 1
		out = append(out, q)
		if !ok {
			return out, i
		}
	}
	return out, -1
}

func readParam(p string) (qparam, bool) {
	line := p
	if k := strings.IndexByte(p, '\n'); k >= 0 {
		line = p[:k]
	}
	for j := len(line) - 2; j >= 0; j-- {
		if (line[j] == ' ' || line[j] == '*') && isLowerByte(line[j+1]) {
			e := j + 2
			for e < len(line) && (isLowerByte(line[e]) || line[e] >= '0' && line[e] <= '9' || line[e] == '_') {
				e++
			}
			return qparam{typ: line[:j+1], name: line[j+1 : e], dropped: p[e:]}, true
		}
	}
	return qparam{typ: p}, false
}

func isLowerByte(c byte) bool { return c >= 'a' && c <= 'z' }

// isPySpace is Python's str.isspace, which str.strip() uses.
func isPySpace(r rune) bool {
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

// SnakeToCamel is the script's snake_to_camel; ok is false where the script
// raises IndexError (an empty piece from "__" or a trailing "_").
func SnakeToCamel(s string) (string, bool) {
	var b strings.Builder
	for _, w := range strings.Split(s, "_") {
		if w == "" {
			return "", false
		}
		r, n := utf8.DecodeRuneInString(w)
		b.WriteString(strings.ToUpper(string(r)))
		b.WriteString(w[n:])
	}
	return b.String(), true
}
