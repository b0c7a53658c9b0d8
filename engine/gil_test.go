package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gokernel/gil"
)

// runWithin runs a cell and fails (instead of hanging) when it deadlocks.
func runWithin(t *testing.T, s *Session, code string) (Result, *recorder) {
	t.Helper()
	type done struct {
		res Result
		out *recorder
	}
	ch := make(chan done, 1)
	counter++
	n := counter
	go func() {
		out := newRecorder()
		ch <- done{s.Execute(Request{Code: code, ExecutionCount: n}, out), out}
	}()
	select {
	case d := <-ch:
		if d.res.Error != nil {
			t.Fatalf("cell failed: %s: %s\n%s", d.res.Error.Name, d.res.Error.Value, strings.Join(d.res.Error.Traceback, "\n"))
		}
		return d.res, d.out
	case <-time.After(30 * time.Second):
		t.Fatalf("cell deadlocked:\n%s\n%s", code, s.lock.Stats())
	}
	return Result{}, nil
}

// spin is a CPU loop other goroutines run meanwhile, so every blocking
// operation below meets a lock that someone wants.
const spinDecl = `import ("fmt"; "sync"; "time")
func spin(n int) float64 { x := 0.0; for i := 0; i < n; i++ { x += 1.5 }; return x }`

func TestBlockingUnderLock(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, spinDecl)
	mustRun(t, s, `%gil interval 1ms`)
	cells := map[string]struct{ code, want string }{
		"unbuffered": {`ch := make(chan int)
go func() { for i := 1; i <= 100; i++ { spin(100); ch <- i }; close(ch) }()
sum := 0
for v := range ch { if v%2 == 0 { continue }; sum += v }
sum`, "2500"},
		"buffered": {`bc := make(chan int, 8)
done := make(chan bool)
go func() { s := 0; for i := 0; i < 200; i++ { s += <-bc }; fmt.Println(s); done <- true }()
for i := 0; i < 200; i++ { bc <- i }
<-done
0`, "0"},
		"waitgroup+mutex": {`var wg sync.WaitGroup
var mu sync.Mutex
count := 0
for g := 0; g < 4; g++ {
	wg.Add(1)
	go func() { defer wg.Done(); for i := 0; i < 500; i++ { mu.Lock(); count++; spin(10); mu.Unlock() } }()
}
wg.Wait()
count`, "2000"},
		"select timeout": {`never := make(chan int)
got := ""
go spin(2000000)
select {
case <-never: got = "value"
case <-time.After(20 * time.Millisecond): got = "timeout"
}
got`, `"timeout"`},
		"two-value receive and once": {`c2 := make(chan string, 1)
var once sync.Once
calls := 0
var wg2 sync.WaitGroup
for i := 0; i < 3; i++ { wg2.Add(1); go func() { defer wg2.Done(); once.Do(func() { spin(100000); calls++ }) }() }
wg2.Wait()
go func() { c2 <- "x"; close(c2) }()
recv := func() (string, bool) { v, ok := <-c2; return v, ok }
v, _ := recv()
ok2 := func() bool { if _, ok := <-c2; ok { return true }; return false }()
fmt.Sprintf("%s %v %d", v, ok2, calls)`, `"x false 1"`},
		"cond": {`var m sync.Mutex
cond := sync.NewCond(&m)
ready := false
go func() { spin(10000); m.Lock(); ready = true; m.Unlock(); cond.Broadcast() }()
m.Lock()
for !ready { cond.Wait() }
m.Unlock()
ready`, "true"},
		"receives in headers and after &&": {`hc := make(chan int)
go func() { for i := 1; i <= 50; i++ { spin(100); hc <- i }; close(hc) }()
hsum := 0
for v, ok := <-hc; ok && v <= 20; v, ok = <-hc { hsum += v }
for { if v, ok := <-hc; !ok { break } else { hsum += v } }
more := make(chan bool)
go func() { for i := 0; i < 5; i++ { spin(100); more <- true }; more <- false }()
rounds := 0
for rounds < 100 && <-more { rounds++ }
fmt.Sprint(hsum, " ", rounds)`, `"1254 5"`}, // 21 ends the first loop,
	}
	for name, c := range cells {
		t.Run(name, func(t *testing.T) {
			res, out := runWithin(t, s, c.code)
			if got := plain(res); got != c.want {
				t.Errorf("result %q, want %q (stdout %q)", got, c.want, out.out("stdout"))
			}
		})
	}
	waitBackground(t, s)
	if got := s.lock.Stats(); got.Holder != 0 {
		t.Errorf("lock still held after the cells:\n%s", got)
	}
}

