package profiler

import (
	"strings"
	"testing"
)

// The expected tables below are what Python's pstats prints for the same
// figures (checked with pstats.Stats over a stats dict built from them).

const sampleByTime = `         18 function calls (14 primitive calls) in 0.497 seconds

   Ordered by: internal time

   ncalls  tottime  percall  cumtime  percall filename:lineno(function)
      5/1    0.291    0.058    0.291    0.291 cell[1]:3(fib)
        1    0.085    0.085    0.497    0.497 cell[2]:1(main)
        4    0.059    0.015    0.097    0.024 cell[2]:5(<func literal>)
        5    0.051    0.010    0.051    0.010 {native strings.Split}
        3    0.012    0.004    0.012    0.004 cell[1]:9((*T).M)


`

const sampleByFileCalls = `         18 function calls (14 primitive calls) in 0.497 seconds

   Ordered by: file name, call count

   ncalls  tottime  percall  cumtime  percall filename:lineno(function)
      5/1    0.291    0.058    0.291    0.291 cell[1]:3(fib)
        3    0.012    0.004    0.012    0.004 cell[1]:9((*T).M)
        4    0.059    0.015    0.097    0.024 cell[2]:5(<func literal>)
        1    0.085    0.085    0.497    0.497 cell[2]:1(main)
        5    0.051    0.010    0.051    0.010 {native strings.Split}


`

const sampleRestricted = `         18 function calls (14 primitive calls) in 0.497 seconds

   Ordered by: internal time
   List reduced from 5 to 3 due to restriction <3>
   List reduced from 3 to 1 due to restriction <'fib'>

   ncalls  tottime  percall  cumtime  percall filename:lineno(function)
      5/1    0.291    0.058    0.291    0.291 cell[1]:3(fib)


`

func sortedSample(t *testing.T, keys ...string) *Stats {
	t.Helper()
	s := sample().Stats()
	if err := s.Sort(keys...); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTableMatchesPstats(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		want string
	}{
		{[]string{"time"}, sampleByTime},
		{[]string{"tottime"}, sampleByTime},
		{[]string{"filename", "calls"}, sampleByFileCalls},
	} {
		if got := sortedSample(t, tc.keys...).String(); got != tc.want {
			t.Errorf("sort %v:\n%s\nwant\n%s", tc.keys, got, tc.want)
		}
	}
}

func TestRestrictions(t *testing.T) {
	s := sortedSample(t, "time")
	var b strings.Builder
	if err := s.Write(&b, 3, "fib"); err != nil {
		t.Fatal(err)
	}
	if b.String() != sampleRestricted {
		t.Errorf("got\n%s\nwant\n%s", b.String(), sampleRestricted)
	}
	for _, tc := range []struct {
		r        Restriction
		rows     int
		contains string
	}{
		{0.5, 3, "   List reduced from 5 to 3 due to restriction <0.5>\n"},
		{`cell\[2\]`, 2, `   List reduced from 5 to 2 due to restriction <'cell\\[2\\]'>` + "\n"},
		{"(", 5, "   <Invalid regular expression '('>\n"},
		{10, 5, "   Ordered by: internal time\n\n"},
		{0, 0, ""},
	} {
		b.Reset()
		s.Write(&b, tc.r)
		got := b.String()
		if n := strings.Count(got, "cell[") + strings.Count(got, "{native"); n != tc.rows {
			t.Errorf("restriction %v: %d rows in\n%s", tc.r, n, got)
		}
		if !strings.Contains(got, tc.contains) {
			t.Errorf("restriction %v: no %q in\n%s", tc.r, tc.contains, got)
		}
	}
}

func TestParseRestriction(t *testing.T) {
	if r := ParseRestriction("7"); r != 7 {
		t.Errorf("7 → %#v", r)
	}
	if r := ParseRestriction("0.25"); r != 0.25 {
		t.Errorf("0.25 → %#v", r)
	}
	if r := ParseRestriction("fib"); r != "fib" {
		t.Errorf("fib → %#v", r)
	}
}

func TestSortKeysAndPrefixes(t *testing.T) {
	for key, want := range map[string]string{
		"calls": "call count", "ncalls": "call count", "cumulative": "cumulative time",
		"cumtime": "cumulative time", "cumu": "cumulative time", "tottime": "internal time",
		"tot": "internal time", "ti": "internal time", "name": "function name", "na": "function name",
		"filename": "file name", "f": "file name", "pcalls": "primitive call count", "p": "primitive call count",
		"nfl": "name/file/line", "stdname": "standard name", "line": "line number", "l": "line number",
	} {
		s := sample().Stats()
		if err := s.Sort(key); err != nil || s.SortType != want {
			t.Errorf("Sort(%q): %q, %v; want %q", key, s.SortType, err, want)
		}
	}
	// Prefixes shared by two keys are ambiguous, as in pstats.
	for _, key := range []string{"cum", "t", "c", "bogus"} {
		if err := sample().Stats().Sort(key); err == nil {
			t.Errorf("Sort(%q) accepted", key)
		}
	}
}

func TestSortOrders(t *testing.T) {
	s := sortedSample(t, "cumulative")
	for i := 1; i < len(s.Funcs); i++ {
		if s.Funcs[i-1].CumTime < s.Funcs[i].CumTime {
			t.Fatalf("not by cumulative time: %v", s.Funcs)
		}
	}
	s = sortedSample(t, "calls", "name")
	for i := 1; i < len(s.Funcs); i++ {
		a, b := s.Funcs[i-1], s.Funcs[i]
		if a.Calls < b.Calls || a.Calls == b.Calls && a.sortName() > b.sortName() {
			t.Fatalf("not by calls, then name: %s then %s", a.String(), b.String())
		}
	}
	s.Reverse()
	if s.Funcs[0].Calls > s.Funcs[len(s.Funcs)-1].Calls {
		t.Fatal("Reverse did not reverse")
	}
}

func TestUnsortedOrderIsFirstCall(t *testing.T) {
	s := sample().Stats()
	if s.Funcs[0].Name != "main" || s.Funcs[1].Name != "fib" {
		t.Fatalf("order %v", s.Funcs)
	}
	if !strings.Contains(s.String(), "   Random listing order was used\n") {
		t.Fatalf("unsorted table:\n%s", s)
	}
}

func TestSampleAggregates(t *testing.T) {
	s := sample().Stats()
	fib := mustLookup(t, s, "cell[1]:3(fib)")
	// fib's own time: 3,000,500 - 2,345,678 at the top, 2,345,678 - 499,500
	// below, 499,500 at the bottom; cumulative only the outermost path.
	if want := int64(97 * 3_000_500); int64(fib.TotTime) != want || int64(fib.CumTime) != want {
		t.Errorf("fib tottime %d cumtime %d, want %d", fib.TotTime, fib.CumTime, want)
	}
	split := mustLookup(t, s, "strings.Split")
	if split.Calls != 5 || int64(split.CumTime) != 97*(400_000+123_456) {
		t.Errorf("split %+v", split)
	}
	if s.TotalTime != sample().Total() {
		t.Errorf("total tottime %v, profile %v", s.TotalTime, sample().Total())
	}
	checkCumulative(t, s)
}
