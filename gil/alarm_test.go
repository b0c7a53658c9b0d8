package gil

import (
	"math"
	"slices"
	"testing"
	"time"
)

func TestAlarmFiresOnceAndResets(t *testing.T) {
	fired := make(chan time.Time, 4)
	a := newAlarm(func() { fired <- time.Now() })
	if a.Reset(time.Hour) {
		t.Error("a new alarm reported a pending deadline")
	}
	// A reset to an earlier deadline replaces the later one.
	if !a.Reset(time.Millisecond) {
		t.Error("Reset did not report the pending deadline")
	}
	<-fired
	select {
	case <-fired:
		t.Fatal("the alarm fired twice")
	case <-time.After(20 * time.Millisecond):
	}
	// Alarms are independent of each other.
	other := make(chan bool, 1)
	b := newAlarm(func() { other <- true })
	b.Reset(time.Duration(math.MaxInt64))
	start := time.Now()
	a.Reset(2 * time.Millisecond)
	if at := <-fired; at.Sub(start) < 2*time.Millisecond {
		t.Errorf("fired %v after a reset for 2ms", at.Sub(start))
	}
	select {
	case <-other:
		t.Error("an alarm set far ahead fired")
	default:
	}
}

// BenchmarkAlarmLateness reports the median delay past the deadline of the
// watchdog's alarm and of a runtime timer, for a 1 ms deadline while
// another goroutine keeps a core busy, as a lock holder does.
func BenchmarkAlarmLateness(b *testing.B) {
	stop := make(chan bool)
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	kinds := map[string]func(func()) alarm{
		"alarm": newAlarm,
		"timer": timerAlarm,
	}
	for name, mk := range kinds {
		b.Run(name, func(b *testing.B) {
			fired := make(chan time.Time, 1)
			a := mk(func() { fired <- time.Now() })
			var late []time.Duration
			for b.Loop() {
				start := time.Now()
				a.Reset(time.Millisecond)
				late = append(late, (<-fired).Sub(start)-time.Millisecond)
			}
			slices.Sort(late)
			b.ReportMetric(float64(late[len(late)/2].Microseconds()), "µs-late")
		})
	}
}
