package rewrite

import (
	"go/ast"
	"testing"
)

// CommaOK and OwnFrames, as a cell's top level gets them.
func TestCommaOK(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in this order
		not       []string
	}{
		{"map", `v, ok := m["a"]`, []string{`v := m["a"]`, "ok := false", `v, ok = m["a"]`}, nil},
		{"map call key", `v, ok := m[f()]`, []string{"_gkk", ":= f()", "v := m[_gkk", "v, ok = m[_gkk"}, []string{"m[f()]"}},
		{"assert", `n, ok := e.(T)`, []string{"n := *new(T)", "ok := false", "n, ok = e.(T)"}, nil},
		{"receive", `x, ok := <-ch`, []string{"_gkz", ":= ch", "_gk.Closed(&_gkz", "x := <-_gkz", "ok := false", "x, ok = <-ch"}, nil},
		{"receive call", `x, ok := <-f()`, []string{"_gkc", ":= f()", "x, ok = <-_gkc"}, []string{"<-f()"}},
		{"blank value", `_, ok := m[k]`, []string{"ok := false", "_, ok = m[k]"}, []string{"_ :="}},
		{"blank ok", `v, _ := e.(T)`, []string{"v := *new(T)", "v, _ = e.(T)"}, []string{"_ :="}},
		{"blank receive", `_, ok := <-ch`, []string{"_gkr", "ok = <-ch"}, []string{"_, ok = <-ch"}},
		{"header", `if v, ok := m[k]; ok {}`, []string{"func() {", "if v, ok := m[k]; ok {", "}()"}, nil},
		{"loop body", "for {\n\tv, ok := m[k]\n\t_, _ = v, ok\n}", []string{"func() {", "v, ok := m[k]", "}()"}, nil},
		{"multi-value call in a body", "for {\n\tn, err := f()\n\t_, _ = n, err\n}", []string{"func() {", "n, err := f()", "}()"}, nil},
		{"temporary in a body", "if x {\n\t_gkv1 := f()\n\tg(_gkv1)\n}", []string{"func() {", "_gkv1 := f()", "}()"}, nil},
		{"single value in a body", "for {\n\tn := f()\n\tg(n)\n}", nil, []string{"func() {"}},
		{"return kept", "for {\n\tv, ok := m[k]\n\treturn\n}", nil, []string{"func() {"}},
		{"function literal", "f := func() { v, ok := m[k] }", []string{"v, ok := m[k]"}, []string{"func() {\n"}},
		{"plain pair", `a, b := 1, 2`, []string{"a, b := 1, 2"}, []string{"false"}},
		{"call pair", `a, b := f()`, []string{"a, b := f()"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, "func _() {\n"+tt.src+"\n}", func(p *parsedFile) {
				body := p.Decls[0].(*ast.FuncDecl).Body
				CommaOK(body, "_gk")
				OwnFrames(body)
			})
			checkRendered(t, out, tt.want, tt.not)
		})
	}
}
