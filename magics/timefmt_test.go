package magics

import (
	"strings"
	"testing"
	"time"
)

// Expected strings are what IPython's _format_time returns for the same
// input (with μ in place of its micro sign).
func TestFormatSeconds(t *testing.T) {
	cases := []struct {
		in   float64
		prec int
		want string
	}{
		{0.000123, 3, "123 μs"},
		{1.5e-9, 3, "1.5 ns"},
		{1e-10, 3, "0.1 ns"},
		{0, 3, "0 ns"},
		{0.5, 3, "500 ms"},
		{1, 3, "1 s"},
		{1.23456, 3, "1.23 s"},
		{1.23456, 5, "1.2346 s"},
		{59.9, 3, "59.9 s"},
		{61, 3, "1min 1s"},
		{3661, 3, "1h 1min 1s"},
		{90061, 3, "1d 1h 1min 1s"},
		{4.56e-6, 3, "4.56 μs"},
		{0.000999, 3, "999 μs"},
		{0.001, 3, "1 ms"},
	}
	for _, c := range cases {
		if got := FormatSeconds(c.in, c.prec); got != c.want {
			t.Errorf("FormatSeconds(%g, %d) = %q, want %q", c.in, c.prec, got, c.want)
		}
	}
}

func TestTimeitResultString(t *testing.T) {
	runs := make([]time.Duration, 7)
	for i := range runs {
		runs[i] = time.Duration(1000+i*10) * time.Microsecond // per loop 1.00 μs … 1.06 μs at 1,000 loops
	}
	r := NewTimeitResult(1000, runs, 3000*7, 96000*7, 3)
	want := "1.03 μs ± 20 ns per loop (mean ± std. dev. of 7 runs, 1,000 loops each), 3 allocs/op, 96 B/op"
	if got := r.String(); got != want {
		t.Errorf("String() = %q\nwant        %q", got, want)
	}
	if r.Warning() != "" {
		t.Errorf("even runs warned: %q", r.Warning())
	}
	if r.Best != 1e-6 || r.Worst != 1.06e-6 {
		t.Errorf("best, worst = %g, %g", r.Best, r.Worst)
	}
}

func TestTimeitSingular(t *testing.T) {
	r := NewTimeitResult(1, []time.Duration{2 * time.Second}, 1, 10, 3)
	if got := r.String(); !strings.Contains(got, "(mean ± std. dev. of 1 run, 1 loop each)") {
		t.Errorf("String() = %q", got)
	}
}

func TestTimeitWarning(t *testing.T) {
	r := NewTimeitResult(10, []time.Duration{10 * time.Microsecond, 53200 * time.Nanosecond}, 0, 0, 3)
	want := "The slowest run took 5.32 times longer than the fastest. This could mean that an intermediate result is being cached."
	if got := r.Warning(); got != want {
		t.Errorf("Warning() = %q", got)
	}
}

func TestPerOp(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 3: "3", 10021: "10,021", 60037.4: "60,037.40", 7.16: "7.16", 0.5: "0.50", 999.999: "1,000.00"} {
		if got := perOp(v); got != want {
			t.Errorf("perOp(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
