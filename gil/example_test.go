package gil_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"gokernel/gil"
)

// The wiring an engine does: one breaker word shared by the lock (bit 1)
// and interrupts (bit 2), a slow path that checks both, goroutines started
// through Go, and blocking calls wrapped in Blocking.
func Example() {
	const interruptBit = 2
	var word int32
	l := gil.New(gil.Config{Enabled: true, Interval: time.Millisecond, Word: &word, Mask: 1})

	slow := func() { // what `if word != 0 { slow() }` calls
		if atomic.LoadInt32(&word)&interruptBit != 0 {
			panic("Interrupted")
		}
		l.Checkpoint()
	}
	work := func() {
		for i := 0; i < 1e6; i++ {
			if atomic.LoadInt32(&word) != 0 { // the checkpoint at a loop-body start
				slow()
			}
		}
		l.Blocking(func() { time.Sleep(time.Millisecond) }) // time.Sleep in a cell
	}

	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		l.Go("worker", func() { defer wg.Done(); work() }, func(v any, _ []byte) { fmt.Println("panic:", v) })
	}
	wg.Wait()
	main := l.NewThread("main") // waits for the workers' final release
	main.Acquire()
	main.Release()
	s := l.Stats()
	fmt.Println("held by nobody:", s.Holder == 0)
	fmt.Println("acquisitions ≥ 5:", s.Acquisitions >= 5)
	// Output:
	// held by nobody: true
	// acquisitions ≥ 5: true
}
