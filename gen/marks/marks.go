// Package marks is what a mark means, in one place: the kinds and locks a
// mark asks for, the -marks spec, QEMU's variant-suffix rule and how QEMU's
// scripts read a mark, and the names a wrapper's generated code uses (the
// function it calls and its argument struct). It imports nothing of the
// generator but cident, so the scanner, the dialects, the templates and
// Gazelle all share it.
package marks

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/cident"
)

// Kind is what the wrapper does.
type Kind int

const (
	// Co starts a coroutine and polls until it finishes; callers must not be in a coroutine.
	Co Kind = iota
	// CoMixed calls the coroutine function directly when already in a coroutine.
	CoMixed
	// NoCo runs a main-loop function from a coroutine through a bottom half.
	NoCo
)

func (k Kind) String() string { return [...]string{"co", "co_mixed", "no_co"}[k] }

// Lock is the block graph lock the wrapper takes around the call.
type Lock int

const (
	NoLock Lock = iota
	RdLock
	WrLock
)

func (l Lock) String() string { return [...]string{"", "rdlock", "wrlock"}[l] }

// Meaning is what a mark asks for.
type Meaning struct {
	Kind Kind
	Lock Lock
}

// Parse reads a -marks spec: NAME[=KIND[+LOCK]],... with KIND co, co_mixed
// or no_co (without "=KIND": co) and LOCK rdlock or wrlock (without
// "+LOCK": none). Spaces around an item are ignored; a name given twice is
// an error.
func Parse(spec string) (map[string]Meaning, error) {
	out := map[string]Meaning{}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		name, meaning, hasMeaning := strings.Cut(item, "=")
		if !cident.Is(name) {
			return nil, fmt.Errorf("bad mark %q in %q: want NAME[=KIND[+LOCK]]", item, spec)
		}
		if _, twice := out[name]; twice {
			return nil, fmt.Errorf("mark %q is given twice in %q", name, spec)
		}
		var m Meaning
		if !hasMeaning {
			out[name] = m
			continue
		}
		kind, lock, hasLock := strings.Cut(meaning, "+")
		switch kind {
		case "co":
		case "co_mixed":
			m.Kind = CoMixed
		case "no_co":
			m.Kind = NoCo
		default:
			return nil, fmt.Errorf("bad kind %q for mark %q: want co, co_mixed or no_co", kind, name)
		}
		switch {
		case !hasLock:
		case lock == "rdlock":
			m.Lock = RdLock
		case lock == "wrlock":
			m.Lock = WrLock
		default:
			return nil, fmt.Errorf("bad lock %q for mark %q: want rdlock or wrlock", lock, name)
		}
		out[name] = m
	}
	return out, nil
}

// QEMU's marks. From 8.0 a mark is CoWrapper or NoCoWrapper followed by an
// optional variant suffix; before 8.0 the only mark is GeneratedCoWrapper.
const (
	GeneratedCoWrapper = "generated_co_wrapper"
	CoWrapper          = "co_wrapper"
	NoCoWrapper        = "no_co_wrapper"
)

// VariantEnd returns the end of the variant suffix of QEMU's 8.0+ marks
// that starts at t[i]: the longest run `_[a-z][a-z0-9_]*`, or i when there
// is none.
func VariantEnd(t string, i int) int {
	if i+1 >= len(t) || t[i] != '_' || !cident.IsLower(t[i+1]) {
		return i
	}
	for i += 2; i < len(t) && cident.IsSnake(t[i]); i++ {
	}
	return i
}

// IsVariant reports whether s is a whole variant suffix (not empty).
func IsVariant(s string) bool { return s != "" && VariantEnd(s, 0) == len(s) }

// HasVariant reports whether ident is prefix followed by a variant suffix,
// e.g. "co_wrapper_foo" for "co_wrapper".
func HasVariant(ident, prefix string) bool {
	rest, ok := strings.CutPrefix(ident, prefix)
	return ok && IsVariant(rest)
}

