// Package cputime reads the CPU time the process has used, for %time and
// the parallelism (CPU / wall) of %%threads.
package cputime

import "time"

// Process returns the process's user and system CPU time so far; zeros
// where the platform cannot tell.
func Process() (user, sys time.Duration) { return process() }
