// Package goroutine tells goroutines apart cheaply.
//
// Key returns the address of the running goroutine's runtime descriptor:
// unique among live goroutines and read in a few nanoseconds, which hooks
// on hot paths (a profiler's function entry and exit) can afford where
// parsing runtime.Stack (about 1 µs) is not. The runtime reuses the
// descriptors of goroutines that have exited, so a key names a goroutine
// only while it lives.
package goroutine
