package timeline

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestSummaryNumbers(t *testing.T) {
	tl := turns(10, 5*time.Millisecond) // 50 ms of turns, 9 forced
	tl.User, tl.Sys = 40*time.Millisecond, 10*time.Millisecond
	tl.Rows[1].Segments = append(tl.Rows[1].Segments, Segment{Kind: Native, Start: 50 * time.Millisecond, End: 60 * time.Millisecond})
	tl.Wall = 60 * time.Millisecond
	s := tl.Summary()
	near := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	near("parallelism", s.Parallelism, 50.0/60)
	if s.Held != 50*time.Millisecond || s.Waited != 50*time.Millisecond {
		t.Errorf("held %v waited %v, want 50ms each", s.Held, s.Waited)
	}
	near("held share", s.HeldShare, 50.0/60)
	// lifetimes: cell 50, a 60, b 50
	near("wait share", s.WaitShare, 50.0/160)
	if s.ForcedSwitches != 9 {
		t.Errorf("forced %d, want 9", s.ForcedSwitches)
	}
	a := s.Goroutines[1]
	if a.Name != "a" || a.Held != 25*time.Millisecond || a.Waited != 25*time.Millisecond || a.Native != 10*time.Millisecond || a.Span != 60*time.Millisecond || a.Forced != 5 {
		t.Errorf("totals of a: %+v", a)
	}
	txt := s.String()
	for _, want := range []string{"wall:                    60 ms", "CPU (user+sys):          50 ms (40 ms + 10 ms)",
		"parallelism (CPU/wall):  0.83", "lock held:               83.3 % of wall (50 ms)", "forced switches:         9", "g10 a"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text summary lacks %q:\n%s", want, txt)
		}
	}
	if h := s.HTML(); !strings.Contains(h, "<td style=\"text-align:left\">0.83</td>") || !strings.Contains(h, "<th>forced</th>") {
		t.Errorf("HTML summary:\n%s", h)
	}
}

func TestTextPicture(t *testing.T) {
	tl := turns(2, 36*time.Millisecond) // each hold covers half the 72 columns
	txt := tl.Text()
	want := "|" + strings.Repeat("#", 36) + strings.Repeat(".", 36) + "|"
	if !strings.Contains(txt, "g10 a   "+want) {
		t.Errorf("text picture lacks row a %q:\n%s", want, txt)
	}
	if !strings.Contains(txt, "72 ms") {
		t.Errorf("text picture lacks its time span:\n%s", txt)
	}
}

func TestResultAndHolds(t *testing.T) {
	a, b := turns(10, 5*time.Millisecond), turns(5, 5*time.Millisecond)
	if got := len(a.Holds()); got != 9 {
		t.Errorf("%d forced holds, want 9", got)
	}
	if m := a.MedianHold(); m != 5*time.Millisecond {
		t.Errorf("median hold %v, want 5ms", m)
	}
	r := Result{Runs: []*Timeline{a, b}}
	if s := r.Speedup(); math.Abs(s-2) > 1e-9 {
		t.Errorf("speedup %v, want 2", s)
	}
	if !strings.Contains(r.Text(), "speedup 2.00×") || (Result{Runs: []*Timeline{a}}).Speedup() != 0 {
		t.Error("Result does not render the comparison")
	}
}
