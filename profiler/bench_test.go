package profiler

import "testing"

// BenchmarkEnterExit is the cost the hooks add to one profiled call.
func BenchmarkEnterExit(b *testing.B) {
	p := New()
	id := p.Register(Func{File: "cell[1]", Line: 1, Name: "f"})
	if err := p.Start(); err != nil {
		b.Fatal(err)
	}
	defer p.Stop()
	for b.Loop() {
		if p.Enter(id) {
			p.Exit()
		}
	}
}

// BenchmarkEnterOff is Enter while no profile runs.
func BenchmarkEnterOff(b *testing.B) {
	p := New()
	id := p.Register(Func{File: "cell[1]", Line: 1, Name: "f"})
	for b.Loop() {
		if p.Enter(id) {
			p.Exit()
		}
	}
}

func BenchmarkFib20(b *testing.B) {
	c := &calls{p: New(), ids: map[string]FuncID{}}
	c.ids["fib"] = c.p.Register(Func{File: "cell[1]", Line: 1, Name: "fib"})
	for b.Loop() {
		c.p.Start()
		c.fib(20)
		c.p.Stop()
	}
}
