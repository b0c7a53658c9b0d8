package complete

import (
	"unicode"
	"unicode/utf8"
)

// isIdentRune reports whether r can be part of a Go identifier.
func isIdentRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// identStart returns where the identifier that ends at i begins.
func identStart(code string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:i])
		if !isIdentRune(r) {
			break
		}
		i -= size
	}
	return i
}

// identEnd returns where the identifier that starts at i ends.
func identEnd(code string, i int) int {
	for i < len(code) {
		r, size := utf8.DecodeRuneInString(code[i:])
		if !isIdentRune(r) {
			break
		}
		i += size
	}
	return i
}

// clampCursor keeps cursor inside code and on a rune boundary.
func clampCursor(code string, cursor int) int {
	cursor = max(0, min(cursor, len(code)))
	for cursor > 0 && cursor < len(code) && !utf8.RuneStart(code[cursor]) {
		cursor--
	}
	return cursor
}

// lineStart returns the offset of the start of the line holding i.
func lineStart(code string, i int) int {
	for i > 0 && code[i-1] != '\n' {
		i--
	}
	return i
}

// isExported reports whether name starts with an upper-case letter.
func isExported(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	return unicode.IsUpper(r)
}

// keywords are Go's keywords.
var keywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface",
	"map", "package", "range", "return", "select", "struct", "switch", "type", "var",
}

// predeclared are Go's predeclared identifiers: types, constants, nil and
// built-in functions.
var predeclared = []string{
	"any", "bool", "byte", "comparable", "complex64", "complex128", "error",
	"float32", "float64", "int", "int8", "int16", "int32", "int64", "rune",
	"string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
	"true", "false", "iota", "nil",
	"append", "cap", "clear", "close", "complex", "copy", "delete", "imag",
	"len", "make", "max", "min", "new", "panic", "print", "println", "real", "recover",
}
