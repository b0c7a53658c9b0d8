package gil

import (
	"math"
	"time"
)

// An alarm calls its function once, a set time after it is reset; a reset
// replaces the pending deadline, earlier or later. The watchdog needs one
// that fires on time. Go's timers do not: on Linux an idle scheduler sleeps
// in epoll_wait, whose timeout is in whole milliseconds, so a timer set for
// 1 ms fired 0.2–0.4 ms late and a 1 ms switch interval held the lock for
// 1.2–1.3 ms. newAlarm returns the most precise alarm the platform has.
type alarm interface {
	Reset(d time.Duration) bool
}

// timerAlarm is an alarm made of a runtime timer, not yet set.
func timerAlarm(f func()) alarm { return time.AfterFunc(time.Duration(math.MaxInt64), f) }
