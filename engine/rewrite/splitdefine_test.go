package rewrite

import (
	"go/ast"
	"strings"
	"testing"
)

func TestSplitDefines(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in this order
		not       []string
	}{
		{"top level", "a, b := x, T{1}", []string{"a := x", "b := T{1}"}, []string{"a, b"}},
		{"top level plain", "a, b := x, f()", []string{"a := x", "b := f()"}, []string{"a, b"}},
		{"three", "a, b, c := 1, x, []int{2}", []string{"a := 1", "b := x", "c := []int{2}"}, nil},
		{"swap", "a, b := b, a", []string{"_gkd", ":= b", "_gkd", ":= a", "a := _gkd", "b := _gkd"}, []string{"a, b"}},
		{"reads later name only", "a, b := b, 2", []string{"a := b", "b := 2"}, []string{"_gkd"}},
		{"field of earlier name", "a, b := x, y.a", []string{"a := x", "b := y.a"}, []string{"_gkd"}},
		{"constant kept in place", "a, b := 1.5, a", []string{"a := 1.5", "b := _gkd"}, []string{"_gkd1 := 1.5"}},
		{"declared before", "a := 0\na, b := x, T{1}", []string{"a := 0", "a = x", "b := T{1}"}, nil},
		{"blank", "_, b := f(), T{1}", []string{"_ = f()", "b := T{1}"}, nil},
		{"nothing new", "a := 0\na, _ := x, T{1}", []string{"a, _ := x, T{1}"}, nil},
		{"call results", "a, b := f()", []string{"a, b := f()"}, nil},
		{"nested block", "for {\n\ta, b := x, T{1}\n}", []string{"a := x", "b := T{1}"}, nil},
		{"function without literal", "f := func() { a, b := x, y }", []string{"a, b := x, y"}, nil},
		{"function with literal", "f := func(a int) { a, b := x, T{1} }", []string{"a = x", "b := T{1}"}, []string{"a, b"}},
		{"function nested list", "f := func(a int) { { a, b := x, T{1} } }", []string{"a := x", "b := T{1}"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, "func _() {\n"+tt.src+"\n}", func(p *parsedFile) {
				SplitDefines(p.Decls[0].(*ast.FuncDecl).Body)
			})
			checkRendered(t, out, tt.want, tt.not)
		})
	}
}

func TestSplitDefinesInDeclaredFunctions(t *testing.T) {
	out := render(t, "func g(a int) (r T) {\n\ta, b := x, y\n\tr, c := a, T{1}\n\treturn\n}", func(p *parsedFile) {
		SplitDefines(p.File)
	})
	for _, w := range []string{"a, b := x, y", "r = a", "c := T{1}"} {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in:\n%s", w, out)
		}
	}
}
