package engine

import (
	"strings"
	"testing"
	"time"
)

// Counting loops run in chunks between checkpoints (rewrite.stripMine):
// what they compute must not change.
func TestStripMinedLoopsCompute(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `import "math"
func sum(from, n int) (s, last int) {
	last = -1
	for i := 0; i < n; i++ {
		if i < from {
			continue
		}
		s += i
		last = i
	}
	return
}
func floats(n int) float64 {
	x := 0.0
	for i := 0; i < n; i++ { x += 1.5 }
	return x
}
const N = 3e3`)
	tests := []struct{ code, want string }{
		{"s, last := sum(0, 2500)\n[]int{s, last}", "[]int{3123750, 2499}"},
		{"floats(1025)", "1537.5"},
		{"floats(1024)", "1536"},
		{"floats(0)", "0"},
		{"floats(-5)", "0"},
		{"s, last := sum(10, 3000)\n[]int{s, last}", "[]int{4498455, 2999}"},
		{"c := 0\nfor i := 0; i < N; i++ { c++ }\nc", "3000"},
		{"c := 0\nfor i := 0; i < 2049; i++ { c += i % 7 }\nc", "6142"},
		{"c := 0\nfor i := 0; i < math.MaxInt; i++ { c++; if c == 5000 { break } }\nc", "5000"},
		{"c := 0\nfor i := 5; i < 3; i++ { c++ }\nc", "0"},
	}
	for _, tt := range tests {
		res, _ := mustRun(t, s, tt.code)
		if got := plain(res); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.code, got, tt.want)
		}
	}
}

// A strip-mined loop still reaches its checkpoint: an interrupt stops it
// there, not by the hard stop.
func TestStripMinedLoopInterrupted(t *testing.T) {
	s := newSession(t)
	interruptAfter(s, 100*time.Millisecond)
	res, _ := run(t, s, "x := 0.0\nfor i := 0; i < 1<<62; i++ { x += 1.5 }")
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("want Interrupted, got %+v", res.Error)
	}
	if strings.Contains(res.Error.Value, "did not reach a checkpoint") {
		t.Fatalf("the loop was cancelled, not interrupted at a checkpoint: %s", res.Error.Value)
	}
}
