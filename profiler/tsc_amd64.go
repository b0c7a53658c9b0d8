package profiler

// rdtsc reads the CPU's timestamp counter.
func rdtsc() int64
