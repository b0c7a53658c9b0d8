package engine

import (
	"path"
	"reflect"
	"runtime"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"

	"gokernel/magics"
	"gokernel/profiler/timeline"
)

// useMagicSymbols adds to the runtime package that rewritten cells import
// (as _gk) the functions the code that magics generate calls. They start
// with M so they cannot clash with the runtime's own.
func (s *Session) useMagicSymbols() error {
	key := runtimePath + "/" + path.Base(runtimePath)
	t := &s.mg.timer
	return s.in.Use(interp.Exports{key: {
		"MN":       reflect.ValueOf(t.loops),
		"MStart":   reflect.ValueOf(t.begin),
		"MStop":    reflect.ValueOf(t.end),
		"MTimeit":  reflect.ValueOf(func() magics.TimeitResult { return s.mg.timeit }),
		"MThreads": reflect.ValueOf(func() timeline.Result { return s.mg.threads }),
		"MType":    reflect.ValueOf(s.mg.types.addType),
		"MMethod":  reflect.ValueOf(s.mg.types.addMethod),
	}})
}

// timer measures one run of a %timeit loop: the loop calls begin after its
// setup and end after its last iteration, so neither the setup nor the
// statistics reading is timed.
type timer struct {
	mu      sync.Mutex
	n       int // loops the next run makes
	mem     runtime.MemStats
	start   time.Time
	elapsed time.Duration
	mallocs uint64
	bytes   uint64
}

func (t *timer) loops() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

func (t *timer) begin() {
	t.mu.Lock()
	defer t.mu.Unlock()
	runtime.ReadMemStats(&t.mem)
	t.mallocs, t.bytes = t.mem.Mallocs, t.mem.TotalAlloc
	t.elapsed = -1
	t.start = time.Now()
}

func (t *timer) end() {
	d := time.Since(t.start)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.elapsed = d
	runtime.ReadMemStats(&t.mem)
	t.mallocs, t.bytes = t.mem.Mallocs-t.mallocs, t.mem.TotalAlloc-t.bytes
}

// prepare sets the loop count of the next run.
func (t *timer) prepare(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n, t.elapsed = n, -1
}

// result is the last run's time and allocations; ok is false when the
// run did not reach its end.
func (t *timer) result() (d time.Duration, mallocs, bytes uint64, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.elapsed, t.mallocs, t.bytes, t.elapsed >= 0
}
