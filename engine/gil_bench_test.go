package engine

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"gokernel/gil"
)

// Interpreter lock figures:
//
//	go test -run '^$' -bench 'PingPong|SwitchInterval' ./engine

const pingPongCell = `func pingPong(n int) {
	ping, pong := make(chan int), make(chan int)
	go func() { for v := range ping { pong <- v + 1 } ; close(pong) }()
	for i := 0; i < n; i++ { ping <- i; <-pong }
	close(ping)
}`

// BenchmarkPingPong is the hand-off latency: one round trip over two
// unbuffered channels between interpreted goroutines (two lock hand-offs
// with the lock on).
func BenchmarkPingPong(b *testing.B) {
	for _, mode := range []string{"on", "off"} {
		b.Run("gil-"+mode, func(b *testing.B) {
			s := newSession(b)
			mustRun(b, s, pingPongCell)
			mustRun(b, s, "%gil "+mode)
			b.ResetTimer()
			mustRun(b, s, "pingPong("+itoa(b.N)+")")
		})
	}
}

// BenchmarkSwitchInterval reports the median forced hold of two goroutines
// running CPU loops, for the 1 ms and 5 ms settings.
func BenchmarkSwitchInterval(b *testing.B) {
	for _, iv := range []time.Duration{time.Millisecond, 5 * time.Millisecond} {
		b.Run(iv.String(), func(b *testing.B) {
			s := newSession(b)
			mustRun(b, s, spinDecl)
			mustRun(b, s, "%gil interval "+iv.String())
			s.lock.EnableEvents(1 << 16)
			b.ResetTimer()
			for range b.N {
				mustRun(b, s, parallelCell(2, "spin(2000000)"))
			}
			var holds []time.Duration
			for _, e := range s.lock.Events() {
				if e.Kind == gil.KindHold && e.Forced {
					holds = append(holds, e.Duration())
				}
			}
			if len(holds) == 0 {
				b.Fatal("no forced switches")
			}
			slices.Sort(holds)
			b.ReportMetric(float64(holds[len(holds)/2].Microseconds()), "µs-median-hold")
			b.ReportMetric(float64(len(holds))/float64(b.N), "switches/op")
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
