package timeline

import (
	"math"
	"strings"
	"testing"
	"time"
)

// turns builds a timeline of two goroutines taking turns under the lock,
// each hold lasting interval, over n turns.
func turns(n int, interval time.Duration) *Timeline {
	tl := &Timeline{LockOn: true, Interval: interval, Wall: time.Duration(n) * interval, User: time.Duration(n) * interval}
	a := Row{ID: 10, Name: "a"}
	b := Row{ID: 11, Name: "b"}
	for i := range n {
		s, e := time.Duration(i)*interval, time.Duration(i+1)*interval
		hold, wait := Segment{Kind: Hold, Start: s, End: e, Forced: i < n-1}, Segment{Kind: Wait, Start: s, End: e}
		if i%2 == 0 {
			a.Segments, b.Segments = append(a.Segments, hold), append(b.Segments, wait)
		} else {
			a.Segments, b.Segments = append(a.Segments, wait), append(b.Segments, hold)
		}
	}
	tl.Rows = []Row{{ID: 1, Name: "cell", Segments: []Segment{{Kind: Blocked, Reason: "sync", End: tl.Wall}}}, a, b}
	return tl
}

func TestSVGRoundTrip(t *testing.T) {
	tl := turns(10, 5*time.Millisecond)
	got := parseSVG(t, tl.SVG())
	if len(got) != 1 {
		t.Fatalf("want one timeline, got %d", len(got))
	}
	p := got[0]
	if strings.Join(p.names, ",") != "cell,a,b" {
		t.Errorf("rows %v, want cell,a,b", p.names)
	}
	lens := checkAlternating(t, p, "a", "b")
	if len(lens) != 10 {
		t.Errorf("%d holds, want 10", len(lens))
	}
	if m := medianOf(lens); math.Abs(m-5) > 1e-3 {
		t.Errorf("median hold %.3f ms, want 5", m)
	}
	if len(p.ticks) < 3 || p.ticks[0] != 0 || p.ticks[len(p.ticks)-1] > 50+1e-9 {
		t.Errorf("ticks %v: want several from 0 up to the 50 ms span", p.ticks)
	}
	for i := 1; i < len(p.ticks); i++ {
		if p.ticks[i] <= p.ticks[i-1] {
			t.Errorf("ticks not increasing: %v", p.ticks)
		}
	}
}

// A picture that puts both goroutines' holds at the same time must fail the
// alternation check: the check can fail.
func TestCheckAlternatingDetectsOverlap(t *testing.T) {
	tl := turns(4, 5*time.Millisecond)
	tl.Rows[2].Segments[0] = Segment{Kind: Hold, Start: 0, End: 5 * time.Millisecond}
	ft := &testing.T{}
	done := make(chan struct{})
	go func() { // checkAlternating may call Fatalf, which ends this goroutine
		defer close(done)
		checkAlternating(ft, parseSVG(t, tl.SVG())[0], "a", "b")
	}()
	<-done
	if !ft.Failed() {
		t.Error("overlapping holds passed the alternation check")
	}
}

func TestSVGLegendTitlesAndEscaping(t *testing.T) {
	tl := turns(2, time.Millisecond)
	tl.Rows[1].Name = `<evil & "name">`
	s := tl.SVG()
	parseSVG(t, s) // well-formed despite the name
	for _, k := range kinds {
		if !strings.Contains(s, `data-kind="`+k.String()+`"/>`) {
			t.Errorf("legend lacks %s", k)
		}
	}
	if !strings.Contains(s, "<title>g10 &lt;evil &amp; &#34;name&#34;&gt;: holding the lock (interpreted) for 1 ms (0–1 ms), ended by a forced switch</title>") {
		t.Errorf("hover title missing or wrong in:\n%s", s)
	}
}

func TestCompareSameScale(t *testing.T) {
	on := turns(10, 5*time.Millisecond)
	off := turns(4, 5*time.Millisecond)
	off.LockOn = false
	c := Comparison{on, off}
	if got := c.Speedup(); math.Abs(got-2.5) > 1e-9 {
		t.Errorf("speedup %v, want 2.5", got)
	}
	s := c.SVG()
	p := parseSVG(t, s)
	if len(p) != 2 {
		t.Fatalf("want two timelines, got %d", len(p))
	}
	if len(p[0].ticks) != len(p[1].ticks) || p[0].ticks[len(p[0].ticks)-1] != p[1].ticks[len(p[1].ticks)-1] {
		t.Errorf("scales differ: %v vs %v", p[0].ticks, p[1].ticks)
	}
	if !strings.Contains(s, `data-speedup="2.500"`) || !strings.Contains(s, "speedup 2.50×") {
		t.Error("picture does not state the speedup")
	}
	if txt := c.Text(); !strings.Contains(txt, "speedup 2.50× (wall 50 ms → 20 ms)") {
		t.Errorf("text lacks the speedup:\n%s", txt)
	}
}

func TestNiceStep(t *testing.T) {
	for _, c := range []struct {
		span time.Duration
		want float64
	}{{50 * time.Millisecond, 10}, {time.Second, 200}, {3 * time.Millisecond, 0.5}, {0, 1}} {
		if got := niceStep(c.span, 8); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("niceStep(%v) = %v, want %v", c.span, got, c.want)
		}
	}
}

func TestManyRowsAreCapped(t *testing.T) {
	tl := &Timeline{Wall: time.Millisecond}
	for i := range MaxRows + 5 {
		tl.Rows = append(tl.Rows, Row{ID: int64(i + 1), Name: "w", Segments: []Segment{{Kind: Running, End: time.Millisecond}}})
	}
	s := tl.SVG()
	if got := len(parseSVG(t, s)[0].names); got != MaxRows {
		t.Errorf("%d rows drawn, want %d", got, MaxRows)
	}
	if !strings.Contains(s, "and 5 more goroutines") || !strings.Contains(tl.Text(), "and 5 more goroutines") {
		t.Error("no note about the rows left out")
	}
	if n := len(tl.Summary().Goroutines); n != MaxRows+5 {
		t.Errorf("summary counts %d goroutines, want all %d", n, MaxRows+5)
	}
}
