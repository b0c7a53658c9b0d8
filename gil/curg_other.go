//go:build !amd64 && !arm64

package gil

// curg falls back to the goroutine id where no assembly is provided; it is
// unique among live goroutines too, only slower (about 1 µs).
func curg() uintptr { return uintptr(goid()) }
