package timeline

import (
	"time"
)

// Segment is one interval of one goroutine. Times are offsets from the start
// of the recording.
type Segment struct {
	Kind   Kind
	Start  time.Duration
	End    time.Duration
	Reason string // why a Blocked segment blocked: chan, select, sleep, sync, I/O, ...
	Forced bool   // a Hold that ended by forced switching
}

// Duration is End - Start.
func (s Segment) Duration() time.Duration { return s.End - s.Start }

// Row is one goroutine's segments, in time order and not overlapping.
type Row struct {
	ID       int64 // goroutine id, as panics and runtime/trace show it
	Name     string
	Parent   int64 // the goroutine that started it, 0 when unknown
	Segments []Segment
}

// Timeline is one recorded run.
type Timeline struct {
	Title    string
	Wall     time.Duration
	User     time.Duration // process CPU time in user mode during the run
	Sys      time.Duration // and in the kernel
	LockOn   bool
	Interval time.Duration // the lock's switch interval
	Rows     []Row
	// Truncated is set when the lock's event ring filled up, so that the
	// earliest lock intervals are missing.
	Truncated bool
	Trace     []byte // the runtime trace, as `go tool trace` reads it; may be nil
}

// CPU is User + Sys.
func (t *Timeline) CPU() time.Duration { return t.User + t.Sys }

// Parallelism is CPU time over wall time: about 1 when goroutines take
// turns, up to the number of cores when they run side by side.
func (t *Timeline) Parallelism() float64 {
	if t.Wall <= 0 {
		return 0
	}
	return float64(t.CPU()) / float64(t.Wall)
}

// Total is the time the row spent in segments of kind k.
func (r *Row) Total(k Kind) time.Duration {
	var d time.Duration
	for _, s := range r.Segments {
		if s.Kind == k {
			d += s.Duration()
		}
	}
	return d
}

// Forced counts the row's holds ended by forced switching.
func (r *Row) Forced() int {
	n := 0
	for _, s := range r.Segments {
		if s.Kind == Hold && s.Forced {
			n++
		}
	}
	return n
}

// Span is the time from the row's first segment start to its last end.
func (r *Row) Span() time.Duration {
	if len(r.Segments) == 0 {
		return 0
	}
	return r.Segments[len(r.Segments)-1].End - r.Segments[0].Start
}

// Label is the row's name as the picture shows it.
func (r *Row) Label() string {
	if r.Name == "" {
		return "g" + itoa(r.ID)
	}
	return "g" + itoa(r.ID) + " " + r.Name
}

// end is the latest segment end over all rows.
func (t *Timeline) end() time.Duration {
	e := t.Wall
	for _, r := range t.Rows {
		if n := len(r.Segments); n > 0 && r.Segments[n-1].End > e {
			e = r.Segments[n-1].End
		}
	}
	return e
}

// MaxRows is how many goroutines a picture or table shows; the summary's
// totals count them all.
const MaxRows = 64

// shown are the rows drawn.
func (t *Timeline) shown() []Row { return t.Rows[:min(len(t.Rows), MaxRows)] }

// hiddenLines is 1 when rows were left out of the picture, for the note.
func (t *Timeline) hiddenLines() int {
	if len(t.Rows) > MaxRows {
		return 1
	}
	return 0
}

func (t *Timeline) hiddenNote() string {
	return "… and " + itoa(int64(len(t.Rows)-MaxRows)) + " more goroutines, not drawn"
}
