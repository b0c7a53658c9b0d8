package timeline

import (
	"slices"
	"time"
)

// Result is what %%threads leaves for later cells (as _threads): the runs,
// in order, and how they render.
type Result struct {
	Runs []*Timeline
}

// Speedup is the first run's wall time over the second's; 0 for one run.
func (r Result) Speedup() float64 {
	if len(r.Runs) != 2 {
		return 0
	}
	return Comparison{r.Runs[0], r.Runs[1]}.Speedup()
}

func (r Result) renderer() Renderer {
	if len(r.Runs) == 2 {
		return Comparison{r.Runs[0], r.Runs[1]}
	}
	if len(r.Runs) == 1 {
		return r.Runs[0]
	}
	return &Timeline{}
}

// HTML, SVG and Text render the run, or both runs compared.
func (r Result) HTML() string { return r.renderer().HTML() }
func (r Result) SVG() string  { return r.renderer().SVG() }
func (r Result) Text() string { return r.renderer().Text() }

// Holds are the lengths of the holds that ended by forced switching, in
// time order: at full contention each lasts about the switch interval.
func (t *Timeline) Holds() []time.Duration {
	var out []time.Duration
	for _, r := range t.Rows {
		for _, s := range r.Segments {
			if s.Kind == Hold && s.Forced {
				out = append(out, s.Duration())
			}
		}
	}
	return out
}

// MedianHold is the median of Holds, 0 when there are none.
func (t *Timeline) MedianHold() time.Duration {
	h := slices.Clone(t.Holds())
	if len(h) == 0 {
		return 0
	}
	slices.Sort(h)
	return h[len(h)/2]
}

// Run is the i-th run (0 for the first), nil when there is none.
func (r Result) Run(i int) *Timeline {
	if i < 0 || i >= len(r.Runs) {
		return nil
	}
	return r.Runs[i]
}
