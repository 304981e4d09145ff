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
func IsSnake(c byte) bool { return IsLower(c) || IsDigit(c) || c == '_' }

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

// IsTypeKeyword reports whether s is a keyword that can end a parameter's
// type: a type specifier or qualifier (`long`, `const`, GNU's
// `__restrict`). Such a word is never a name, so a parameter whose last
// word is one has no name (`unsigned long`, `char *const`). It is asked
// for every parameter of every declaration, so it switches on the length
// before comparing.
func IsTypeKeyword(s string) bool {
	switch len(s) {
	case 3:
		return s == "int"
	case 4:
		return s == "void" || s == "char" || s == "long" || s == "bool"
	case 5:
		return s == "short" || s == "float" || s == "const" || s == "_Bool"
	case 6:
		return s == "double" || s == "signed"
	case 7:
		return s == "_Atomic" || s == "__const"
	case 8:
		return s == "unsigned" || s == "volatile" || s == "restrict" || s == "_Complex" || s == "__signed" || s == "__int128"
	case 9:
		return s == "__const__"
	case 10:
		return s == "_Imaginary" || s == "__restrict" || s == "__volatile" || s == "__signed__"
	case 12:
		return s == "__restrict__" || s == "__volatile__"
	}
	return false
}

// IsTagKeyword reports whether s is struct, union or enum: the identifier
// after it is a tag, part of the type, not a name.
func IsTagKeyword(s string) bool { return s == "struct" || s == "union" || s == "enum" }
