package rewrite

import (
	"regexp"
	"testing"
)

// numbers hides the temporaries' process-wide numbers.
var numbers = regexp.MustCompile(`(_gk[tvxc])[0-9]+`)

func TestBlocking(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in this order
		not       []string
	}{
		{"send", "func f() { c <- 1 }", []string{"_gktN := _gk.U()", "c <- 1", "_gk.A(_gktN)"}, nil},
		{"bare receive", "func f() { <-c }", []string{"_gktN := _gk.U()", "<-c", "_gk.A(_gktN)"}, nil},
		{"hoisted", "func f() { x := g(<-c) + 1 }", []string{"_gktN := _gk.U()", "_gkvN := <-c", "_gk.A(_gktN)", "x := g(_gkvN) + 1"}, nil},
		{"two values", "func f() { v, ok := <-c }", []string{"_gk.U()", "v, ok := <-c", "_gk.A("}, nil},
		{"return", "func f() int { return <-c }", []string{"_gkvN := <-c", "_gk.A(_gktN)", "return _gkvN"}, nil},
		{"if init", "func f() { if v := <-c; v > 0 { } }", []string{"_gkvN := <-c", "if v := _gkvN; v > 0"}, nil},
		{"select", "func f() { select { case v := <-a: g(v)\n case b <- 1: } }",
			[]string{"_gktN := _gk.U()", "select", "case v := <-a:", "_gk.A(_gktN)", "g(v)", "case b <- 1:", "_gk.A(_gktN)"}, nil},
		{"select default", "func f() { select { case <-a:\n default: } }", []string{"select"}, []string{"_gk.U()"}},
		{"range", "func f() { for v := range c { if v { continue }; g(v) } }",
			[]string{"_gkxN := c", "_gktN := _gk.RU(_gkxN)", "_gkcN := _gktN != nil", "for v := range _gkxN",
				"if _gkcN {", "_gk.A(_gktN)", "if _gkcN {", "_gk.U()", "continue", "g(v)", "_gk.U()", "_gk.A(_gktN)"}, nil},
		{"range two vars", "func f() { for i, v := range xs { g(i, v) } }", []string{"for i, v := range xs"}, []string{"_gk.RU"}},
		{"range literal", "func f() { for i := range []int{1} { g(i) } }", nil, []string{"_gk.RU"}},
		{"nested continue", "func f() { for v := range c { for { continue } } }", nil, []string{"_gk.U()\n\t\t\t\tcontinue"}},
		{"func literal", "func f() { g(func() int { return <-c }) }", []string{"g(func() int {", "_gkvN := <-c"}, nil},
		{"short circuit", "func f() { if ok && <-c { } }", []string{"if ok && <-c"}, []string{"_gk.U()"}},
		{"no channel", "func f() { x := g(1) }", []string{"x := g(1)"}, []string{"_gk."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, tt.src, func(p *parsedFile) { Blocking(p.File, "_gk") })
			out = numbers.ReplaceAllString(out, "${1}N")
			checkRendered(t, out, tt.want, tt.not)
		})
	}
}
