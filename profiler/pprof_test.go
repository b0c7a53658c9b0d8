package profiler

import (
	"bytes"
	"testing"

	"github.com/google/pprof/profile"
)

func TestPprofRoundTrip(t *testing.T) {
	p := sample()
	var buf bytes.Buffer
	if err := p.WritePprof(&buf); err != nil {
		t.Fatal(err)
	}
	pp, err := profile.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := pp.CheckValid(); err != nil {
		t.Fatal(err)
	}
	if len(pp.SampleType) != 2 || pp.SampleType[0].Type != "calls" || pp.SampleType[0].Unit != "count" ||
		pp.SampleType[1].Type != "time" || pp.SampleType[1].Unit != "nanoseconds" {
		t.Fatalf("sample types %v", pp.SampleType)
	}
	s := p.Stats()
	flatCalls, flatTime, cumTime := map[string]int64{}, map[string]int64{}, map[string]int64{}
	var totalCalls, totalTime int64
	for _, smp := range pp.Sample {
		leaf := smp.Location[0].Line[0].Function.Name
		flatCalls[leaf] += smp.Value[0]
		flatTime[leaf] += smp.Value[1]
		totalCalls += smp.Value[0]
		totalTime += smp.Value[1]
		seen := map[string]bool{} // pprof's cum counts a sample once per function
		for _, l := range smp.Location {
			if n := l.Line[0].Function.Name; !seen[n] {
				seen[n] = true
				cumTime[n] += smp.Value[1]
			}
		}
	}
	if totalCalls != s.TotalCalls || totalTime != int64(s.TotalTime) {
		t.Fatalf("pprof totals %d calls %d ns, table %d calls %d ns", totalCalls, totalTime, s.TotalCalls, s.TotalTime)
	}
	for _, f := range s.Funcs {
		n := f.pprofName()
		if flatCalls[n] != f.Calls || flatTime[n] != int64(f.TotTime) || cumTime[n] != int64(f.CumTime) {
			t.Errorf("%s: pprof flat %d calls %d ns cum %d ns; table %d calls %d ns cum %d ns",
				n, flatCalls[n], flatTime[n], cumTime[n], f.Calls, f.TotTime, f.CumTime)
		}
	}
	fib := findFunction(pp, "fib (cell[1]:3)")
	if fib == nil || fib.Filename != "cell[1]" || fib.StartLine != 3 {
		t.Fatalf("fib function %+v", fib)
	}
}

func findFunction(pp *profile.Profile, name string) *profile.Function {
	for _, f := range pp.Function {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func TestPprofOfRecordedProfile(t *testing.T) {
	c := newCalls(t, "fib")
	p := c.profile(t, func() { c.fib(12) })
	var buf bytes.Buffer
	if err := p.WritePprof(&buf); err != nil {
		t.Fatal(err)
	}
	pp, err := profile.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var calls int64
	depth := 0
	for _, s := range pp.Sample {
		calls += s.Value[0]
		depth = max(depth, len(s.Location))
	}
	if calls != 465 || depth != 12 { // fib(12): 465 calls, 12 deep
		t.Fatalf("%d calls, %d deep", calls, depth)
	}
}
