package timeline

import (
	"runtime"
	"runtime/trace"
	"strings"
	"testing"
	"time"

	"gokernel/gil"
)

// recordWorkers records two goroutines that each spin n iterations under l,
// started and awaited by a cell goroutine that holds the lock.
func recordWorkers(t *testing.T, l *gil.Lock, n int) *Timeline {
	t.Helper()
	var tl *Timeline
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		th := l.NewThread("cell")
		th.Acquire()
		defer th.Close()
		tl, err = Record(Config{Lock: l}, func() {
			workers(l, 2, func() { spinN(l, n) })
		})
	}()
	<-done
	if err != nil {
		t.Fatalf("record: %v", err)
	}
	return tl
}

// Under the lock two CPU-bound goroutines take turns: their holds alternate,
// never overlap, last about the switch interval, and the run uses one CPU.
func TestRecordLockOnTakesTurns(t *testing.T) {
	const interval = 5 * time.Millisecond
	l := gil.New(gil.Config{Enabled: true, Interval: interval})
	n := calibrate(l, 100*time.Millisecond)
	tl := recordWorkers(t, l, n)
	p := parseSVG(t, tl.SVG())[0]
	if len(p.names) != 3 || p.names[0] != "cell" {
		t.Fatalf("rows %v, want the cell and two workers", p.names)
	}
	lens := checkAlternating(t, p, "worker1", "worker2")
	iv := msOf(interval)
	if m := medianOf(lens); m < iv/2 || m > 2.5*iv {
		t.Errorf("median hold %.2f ms, want near the %.0f ms interval", m, iv)
	}
	s := tl.Summary()
	if s.ForcedSwitches < 4 {
		t.Errorf("%d forced switches, want several", s.ForcedSwitches)
	}
	if s.HeldShare < 0.5 || s.HeldShare > 1.01 {
		t.Errorf("lock held %.2f of wall, want most of it", s.HeldShare)
	}
	t.Logf("lock on: wall %v, parallelism %.2f, %d holds, median %.2f ms", tl.Wall, tl.Parallelism(), len(lens), medianOf(lens))
	if tl.Parallelism() >= 1.2 {
		t.Errorf("parallelism %.2f with the lock on, want < 1.2", tl.Parallelism())
	}
}

// Without the lock the same goroutines run at the same time.
func TestRecordLockOffOverlaps(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs 2 CPUs")
	}
	l := gil.New(gil.Config{Enabled: false})
	n := calibrate(l, 100*time.Millisecond)
	var best float64
	for try := 0; try < 3; try++ { // other processes share the CPUs
		tl := recordWorkers(t, l, n)
		p := parseSVG(t, tl.SVG())[0]
		if len(p.names) != 3 {
			t.Fatalf("rows %v, want the cell and two workers", p.names)
		}
		w1, w2 := p.rows[p.names[1]], p.rows[p.names[2]]
		if len(ofKind(w1, "hold"))+len(ofKind(w2, "hold")) > 0 {
			t.Fatal("hold segments with the lock off")
		}
		a, b := ofKind(w1, "running"), ofKind(w2, "running")
		both := overlap(a, b)
		shorter := min(total(a), total(b))
		t.Logf("lock off: wall %v, parallelism %.2f, overlap %.1f of %.1f ms", tl.Wall, tl.Parallelism(), both, shorter)
		best = max(best, both/shorter)
		if both > shorter/2 {
			return
		}
	}
	t.Errorf("running segments overlap for at most %.0f%% of the shorter goroutine's time, want most", 100*best)
}

func total(segs []svgSeg) float64 {
	s := 0.0
	for _, x := range segs {
		s += x.end - x.start
	}
	return s
}

// Blocking and native work under the lock show as such.
func TestRecordBlockedAndNative(t *testing.T) {
	l := gil.New(gil.Config{Enabled: true, Interval: 5 * time.Millisecond})
	var tl *Timeline
	var err error
	done := make(chan struct{})
	l.Go("cell", func() {
		defer close(done)
		tl, err = Record(Config{Lock: l}, func() {
			l.Blocking(func() { time.Sleep(20 * time.Millisecond) })
			l.Blocking(func() { spinN(l, calibrate(l, 20*time.Millisecond)) })
		})
	}, nil)
	<-done
	if err != nil {
		t.Fatalf("record: %v", err)
	}
	r := tl.Rows[0]
	sleep := time.Duration(0)
	for _, s := range r.Segments {
		if s.Kind == Blocked && s.Reason == "sleep" {
			sleep += s.Duration()
		}
	}
	if sleep < 15*time.Millisecond {
		t.Errorf("blocked in sleep for %v, want about 20ms: %+v", sleep, r.Segments)
	}
	if r.Total(Native) < 5*time.Millisecond {
		t.Errorf("native for %v, want most of 20ms: %+v", r.Total(Native), r.Segments)
	}
}

func TestRecordTracerBusy(t *testing.T) {
	var sb strings.Builder
	if err := trace.Start(&sb); err != nil {
		t.Skipf("tracer busy: %v", err)
	}
	defer trace.Stop()
	if _, err := Record(Config{}, func() {}); err == nil {
		t.Error("Record succeeded while the tracer was running")
	}
}

func TestRecordPanicStopsTracer(t *testing.T) {
	func() {
		defer func() {
			if v := recover(); v != "boom" {
				t.Errorf("recovered %v, want boom", v)
			}
		}()
		Record(Config{}, func() { panic("boom") })
	}()
	if trace.IsEnabled() {
		trace.Stop()
		t.Fatal("tracer still running after a panic")
	}
}

func TestRecordSkipRootAndNames(t *testing.T) {
	l := gil.New(gil.Config{Enabled: false})
	done := make(chan struct{})
	tl, err := Record(Config{Lock: l, SkipRoot: true, Name: func(id int64) string { return "named" }}, func() {
		go func() {
			defer close(done)
			time.Sleep(2 * time.Millisecond)
		}()
		<-done
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Rows) != 1 || tl.Rows[0].Name != "named" || tl.Rows[0].Total(Blocked) < time.Millisecond {
		t.Errorf("rows %+v, want only the started goroutine, named, mostly asleep", tl.Rows)
	}
}