// wall runs a cell and returns how long it took.
func wall(t *testing.T, s *Session, code string) time.Duration {
	t.Helper()
	start := time.Now()
	runWithin(t, s, code)
	return time.Since(start)
}

// timed runs k goroutines each calling work and returns how long they took
// as the cell itself measured it, leaving out parsing and compiling the cell:
// under the race detector that is a sizeable part of a short run.
func timed(t *testing.T, s *Session, k int, work string) time.Duration {
	t.Helper()
	res, _ := runWithin(t, s, fmt.Sprintf("func() int64 { start := time.Now()\n%s\nreturn int64(time.Since(start)) }()", parallelCell(k, work)))
	n, err := strconv.ParseInt(plain(res), 10, 64)
	if err != nil {
		t.Fatalf("timed cell returned %q", plain(res))
	}
	return time.Duration(n)
}

// parallelCell runs k goroutines each calling work and waits for them.
func parallelCell(k int, work string) string {
	return fmt.Sprintf(`{ var wg sync.WaitGroup
for g := 0; g < %d; g++ { wg.Add(1); go func() { defer wg.Done(); %s }() }
wg.Wait() }`, k, work)
}

// retry runs a timing measurement up to three times and fails only when
// none meets its expectation: the machine is shared, so one run may be slowed
// down by others, but a lock that does not work fails every run. A
// measurement returns inconclusive when compiled Go itself found no free
// core in it: then neither parallel runs nor their absence say anything of
// the lock. When every run is inconclusive the test is skipped.
func retry(t *testing.T, measure func() (ok, inconclusive bool, report string)) {
	t.Helper()
	var reports []string
	conclusive := false
	for range 3 {
		ok, inconclusive, report := measure()
		t.Log(report)
		if ok {
			return
		}
		if !inconclusive {
			conclusive = true
			reports = append(reports, report)
		}
	}
	if !conclusive {
		t.Skip("no second core was free in any run")
	}
	t.Errorf("no run met the expectation:\n%s", strings.Join(reports, "\n"))
}

// fastest runs the measurements one after another, round after round, and
// keeps each one's shortest time. Other programs on a shared machine only
// ever add time, so the shortest is the least disturbed run; short rounds
// give every measurement several chances at a quiet moment, where one long
// run of each would let a busy spell decide a ratio. Each round also times
// compiled Go, one goroutine and two: host is how long two took against
// one at best, about 1 when a second core was free in some round.
func fastest(rounds int, measures ...func() time.Duration) (best []time.Duration, host float64) {
	n := len(measures)
	measures = append(measures, func() time.Duration { return compiledGo(1) }, func() time.Duration { return compiledGo(2) })
	best = make([]time.Duration, len(measures))
	for range rounds {
		for i, m := range measures {
			if d := m(); best[i] == 0 || d < best[i] {
				best[i] = d
			}
		}
	}
	return best[:n], ratio(best[n+1], best[n])
}

// hostParallel is how long two goroutines of compiled Go take for the work
// one does alone: about 1 when two cores are free, 2 when only one is.
func hostParallel() float64 { return ratio(compiledGo(2), compiledGo(1)) }

