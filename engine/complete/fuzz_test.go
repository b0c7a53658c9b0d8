package complete

import (
	"testing"
	"unicode/utf8"
)

// FuzzCell checks that no code and cursor make the three questions panic
// or answer with a span outside the code.
func FuzzCell(f *testing.F) {
	for _, seed := range []string{"fmt.Println(", "strings.Has", "import (\n\t\"ma", "%ti", "func f() {", "x := `raw", "héllo.wörld", ")("} {
		f.Add(seed, len(seed))
	}
	env := testEnv()
	f.Fuzz(func(t *testing.T, code string, cursor int) {
		if !utf8.ValidString(code) {
			return
		}
		IsComplete(code)
		Inspect(code, cursor, 1, env)
		matches, start, end := Complete(code, cursor, env)
		if start < 0 || end > len(code) || start > end {
			t.Fatalf("Complete(%q, %d) span [%d, %d) (matches %q)", code, cursor, start, end, matches)
		}
	})
}
