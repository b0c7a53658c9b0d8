package engine

import (
	"strings"
	"testing"
)

func TestSplitCell(t *testing.T) {
	tests := []struct {
		name  string
		code  string
		decls []string
	}{
		{"statements only", "x := 1\nx++", nil},
		{"import and stmt", "import \"fmt\"\nfmt.Println(1)", []string{`import "fmt"`}},
		{"grouped import", "import (\n\t\"fmt\"\n\t\"os\"\n)\nx := 1", []string{"import (\n\t\"fmt\"\n\t\"os\"\n)"}},
		{"func decl", "func f() int {\n\treturn 1\n}\nf()", []string{"func f() int {\n\treturn 1\n}"}},
		{"method", "func (p P) M() {}\nx := 2", []string{"func (p P) M() {}"}},
		{"func literal call", "func() { println(1) }()", nil},
		{"func literal with result", "func(x int) int { return x }(2)", nil},
		{"mixed order", "x := 1\nvar y = 2\ntype T int\nconst c = 3\nz := x", []string{"var y = 2", "type T int", "const c = 3"}},
		{"var inside block stays", "if true {\n\tvar v = 1\n\t_ = v\n}", nil},
		{"semicolons", "var a = 1; b := 2; func g() {}", []string{"var a = 1", "func g() {}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := splitCell(tt.code)
			var got []string
			for _, s := range spans {
				got = append(got, tt.code[s.start:s.end])
			}
			if strings.Join(got, "|") != strings.Join(tt.decls, "|") {
				t.Errorf("decls = %q, want %q", got, tt.decls)
			}
		})
	}
}

func TestBlankKeepsPositions(t *testing.T) {
	code := "x := 1\nfunc f() {}\ny := 2"
	spans := splitCell(code)
	decl := blank(code, spans, true)
	stmts := blank(code, spans, false)
	if len(decl) != len(code) || len(stmts) != len(code) {
		t.Fatal("blanking changed the length")
	}
	if strings.TrimSpace(decl) != "func f() {}" {
		t.Errorf("decl part = %q", decl)
	}
	if strings.Contains(stmts, "func") || !strings.Contains(stmts, "y := 2") {
		t.Errorf("statement part = %q", stmts)
	}
	if strings.Count(decl, "\n") != 2 || strings.Count(stmts, "\n") != 2 {
		t.Error("newlines lost")
	}
}