// SplitQEMU splits a mark of the 8.0+ syntax, (no_)co_wrapper[VARIANT], into
// whether it is a no_co mark and its variant suffix; ok is false for any
// other text.
func SplitQEMU(mark string) (noCo bool, variant string, ok bool) {
	rest, noCo := strings.CutPrefix(mark, NoCoWrapper)
	if !noCo {
		if rest, ok = strings.CutPrefix(mark, CoWrapper); !ok {
			return false, "", false
		}
	}
	return noCo, rest, rest == "" || IsVariant(rest)
}

// Variant is a variant suffix as the 8.0+ scripts read it: by the words it
// contains, so "_mixed_bdrv_rdlock" is both mixed and rdlock, and an unknown
// suffix may still contain them.
type Variant struct{ Mixed, RdLock, WrLock bool }

// ReadVariant reads a variant suffix as the scripts do.
func ReadVariant(suffix string) Variant {
	return Variant{
		Mixed:  strings.Contains(suffix, "mixed"),
		RdLock: strings.Contains(suffix, "bdrv_rdlock"),
		WrLock: strings.Contains(suffix, "bdrv_wrlock"),
	}
}

// Meaning is what a (no_)co_wrapper mark with this variant asks for.
// wrlock says whether the release knows the bdrv_wrlock variant (8.2 on);
// before, the scripts ignore it.
func (v Variant) Meaning(noCo, wrlock bool) Meaning {
	var m Meaning
	switch {
	case noCo:
		m.Kind = NoCo
	case v.Mixed:
		m.Kind = CoMixed
	}
	switch {
	case v.RdLock:
		m.Lock = RdLock
	case v.WrLock && wrlock:
		m.Lock = WrLock
	}
	return m
}

// QEMU returns what a QEMU mark asks for, read as the release scripts read
// it; ok is false for text that is not a QEMU mark. generated_co_wrapper
// wrappers (before 8.0) run the coroutine function directly when already
// in a coroutine.
func QEMU(mark string, wrlock bool) (m Meaning, ok bool) {
	if mark == GeneratedCoWrapper {
		return Meaning{Kind: CoMixed}, true
	}
	noCo, variant, ok := SplitQEMU(mark)
	if !ok {
		return Meaning{}, false
	}
	return ReadVariant(variant).Meaning(noCo, wrlock), true
}

// Target is the function a wrapper called name calls. A co or co_mixed
// wrapper SUBSYSTEM_NAME calls the coroutine function SUBSYSTEM_co_NAME (a
// name without '_' calls NAME_co); a no_co wrapper is named with a "_co_"
// infix and calls the name without its first one. QEMU's releases accept
// fewer names, and check them before asking for the target.
func Target(name string, k Kind) (string, error) {
	if k == NoCo {
		before, after, ok := strings.Cut(name, "_co_")
		if !ok {
			return "", errors.New("a no_co wrapper must be named PREFIX_co_NAME; it calls PREFIX_NAME")
		}
		return before + "_" + after, nil
	}
	if sub, rest, ok := strings.Cut(name, "_"); ok {
		return sub + "_co_" + rest, nil
	}
	return name + "_co", nil
}

// ErrEmptySegment is Struct's error: QEMU's script raises IndexError there.
var ErrEmptySegment = errors.New(`empty name segment ("__" or a trailing "_")`)

// Struct is the argument struct's type name for a name: QEMU's
// snake_to_camel, "bdrv_co_pread" giving "BdrvCoPread". A name with an
// empty segment ("__", or '_' first or last) has none, where the script
// raises.
func Struct(name string) (string, error) {
	// Names are [a-z][a-z0-9_]* in QEMU's grammar; others are kept as is
	// but for the first letter of each segment.
	b := make([]byte, 0, len(name))
	up := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_':
			if up {
				return "", ErrEmptySegment // "__", or "_" first
			}
			up = true
			continue
		case up && cident.IsLower(c):
			c -= 'a' - 'A'
		}
		b = append(b, c)
		up = false
	}
	if up {
		return "", ErrEmptySegment // empty, or "_" last
	}
	return string(b), nil
}
