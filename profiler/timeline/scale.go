package timeline

import (
	"fmt"
	"math"
	"time"
)

// msOf is d in milliseconds.
func msOf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// niceStep is the tick step, 1, 2 or 5 times a power of ten milliseconds,
// that gives about n ticks over span.
func niceStep(span time.Duration, n int) float64 {
	raw := msOf(span) / float64(n)
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// fmtMs formats a time in milliseconds with enough digits for its size.
func fmtMs(v float64) string {
	switch a := math.Abs(v); {
	case a == 0:
		return "0"
	case a < 1:
		return trimZeros(fmt.Sprintf("%.3f", v))
	case a < 10:
		return trimZeros(fmt.Sprintf("%.2f", v))
	case a < 100:
		return trimZeros(fmt.Sprintf("%.1f", v))
	}
	return fmt.Sprintf("%.0f", v)
}

// fmtDur formats a duration as milliseconds: "12.3 ms".
func fmtDur(d time.Duration) string { return fmtMs(msOf(d)) + " ms" }

func trimZeros(s string) string {
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// pct formats a ratio as a percentage.
func pct(r float64) string { return fmt.Sprintf("%.1f %%", 100*r) }
