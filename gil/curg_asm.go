//go:build amd64 || arm64

package gil

// curg returns the address of the running goroutine's runtime descriptor.
// It is unique among live goroutines and costs a few ns, which lets the slow
// paths tell whether their caller holds the lock.
func curg() uintptr
