package gil

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Uncontended Acquire+Release by one goroutine.
func BenchmarkAcquireRelease(b *testing.B) {
	for _, on := range []bool{true, false} {
		name := map[bool]string{true: "on", false: "off"}[on]
		b.Run(name, func(b *testing.B) {
			th := newLock(on, DefaultInterval).NewThread("bench")
			for b.Loop() {
				th.Acquire()
				th.Release()
			}
		})
	}
}

// Save+Restore around a blocking call nobody contends.
func BenchmarkSaveRestore(b *testing.B) {
	l := newLock(true, DefaultInterval)
	th := l.NewThread("bench")
	th.Acquire()
	defer th.Release()
	for b.Loop() {
		l.Restore(l.Save())
	}
}

// The checkpoint with nothing requested: the inline load, and the slow path
// called anyway (what the engine pays when another bit is set).
func BenchmarkCheckpoint(b *testing.B) {
	l := newLock(true, DefaultInterval)
	th := l.NewThread("bench")
	th.Acquire()
	defer th.Release()
	b.Run("load", func(b *testing.B) {
		n := 0
		for b.Loop() {
			if atomic.LoadInt32(l.Word()) != 0 {
				n++
			}
		}
		sink.Add(uint64(n))
	})
	b.Run("slow-path", func(b *testing.B) {
		for b.Loop() {
			l.Checkpoint()
		}
	})
}

// Ping-pong: two goroutines hand the lock to each other with Yield; one op
// is one hand-off.
func BenchmarkHandoff(b *testing.B) {
	l := newLock(true, time.Hour)
	var wg sync.WaitGroup
	var stop atomic.Bool
	ready := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		th := l.NewThread("pong")
		th.Acquire()
		defer th.Release()
		close(ready)
		for !stop.Load() {
			l.Yield()
		}
	}()
	<-ready
	th := l.NewThread("ping")
	th.Acquire() // queued behind pong
	b.ResetTimer()
	for range b.N / 2 {
		l.Yield()
	}
	b.StopTimer()
	b.ReportMetric(float64(l.Stats().Handoffs)/float64(b.N), "handoffs/op")
	stop.Store(true)
	th.Release()
	wg.Wait()
}

// The measured switch interval: median and 90th percentile forced hold of
// two spinning goroutines.
func BenchmarkSwitchInterval(b *testing.B) {
	for _, d := range []time.Duration{time.Millisecond, 5 * time.Millisecond} {
		b.Run(d.String(), func(b *testing.B) {
			var holds []time.Duration
			for b.Loop() {
				l := newLock(true, d)
				l.EnableEvents(1 << 12)
				deadline := time.Now().Add(40 * d)
				runThreads(l, 2, func(int, *Thread) { spinUntil(l, deadline) })
				holds = append(holds, holdDurations(l.Events())...)
			}
			slices.Sort(holds)
			b.ReportMetric(float64(median(holds))/1e6, "median-ms")
			b.ReportMetric(float64(holds[len(holds)*9/10])/1e6, "p90-ms")
			b.ReportMetric(float64(holds[0])/1e6, "min-ms")
		})
	}
}

// Two goroutines of CPU work under the lock, against one: the ratio should
// be about 2 (lock on) and about 1 on two free cores (lock off).
func BenchmarkTwoVsOne(b *testing.B) {
	for _, on := range []bool{true, false} {
		name := map[bool]string{true: "on", false: "off"}[on]
		b.Run(name, func(b *testing.B) {
			l := newLock(on, DefaultInterval)
			n := calibrate(l, 50*time.Millisecond)
			var r float64
			for b.Loop() {
				one := timeSpin(l, 1, n)
				r = float64(timeSpin(l, 2, n)) / float64(one)
			}
			b.ReportMetric(r, "ratio")
		})
	}
}
