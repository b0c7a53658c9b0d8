package profiler

import (
	"testing"
	"time"
)

// calls drives a Profiler the way rewritten code does: every function
// calls Enter on entry and, when Enter reports it recorded, Exit on return.
type calls struct {
	p   *Profiler
	ids map[string]FuncID
}

func newCalls(t *testing.T, names ...string) *calls {
	t.Helper()
	c := &calls{p: New(), ids: map[string]FuncID{}}
	for i, n := range names {
		c.ids[n] = c.p.Register(Func{File: "cell[1]", Line: 10 * (i + 1), Name: n})
	}
	return c
}

// call runs body as a call of the function name.
func (c *calls) call(name string, body func()) {
	if c.p.Enter(c.ids[name]) {
		defer c.p.Exit()
	}
	if body != nil {
		body()
	}
}

// fib is the naive recursive Fibonacci, profiled.
func (c *calls) fib(n int) int {
	r := 0
	c.call("fib", func() {
		if n < 2 {
			r = n
			return
		}
		r = c.fib(n-1) + c.fib(n-2)
	})
	return r
}

// profile runs body between Start and Stop.
func (c *calls) profile(t *testing.T, body func()) *Profile {
	t.Helper()
	if err := c.p.Start(); err != nil {
		t.Fatal(err)
	}
	body()
	p := c.p.Stop()
	if p == nil {
		t.Fatal("Stop returned no profile")
	}
	return p
}

func mustLookup(t *testing.T, s *Stats, name string) FuncStats {
	t.Helper()
	f, ok := s.Lookup(name)
	if !ok {
		t.Fatalf("no row for %s in\n%s", name, s)
	}
	return f
}

// spin burns d of CPU time on the calling goroutine, so own times differ
// by known amounts without sleeping.
func spin(d time.Duration) {
	for t0 := time.Now(); time.Since(t0) < d; {
	}
}

// built assembles a Profile by hand: paths of function names with their
// calls and cumulative nanoseconds, for tests that need exact times.
type pathSpec struct {
	path  []string
	calls int64
	cum   int64
}

func built(funcs []Func, specs ...pathSpec) *Profile {
	p := &Profile{Funcs: funcs}
	p.root.fn = -1
	id := map[string]FuncID{}
	for i, f := range funcs {
		id[f.Name] = FuncID(i)
	}
	for _, s := range specs {
		n := &p.root
		for _, name := range s.path {
			n = n.child(id[name])
		}
		n.calls += s.calls
		n.cum += s.cum
	}
	return p
}
