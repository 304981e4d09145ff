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
