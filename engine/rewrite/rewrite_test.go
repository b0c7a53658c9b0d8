package rewrite

import (
	"go/format"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func render(t *testing.T, src string, f func(n *parsedFile)) string {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "x.go", "package main\n"+src, 0)
	if err != nil {
		t.Fatal(err)
	}
	f(&parsedFile{file})
	var b strings.Builder
	if err := format.Node(&b, fset, file); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCheckpoints(t *testing.T) {
	tests := []struct {
		name, src string
		want      int // checkpoints expected
	}{
		{"func", "func f() {}", 1},
		{"method", "type T int\nfunc (T) m() { for {} }", 2},
		{"literal", "var f = func() { for range []int{} {} }", 2},
		{"nested loops", "func f() { for i := 0; i < 3; i++ { for { break } } }", 3},
		{"no body", "func f()", 0},
		{"plain", "var x = 1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, tt.src, func(p *parsedFile) { Checkpoints(p.File, "_gk") })
			if got := strings.Count(out, "if *_gk.P != 0 {"); got != tt.want {
				t.Errorf("%d checkpoints, want %d:\n%s", got, tt.want, out)
			}
			if got := strings.Count(out, "_gk.S()"); got != tt.want {
				t.Errorf("%d slow calls, want %d:\n%s", got, tt.want, out)
			}
		})
	}
}

func TestGoStmts(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"call", "func f() { go g(y, x) }", []string{"_gkf := g\n", "_gka0 := y\n", "_gka1 := x\n", "func() {", "_gk.Go(func() {", "_gkf(_gka0, _gka1)", "})\n\t\t}()"}},
		{"constants", "func f() { const c = 2; go g(1, nil, -c, 2.5*c) }", []string{"_gkf(1, nil, -c, 2.5*c)"}},
		{"no args", "func f() { go g() }", []string{"_gkf := g", "_gkf()"}},
		{"literal", "func f() { go func(n int) { println(n) }(k) }", []string{"_gkf := func(n int)", "_gka0 := k", "_gkf(_gka0)"}},
		{"builtin", "func f() { go println(x) }", []string{"_gka0 := x", "println(_gka0)"}},
		{"variadic", "func f() { go g(xs...) }", []string{"_gkf(_gka0...)"}},
		{"method", "func f() { go t.M(y) }", []string{"_gkr := t\n", "_gka0 := y", "_gkr.M(_gka0)"}},
		{"method of a struct variable", "func f() { var w W; go w.Run() }", []string{"_gkr := &w", "_gkr.Run()"}},
		{"method of a struct literal", "func f() { w := W{}; go w.Run() }", []string{"_gkr := &w", "_gkr.Run()"}},
		{"method of an interface", "func f() { var r io.Reader; go r.Read(p) }", []string{"_gkr := r\n", "_gkr.Read(_gka0)"}},
		{"method of a pointer", "func f() { w := &W{}; go w.Run() }", []string{"_gkr := w\n", "_gkr.Run()"}},
		{"package function", "func f() { go bufio.Run(x) }", []string{"_gkf := bufio.Run", "_gkf(_gka0)"}},
		{"in select", "func f() { select { case <-c: go g() } }", []string{"_gkf := g"}},
		{"in switch", "func f() { switch { default: go g() } }", []string{"_gkf := g"}},
		{"labeled", "func f() {\nL:\n\tgo g() }", []string{"_gkf := g"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, tt.src, func(p *parsedFile) { GoStmts(p.File, "_gk", testScope) })
			if strings.Contains(out, "go ") {
				t.Errorf("go statement left:\n%s", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in:\n%s", w, out)
				}
			}
		})
	}
}

func TestLoadCheckpoints(t *testing.T) {
	out := render(t, "func f() { for {} }", func(p *parsedFile) { LoadCheckpoints(p.File, "_gk") })
	if got := strings.Count(out, "if _gk.L() != 0 {"); got != 2 {
		t.Errorf("%d load checkpoints, want 2:\n%s", got, out)
	}
}
