//go:build !linux

package gil

import (
	"math"
	"time"
)

// newAlarm returns a runtime timer, not yet set.
func newAlarm(f func()) alarm { return time.AfterFunc(time.Duration(math.MaxInt64), f) }
