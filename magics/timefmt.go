package magics

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// FormatSeconds formats a time span as IPython's _format_time does: "%.*g"
// with the given precision in s, ms, μs or ns, and spans of a minute or more
// as "1h 2min 3s". μ is U+03BC.
func FormatSeconds(s float64, precision int) string {
	if s >= 60 {
		return formatLong(s)
	}
	units := [...]string{"s", "ms", "μs", "ns"}
	scale := [...]float64{1, 1e3, 1e6, 1e9}
	order := 3
	if s > 0 {
		// Python: min(-int(math.floor(math.log10(s)) // 3), 3), with
		// floor division rounding towards minus infinity.
		order = min(-int(math.Floor(math.Floor(math.Log10(s))/3)), 3)
	}
	return fmt.Sprintf("%.*g %s", precision, s*scale[order], units[order])
}

func formatLong(s float64) string {
	parts := []struct {
		suffix string
		length float64
	}{{"d", 86400}, {"h", 3600}, {"min", 60}, {"s", 1}}
	var out []string
	left := s
	for _, p := range parts {
		if v := int(left / p.length); v > 0 {
			left = math.Mod(left, p.length)
			out = append(out, strconv.Itoa(v)+p.suffix)
		}
		if left < 1 {
			break
		}
	}
	return strings.Join(out, " ")
}

// FormatDuration is FormatSeconds for a time.Duration.
func FormatDuration(d time.Duration, precision int) string {
	return FormatSeconds(d.Seconds(), precision)
}

// TimeitResult is the outcome of %timeit, with IPython's TimeitResult fields
// plus Go's allocation figures. It is what `%timeit -o` stores as _timeit.
type TimeitResult struct {
	Loops       int       // loops per run
	Repeat      int       // runs
	Timings     []float64 // seconds per loop, one per run
	Best        float64   // fastest per-loop time
	Worst       float64   // slowest per-loop time
	Average     float64   // mean per-loop time
	Stdev       float64   // population standard deviation
	AllocsPerOp float64   // heap allocations per loop
	BytesPerOp  float64   // heap bytes per loop
	Precision   int       // significant digits in String
}

// NewTimeitResult computes the statistics from the total time of each run.
func NewTimeitResult(loops int, runs []time.Duration, allocs, bytes uint64, precision int) TimeitResult {
	r := TimeitResult{Loops: loops, Repeat: len(runs), Precision: precision}
	for _, d := range runs {
		r.Timings = append(r.Timings, d.Seconds()/float64(loops))
	}
	r.Best, r.Worst = r.Timings[0], r.Timings[0]
	sum := 0.0
	for _, t := range r.Timings {
		r.Best, r.Worst = min(r.Best, t), max(r.Worst, t)
		sum += t
	}
	r.Average = sum / float64(len(r.Timings))
	dev := 0.0
	for _, t := range r.Timings {
		dev += (t - r.Average) * (t - r.Average)
	}
	r.Stdev = math.Sqrt(dev / float64(len(r.Timings)))
	ops := float64(loops * len(runs))
	r.AllocsPerOp, r.BytesPerOp = float64(allocs)/ops, float64(bytes)/ops
	return r
}

// String is IPython's line, then Go's allocation figures:
// "4.56 μs ± 123 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each), 3 allocs/op, 96 B/op".
func (r TimeitResult) String() string {
	return fmt.Sprintf("%s ± %s per loop (mean ± std. dev. of %d run%s, %s loop%s each), %s allocs/op, %s B/op",
		FormatSeconds(r.Average, r.Precision), FormatSeconds(r.Stdev, r.Precision),
		r.Repeat, plural(r.Repeat), thousands(r.Loops), plural(r.Loops),
		perOp(r.AllocsPerOp), perOp(r.BytesPerOp))
}

// Warning is IPython's caching warning, or "" when the runs were even.
func (r TimeitResult) Warning() string {
	if r.Worst > 4*r.Best && r.Best > 0 && r.Worst > 1e-6 {
		return fmt.Sprintf("The slowest run took %0.2f times longer than the fastest. "+
			"This could mean that an intermediate result is being cached.", r.Worst/r.Best)
	}
	return ""
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// perOp shows whole numbers plainly and fractions with two decimals, as
// testing.B's allocation figures are integers but averages over loops need
// not be; both with thousands separators.
func perOp(v float64) string {
	whole := math.Trunc(v)
	if v == whole {
		return thousands(int(v))
	}
	frac := strconv.FormatFloat(v-whole, 'f', 2, 64) // "0.40", or "1.00" when it rounds up
	if frac == "1.00" {
		return thousands(int(whole)+1) + ".00"
	}
	return thousands(int(whole)) + frac[1:]
}

// thousands writes n with comma separators, as Python's "{:,}".
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
