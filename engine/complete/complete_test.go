package complete

import (
	"reflect"
	"strings"
	"testing"
)

func TestComplete(t *testing.T) {
	env := testEnv()
	tests := []struct {
		name      string
		code      string
		cursor    int // -1: end of code
		want      []string
		wantStart int // -1: cursor
		contains  bool
	}{
		{"importable package", "strings.Has", -1, []string{"strings.HasPrefix", "strings.HasSuffix"}, 0, false},
		{"imported alias", "x := str.Ind", -1, []string{"str.Index"}, 5, false},
		{"all members", "fmt.", -1, []string{"fmt.Printf", "fmt.Println", "fmt.Stringer"}, 0, false},
		{"member prefix mid-line", "a(fmt.Pr)", 8, []string{"fmt.Printf", "fmt.Println"}, 2, false},
		{"shortest path wins", "rand.", -1, []string{"rand.Intn"}, 0, false},
		{"unknown qualifier", "foo.Ba", -1, nil, -1, false},
		{"value field", "x.Y", -1, nil, -1, false},
		{"chained selector", "a.fmt.Pr", -1, nil, -1, false},
		{"session names", "fi", -1, []string{"fib"}, 0, false},
		{"keyword and builtin", "ap", -1, []string{"append"}, 0, false},
		{"packages and imports", "st", -1, []string{"str", "string", "strings", "struct"}, 0, false},
		{"after non-ASCII", `s := "héllo wörld"; fl`, -1, []string{"float32", "float64"}, len(`s := "héllo wörld"; `), false},
		{"non-ASCII name", "hé", -1, []string{"héllo"}, 0, false},
		{"magic", "%ti", -1, []string{"%time", "%timeit"}, 0, false},
		{"cell magic", "%%ti", -1, []string{"%%time", "%%timeit"}, 0, false},
		{"magic later line", "x := 1\n  %w", -1, []string{"%who"}, len("x := 1\n  "), false},
		{"import path", `import "str`, -1, []string{"strings"}, len(`import "`), false},
		{"import path block", "import (\n\t\"fmt\"\n\t\"math/r", -1, []string{"math/rand", "math/rand/v2"}, len("import (\n\t\"fmt\"\n\t\""), false},
		{"closed import block", "import (\n\t\"fmt\"\n)\nx := \"ma", -1, []string{"make", "map", "max"}, len("import (\n\t\"fmt\"\n)\nx := \""), false},
		{"empty prefix offers all", "", -1, []string{"break", "fib", "len", "strings", "x"}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cursor := tt.cursor
			if cursor < 0 {
				cursor = len(tt.code)
			}
			got, start, end := Complete(tt.code, cursor, env)
			if tt.contains {
				for _, w := range tt.want {
					if !contains(got, w) {
						t.Errorf("matches %v lack %q", got, w)
					}
				}
			} else if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("matches = %q, want %q", got, tt.want)
			}
			wantStart := tt.wantStart
			if wantStart < 0 {
				wantStart = cursor
			}
			if start != wantStart || end != cursor {
				t.Errorf("span = [%d, %d), want [%d, %d)", start, end, wantStart, cursor)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestCompleteReplacesSpan(t *testing.T) {
	env := testEnv()
	code := `s := "日本"; strings.HasP`
	matches, start, end := Complete(code, len(code), env)
	if len(matches) != 1 {
		t.Fatalf("matches = %q, want one", matches)
	}
	got := code[:start] + matches[0] + code[end:]
	if want := `s := "日本"; strings.HasPrefix`; got != want {
		t.Errorf("after replacing: %q, want %q", got, want)
	}
}

func TestCompleteSortedDistinct(t *testing.T) {
	env := testEnv()
	env.Names["strings"] = "var strings []string" // also a package name
	got, _, _ := Complete("s", 1, env)
	for i := 1; i < len(got); i++ {
		if got[i-1] >= got[i] {
			t.Fatalf("matches not sorted and distinct at %d: %q", i, got)
		}
	}
	if !strings.HasPrefix(strings.Join(got, " "), "select str string strings struct switch") {
		t.Errorf("matches = %q", got)
	}
}

func TestCompleteBadCursor(t *testing.T) {
	env := testEnv()
	for _, cursor := range []int{-5, 100, 2} { // 2 is inside é
		matches, start, end := Complete("hé", cursor, env)
		if start < 0 || end > len("hé") || start > end {
			t.Errorf("cursor %d: span [%d, %d) outside the code (matches %q)", cursor, start, end, matches)
		}
	}
}