// compiledGo times k goroutines of a compiled loop.
func compiledGo(k int) time.Duration {
	start := time.Now()
	var wg sync.WaitGroup
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := 0.0
			for i := 0; i < 20_000_000; i++ {
				x += 1.5
			}
			sink.Store(int64(x))
		}()
	}
	wg.Wait()
	return time.Since(start)
}

var sink atomic.Int64

// spinWork is 80–150 ms of interpreted work, with or without the race
// detector, which slows the interpreter about fifteenfold.
func spinWork() string {
	if raceEnabled {
		return "spin(250000)"
	}
	return "spin(2000000)"
}

func TestLockSerialisesInterpretedCode(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	s := newSession(t)
	mustRun(t, s, "import \"gokernel/native\"\n"+spinDecl)
	work := spinWork()
	retry(t, func() (bool, bool, string) {
		d, host := fastest(5,
			func() time.Duration { return timed(t, s, 1, work) },
			func() time.Duration { return timed(t, s, 2, work) },
			func() time.Duration { return timed(t, s, 4, work) },
			func() time.Duration {
				mustRun(t, s, "%gil off")
				defer mustRun(t, s, "%gil on")
				return timed(t, s, 2, work)
			},
		)
		one, two, four, twoOff := d[0], d[1], d[2], d[3]
		r2, r4, off := ratio(two, one), ratio(four, one), ratio(twoOff, two)
		return r2 >= 1.8 && r4 >= 3.5 && off <= 0.65, host > 1.3, fmt.Sprintf(
			"T=%v  lock on: 2 goroutines %.2f×T, 4 goroutines %.2f×T (want ≥ 1.8, ≥ 3.5); lock off: 2 goroutines %.2f× the lock-on time (want ≤ 0.65); compiled Go: 2 goroutines %.2f× one",
			one, r2, r4, off, host)
	})
}

func TestNativePolicy(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	s := newSession(t)
	mustRun(t, s, "import \"gokernel/native\"\n"+spinDecl)
	for _, work := range []string{"native.Spin(100 * time.Millisecond)", "native.Mandelbrot(600, 400, 200)"} {
		retry(t, func() (bool, bool, string) {
			d, host := fastest(5,
				func() time.Duration { return timed(t, s, 1, work) },
				func() time.Duration { return timed(t, s, 2, work) },
				func() time.Duration {
					mustRun(t, s, "%gil hold gokernel/native")
					defer mustRun(t, s, "%gil release gokernel/native")
					return timed(t, s, 2, work)
				},
			)
			r, h := ratio(d[1], d[0]), ratio(d[2], d[0])
			return r <= 1.3 && h >= 1.8, host > 1.3, fmt.Sprintf("%s: T=%v  release: 2 goroutines %.2f×T (want ≤ 1.3); hold: %.2f×T (want ≥ 1.8); compiled Go: 2 goroutines %.2f× one", work, d[0], r, h, host)
		})
	}
	res, _ := mustRun(t, s, "native.CountPrimes(100)")
	if plain(res) != "25" {
		t.Errorf("CountPrimes(100) = %s", plain(res))
	}
}

func TestSleepersRunTogether(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, spinDecl)
	d := wall(t, s, parallelCell(4, "time.Sleep(100 * time.Millisecond)"))
	t.Logf("4 goroutines sleeping 100ms: %v", d)
	if d >= 300*time.Millisecond { // serialised would be ≥ 400 ms
		t.Errorf("4 sleepers took %v", d)
	}
}

// waitBackground waits for the goroutines cells started to end.
func waitBackground(t *testing.T, s *Session) {
	for i := 0; i < 1000 && s.bg.count.Load() > 0; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if n := s.bg.count.Load(); n > 0 {
		t.Fatalf("%d goroutines still running", n)
	}
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }

