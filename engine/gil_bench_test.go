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

// Both goroutines run a statement between their waits, so each takes the
// lock once per round trip.
const pingPongCell = `func pingPong(n int) {
	ping, pong := make(chan int), make(chan int)
	go func() { for v := range ping { w := v + 1; pong <- w } ; close(pong) }()
	for i := 0; i < n; i++ { ping <- i; if <-pong != i + 1 { panic(i) } }
	close(ping)
}`

// BenchmarkPingPong is the hand-off latency: one round trip over two
// unbuffered channels between interpreted goroutines, each taking the
// lock once per round trip.
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

// BenchmarkWaitMethods is the cost of the rewrite around methods named like
// I/O waits, per call on an in-memory receiver: a Builder whose type the
// cell shows (no check), one an interpreted function returns (a test of
// the call site's variable after the first call), one behind an
// io.Writer (a run-time check every call), against Len, a method the
// rewrite leaves alone.
//
//	go test -run '^$' -bench WaitMethods ./engine
func BenchmarkWaitMethods(b *testing.B) {
	const cell = `import ("io"; "strings")
func fresh() *strings.Builder { return &strings.Builder{} }
func declared(n int) int { var sb strings.Builder; for i := 0; i < n; i++ { sb.WriteString("x") }; return sb.Len() }
func site(n int) int { sb := fresh(); for i := 0; i < n; i++ { sb.WriteString("x") }; return sb.Len() }
func iface(n int) int { sb := fresh(); var w io.StringWriter = sb; for i := 0; i < n; i++ { w.WriteString("x") }; return sb.Len() }
func plain(n int) int { sb := fresh(); sb.WriteString("x"); k := 0; for i := 0; i < n; i++ { k += sb.Len() }; return k }`
	for _, f := range []string{"plain", "declared", "site", "iface"} {
		b.Run(f, func(b *testing.B) {
			s := newSession(b)
			mustRun(b, s, cell)
			b.ResetTimer()
			mustRun(b, s, f+"("+itoa(b.N)+");")
		})
	}
}
