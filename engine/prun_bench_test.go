package engine

import "testing"

// BenchmarkPrunOverhead compares, by pairedRatio, fib(25) with the
// profiler's hooks and no profile running against an engine without the
// hooks (%overhead-off), and under %prun against no profile (x-on):
//
//	go test -run '^$' -bench PrunOverhead -benchtime 61x ./engine
func BenchmarkPrunOverhead(b *testing.B) {
	var s [2]*Session // with hooks, without
	for i := range s {
		s[i] = newSession(b)
		s[i].noProfileHooks = i == 1
		mustRun(b, s[i], fibCell)
	}
	off := pairedRatio(b, [2]pairedRun{{s[0], "fib(25);"}, {s[1], "fib(25);"}})
	on := pairedRatio(b, [2]pairedRun{{s[0], "%prun -q fib(25)"}, {s[0], "fib(25);"}})
	b.ReportMetric((off-1)*100, "%overhead-off")
	b.ReportMetric(on, "x-on")
}

// BenchmarkPrunNested compares, by pairedRatio, loops of nested calls of
// compiled functions with the hooks around them and profiling off against
// an engine without the hooks:
//
//	go test -run '^$' -bench PrunNested -benchtime 61x ./engine
func BenchmarkPrunNested(b *testing.B) {
	const cell = `import "strings"
func count(n int) int { c := 0; for i := 0; i < n; i++ { c += len(strings.TrimSpace(strings.ToLower(" Ab "))) }; return c }
func define(n int) int { c := 0; for i := 0; i < n; i++ { s := strings.TrimSpace(strings.ToLower(" Ab ")); c += len(s) }; return c }`
	for _, f := range []string{"count", "define"} {
		b.Run(f, func(b *testing.B) {
			var s [2]*Session // with hooks, without
			for i := range s {
				s[i] = newSession(b)
				s[i].noProfileHooks = i == 1
				mustRun(b, s[i], cell)
			}
			call := f + "(20000);"
			r := pairedRatio(b, [2]pairedRun{{s[0], call}, {s[1], call}})
			b.ReportMetric((r-1)*100, "%overhead-off")
		})
	}
}
