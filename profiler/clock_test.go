package profiler

import (
	"math"
	"testing"
	"time"
)

func TestClockMeasuresNanoseconds(t *testing.T) {
	a, t0 := now(), time.Now()
	time.Sleep(20 * time.Millisecond)
	b, wall := now(), time.Since(t0)
	got := time.Duration(float64(b-a) * tickRate())
	if math.Abs(float64(got-wall)) > 0.05*float64(wall) {
		t.Fatalf("clock measured %v across %v", got, wall)
	}
}

func BenchmarkNow(b *testing.B) {
	for b.Loop() {
		_ = now()
	}
}
