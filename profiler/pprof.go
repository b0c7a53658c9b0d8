package profiler

import (
	"fmt"
	"io"
	"time"

	"github.com/google/pprof/profile"
)

// Pprof converts the profile to pprof's format: one sample per call path,
// leaf first, valued in calls (count) and own time (nanoseconds). pprof's
// flat figures are then the table's ncalls and tottime, and its cum time
// the table's cumtime.
func (p *Profile) Pprof() *profile.Profile {
	out := &profile.Profile{
		SampleType: []*profile.ValueType{
			{Type: "calls", Unit: "count"},
			{Type: "time", Unit: "nanoseconds"},
		},
		DefaultSampleType: "time",
		PeriodType:        &profile.ValueType{Type: "time", Unit: "nanoseconds"},
		Period:            1,
		TimeNanos:         time.Now().Add(-p.Wall).UnixNano(),
		DurationNanos:     int64(p.Wall),
	}
	locs := map[FuncID]*profile.Location{}
	loc := func(id FuncID) *profile.Location {
		if l := locs[id]; l != nil {
			return l
		}
		f := p.fn(id)
		fn := &profile.Function{
			ID: uint64(len(out.Function) + 1), Name: f.pprofName(), SystemName: f.String(),
			Filename: f.File, StartLine: int64(f.Line),
		}
		out.Function = append(out.Function, fn)
		l := &profile.Location{ID: uint64(len(out.Location) + 1), Line: []profile.Line{{Function: fn, Line: int64(f.Line)}}}
		out.Location = append(out.Location, l)
		locs[id] = l
		return l
	}
	p.walk(func(path []*node) {
		n := path[len(path)-1]
		s := &profile.Sample{Value: []int64{n.calls, n.own()}}
		for i := len(path) - 1; i >= 0; i-- {
			s.Location = append(s.Location, loc(path[i].fn))
		}
		out.Sample = append(out.Sample, s)
	})
	return out
}

// WritePprof writes the profile as a gzipped pprof protocol buffer, the
// file `go tool pprof` reads.
func (p *Profile) WritePprof(w io.Writer) error {
	pp := p.Pprof()
	if err := pp.CheckValid(); err != nil {
		return fmt.Errorf("pprof profile: %w", err)
	}
	if err := pp.Write(w); err != nil {
		return fmt.Errorf("write pprof profile: %w", err)
	}
	return nil
}

// pprofName names f for pprof: `fib (cell[3]:12)`. pprof would cut the
// table's `cell[3]:12(fib)` short, taking the parenthesis for arguments.
func (f Func) pprofName() string {
	if f.Native {
		return f.String()
	}
	return fmt.Sprintf("%s (%s:%d)", f.Name, f.File, f.Line)
}
