// Package cident is the one definition of the bytes C identifiers are made
// of, for the whole generator: the scanner, the marks, the release
// scripts' grammars (whose classes are made of these) and the checks. It
// imports nothing.
package cident

// IsStart reports whether c may start an identifier: [A-Za-z_].
func IsStart(c byte) bool { return c == '_' || IsLetter(c) }

// IsByte reports whether c may continue an identifier: [A-Za-z0-9_].
func IsByte(c byte) bool { return IsStart(c) || IsDigit(c) }

// IsLetter reports whether c is [A-Za-z].
func IsLetter(c byte) bool { return IsLower(c) || c >= 'A' && c <= 'Z' }

// IsLower reports whether c is [a-z].
func IsLower(c byte) bool { return c >= 'a' && c <= 'z' }

// IsSnake reports whether c is [a-z0-9_]: what follows the first letter
// of QEMU's lowercase names and mark variants in its scripts' patterns.
func IsSnake(c byte) bool { return IsByte(c) && (c < 'A' || c > 'Z') }

// IsDigit reports whether c is [0-9].
func IsDigit(c byte) bool { return c >= '0' && c <= '9' }

// Is reports whether s is a whole identifier.
func Is(s string) bool {
	if s == "" || !IsStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !IsByte(s[i]) {
			return false
		}
	}
	return true
}

// IsKeyword reports whether s is a C keyword (C23, and GNU's spellings of
// the qualifiers): never a name, so a parameter whose last word is one has
// no name (`unsigned long`, `char *const`).
func IsKeyword(s string) bool { return keywords[s] }

var keywords = map[string]bool{
	"auto": true, "break": true, "case": true, "char": true, "const": true, "continue": true, "default": true,
	"do": true, "double": true, "else": true, "enum": true, "extern": true, "float": true, "for": true,
	"goto": true, "if": true, "inline": true, "int": true, "long": true, "register": true, "restrict": true,
	"return": true, "short": true, "signed": true, "sizeof": true, "static": true, "struct": true,
	"switch": true, "typedef": true, "union": true, "unsigned": true, "void": true, "volatile": true,
	"while": true, "bool": true, "true": true, "false": true, "nullptr": true, "alignas": true,
	"alignof": true, "constexpr": true, "static_assert": true, "thread_local": true, "typeof": true,
	"typeof_unqual": true, "_Alignas": true, "_Alignof": true, "_Atomic": true, "_BitInt": true,
	"_Bool": true, "_Complex": true, "_Decimal128": true, "_Decimal32": true, "_Decimal64": true,
	"_Generic": true, "_Imaginary": true, "_Noreturn": true, "_Static_assert": true, "_Thread_local": true,
	"__const": true, "__const__": true, "__restrict": true, "__restrict__": true, "__volatile": true,
	"__volatile__": true, "__signed": true, "__signed__": true, "__inline": true, "__inline__": true,
}

// IsTagKeyword reports whether s is struct, union or enum: the identifier
// after it is a tag, part of the type, not a name.
func IsTagKeyword(s string) bool { return s == "struct" || s == "union" || s == "enum" }
