package cident

import "testing"

func TestClasses(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		lower, upper, digit := b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9'
		if IsLower(b) != lower || IsLetter(b) != (lower || upper) || IsDigit(b) != digit ||
			IsStart(b) != (lower || upper || b == '_') || IsByte(b) != (lower || upper || digit || b == '_') ||
			IsSnake(b) != (lower || digit || b == '_') {
			t.Errorf("byte %#x classed wrongly", c)
		}
	}
	for s, want := range map[string]bool{"a": true, "_x9": true, "co_wrapper": true, "": false, "9a": false, "a-b": false, "é": false} {
		if Is(s) != want {
			t.Errorf("Is(%q) = %v", s, !want)
		}
	}
}

func TestTypeKeywords(t *testing.T) {
	for s, want := range map[string]bool{"long": true, "const": true, "__restrict": true, "__restrict__": true, "_Bool": true,
		"unsigned": true, "volatile": true, "bs": false, "int64_t": false, "co_wrapper": false, "ints": false, "consts": false} {
		if IsTypeKeyword(s) != want {
			t.Errorf("IsTypeKeyword(%q) = %v", s, !want)
		}
	}
	if !IsTagKeyword("struct") || !IsTagKeyword("enum") || IsTagKeyword("typedef") {
		t.Error("IsTagKeyword")
	}
}
