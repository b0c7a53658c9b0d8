package gil

import (
	"errors"
	"sync"
	"testing"
	"time"
)

// Four goroutines sleeping with the lock released overlap: together they
// take far less than four sleeps.
func TestBlockingOverlaps(t *testing.T) {
	const k, sleep = 4, 100 * time.Millisecond
	l := newLock(true, 5*time.Millisecond)
	wall := runThreads(l, k, func(_ int, th *Thread) {
		l.Blocking(func() { time.Sleep(sleep) })
		if !l.Holding() {
			t.Error("Blocking returned without the lock")
		}
	})
	t.Logf("%d × sleep %v took %v", k, sleep, wall)
	if wall >= 2*sleep {
		t.Errorf("%d sleeps took %v, serial would be %v: the lock was not released", k, wall, k*sleep)
	}
}

// A panic never leaves the lock held: neither out of a goroutine nor out of
// a blocking call that user code recovers.
func TestPanicDoesNotLeaveLockHeld(t *testing.T) {
	l := newLock(true, time.Millisecond)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { _ = recover() }() // the `go` wrapper reports it
		th := l.NewThread("panicky")
		th.Acquire()
		defer th.Release()
		panic("boom")
	}()
	within(t, done, "panicking goroutine")

	got := make(chan struct{})
	go func() {
		defer close(got)
		th := l.NewThread("after")
		th.Acquire()
		defer th.Release()
		func() {
			defer func() { _ = recover() }() // interpreted code recovers
			l.Blocking(func() { panic("in blocking call") })
		}()
		if !l.Holding() {
			t.Error("lock not re-acquired after a panic in Blocking")
		}
	}()
	within(t, got, "acquire after panic")
	if s := l.Stats(); s.Holder != 0 {
		t.Errorf("thread %d still holds the lock", s.Holder)
	}
}

// Interrupt wakes interruptible waiters without the lock; plain waiters
// keep waiting and get the lock later.
func TestInterruptWakesWaiters(t *testing.T) {
	l := newLock(true, time.Hour)
	holder := l.NewThread("holder")
	holder.Acquire()
	const k = 3
	errs := make(chan error, k)
	for range k {
		go func() { errs <- l.NewThread("w").AcquireInterruptible() }()
	}
	plain := make(chan struct{})
	go func() {
		th := l.NewThread("plain")
		th.Acquire()
		close(plain)
		th.Release()
	}()
	waitQueued(t, l, k+1)
	l.Interrupt()
	for range k {
		select {
		case err := <-errs:
			if !errors.Is(err, ErrInterrupted) {
				t.Fatalf("interrupted waiter returned %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("interrupt did not wake the waiters")
		}
	}
	waitQueued(t, l, 1)
	if err := l.NewThread("late").AcquireInterruptible(); !errors.Is(err, ErrInterrupted) {
		t.Errorf("acquire while interrupted returned %v", err)
	}
	holder.Release()
	within(t, plain, "plain waiter")
	l.ClearInterrupt()
	th := l.NewThread("cleared")
	if err := th.AcquireInterruptible(); err != nil {
		t.Errorf("acquire after ClearInterrupt: %v", err)
	}
	th.Release()
}

// Only the holder's calls act on the lock; other goroutines cannot release
// or yield it.
func TestNonHolderCannotDisturb(t *testing.T) {
	l := newLock(true, time.Hour)
	holder := l.NewThread("holder")
	holder.Acquire()
	defer holder.Release()
	go func() { l.NewThread("waiter").Acquire() }()
	waitQueued(t, l, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.setDrop()
		l.Checkpoint()
		l.Yield()
		if th := l.Save(); th != nil {
			t.Error("Save by a goroutine that does not hold the lock returned a thread")
		}
		l.Blocking(func() {})
	}()
	within(t, done, "non-holder")
	if s := l.Stats(); s.Holder != holder.ID() || s.Waiting != 1 {
		t.Errorf("holder %d waiting %d; want %d and 1", s.Holder, s.Waiting, holder.ID())
	}
}

// Switching the lock off lets the holder and all waiters run; switching it
// on again locks new acquisitions.
func TestSetEnabled(t *testing.T) {
	l := newLock(true, time.Hour)
	holder := l.NewThread("holder")
	holder.Acquire()
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			th := l.NewThread("w")
			th.Acquire()
			th.Release()
		}()
	}
	waitQueued(t, l, 2)
	l.SetEnabled(false)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	within(t, done, "waiters after switching off")
	holder.Release()
	if s := l.Stats(); s.Unlocked != 0 || s.Holder != 0 {
		t.Errorf("after release: %d unlocked, holder %d", s.Unlocked, s.Holder)
	}
	l.SetEnabled(true)
	holder.Acquire()
	if !l.Holding() {
		t.Error("lock switched on but not held after Acquire")
	}
	holder.Release()
}

// Go runs the function under the lock and reports its panic after
// releasing the lock.
func TestGoReportsPanic(t *testing.T) {
	l := newLock(true, time.Millisecond)
	got := make(chan any, 1)
	l.Go("worker", func() {
		if !l.Holding() {
			t.Error("Go ran fn without the lock")
		}
		panic("boom")
	}, func(v any, stack []byte) {
		if l.Stats().Holder != 0 {
			t.Error("lock still held while reporting the panic")
		}
		if len(stack) == 0 {
			t.Error("no stack")
		}
		got <- v
	})
	select {
	case v := <-got:
		if v != "boom" {
			t.Errorf("panic value %v", v)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("panic not reported")
	}
}
