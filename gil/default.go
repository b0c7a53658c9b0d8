package gil

import (
	"sync/atomic"
	"time"
)

// The default lock is the one cells reach through `import "gokernel/gil"`.
// The engine installs its lock with SetDefault; until then a lock
// configured from the environment is made on first use.
var std atomic.Pointer[Lock]

// Default returns the process's lock.
func Default() *Lock {
	if l := std.Load(); l != nil {
		return l
	}
	c, _ := FromEnv() // a bad value keeps the default; the engine reports it
	std.CompareAndSwap(nil, New(c))
	return std.Load()
}

// SetDefault makes l the lock that the package-level functions use.
func SetDefault(l *Lock) { std.Store(l) }

// Enabled reports whether the default lock is on.
func Enabled() bool { return Default().Enabled() }

// SwitchInterval is the default lock's switch interval.
func SwitchInterval() time.Duration { return Default().SwitchInterval() }

// SetSwitchInterval changes the default lock's switch interval
// (sys.setswitchinterval); d must be positive.
func SetSwitchInterval(d time.Duration) error { return Default().SetSwitchInterval(d) }
