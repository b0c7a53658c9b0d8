package gil

import (
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// On Linux the alarms of all locks are served by one goroutine locked to an
// OS thread that sleeps in futex(2) until the earliest deadline, with its
// timer slack at 1 ns, so it wakes within microseconds of the deadline, as
// CPython's waiter does in pthread_cond_timedwait. Resetting an alarm
// changes the futex word, which wakes the thread to look at the deadlines
// again.

type futexAlarm struct {
	f  func()
	at int64 // deadline on alarmClock; under alarms.mu
}

var alarms struct {
	once    sync.Once
	mu      sync.Mutex
	pending map[*futexAlarm]bool
	word    uint32 // the futex word, bumped on every change
}

var alarmEpoch = time.Now()

func alarmClock() int64 { return int64(time.Since(alarmEpoch)) }

// newAlarm returns an alarm, not yet set.
func newAlarm(f func()) alarm {
	alarms.once.Do(func() {
		alarms.pending = map[*futexAlarm]bool{}
		go serveAlarms()
	})
	return &futexAlarm{f: f}
}

// Reset sets the alarm to fire d from now and reports whether it was
// pending.
func (a *futexAlarm) Reset(d time.Duration) bool {
	alarms.mu.Lock()
	was := alarms.pending[a]
	a.at = alarmClock() + int64(d)
	alarms.pending[a] = true
	atomic.AddUint32(&alarms.word, 1)
	alarms.mu.Unlock()
	futex(&alarms.word, futexWakePrivate, 1, nil)
	return was
}

func serveAlarms() {
	runtime.LockOSThread() // the slack below belongs to this thread
	// PR_SET_TIMERSLACK; when refused, the default slack is 50 µs.
	syscall.RawSyscall(syscall.SYS_PRCTL, 29, 1, 0)
	for {
		word := atomic.LoadUint32(&alarms.word)
		due, wait := takeDue(alarmClock())
		for _, a := range due {
			a.f()
		}
		if len(due) > 0 {
			// The functions may have readied goroutines onto this
			// thread's P, where they would wait while the thread sleeps
			// in a system call: yielding hands the P over to them.
			runtime.Gosched()
			continue
		}
		var ts *syscall.Timespec
		if wait >= 0 {
			t := syscall.NsecToTimespec(wait)
			ts = &t
		}
		// Returns at the deadline, on a wake, at once when the word has
		// changed since it was read, or on a signal: each case loops.
		futex(&alarms.word, futexWaitPrivate, word, ts)
	}
}

// takeDue removes and returns the alarms due at now, and how long until the
// next one is (-1 when none is pending).
func takeDue(now int64) (due []*futexAlarm, wait int64) {
	alarms.mu.Lock()
	defer alarms.mu.Unlock()
	wait = -1
	for a := range alarms.pending {
		switch d := a.at - now; {
		case d <= 0:
			delete(alarms.pending, a)
			due = append(due, a)
		case wait < 0 || d < wait:
			wait = d
		}
	}
	return due, wait
}

const (
	futexWaitPrivate = 128 // FUTEX_WAIT | FUTEX_PRIVATE_FLAG
	futexWakePrivate = 129 // FUTEX_WAKE | FUTEX_PRIVATE_FLAG
)

func futex(addr *uint32, op int, val uint32, ts *syscall.Timespec) {
	syscall.Syscall6(syscall.SYS_FUTEX, uintptr(unsafe.Pointer(addr)), uintptr(op), uintptr(val),
		uintptr(unsafe.Pointer(ts)), 0, 0)
}
