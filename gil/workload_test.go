package gil

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// spin is the stand-in for interpreted code: integer work with a checkpoint
// every 256 iterations that reads the breaker word and calls the slow path.
func spin(l *Lock, n int) uint64 {
	x := uint64(1)
	for i := range n {
		x = x*6364136223846793005 + 1442695040888963407
		if i&255 == 0 && atomic.LoadInt32(l.Word()) != 0 {
			l.Checkpoint()
		}
	}
	return x
}

// spinUntil spins until the deadline and returns the iterations done.
func spinUntil(l *Lock, deadline time.Time) int {
	done := 0
	for time.Now().Before(deadline) {
		spin(l, 4096)
		done += 4096
	}
	return done
}

var sink atomic.Uint64

// calibrate returns an iteration count that takes about d on one goroutine.
func calibrate(l *Lock, d time.Duration) int {
	n := 1 << 14
	for {
		start := time.Now()
		sink.Add(spin(l, n))
		if el := time.Since(start); el > d/8 {
			return int(float64(n) * float64(d) / float64(el))
		}
		n *= 2
	}
}

// runThreads starts k goroutines that each run body holding the lock, as
// the engine's `go` wrapper does, and returns the wall time until all end.
func runThreads(l *Lock, k int, body func(i int, t *Thread)) time.Duration {
	var wg sync.WaitGroup
	start := time.Now()
	for i := range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := l.NewThread("w")
			t.Acquire()
			defer t.Close()
			body(i, t)
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// timeSpin times k goroutines each spinning n iterations under l.
func timeSpin(l *Lock, k, n int) time.Duration {
	return runThreads(l, k, func(int, *Thread) { sink.Add(spin(l, n)) })
}

// holdDurations returns the durations of forced holds among events.
func holdDurations(evs []Event) []time.Duration {
	var out []time.Duration
	for _, e := range evs {
		if e.Kind == KindHold && e.Forced {
			out = append(out, e.Duration())
		}
	}
	slices.Sort(out)
	return out
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[len(ds)/2]
}

// within fails the test when ch does not deliver in a generous time; the
// limit detects deadlock, it does not measure speed.
func within(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: still blocked after 10s", what)
	}
}

// waitQueued waits until n goroutines are queued for the lock.
func waitQueued(t *testing.T, l *Lock, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for l.Waiting() != n {
		if time.Now().After(deadline) {
			t.Fatalf("queue length %d, want %d", l.Waiting(), n)
		}
		time.Sleep(100 * time.Microsecond)
	}
}

func newLock(on bool, interval time.Duration) *Lock {
	return New(Config{Enabled: on, Interval: interval})
}
