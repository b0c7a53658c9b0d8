package profiler

import (
	"os"
	"runtime"
	"strings"
	"time"
)

// The profiler's clock counts in ticks: CPU timestamp-counter cycles
// where the kernel itself keeps time with that counter (so it is invariant
// and synchronised across cores), else nanoseconds of the monotonic clock.
// A counter read costs about a third of a monotonic clock read, and every
// profiled call reads the clock twice.
var (
	useTSC     = tscTrusted()
	epoch      = time.Now()
	epochTicks = now()
)

// now returns the current tick count.
func now() int64 {
	if useTSC {
		return rdtsc()
	}
	return int64(time.Since(epoch))
}

// tickRate returns nanoseconds per tick, measured against the monotonic
// clock since the package started, over at least a millisecond.
func tickRate() float64 {
	if !useTSC {
		return 1
	}
	for {
		t, d := now()-epochTicks, time.Since(epoch)
		if d >= time.Millisecond && t > 0 {
			return float64(d) / float64(t)
		}
		time.Sleep(time.Millisecond)
	}
}

// tscTrusted reports whether the timestamp counter can serve as a clock:
// on amd64 Linux, when the kernel's clocksource is "tsc", the kernel has
// checked it is constant-rate and synchronised.
func tscTrusted() bool {
	if runtime.GOARCH != "amd64" || runtime.GOOS != "linux" {
		return false
	}
	b, err := os.ReadFile("/sys/devices/system/clocksource/clocksource0/current_clocksource")
	return err == nil && strings.TrimSpace(string(b)) == "tsc"
}
