// Package sync holds the sync types cells see in place of the standard
// ones: the same types (embedded, so every method is there) whose waits
// release the interpreter lock. A goroutine blocked in WaitGroup.Wait or
// Mutex.Lock while holding the lock would stop the goroutine it waits for
// from ever running.
//
// The package is named sync so that %T and printed values read as cells
// wrote them (sync.WaitGroup).
package sync

import (
	gosync "sync"

	"gokernel/gil"
)

// blocking runs fn with the caller's hold on the process's lock released.
func blocking(fn func()) { gil.Default().Blocking(fn) }

// WaitGroup is sync.WaitGroup whose Wait releases the lock.
type WaitGroup struct{ gosync.WaitGroup }

// Wait blocks until the counter is zero, without the lock.
func (w *WaitGroup) Wait() { blocking(w.WaitGroup.Wait) }

// Mutex is sync.Mutex whose Lock releases the interpreter lock while it
// waits.
type Mutex struct{ gosync.Mutex }

// Lock locks m, releasing the interpreter lock only when it must wait.
func (m *Mutex) Lock() {
	if !m.TryLock() {
		blocking(m.Mutex.Lock)
	}
}

// RWMutex is sync.RWMutex whose Lock and RLock release the interpreter
// lock while they wait.
type RWMutex struct{ gosync.RWMutex }

// Lock locks rw for writing.
func (rw *RWMutex) Lock() {
	if !rw.TryLock() {
		blocking(rw.RWMutex.Lock)
	}
}

// RLock locks rw for reading.
func (rw *RWMutex) RLock() {
	if !rw.TryRLock() {
		blocking(rw.RWMutex.RLock)
	}
}

// RLocker returns a Locker whose Lock is rw.RLock.
func (rw *RWMutex) RLocker() gosync.Locker { return rlocker{rw} }

type rlocker struct{ rw *RWMutex }

func (r rlocker) Lock()   { r.rw.RLock() }
func (r rlocker) Unlock() { r.rw.RUnlock() }

// Cond is sync.Cond whose Wait releases the interpreter lock.
type Cond struct{ gosync.Cond }

// NewCond returns a Cond with locker l.
func NewCond(l gosync.Locker) *Cond {
	c := &Cond{}
	c.L = l
	return c
}

// Wait waits for a signal without the interpreter lock; c.L is locked
// again (through its own, lock-aware Lock) before it returns.
func (c *Cond) Wait() { blocking(c.Cond.Wait) }

// Once is sync.Once whose Do does not hold the interpreter lock while it
// waits for another goroutine's f to finish, and holds it while f runs.
type Once struct{ gosync.Once }

// Do calls f once.
func (o *Once) Do(f func()) {
	l := gil.Default()
	t := l.Save()
	ran := false
	o.Once.Do(func() {
		l.Restore(t)
		ran = true
		f()
	})
	if !ran {
		l.Restore(t)
	}
}
