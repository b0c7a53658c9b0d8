//go:build amd64 || arm64

package goroutine

// Key returns the running goroutine's descriptor address.
func Key() uintptr
