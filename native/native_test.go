package native

import (
	"testing"
	"time"
)

func TestKernels(t *testing.T) {
	if got := Sum([]float64{1, 2, 3.5}); got != 6.5 {
		t.Errorf("Sum = %v", got)
	}
	if got := Dot([]float64{1, 2, 3}, []float64{4, 5, 6}); got != 32 {
		t.Errorf("Dot = %v", got)
	}
	got := MatMul([]float64{1, 2, 3, 4}, []float64{5, 6, 7, 8}, 2)
	want := []float64{19, 22, 43, 50}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("MatMul = %v, want %v", got, want)
		}
	}
	for n, want := range map[int]int{0: 0, 2: 0, 3: 1, 10: 4, 100: 25, 1000: 168} {
		if got := CountPrimes(n); got != want {
			t.Errorf("CountPrimes(%d) = %d, want %d", n, got, want)
		}
	}
	// The origin is inside the set: a 1×1 view at -2-1.5i escapes at once,
	// more iterations never lower the count.
	if a, b := Mandelbrot(40, 30, 50), Mandelbrot(40, 30, 100); a <= 0 || b < a {
		t.Errorf("Mandelbrot counts %d, %d", a, b)
	}
	start := time.Now()
	if r := Spin(20 * time.Millisecond); r <= 0 || time.Since(start) < 20*time.Millisecond {
		t.Errorf("Spin did %d rounds in %v", r, time.Since(start))
	}
}

func TestBadShapesPanic(t *testing.T) {
	for name, f := range map[string]func(){
		"Dot":    func() { Dot([]float64{1}, nil) },
		"MatMul": func() { MatMul([]float64{1}, []float64{1}, 2) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
