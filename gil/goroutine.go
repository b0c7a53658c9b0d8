package gil

import "gokernel/internal/goroutine"

// curg identifies the running goroutine in a few ns, which lets the slow
// paths tell whether their caller holds the lock.
func curg() uintptr { return goroutine.Key() }

// goid is the running goroutine's id as runtime/trace shows it; it costs
// about 1 µs, so it is read only when a thread changes goroutine.
func goid() int64 { return goroutine.ID() }
