package profiler

import (
	"sync"
	"testing"
)

func TestFibCounts(t *testing.T) {
	c := newCalls(t, "fib")
	var got int
	p := c.profile(t, func() { got = c.fib(20) })
	if got != 6765 {
		t.Fatalf("fib(20) = %d", got)
	}
	s := p.Stats()
	f := mustLookup(t, s, "fib")
	if f.Calls != 21891 || f.PrimCalls != 1 {
		t.Fatalf("fib: %d/%d calls, want 21891/1", f.Calls, f.PrimCalls)
	}
	if s.TotalCalls != 21891 || s.PrimCalls != 1 {
		t.Fatalf("totals %d/%d", s.TotalCalls, s.PrimCalls)
	}
	if f.CumTime < f.TotTime || f.TotTime <= 0 {
		t.Fatalf("fib tottime %v cumtime %v", f.TotTime, f.CumTime)
	}
	// With one function, its own time is all the time there is.
	if f.TotTime != s.TotalTime || f.CumTime != p.Total() {
		t.Fatalf("tottime %v / total %v, cumtime %v / profile %v", f.TotTime, s.TotalTime, f.CumTime, p.Total())
	}
	e := s.Callers(f.ID)
	if len(e) != 1 || e[0].Calls != 21890 || e[0].PrimCalls != 2 {
		t.Fatalf("fib→fib edge: %+v (want 21890 calls, 2 primitive: the outermost recursive call on each side)", e)
	}
}

func TestNestedCounts(t *testing.T) {
	c := newCalls(t, "cell", "a", "b")
	p := c.profile(t, func() {
		c.call("cell", func() {
			for range 3 {
				c.call("a", func() {
					c.call("b", nil)
					c.call("b", nil)
				})
			}
		})
	})
	s := p.Stats()
	for name, want := range map[string]int64{"cell": 1, "a": 3, "b": 6} {
		f := mustLookup(t, s, name)
		if f.Calls != want || f.PrimCalls != want {
			t.Errorf("%s: %d/%d calls, want %d", name, f.Calls, f.PrimCalls, want)
		}
	}
	ab := s.Callees(c.ids["a"])
	if len(ab) != 1 || ab[0].Callee != c.ids["b"] || ab[0].Calls != 6 {
		t.Fatalf("a→b edges %+v", ab)
	}
	if s.TotalCalls != 10 {
		t.Fatalf("total calls %d", s.TotalCalls)
	}
	checkCumulative(t, s)
}

func TestMutualRecursion(t *testing.T) {
	c := newCalls(t, "even", "odd")
	var even, odd func(n int) bool
	even = func(n int) (r bool) {
		c.call("even", func() { r = n == 0 || odd(n-1) })
		return r
	}
	odd = func(n int) (r bool) {
		c.call("odd", func() { r = n != 0 && even(n-1) })
		return r
	}
	p := c.profile(t, func() { even(4) }) // even 4, 2, 0; odd 3, 1
	s := p.Stats()
	if f := mustLookup(t, s, "even"); f.Calls != 3 || f.PrimCalls != 1 {
		t.Errorf("even %d/%d, want 3/1", f.Calls, f.PrimCalls)
	}
	if f := mustLookup(t, s, "odd"); f.Calls != 2 || f.PrimCalls != 1 {
		t.Errorf("odd %d/%d, want 2/1", f.Calls, f.PrimCalls)
	}
	checkCumulative(t, s)
}

func checkCumulative(t *testing.T, s *Stats) {
	t.Helper()
	for _, f := range s.Funcs {
		if f.CumTime < f.TotTime {
			t.Errorf("%s: cumtime %v < tottime %v", f.String(), f.CumTime, f.TotTime)
		}
	}
	for _, e := range s.Edges {
		if e.CumTime < e.TotTime {
			t.Errorf("edge %d→%d: cumtime %v < tottime %v", e.Caller, e.Callee, e.CumTime, e.TotTime)
		}
	}
}

func TestGoroutinesIncluded(t *testing.T) {
	c := newCalls(t, "main", "worker", "leaf")
	const n = 5
	p := c.profile(t, func() {
		c.call("main", func() {
			var wg sync.WaitGroup
			for range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c.call("worker", func() { c.call("leaf", nil) })
				}()
			}
			wg.Wait()
		})
	})
	s := p.Stats()
	if f := mustLookup(t, s, "worker"); f.Calls != n || f.PrimCalls != n {
		t.Fatalf("worker %d/%d, want %d", f.Calls, f.PrimCalls, n)
	}
	if f := mustLookup(t, s, "leaf"); f.Calls != n {
		t.Fatalf("leaf %d", f.Calls)
	}
	if p.Goroutines < 2 {
		t.Fatalf("%d goroutines recorded", p.Goroutines)
	}
	// Goroutine trees start at their own entry, not under main.
	if len(s.Callers(c.ids["worker"])) != 0 {
		t.Fatalf("worker has callers %+v", s.Callers(c.ids["worker"]))
	}
}

