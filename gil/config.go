package gil

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// DefaultInterval is the switch interval CPython uses.
const DefaultInterval = 5 * time.Millisecond

// DefaultMask is the bit of the breaker word the lock uses when
// [Config.Mask] is zero.
const DefaultMask int32 = 1

// Environment variables read by [FromEnv].
const (
	EnvMode     = "GOKERNEL_GIL"             // on | off
	EnvInterval = "GOKERNEL_SWITCH_INTERVAL" // a Go duration ("5ms") or seconds ("0.005")
)

// Config configures a [Lock].
type Config struct {
	// Enabled turns the lock on. Off, interpreted goroutines run in parallel.
	Enabled bool
	// Interval is the switch interval; zero means DefaultInterval.
	Interval time.Duration
	// Word is the engine's breaker word; nil makes the lock allocate one.
	Word *int32
	// Mask is the bit (or bits) of Word the lock sets to ask the holder to
	// drop the lock; zero means DefaultMask. Other bits are left alone.
	Mask int32
	// Notify, when not nil, is called after the lock set or cleared its
	// bits in Word (so a mirror of the word can follow).
	Notify func()
}

// DefaultConfig is the lock on with the default interval.
func DefaultConfig() Config {
	return Config{Enabled: true, Interval: DefaultInterval}
}

// FromEnv returns DefaultConfig changed by GOKERNEL_GIL and
// GOKERNEL_SWITCH_INTERVAL. On a bad value it returns the error and a config
// that ignores that value, so a caller may report and go on.
func FromEnv() (Config, error) {
	c := DefaultConfig()
	var errs []string
	if v, ok := os.LookupEnv(EnvMode); ok {
		on, err := ParseMode(v)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", EnvMode, err))
		} else {
			c.Enabled = on
		}
	}
	if v, ok := os.LookupEnv(EnvInterval); ok {
		d, err := ParseInterval(v)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", EnvInterval, err))
		} else {
			c.Interval = d
		}
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("gil config: %s", strings.Join(errs, "; "))
	}
	return c, nil
}

// ParseMode reads "on"/"off" (also 1/0, true/false, yes/no).
func ParseMode(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "on", "1", "true", "yes":
		return true, nil
	case "off", "0", "false", "no":
		return false, nil
	}
	return false, fmt.Errorf("mode %q: want on or off", s)
}

// ParseInterval reads a positive Go duration ("5ms", "500us") or a number of
// seconds as sys.setswitchinterval takes it ("0.005").
func ParseInterval(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	d, err := time.ParseDuration(s)
	if err != nil {
		secs, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return 0, fmt.Errorf("interval %q: want a duration like 5ms: %w", s, err)
		}
		d = time.Duration(secs * float64(time.Second))
	}
	if err := checkInterval(d); err != nil {
		return 0, fmt.Errorf("interval %q: %w", s, err)
	}
	return d, nil
}

func checkInterval(d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("switch interval %v must be positive", d)
	}
	return nil
}
