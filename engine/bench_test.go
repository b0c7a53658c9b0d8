package engine

import (
	"fmt"
	"testing"
)

// Checkpoint overhead: compare the "checkpoints" and "none" variants.
//
//	go test -run '^$' -bench . ./engine

const fibCell = `func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}`

const floatCell = `func floats(n int) float64 {
	x := 0.0
	for i := 0; i < n; i++ {
		x += 1.5
	}
	return x
}`

func benchCell(b *testing.B, setup, call string) {
	for _, variant := range []struct {
		name string
		off  bool
	}{{"checkpoints", false}, {"none", true}} {
		b.Run(variant.name, func(b *testing.B) {
			s := newSession(b)
			s.noCheckpoints = variant.off
			s.lock.SetEnabled(!variant.off) // the baseline: no lock, no checkpoints
			mustRun(b, s, setup)
			b.ResetTimer()
			for range b.N {
				mustRun(b, s, call)
			}
		})
	}
}

func BenchmarkFib25(b *testing.B) { benchCell(b, fibCell, "fib(25);") }

func BenchmarkFloatLoop1e7(b *testing.B) { benchCell(b, floatCell, "floats(10000000);") }

// BenchmarkPrintln100k measures `for i := 0; i < 100000; i++ { fmt.Println(i) }`
// in the engine alone (the Output only collects the text).
func BenchmarkPrintln100k(b *testing.B) {
	s := newSession(b)
	mustRun(b, s, `import "fmt"`)
	b.ResetTimer()
	for range b.N {
		_, out := mustRun(b, s, "for i := 0; i < 100000; i++ { fmt.Println(i) }")
		if n := len(out.out("stdout")); n != 588890 {
			b.Fatal(fmt.Sprintf("stdout has %d bytes", n))
		}
	}
}
