package gil

import (
	"sync/atomic"
	"testing"
	"time"
)

// Notify follows every change the lock makes to its bits in the word: set
// when a waiter has waited an interval, cleared when the holder hands over.
func TestNotifyFollowsDropBit(t *testing.T) {
	var word int32
	var sets, clears atomic.Int32
	l := New(Config{Enabled: true, Interval: time.Millisecond, Word: &word, Mask: 4, Notify: func() {
		if atomic.LoadInt32(&word)&4 != 0 {
			sets.Add(1)
		} else {
			clears.Add(1)
		}
	}})
	a := l.NewThread("a")
	a.Acquire()
	done := make(chan struct{})
	go func() {
		b := l.NewThread("b")
		b.Acquire()
		b.Close()
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for atomic.LoadInt32(&word)&4 == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Microsecond)
	}
	if sets.Load() == 0 {
		t.Fatal("the drop bit was set without a notification")
	}
	l.Checkpoint() // hands the lock to b, which clears the bit
	<-done
	a.Close()
	if clears.Load() == 0 || atomic.LoadInt32(&word) != 0 {
		t.Fatalf("word %b after the hand-off, %d clear notifications", word, clears.Load())
	}
}
