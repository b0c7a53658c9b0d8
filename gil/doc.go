// Package gil implements the interpreter lock: one lock that every goroutine
// must hold while it runs interpreted code, modelled on CPython's GIL
// (Python/ceval_gil.c).
//
// # Model
//
// A goroutine that runs interpreted code owns a [Thread] (CPython's
// PyThreadState). It calls [Thread.Acquire] before running and
// [Thread.Release] when it ends, always as
//
//	t := l.NewThread("name")
//	t.Acquire()
//	defer t.Release() // a panic never leaves the lock held
//
// [Lock.Go] does exactly this for the goroutine a `go` statement starts and
// also recovers a panic and reports it once the lock is released. A Thread
// belongs to one goroutine at a time.
//
// Release is safe to call when the lock is not held (after a panic inside a
// blocking call, or after the lock was switched off), so the deferred call is
// always correct.
//
// While one goroutine holds the lock the others wait in a FIFO queue.
// Releasing hands the lock directly to the first waiter, so waiters are
// served in arrival order and no waiter starves.
//
// # Switching
//
// The engine inserts a checkpoint at every interpreted function entry and
// loop-body start:
//
//	if *word != 0 { slow() }
//
// word is the engine's "eval breaker": one int32 that carries every
// asynchronous request (the lock's drop request, interrupts). The lock does
// not own it: [Config.Word] points at the engine's word and [Config.Mask]
// names the bit the lock may set, so the fast path stays a single load for
// all requests together. When Word is nil the lock allocates its own word
// ([Lock.Word]). The slow path calls [Lock.Checkpoint], which costs one
// atomic load when the lock's bit is clear.
//
// When a goroutine waits and the holder has held the lock for at least the
// switch interval (default 5 ms), a watchdog alarm sets the drop bit (on
// Linux a timerfd read through the network poller, which fires within tens
// of microseconds where Go's timers may be a millisecond late). At its
// next checkpoint the holder hands the lock to the first waiter and queues
// again at the tail: it cannot take the lock back before another goroutine
// has run (forced switching). Every grant clears the bit.
//
// The word is written with atomic operations. A plain (non-atomic) read of an
// aligned int32 in the checkpoint is safe on the platforms Go supports, but
// the race detector reports it; tests read it with atomic.LoadInt32.
//
// # Who calls
//
// Go has no goroutine-local storage. The lock knows its holder, and while the
// lock is on only the holder runs interpreted code, so [Lock.Checkpoint],
// [Lock.Yield], [Lock.Save] and [Lock.Blocking] act on the holder. They check
// cheaply (a few ns, the runtime's goroutine pointer) that the caller is the
// holder and do nothing otherwise, so goroutines that run interpreted code
// without holding the lock (started by native code, or started while the
// lock was off) never disturb it.
//
// # Blocking
//
// Around a blocking operation (sleep, channel operation, sync wait, I/O,
// native code that releases the lock) the holder runs
//
//	l.Blocking(func() { time.Sleep(d) })
//
// or the pair t := l.Save(); ...; l.Restore(t) (PyEval_SaveThread and
// PyEval_RestoreThread). Blocking re-acquires even when fn panics. The
// function run with the lock released must not run interpreted code.
//
// # Modes
//
// With the lock off ([Config.Enabled] false, GOKERNEL_GIL=off) every
// operation is a no-op apart from atomic acquisition counters: interpreted
// goroutines run in parallel. [Lock.SetEnabled] may be called at any time:
// switching off lets the holder and every waiter run at once; switching on
// affects acquisitions made afterwards, while goroutines already running
// without the lock keep doing so until they release.
//
// # Observability
//
// [Lock.Stats] returns counters per thread and in total (acquisitions,
// forced switches, time held, time waited). [Lock.EnableEvents] turns on a
// bounded ring of hold, wait and released intervals for timelines. When
// runtime/trace is running, holds and waits are also trace regions
// ("gil.hold", "gil.wait") and forced switches are trace logs.
package gil