func TestOffRecordsNothing(t *testing.T) {
	c := newCalls(t, "f")
	if c.p.Enter(c.ids["f"]) {
		t.Fatal("Enter recorded while not running")
	}
	c.p.Exit() // must not panic
	if c.p.Stop() != nil {
		t.Fatal("Stop returned a profile without Start")
	}
	if err := c.p.Start(); err != nil {
		t.Fatal(err)
	}
	if err := c.p.Start(); err != ErrRunning {
		t.Fatalf("second Start: %v", err)
	}
	c.p.Stop()
}

func TestStrayExitsAndOpenCalls(t *testing.T) {
	c := newCalls(t, "outer", "inner")
	if err := c.p.Start(); err != nil {
		t.Fatal(err)
	}
	c.p.Exit() // the exit of a call entered before Start
	c.p.Enter(c.ids["outer"])
	c.p.Enter(c.ids["inner"])
	spin(200 * 1000) // 200µs inside inner, never exited
	p := c.p.Stop()
	c.p.Exit() // after Stop: ignored
	s := p.Stats()
	in := mustLookup(t, s, "inner")
	out := mustLookup(t, s, "outer")
	if in.Calls != 1 || out.Calls != 1 {
		t.Fatalf("calls inner %d outer %d", in.Calls, out.Calls)
	}
	if in.CumTime < 200*1000 || out.CumTime < in.CumTime {
		t.Fatalf("open calls: inner %v outer %v", in.CumTime, out.CumTime)
	}
}

func TestRegisterIsStable(t *testing.T) {
	p := New()
	a := p.Register(Func{File: "cell[1]", Line: 1, Name: "f"})
	b := p.Register(Func{File: "cell[2]", Line: 1, Name: "f"})
	if a == b || p.Register(Func{File: "cell[1]", Line: 1, Name: "f"}) != a {
		t.Fatal("registration not keyed by file, line and name")
	}
	n := p.Native("strings.Split")
	if p.Native("strings.Split") != n || p.Funcs()[n].String() != "{native strings.Split}" {
		t.Fatalf("native %v", p.Funcs()[n])
	}
	if got := p.Funcs()[a].String(); got != "cell[1]:1(f)" {
		t.Fatalf("String() = %q", got)
	}
}

func TestManyGoroutinesOverflowTable(t *testing.T) {
	c := newCalls(t, "g")
	const n = 3 * tableSize / 2
	p := c.profile(t, func() {
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start // all alive at once: distinct keys
				c.call("g", nil)
			}()
		}
		close(start)
		wg.Wait()
	})
	if f := mustLookup(t, p.Stats(), "g"); f.Calls != n {
		t.Fatalf("g called %d times, want %d", f.Calls, n)
	}
}

func TestNativeCalls(t *testing.T) {
	c := newCalls(t, "f")
	split := c.p.Native("strings.Split")
	p := c.profile(t, func() {
		c.call("f", func() {
			for range 4 {
				if c.p.EnterNative(split) {
					c.p.ExitNative(split)
				}
			}
			c.p.EnterNative(split)                    // a native call that panicked: no ExitNative
			c.p.ExitNative(c.p.Native("fmt.Println")) // not the innermost call: ignored
		})
		c.call("f", nil) // f's Exit closed the dangling native call: f is at the top again
	})
	s := p.Stats()
	if f := mustLookup(t, s, "{native strings.Split}"); f.Calls != 5 {
		t.Fatalf("strings.Split called %d times", f.Calls)
	}
	if e := s.Callers(c.ids["f"]); len(e) != 0 {
		t.Fatalf("f has callers %+v: a native call stayed open", e)
	}
	if _, ok := s.Lookup("{native fmt.Println}"); ok {
		t.Fatal("fmt.Println recorded without a call")
	}
}

func TestExitWithoutEnterIsHarmless(t *testing.T) {
	c := newCalls(t, "outer", "inner")
	c.p.Enter(c.ids["outer"]) // not running: nothing recorded, the Exit still comes
	before := c.p.IdleEnters()
	if before != 1 {
		t.Fatalf("IdleEnters = %d", before)
	}
	if err := c.p.Start(); err != nil {
		t.Fatal(err)
	}
	c.call("inner", nil)
	c.p.Exit() // outer's exit: finds nothing of its own
	c.call("inner", nil)
	s := c.p.Stop().Stats()
	if f := mustLookup(t, s, "inner"); f.Calls != 2 || len(s.Funcs) != 1 {
		t.Fatalf("stats %+v", s.Funcs)
	}
	if c.p.IdleEnters() != before {
		t.Fatal("hooks counted as idle while running")
	}
}
