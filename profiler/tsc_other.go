//go:build !amd64

package profiler

// rdtsc is never called where there is no timestamp counter to read.
func rdtsc() int64 { panic("profiler: no timestamp counter on this architecture") }
