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

// Hooks around nested calls of compiled functions, with profiling off:
//
//	go test -run '^$' -bench PrunNested ./engine
func BenchmarkPrunNested(b *testing.B) {
	const cell = `import "strings"
func count(n int) int { c := 0; for i := 0; i < n; i++ { c += len(strings.TrimSpace(strings.ToLower(" Ab "))) }; return c }
func define(n int) int { c := 0; for i := 0; i < n; i++ { s := strings.TrimSpace(strings.ToLower(" Ab ")); c += len(s) }; return c }`
	for _, f := range []string{"count", "define"} {
		for _, v := range []struct {
			name    string
			noHooks bool
		}{{"nohooks", true}, {"off", false}} {
			b.Run(f+"/"+v.name, func(b *testing.B) {
				s := newSession(b)
				s.noProfileHooks = v.noHooks
				mustRun(b, s, cell)
				b.ResetTimer()
				mustRun(b, s, f+"("+itoa(b.N)+");")
			})
		}
	}
}
