package sync

import (
	gosync "sync"
	"testing"
	"time"

	"gokernel/gil"
)

// holder runs f in a goroutine that holds the default lock, as interpreted
// goroutines do.
func holder(l *gil.Lock, f func()) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := l.NewThread("t")
		t.Acquire()
		defer t.Close()
		f()
	}()
	return done
}

func wait(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: deadlock", what)
	}
}

func newLock(t *testing.T) *gil.Lock {
	l := gil.New(gil.Config{Enabled: true, Interval: time.Millisecond})
	old := gil.Default()
	gil.SetDefault(l)
	t.Cleanup(func() { gil.SetDefault(old) })
	return l
}

// Each wait below blocks a goroutine holding the lock until another
// goroutine, which needs the lock to run, acts: the wait must release it.
func TestWaitsReleaseTheLock(t *testing.T) {
	l := newLock(t)
	t.Run("WaitGroup", func(t *testing.T) {
		var wg WaitGroup
		wg.Add(1)
		done := holder(l, wg.Wait)
		wait(t, holder(l, wg.Done), "Done")
		wait(t, done, "Wait")
	})
	t.Run("Mutex", func(t *testing.T) {
		var m Mutex
		m.Lock()
		done := holder(l, func() { m.Lock(); m.Unlock() })
		time.Sleep(10 * time.Millisecond)
		wait(t, holder(l, m.Unlock), "Unlock")
		wait(t, done, "Lock")
	})
	t.Run("RWMutex", func(t *testing.T) {
		var rw RWMutex
		rw.Lock()
		done := holder(l, func() { rw.RLock(); rw.RUnlock() })
		time.Sleep(10 * time.Millisecond)
		wait(t, holder(l, rw.Unlock), "Unlock")
		wait(t, done, "RLock")
	})
	t.Run("Cond", func(t *testing.T) {
		var m Mutex
		c := NewCond(&m)
		ready := false
		done := holder(l, func() {
			m.Lock()
			for !ready {
				c.Wait()
			}
			m.Unlock()
		})
		time.Sleep(10 * time.Millisecond)
		wait(t, holder(l, func() { m.Lock(); ready = true; m.Unlock(); c.Broadcast() }), "Broadcast")
		wait(t, done, "Wait")
	})
	t.Run("Once", func(t *testing.T) {
		var o Once
		calls := 0
		release := make(chan struct{})
		first := holder(l, func() {
			o.Do(func() {
				calls++
				l.Blocking(func() { <-release })
			})
		})
		time.Sleep(10 * time.Millisecond)
		second := holder(l, func() { o.Do(func() { calls++ }) })
		time.Sleep(10 * time.Millisecond)
		close(release)
		wait(t, first, "first Do")
		wait(t, second, "second Do")
		if calls != 1 {
			t.Errorf("f ran %d times", calls)
		}
	})
	if s := l.Stats(); s.Holder != 0 {
		t.Errorf("lock held at the end:\n%s", s)
	}
}

func TestRLockerIsLockAware(t *testing.T) {
	var rw RWMutex
	var lk gosync.Locker = rw.RLocker()
	lk.Lock()
	if rw.TryLock() {
		t.Fatal("write lock taken while read-locked")
	}
	lk.Unlock()
	if !rw.TryLock() {
		t.Fatal("write lock not free after RUnlock")
	}
}
