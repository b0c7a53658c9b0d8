package timeline

import (
	"sync"
	"sync/atomic"
	"time"

	"gokernel/gil"
)

// spin stands in for interpreted code, as in the lock's own tests: integer
// work with a checkpoint every 256 iterations that reads the breaker word
// and calls the slow path.
func spin(l *gil.Lock, n int) uint64 {
	x := uint64(1)
	for i := range n {
		x = x*6364136223846793005 + 1442695040888963407
		if i&255 == 0 && atomic.LoadInt32(l.Word()) != 0 {
			l.Checkpoint()
		}
	}
	return x
}

var sink atomic.Uint64

// spinFor spins until d has passed.
func spinFor(l *gil.Lock, d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		sink.Add(spin(l, 4096))
	}
}

// spinN spins n iterations in chunks, so the work is fixed whatever the
// lock does.
func spinN(l *gil.Lock, n int) {
	for ; n > 0; n -= 4096 {
		sink.Add(spin(l, 4096))
	}
}

// calibrate returns an iteration count that takes about d alone.
func calibrate(l *gil.Lock, d time.Duration) int {
	n := 1 << 14
	for {
		start := time.Now()
		spinN(l, n)
		if el := time.Since(start); el > d/8 {
			return int(float64(n) * float64(d) / float64(el))
		}
		n *= 2
	}
}

// workers starts k goroutines that each run body holding the lock, as the
// engine's `go` wrapper does, and waits for them with the lock released.
func workers(l *gil.Lock, k int, body func()) {
	var wg sync.WaitGroup
	for i := range k {
		wg.Add(1)
		l.Go("worker"+itoa(int64(i+1)), func() {
			defer wg.Done()
			body()
		}, nil)
	}
	l.Blocking(wg.Wait)
}