func TestHoldSliceFollowsInterval(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	s := newSession(t)
	mustRun(t, s, spinDecl)
	for _, iv := range []time.Duration{time.Millisecond, 5 * time.Millisecond} {
		mustRun(t, s, "%gil interval "+iv.String())
		retry(t, func() (bool, bool, string) {
			med, n := medianForcedHold(t, s)
			r := ratio(med, iv)
			return r >= 0.8 && r <= 1.2, false, fmt.Sprintf("interval %v: %d forced switches, median hold %v (want within ±20 %%)", iv, n, med)
		})
	}
}

// medianForcedHold runs two spinning goroutines and returns the median of
// the holds the switch interval ended, and how many there were.
func medianForcedHold(t *testing.T, s *Session) (time.Duration, int) {
	s.lock.EnableEvents(100000)
	defer s.lock.EnableEvents(0)
	runWithin(t, s, parallelCell(2, "spin(4000000)"))
	var holds []time.Duration
	for _, e := range s.lock.Events() {
		if e.Kind == gil.KindHold && e.Forced {
			holds = append(holds, e.Duration())
		}
	}
	if len(holds) < 5 {
		t.Fatalf("only %d forced switches", len(holds))
	}
	slices.Sort(holds)
	return holds[len(holds)/2], len(holds)
}

func TestPanicAndInterruptReleaseLock(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, spinDecl)
	_, out := runWithin(t, s, `done := make(chan bool)
go func() { defer func() { done <- true }(); spin(1000); panic("boom") }()
<-done
time.Sleep(10 * time.Millisecond)`)
	if !strings.Contains(out.out("stderr"), "boom") {
		t.Errorf("panic not reported: %q", out.out("stderr"))
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		s.Interrupt()
	}()
	res, _ := run(t, s, `go spin(1 << 40)
spin(1 << 40)`)
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("want Interrupted, got %+v", res.Error)
	}
	// The background spinner still runs; interrupting while idle stops it.
	s.Interrupt()
	time.Sleep(50 * time.Millisecond)
	res, _ = runWithin(t, s, "x := 0\nfor i := 0; i < 10; i++ { x += i }\nx")
	if plain(res) != "45" {
		t.Errorf("after the interrupt: %q", plain(res))
	}
	if st := s.lock.Stats(); st.Holder != 0 || st.Waiting != 0 {
		t.Errorf("lock after the cells:\n%s", st)
	}
}

func TestGILCommandAndPackage(t *testing.T) {
	s := newSession(t)
	for _, tt := range []struct{ args, want string }{
		{"interval 2ms", "2ms"},
		{"off", "gil: off"},
		{"", "gil: off, switch interval 2ms"},
		{"on", "gil: on"},
		{"hold gokernel/native", "hold gokernel/native"},
		{"", "gokernel/native: hold"},
		{"release strings", "release strings"},
		{"release fmt", "release fmt"}, // the package yaegi's Use takes for the whole library
	} {
		got, err := s.GILCommand(tt.args)
		if err != nil || !strings.Contains(got, tt.want) {
			t.Errorf("%%gil %s = %q, %v; want %q", tt.args, got, err, tt.want)
		}
	}
	for _, bad := range []string{"interval -1ms", "interval x", "sideways", "hold no/such/pkg", "on now"} {
		if _, err := s.GILCommand(bad); err == nil {
			t.Errorf("%%gil %s: no error", bad)
		}
	}
	res, _ := mustRun(t, s, `import ("fmt"; "gokernel/gil"; "strings"; "time")
gil.SetSwitchInterval(3 * time.Millisecond)
strings.ToUpper("ok") + gil.SwitchInterval().String() + fmt.Sprint(1)`)
	if got := plain(res); got != `"OK3ms1"` {
		t.Errorf("gil from cells: %s", got)
	}
	if got := s.lock.SwitchInterval(); got != 3*time.Millisecond {
		t.Errorf("interval %v", got)
	}
	res, _ = mustRun(t, s, "gil.Enabled() && gil.Stats().Acquisitions > 0")
	if got := plain(res); got != "true" {
		t.Errorf("gil.Enabled/Stats: %s", got)
	}
}
