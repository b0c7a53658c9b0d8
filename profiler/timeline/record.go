package timeline

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"runtime/trace"
	"strconv"
	"time"

	"gokernel/gil"
	"gokernel/internal/cputime"
)

// DefaultEvents is the size of the lock's event ring while recording: at
// the default 5 ms switch interval it covers minutes of turn taking.
const DefaultEvents = 1 << 16

// Config says what to record and how to label it.
type Config struct {
	// Lock is the interpreter lock whose intervals are recorded; nil shows
	// scheduling states only.
	Lock *gil.Lock
	// Root is the goroutine whose row comes first and whose descendants
	// get rows; 0 means the goroutine that calls Record.
	Root int64
	// RootName labels the root's row; "" means "cell".
	RootName string
	// SkipRoot leaves the root's own row out, for a root that only starts
	// the code shown and waits for it.
	SkipRoot bool
	// Include, when set, chooses the rows instead of descent from Root.
	// Goroutines that used the lock during the run always get a row.
	Include func(goid int64) bool
	// Name, when set, labels a goroutine's row; "" keeps the default (the
	// lock thread's name, or the function the goroutine started in).
	Name func(goid int64) string
	// Events is the lock's event ring size; 0 means DefaultEvents.
	Events int
	// Title heads the picture.
	Title string
}

// Record runs fn on the calling goroutine under the execution tracer, with
// the lock's event ring on, and returns the timeline of the run. A panic in
// fn stops the recording and goes on up. The tracer is process-wide: Record
// fails when it is already running. When the trace cannot be read back,
// Record returns the error with a Timeline that has no rows but keeps the
// trace and the times measured.
func Record(c Config, fn func()) (*Timeline, error) {
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		return nil, fmt.Errorf("start execution tracer: %w", err)
	}
	rec := &recording{root: c.Root}
	if rec.root == 0 {
		rec.root = goid()
	}
	l := c.Lock
	var on bool
	var interval time.Duration
	ring := cmp0(c.Events, DefaultEvents)
	if l != nil {
		on, interval = l.Enabled(), l.SwitchInterval()
		l.EnableEvents(ring)
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		rec.wall = time.Since(rec.t0)
		trace.Log(context.Background(), markerCategory, markerEnd)
		if l != nil {
			rec.events, rec.threads = l.Events(), l.Stats().Threads
			l.EnableEvents(0)
		}
		trace.Stop()
	}
	defer stop() // a panic in fn must not leave the tracer running
	u0, s0 := cputime.Process()
	rec.t0 = time.Now()
	trace.Log(context.Background(), markerCategory, markerStart)
	fn()
	u1, s1 := cputime.Process()
	stop()
	rec.trace = buf.Bytes()
	tl, err := build(rec, c)
	if err != nil {
		// Keep what was measured: the caller may still save the trace.
		tl = &Timeline{Title: c.Title, Wall: rec.wall, Trace: rec.trace}
	}
	tl.User, tl.Sys = u1-u0, s1-s0
	tl.LockOn, tl.Interval = on, interval
	tl.Truncated = len(rec.events) >= ring
	return tl, err
}

func cmp0(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// goid returns the calling goroutine's id from its stack header
// ("goroutine 123 [running]:").
func goid() int64 {
	var b [64]byte
	s := string(b[:runtime.Stack(b[:], false)])
	const prefix = "goroutine "
	if len(s) < len(prefix) {
		return 0
	}
	s = s[len(prefix):]
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			s = s[:i]
			break
		}
	}
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
