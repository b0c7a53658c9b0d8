package gil

import (
	"sync"
	"sync/atomic"
	"time"
)

// Lock is the interpreter lock. The zero value is not usable; call [New].
type Lock struct {
	word     *int32
	mask     int32
	notify   func()
	epoch    time.Time
	enabled  atomic.Bool
	interval atomic.Int64 // time.Duration

	// holder is written under mu and read without it by the slow paths,
	// which only need to know whether their caller is the holder.
	holder      atomic.Pointer[Thread]
	unlocked    atomic.Int64 // threads running while the lock was off
	interrupted atomic.Bool
	nextID      atomic.Int64
	acqTotal    atomic.Int64

	mu     sync.Mutex
	queue  []*Thread // FIFO of waiters
	since  int64     // when the holder was granted the lock (ns since epoch)
	timer  alarm     // the watchdog, made on first use
	armed  bool
	totals counters
	reg    registry
	ring   *eventRing
}

// counters are the per-thread and total counters kept under Lock.mu.
type counters struct {
	forced   int64
	handoffs int64
	drops    int64 // drop requests set by the watchdog (totals only)
	held     int64 // ns
	waited   int64 // ns
}

// New returns a lock configured by c.
func New(c Config) *Lock {
	l := &Lock{word: c.Word, mask: c.Mask, notify: c.Notify, epoch: time.Now()}
	if l.word == nil {
		l.word = new(int32)
	}
	if l.mask == 0 {
		l.mask = DefaultMask
	}
	if c.Interval <= 0 {
		c.Interval = DefaultInterval
	}
	l.interval.Store(int64(c.Interval))
	l.enabled.Store(c.Enabled)
	l.reg.init()
	return l
}

// Word is the breaker word the checkpoint reads: nonzero means "call the
// slow path".
func (l *Lock) Word() *int32 { return l.word }

// Mask is the bit of Word the lock sets to request a switch.
func (l *Lock) Mask() int32 { return l.mask }

// Enabled reports whether the lock is on.
func (l *Lock) Enabled() bool { return l.enabled.Load() }

// SwitchInterval is how long a holder keeps the lock while others wait.
func (l *Lock) SwitchInterval() time.Duration { return time.Duration(l.interval.Load()) }

// SetSwitchInterval changes the switch interval; it takes effect for the
// current holder at once.
func (l *Lock) SetSwitchInterval(d time.Duration) error {
	if err := checkInterval(d); err != nil {
		return err
	}
	l.interval.Store(int64(d))
	l.mu.Lock()
	if l.armed {
		l.timer.Reset(0) // re-evaluate the holder against the new interval
	}
	l.mu.Unlock()
	return nil
}

// SetEnabled switches the lock on or off. Switching off releases the holder
// and every waiter to run in parallel. Switching on affects acquisitions
// made afterwards.
func (l *Lock) SetEnabled(on bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.enabled.Load() == on {
		return
	}
	l.enabled.Store(on)
	if on {
		return
	}
	now := l.now()
	if h := l.holder.Load(); h != nil {
		l.endHoldLocked(h, now, false)
		l.runUnlockedLocked(h)
	}
	for _, t := range l.queue {
		l.endWaitLocked(t, now)
		l.runUnlockedLocked(t)
		t.signal()
	}
	l.queue = nil
	l.clearDrop()
}

// Holding reports whether the calling goroutine holds the lock.
func (l *Lock) Holding() bool {
	h := l.holder.Load()
	return h != nil && h.g.Load() == curg()
}

// Waiting is the number of goroutines queued for the lock.
func (l *Lock) Waiting() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.queue)
}

// now is the monotonic time in ns since the lock was made.
func (l *Lock) now() int64 { return int64(time.Since(l.epoch)) }

func (l *Lock) setDrop() {
	if atomicOr(l.word, l.mask) && l.notify != nil {
		l.notify()
	}
}

func (l *Lock) clearDrop() {
	if atomicAndNot(l.word, l.mask) && l.notify != nil {
		l.notify()
	}
}
