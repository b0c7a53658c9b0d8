package gil

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// With the lock on, two CPU-bound goroutines take about twice as long as one.
// The cores are shared with other work, so a noisy measurement is retried.
func TestLockSerialisesCPU(t *testing.T) {
	l := newLock(true, time.Millisecond)
	n := calibrate(l, 40*time.Millisecond)
	var ratio float64
	for range 3 {
		one := timeSpin(l, 1, n)
		two := timeSpin(l, 2, n)
		ratio = float64(two) / float64(one)
		t.Logf("one %v, two %v, ratio %.2f", one, two, ratio)
		if ratio >= 1.6 {
			break
		}
	}
	if ratio < 1.6 {
		t.Errorf("two goroutines under the lock took %.2f× one; want ≥ 1.6×", ratio)
	}
	if s := l.Stats(); s.ForcedSwitches == 0 {
		t.Error("no forced switches while two goroutines spun")
	}
}

// With the lock off, two goroutines overlap on two cores: they finish
// sooner than the same work under the lock. The cores are shared with other
// work, so each attempt also times two bare goroutines: only attempts where
// the bare ones ran in parallel count against the lock.
func TestLockOffRunsInParallel(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs GOMAXPROCS ≥ 2")
	}
	on, off := newLock(true, time.Millisecond), newLock(false, time.Millisecond)
	n := calibrate(on, 30*time.Millisecond)
	misses := 0
	for range 5 {
		twoOn, twoBare, twoOff := timeSpin(on, 2, n), timeBare(2, n), timeSpin(off, 2, n)
		t.Logf("on %v, bare %v, off %v", twoOn, twoBare, twoOff)
		if float64(twoOff) < 0.85*float64(twoOn) {
			return
		}
		if float64(twoBare) < 0.75*float64(twoOn) {
			misses++
		}
	}
	if misses >= 3 {
		t.Fatalf("lock off did not overlap in %d attempts where bare goroutines did", misses)
	}
	t.Skip("no free core to show parallelism on")
}

// timeBare times k goroutines spinning n iterations with no lock at all.
func timeBare(k, n int) time.Duration {
	l := newLock(false, time.Millisecond) // only for its breaker word
	var wg sync.WaitGroup
	start := time.Now()
	for range k {
		wg.Add(1)
		go func() { defer wg.Done(); sink.Add(spin(l, n)) }()
	}
	wg.Wait()
	return time.Since(start)
}

// With the lock off, a goroutine that holds it does not keep another out.
func TestLockOffDoesNotExclude(t *testing.T) {
	l := newLock(false, time.Millisecond)
	a := l.NewThread("a")
	a.Acquire()
	defer a.Release()
	entered := make(chan struct{})
	go func() {
		b := l.NewThread("b")
		b.Acquire()
		b.Release()
		close(entered)
	}()
	within(t, entered, "second goroutine with the lock off")
	if s := l.Stats(); s.Unlocked != 1 || s.Acquisitions != 2 {
		t.Errorf("%d unlocked, %d acquisitions; want 1 and 2", s.Unlocked, s.Acquisitions)
	}
}

// No forced hold is shorter than the switch interval, forced holds last
// about one interval, and each forced switch hands the lock to the other
// goroutine.
func TestSliceNearInterval(t *testing.T) {
	for _, d := range []time.Duration{time.Millisecond, 5 * time.Millisecond} {
		var holds []time.Duration
		for range 3 { // a loaded machine delays timers and threads: retry
			holds = measureSlice(t, d)
			if len(holds) >= 4 && median(holds) <= 4*d {
				break
			}
		}
		if len(holds) < 4 {
			t.Fatalf("interval %v: %d forced holds, want ≥ 4", d, len(holds))
		}
		if m := median(holds); m > 4*d {
			t.Errorf("interval %v: median forced hold %v, want ≤ 4× interval", d, m)
		}
	}
}

// measureSlice runs two spinning goroutines and returns the sorted forced
// holds, checking that none is shorter than the interval.
func measureSlice(t *testing.T, d time.Duration) []time.Duration {
	t.Helper()
	l := newLock(true, d)
	l.EnableEvents(4096)
	deadline := time.Now().Add(30 * d)
	runThreads(l, 2, func(int, *Thread) { spinUntil(l, deadline) })
	evs := l.Events()
	holds := holdDurations(evs)
	if len(holds) > 0 && holds[0] < d {
		t.Errorf("interval %v: forced hold of %v, shorter than the interval", d, holds[0])
	}
	checkAlternates(t, evs)
	t.Logf("interval %v: %d forced holds, median %v", d, len(holds), median(holds))
	return holds
}

// checkAlternates asserts that after a forced hold the next hold belongs to
// another thread: the holder waits until someone else took the lock.
func checkAlternates(t *testing.T, evs []Event) {
	t.Helper()
	var prev *Event
	for i := range evs {
		e := &evs[i]
		if e.Kind != KindHold {
			continue
		}
		if prev != nil && prev.Forced && prev.Thread == e.Thread {
			t.Errorf("thread %d took the lock back right after its forced switch", e.Thread)
		}
		prev = e
	}
}

// Three spinning goroutines share the lock: none starves.
func TestFairShares(t *testing.T) {
	const k = 3
	l := newLock(true, time.Millisecond)
	deadline := time.Now().Add(150 * time.Millisecond)
	runThreads(l, k, func(int, *Thread) { spinUntil(l, deadline) })
	s := l.Stats()
	for _, th := range s.Threads {
		share := float64(th.Held) / float64(s.Held)
		t.Logf("thread %d: held %v (%.0f%%), %d acquisitions", th.ID, th.Held, 100*share, th.Acquisitions)
		if share < 0.5/k || th.Acquisitions < 5 {
			t.Errorf("thread %d: %.0f%% of the lock, %d acquisitions: starved", th.ID, 100*share, th.Acquisitions)
		}
	}
}

// Waiters are granted the lock in arrival order.
func TestFIFOHandoff(t *testing.T) {
	l := newLock(true, time.Hour)
	main := l.NewThread("main")
	main.Acquire()
	const n = 5
	order := make(chan int, n)
	done := make(chan struct{})
	for i := range n {
		go func() {
			th := l.NewThread("waiter")
			th.Acquire()
			order <- i
			th.Release()
			if i == n-1 {
				close(done)
			}
		}()
		waitQueued(t, l, i+1)
	}
	main.Release()
	within(t, done, "waiters")
	for want := range n {
		if got := <-order; got != want {
			t.Fatalf("grant %d went to waiter %d", want, got)
		}
	}
}
