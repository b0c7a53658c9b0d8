package gil

import (
	"math"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// On Linux the alarms of all locks share one timerfd, set to the earliest
// deadline. The kernel times it to the microsecond, and a goroutine reads
// it through Go's network poller, whose epoll_wait returns as soon as the
// fd is ready, whatever its own millisecond timeout. That goroutine holds
// no thread and no P while it waits: a thread sleeping in a system call
// would keep a P from the goroutines running compiled code. Where no
// timerfd can be made, runtime timers serve.

type fdAlarm struct {
	f  func()
	at int64 // deadline on alarmClock; under alarms.mu
}

var alarms struct {
	once    sync.Once
	fd      int
	file    *os.File // the timerfd; nil where none could be made
	mu      sync.Mutex
	pending map[*fdAlarm]bool
}

var alarmEpoch = time.Now()

func alarmClock() int64 { return int64(time.Since(alarmEpoch)) }

// newAlarm returns an alarm, not yet set.
func newAlarm(f func()) alarm {
	alarms.once.Do(openAlarms)
	if alarms.file == nil {
		return timerAlarm(f)
	}
	return &fdAlarm{f: f}
}

func openAlarms() {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return
	}
	alarms.fd = fd
	alarms.file = os.NewFile(uintptr(fd), "gil-alarm") // non-blocking: read through the poller
	alarms.pending = map[*fdAlarm]bool{}
	go serveAlarms()
}

// Reset sets the alarm to fire d from now and reports whether it was
// pending.
func (a *fdAlarm) Reset(d time.Duration) bool {
	alarms.mu.Lock()
	defer alarms.mu.Unlock()
	was := alarms.pending[a]
	a.at = alarmClock() + min(int64(d), math.MaxInt64/2) // no overflow
	alarms.pending[a] = true
	setTimerfdLocked(alarmClock())
	return was
}

func serveAlarms() {
	var buf [8]byte // the number of expiries
	for {
		if _, err := alarms.file.Read(buf[:]); err != nil && err != unix.EAGAIN {
			panic("gil: reading the alarm timerfd: " + err.Error())
		}
		for _, a := range takeDue() {
			a.f()
		}
	}
}

// takeDue removes and returns the alarms that are due, and sets the timerfd
// for the next one.
func takeDue() []*fdAlarm {
	alarms.mu.Lock()
	defer alarms.mu.Unlock()
	now := alarmClock()
	var due []*fdAlarm
	for a := range alarms.pending {
		if a.at <= now {
			delete(alarms.pending, a)
			due = append(due, a)
		}
	}
	setTimerfdLocked(now)
	return due
}

// setTimerfdLocked sets the timerfd to the earliest pending deadline, or
// disarms it when none is pending.
func setTimerfdLocked(now int64) {
	next := int64(-1)
	for a := range alarms.pending {
		if next < 0 || a.at < next {
			next = a.at
		}
	}
	var spec unix.ItimerSpec
	if next >= 0 {
		// A zero value disarms: a deadline already past is 1 ns away.
		spec.Value = unix.NsecToTimespec(max(next-now, 1))
	}
	if err := unix.TimerfdSettime(alarms.fd, 0, &spec, nil); err != nil {
		panic("gil: setting the alarm timerfd: " + err.Error())
	}
}
