package engine

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

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

// BenchmarkCheckpointOverhead compares a session with checkpoints and the
// lock against one with neither, by pairedRatio, and reports the
// difference as %overhead. One op is one pair of runs; ask for fifty
// or more:
//
//	go test -run '^$' -bench Overhead -benchtime 61x ./engine
func BenchmarkCheckpointOverhead(b *testing.B) {
	for _, c := range []struct{ name, setup, call string }{
		{"fib25", fibCell, "fib(25);"},
		{"floats1e7", floatCell, "floats(10000000);"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var s [2]*Session // with checkpoints, without
			for i := range s {
				s[i] = newSession(b)
				s[i].noCheckpoints = i == 1
				s[i].lock.SetEnabled(i == 0)
				mustRun(b, s[i], c.setup)
			}
			r := pairedRatio(b, [2]pairedRun{{s[0], c.call}, {s[1], c.call}})
			b.ReportMetric((r-1)*100, "%overhead")
		})
	}
}

// A pairedRun is a call and the session it runs in.
type pairedRun struct {
	s    *Session
	call string
}

// pairedRatio runs the two calls alternately, b.N times each, and returns
// the median ratio of the first's time to the second's in adjacent runs:
// on a shared machine the load drifts less between two adjacent runs than
// between two benchmarks, which made separate benchmarks differ by ±10 %.
func pairedRatio(b *testing.B, runs [2]pairedRun) float64 {
	for _, r := range runs {
		mustRun(b, r.s, r.call) // warm up
	}
	b.ResetTimer()
	ratios := make([]float64, 0, b.N)
	for i := range b.N {
		var d [2]time.Duration
		for k := range 2 {
			j := (i + k) % 2 // alternate which goes first
			start := time.Now()
			mustRun(b, runs[j].s, runs[j].call)
			d[j] = time.Since(start)
		}
		ratios = append(ratios, float64(d[0])/float64(d[1]))
	}
	slices.Sort(ratios)
	return ratios[len(ratios)/2]
}

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

// BenchmarkTrivialCell is the engine's share of a round trip: the cell
// `1+1` through Execute, in a session that imported a few packages and ran
// some cells, as a notebook's would have. Every cell leaves slots in the
// interpreter's global frame, so the session is replaced every
// cellsPerSession cells (untimed) to keep its size near a notebook's.
func BenchmarkTrivialCell(b *testing.B) {
	const cellsPerSession = 250
	var s *Session
	b.ReportAllocs()
	for i := range b.N {
		if i%cellsPerSession == 0 {
			b.StopTimer()
			s = notebookSession(b)
			b.StartTimer()
		}
		res, _ := mustRun(b, s, "1+1")
		if got := plain(res); got != "2" {
			b.Fatalf("1+1 shows %q", got)
		}
	}
}

// notebookSession is a session after a few imports and cells.
func notebookSession(b *testing.B) *Session {
	s := newSession(b)
	mustRun(b, s, `import ("fmt"; "strings"; "math")`)
	for range 20 {
		mustRun(b, s, `x := strings.Repeat("a", 3); _ = fmt.Sprint(x, math.Pi)`)
	}
	return s
}

// BenchmarkPrintlnGoroutine10k prints 10,000 lines from a goroutine the
// cell started: each write looks up which cell owns the goroutine.
func BenchmarkPrintlnGoroutine10k(b *testing.B) {
	s := newSession(b)
	mustRun(b, s, `import ("fmt"; "sync")`)
	b.ResetTimer()
	for range b.N {
		_, out := mustRun(b, s, `var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer wg.Done()
	for i := 0; i < 10000; i++ { fmt.Println(i) }
}()
wg.Wait()`)
		if n := len(out.out("stdout")); n != 48890 {
			b.Fatalf("stdout has %d bytes", n)
		}
	}
}
