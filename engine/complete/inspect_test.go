package complete

import (
	"strings"
	"testing"
)

func needSources(t *testing.T) {
	t.Helper()
	if goroot() == "" {
		t.Skip("no Go sources under GOROOT")
	}
}

func TestInspectSources(t *testing.T) {
	needSources(t)
	env := testEnv()
	tests := []struct {
		name   string
		code   string
		cursor int // -1: end of code
		detail int
		want   []string // in this order
		absent []string
	}{
		{"func at end", "fmt.Println", -1, 0, []string{"func Println(a ...any) (n int, err error)\n\n", "Println formats using the default formats"}, []string{"Fprintln(os.Stdout"}},
		{"func source", "fmt.Println", -1, 1, []string{"func Println(a ...any)", "Println formats using", "return Fprintln(os.Stdout, a...)"}, nil},
		{"cursor inside", "fmt.Println(1)", 6, 0, []string{"func Println("}, nil},
		{"cursor on package part", "fmt.Println(1)", 1, 0, []string{`package fmt // import "fmt"`}, []string{"func Println("}},
		{"after paren", "fmt.Printf(", -1, 0, []string{"func Printf(format string, a ...any)"}, nil},
		{"not imported", "x := strings.HasPrefix", -1, 0, []string{"func HasPrefix(s, prefix string) bool", "HasPrefix reports whether"}, nil},
		{"alias", "str.Index", -1, 0, []string{"func Index(s, substr string) int"}, nil},
		{"type", "strings.Builder", -1, 0, []string{"type Builder struct {", "A Builder is used", "func (b *Builder) WriteString(s string) (int, error)"}, []string{"addr *Builder"}},
		{"method", "strings.Builder.Len", -1, 0, []string{"func (b *Builder) Len() int", "Len returns the number"}, nil},
		{"constructor", "strings.NewReader", -1, 0, []string{"func NewReader(s string) *Reader"}, nil},
		{"const", "os.O_RDONLY", -1, 0, []string{"O_RDONLY int = syscall.O_RDONLY"}, nil},
		{"var", "os.Args", -1, 0, []string{"var Args []string", "Args hold the command-line arguments"}, nil},
		{"package synopsis", "fmt", -1, 0, []string{`package fmt // import "fmt"`, "Package fmt implements formatted I/O"}, []string{"Printing"}},
		{"package doc", "fmt", -1, 1, []string{`package fmt // import "fmt"`, "Printing"}, nil},
		{"builtin", "n := len(s)", 6, 0, []string{"func len(v Type) int", "The len built-in function"}, nil},
		{"builtin type", "var e error", -1, 0, []string{"type error interface {", "Error() string"}, nil},
		{"non-ASCII before cursor", `s := "héllo"; fmt.Println`, -1, 0, []string{"func Println("}, nil},
		{"non-ASCII inside", `s := "héllo"; fmt.Println(s)`, len(`s := "héllo"; fmt.Pri`), 0, []string{"func Println("}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cursor := tt.cursor
			if cursor < 0 {
				cursor = len(tt.code)
			}
			text, found := Inspect(tt.code, cursor, tt.detail, env)
			if !found {
				t.Fatalf("not found")
			}
			rest := text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("text lacks %q (in order):\n%s", w, text)
				}
				rest = rest[i+len(w):]
			}
			for _, a := range tt.absent {
				if strings.Contains(text, a) {
					t.Errorf("text has %q:\n%s", a, text)
				}
			}
		})
	}
}

func TestInspect(t *testing.T) {
	env := testEnv()
	tests := []struct {
		name   string
		code   string
		cursor int
		want   string
		found  bool
	}{
		{"session func", "fib(10)", 1, "func fib(n int) int", true},
		{"session var at end", "x", 1, "var x int", true},
		{"session type field", "p := Point{}.X", len("p := Poi"), "type Point struct{ X, Y int }", true},
		{"non-ASCII name", "héllo", len("hé"), `var héllo = "world"`, true},
		{"unknown", "nothing", 3, "", false},
		{"space", "x + y", 2, "", false},
		{"empty", "", 0, "", false},
		{"reflect func", "geo.Near", 8, "func geo.Near(complete.Geo, complete.Geo, ...float64) bool", true},
		{"reflect type", "geo.Geo", 7, "type geo.Geo struct", true},
		{"reflect method", "geo.Geo.Dist", 12, "func (geo.Geo) Dist(complete.Geo, ...complete.Geo) (float64, error)", true},
		{"reflect var", "geo.Origin", 10, "var geo.Origin complete.Geo", true},
		{"reflect const", "geo.Earth", 9, "const geo.Earth = 6371", true},
		{"reflect package", "geo", 3, "package geo // import \"example.com/geo\"\n\nEarth\nGeo\nNear\nOrigin", true},
		{"reflect missing", "geo.Nope", 8, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, found := Inspect(tt.code, tt.cursor, 0, env)
			if text != tt.want || found != tt.found {
				t.Errorf("Inspect = %q, %v; want %q, %v", text, found, tt.want, tt.found)
			}
		})
	}
}
