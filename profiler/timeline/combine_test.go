package timeline

import (
	"reflect"
	"testing"
	"time"
)

func TestCombine(t *testing.T) {
	// Trace: running 0–10, waiting on a channel 10–20 (the lock's wait),
	// running 20–30, waiting in sleep 30–40, running 40–50, runnable 50–55,
	// running 55–70.
	tr := []stateSpan{
		{stRunning, 0, 10, ""}, {stWaiting, 10, 20, "chan receive"}, {stRunning, 20, 30, ""},
		{stWaiting, 30, 40, "sleep"}, {stRunning, 40, 50, ""}, {stRunnable, 50, 55, "preempted"}, {stRunning, 55, 70, ""},
	}
	// Lock: hold 2–10 (forced), wait 10–20, hold 20–30, released 30–50,
	// hold 50–60; nothing after 60.
	lk := []lockSpan{{lkHold, 2, 10, true}, {lkWait, 10, 20, false}, {lkHold, 20, 30, false}, {lkReleased, 30, 50, false}, {lkHold, 50, 60, false}}
	got := combine(tr, lk, 0, 0, 65)
	ns := func(n int64) time.Duration { return time.Duration(n) }
	want := []Segment{
		{Kind: Running, Start: ns(0), End: ns(2)},
		{Kind: Hold, Start: ns(2), End: ns(10), Forced: true},
		{Kind: Wait, Start: ns(10), End: ns(20)},
		{Kind: Hold, Start: ns(20), End: ns(30)},
		{Kind: Blocked, Start: ns(30), End: ns(40), Reason: "sleep"},
		{Kind: Native, Start: ns(40), End: ns(50)},
		{Kind: Hold, Start: ns(50), End: ns(60)}, // one hold though the goroutine was preempted in it
		{Kind: Running, Start: ns(60), End: ns(65)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("combine:\n got %+v\nwant %+v", got, want)
	}
}

func TestCombineOriginAndClip(t *testing.T) {
	tr := []stateSpan{{stSyscall, 100, 300, "syscall"}, {stWaiting, 300, 400, "sync.(*Cond).Wait"}}
	got := combine(tr, nil, 100, 150, 350)
	want := []Segment{
		{Kind: Blocked, Start: 50, End: 200, Reason: "I/O"},
		{Kind: Blocked, Start: 200, End: 250, Reason: "sync"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("combine:\n got %+v\nwant %+v", got, want)
	}
}

func TestBlockCategory(t *testing.T) {
	for in, want := range map[string]string{
		"chan send": "chan", "chan receive": "chan", "select": "select", "sleep": "sleep",
		"sync": "sync", "sync.(*Cond).Wait": "sync", "network": "I/O", "": "unspecified", "forever": "forever",
	} {
		if got := blockCategory(in); got != want {
			t.Errorf("blockCategory(%q) = %q, want %q", in, got, want)
		}
	}
}
