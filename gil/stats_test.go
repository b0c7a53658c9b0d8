package gil

import (
	"testing"
	"time"
)

// Counters add up: totals equal the sums over threads, every grant is one
// acquisition and one hold event, and held time never exceeds wall time
// since only one goroutine holds the lock at a time.
func TestStatsAddUp(t *testing.T) {
	const k, rounds = 3, 10
	l := newLock(true, 500*time.Microsecond)
	l.EnableEvents(1 << 14)
	n := calibrate(l, 2*time.Millisecond)
	wall := runThreads(l, k, func(_ int, th *Thread) {
		for range rounds {
			spin(l, n)
			l.Blocking(func() {})
		}
	})
	s := l.Stats()
	var acq, forced int64
	var held, waited time.Duration
	for _, th := range s.Threads {
		acq += th.Acquisitions
		forced += th.ForcedSwitches
		held += th.Held
		waited += th.Waited
	}
	if acq != s.Acquisitions || forced != s.ForcedSwitches || held != s.Held || waited != s.Waited {
		t.Errorf("sums %d/%d/%v/%v, totals %d/%d/%v/%v", acq, forced, held, waited,
			s.Acquisitions, s.ForcedSwitches, s.Held, s.Waited)
	}
	if min := int64(k * (rounds + 1)); s.Acquisitions < min {
		t.Errorf("%d acquisitions, want ≥ %d", s.Acquisitions, min)
	}
	if s.Held > wall {
		t.Errorf("held %v in %v of wall time: two holders at once", s.Held, wall)
	}
	holds, forcedEv := 0, int64(0)
	for _, e := range l.Events() {
		if e.Kind == KindHold {
			holds++
			if e.Forced {
				forcedEv++
			}
		}
	}
	if int64(holds) != s.Acquisitions || forcedEv != s.ForcedSwitches {
		t.Errorf("%d hold events (%d forced) for %d acquisitions (%d forced)", holds, forcedEv, s.Acquisitions, s.ForcedSwitches)
	}
	t.Logf("\n%s", s)

	l.ResetStats()
	if s := l.Stats(); s.Acquisitions != 0 || s.Held != 0 || len(s.Threads) != 0 {
		t.Errorf("after reset: %+v", s)
	}
}

// Holders exclude each other: the race detector sees the plain counter
// only touched under the lock's happens-before edges.
func TestMutualExclusion(t *testing.T) {
	l := newLock(true, 200*time.Microsecond)
	counter, inside := 0, 0
	runThreads(l, 4, func(_ int, th *Thread) {
		for range 200 {
			inside++
			if inside != 1 {
				t.Errorf("%d goroutines inside", inside)
			}
			counter++
			inside--
			spin(l, 2000)
			if counter%7 == 0 {
				l.Yield()
			}
		}
	})
	if counter != 800 {
		t.Errorf("counter %d, want 800", counter)
	}
}

// The event ring keeps the latest events only.
func TestEventRingBounded(t *testing.T) {
	l := newLock(true, time.Hour)
	th := l.NewThread("x")
	if l.Events() != nil {
		t.Error("events recorded while off")
	}
	l.EnableEvents(4)
	for range 10 {
		th.Acquire()
		th.Release()
	}
	evs := l.Events()
	if len(evs) != 4 {
		t.Fatalf("%d events, want 4", len(evs))
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Start.Before(evs[i-1].Start) {
			t.Errorf("events out of order: %v before %v", evs[i-1].Start, evs[i].Start)
		}
	}
	if len(l.Events()) != 0 {
		t.Error("Events did not clear the ring")
	}
}

// With the lock off only acquisitions are counted and Save does nothing.
func TestOffModeCounts(t *testing.T) {
	l := newLock(false, time.Millisecond)
	runThreads(l, 3, func(_ int, th *Thread) {
		if th := l.Save(); th != nil {
			t.Error("Save with the lock off returned a thread")
		}
	})
	s := l.Stats()
	if s.Acquisitions != 3 || s.Unlocked != 0 || s.Held != 0 {
		t.Errorf("off mode: %d acquisitions, %d unlocked, held %v", s.Acquisitions, s.Unlocked, s.Held)
	}
	for _, th := range s.Threads {
		if !th.Closed {
			t.Errorf("thread %d not closed", th.ID)
		}
	}
}
