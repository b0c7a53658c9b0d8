package rewrite

import (
	"fmt"
	"strings"
	"testing"
)

func TestStripMine(t *testing.T) {
	tests := []struct {
		name, body string
		mined      bool
	}{
		{"float loop", "for i := 0; i < n; i++ { x += 1.5 }", true},
		{"literal bound", "for i := 0; i < 100; i++ { s += i }", true},
		{"conversions", "for i := 0; i < n; i++ { x += float64(i) * float64(len(a)); a[i%len(a)] = i; continue }", true},
		{"call", "for i := 0; i < n; i++ { f(i) }", false},
		{"method call", "for i := 0; i < n; i++ { t.M() }", false},
		{"counter assigned", "for i := 0; i < n; i++ { i += 2 }", false},
		{"bound assigned", "for i := 0; i < n; i++ { n-- }", false},
		{"bound redefined", "for i := 0; i < n; i++ { n := 3; _ = n }", false},
		{"bound declared", "for i := 0; i < n; i++ { var n = 3; _ = n }", false},
		{"address", "for i := 0; i < n; i++ { p = &x }", false},
		{"through pointer", "for i := 0; i < n; i++ { *p = 0 }", false},
		{"break", "for i := 0; i < n; i++ { if x > 3 { break } }", false},
		{"nested loop: only the inner one", "for i := 0; i < n; i++ { for j := 0; j < n; j++ { x++ } }", true},
		{"closure", "for i := 0; i < n; i++ { g := func() {}; _ = g }", false},
		{"receive", "for i := 0; i < n; i++ { x += <-c }", false},
		{"non-literal start", "for i := a; i < n; i++ { x++ }", false},
		{"float start", "for i := 0.0; i < n; i++ { x++ }", false},
		{"less or equal", "for i := 0; i <= n; i++ { x++ }", false},
		{"decrement", "for i := 10; i < n; i-- { x++ }", false},
		{"bound is expression", "for i := 0; i < len(a); i++ { x++ }", false},
		{"long body", "for i := 0; i < n; i++ {" + strings.Repeat(" x += a[i] * b[i];", 10) + " }", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, "func f() {\n"+tt.body+"\n}", func(p *parsedFile) { FlagCheckpoints(p.File, "_gkb", "_gks") })
			mined := strings.Contains(out, "_gkl")
			if mined != tt.mined {
				t.Fatalf("strip-mined = %v, want %v:\n%s", mined, tt.mined, out)
			}
			// One checkpoint for the function, one for the (outer) loop,
			// none in the inner loop, one in each other loop or closure.
			want := 2 + strings.Count(tt.body, "for j") + strings.Count(tt.body, "func()")
			if n := strings.Count(out, "if _gkb {"); n != want {
				t.Fatalf("%d checkpoints:\n%s", n, out)
			}
		})
	}
}

func TestStripMineShape(t *testing.T) {
	out := render(t, "func f() {\nfor i := 0; i < n; i++ { x += 1.5 }\n}", func(p *parsedFile) { Checkpoints(p.File, "_gk") })
	for _, want := range []string{
		"for i := 0; i < n; {",
		"_gkl := i",
		"_gkl = n",
		fmt.Sprintf("if _gkl-i > %d {", maxChunk),
		fmt.Sprintf("_gkl = i + %d", maxChunk),
		"for ; i < _gkl; i++ {\n\t\t\tx += 1.5",
	} {
		if !strings.Contains(out, want) {
			t.Fatalf("missing %q in:\n%s", want, out)
		}
	}
}

// Chunks shrink as bodies grow, so that each runs about as many steps.
func TestStripMineChunks(t *testing.T) {
	for _, tt := range []struct {
		body  string
		chunk int
	}{
		{"x += 1.5", maxChunk}, // 4 nodes: capped
		{strings.Repeat("x += a[i] * b[i];", 3), min(292, maxChunk)}, // 28 nodes
		{strings.Repeat("x += a[i] * b[i];", 7), minChunk},           // 64 nodes: the floor
	} {
		out := render(t, "func f() {\nfor i := 0; i < n; i++ {"+tt.body+"}\n}", func(p *parsedFile) { Checkpoints(p.File, "_gk") })
		if want := fmt.Sprintf("_gkl = i + %d", tt.chunk); !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}
