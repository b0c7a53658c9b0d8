//go:build !amd64 && !arm64

package goroutine

// Key falls back to the goroutine id where no assembly is provided: unique
// among live goroutines too, only slower (about 1 µs).
func Key() uintptr { return uintptr(ID()) }
