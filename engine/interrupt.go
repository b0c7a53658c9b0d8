package engine

import (
	"runtime"
	"sync"
	"time"

	"gokernel/engine/rt"
)

// hardStopAfter is how long an interrupted cell may take to reach a
// checkpoint before the interpreter cancels it (it is blocked in native
// code, or in a channel operation).
const hardStopAfter = time.Second

// Interrupt stops the running cell at its next checkpoint, or when idle the
// goroutines cells started. The request stays pending until the cell ends,
// so a recover() in the cell cannot swallow it.
func (s *Session) Interrupt() {
	s.stateMu.Lock()
	s.cp.Set(rt.Interrupt)
	select {
	case <-s.intr:
	default:
		close(s.intr)
	}
	s.stateMu.Unlock()
	s.lock.Interrupt() // wake goroutines waiting for the lock
	if !s.running.Load() {
		return
	}
	seq := s.runSeq.Load()
	time.AfterFunc(hardStopAfter, func() {
		s.stateMu.Lock()
		defer s.stateMu.Unlock()
		if s.running.Load() && s.runSeq.Load() == seq && s.cancel != nil {
			s.cancel()
		}
	})
}

// clearInterrupt forgets a pending interrupt.
func (s *Session) clearInterrupt() {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.cp.Clear(rt.Interrupt)
	s.lock.ClearInterrupt()
	select {
	case <-s.intr:
		s.intr = make(chan struct{})
	default:
	}
}

func (s *Session) interrupted() <-chan struct{} {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.intr
}

// slow is the checkpoint slow path.
func (s *Session) slow(bits int32) {
	if bits&rt.StackCheck != 0 {
		s.cp.Clear(rt.StackCheck)
		s.checkStack()
	}
	if bits&rt.Interrupt != 0 && s.interruptHere() {
		panic(Interrupted{})
	}
	s.lockCheckpoint(bits)
}

// interruptHere reports whether the calling goroutine should stop for a
// pending interrupt: while a cell runs, only the cell's own goroutine stops
// (as KeyboardInterrupt goes to Python's main thread); when idle, every
// goroutine a cell started stops.
func (s *Session) interruptHere() bool {
	if !s.running.Load() || s.bg.count.Load() == 0 {
		return true
	}
	return !s.bg.isBackground()
}

// sleep is time.Sleep as cells see it: an interrupt ends it.
func (s *Session) sleep(d time.Duration) {
	if d <= 0 {
		s.cp.Slow()
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	defer s.lock.Restore(s.lock.Save()) // sleep without the interpreter lock
	select {
	case <-t.C:
	case <-s.interrupted():
		if s.interruptHere() {
			panic(Interrupted{})
		}
		<-t.C
	}
}

// defaultMaxFrames bounds the Go frames of an interpreted goroutine. An
// interpreted call takes two Go frames, about 860 bytes of stack, so the
// default allows some 20,000 nested calls in about 17 MB, far below Go's
// 1 GB stack limit, whose overflow is fatal.
const defaultMaxFrames = 40_000

// checkStack stops a goroutine deeper than maxFrames. runtime.Callers
// skipping maxFrames frames finds one more frame only then; it walks the
// stack, which the watchdog asks for only every few milliseconds.
//
// The cell's own goroutine is stopped by cancelling the run rather than by a
// panic: yaegi re-panics in every interpreted frame, which costs time
// quadratic in the depth, while a cancelled run unwinds in linear time.
func (s *Session) checkStack() {
	var pc [1]uintptr
	if runtime.Callers(s.maxFrames, pc[:]) == 0 {
		return
	}
	err := RecursionError{Frames: s.maxFrames}
	id := goid()
	if s.abandoned(id) {
		return // a cancelled run, unwinding
	}
	if s.running.Load() && !s.bg.isBackground() && s.hardStop(err) {
		s.stateMu.Lock()
		s.unwinding[id] = true
		s.stateMu.Unlock()
		return
	}
	panic(err)
}

// hardStop cancels the running cell and records why; false when no run
// can be cancelled.
func (s *Session) hardStop(reason error) bool {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	if s.cancel == nil {
		return false
	}
	s.stopReason = reason
	s.cancel()
	return true
}

// watchdog sets the stack-check bit every few milliseconds while
// interpreted code runs (a cell, or goroutines cells started).
type watchdog struct {
	mu       sync.Mutex
	watching bool
}

const watchEvery = 5 * time.Millisecond

// start starts the watchdog unless it runs. Callers set what keeps it
// running (s.running, s.bg.count) before calling start.
func (w *watchdog) start(s *Session) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watching {
		return
	}
	w.watching = true
	go w.run(s)
}

func (w *watchdog) run(s *Session) {
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for range t.C {
		w.mu.Lock()
		if !s.running.Load() && s.bg.count.Load() == 0 {
			w.watching = false
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
		s.cp.Set(rt.StackCheck)
	}
}

// abandoned reports whether goroutine id runs a cancelled cell.
func (s *Session) abandoned(id int64) bool {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.unwinding[id]
}
