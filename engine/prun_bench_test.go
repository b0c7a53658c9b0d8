package engine

import "testing"

// Profiler overhead on recursive fib:
//
//	go test -run '^$' -bench Prun ./engine
//
// "nohooks" is the engine without the profiler's hooks, "off" with them
// and no profile running, "on" under %prun.
func BenchmarkPrunFib25(b *testing.B) {
	for _, v := range []struct {
		name, call string
		noHooks    bool
	}{
		{"nohooks", "fib(25);", true},
		{"off", "fib(25);", false},
		{"on", "%prun -q fib(25)", false},
	} {
		b.Run(v.name, func(b *testing.B) {
			s := newSession(b)
			s.noProfileHooks = v.noHooks
			mustRun(b, s, fibCell)
			b.ResetTimer()
			for range b.N {
				mustRun(b, s, v.call)
			}
		})
	}
}
