package timeline

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"gokernel/gil"
)

// recording is the raw material of a timeline.
type recording struct {
	trace   []byte
	t0      time.Time         // when the start marker was written
	wall    time.Duration     // from the start marker to the end marker
	events  []gil.Event       // the lock's intervals that ended during the run
	threads []gil.ThreadStats // the lock's threads at the end, for intervals in progress
	root    int64
}

// build parses the trace and merges it with the lock's events into rows.
func build(rec *recording, c Config) (*Timeline, error) {
	p, err := parseTrace(rec.trace)
	if err != nil {
		return nil, err
	}
	lo, hi := p.start, p.start+int64(rec.wall)
	byG, names := lockSpans(rec, p.start, hi)
	ids := rowIDs(p, byG, rec.root, c.Include)
	tl := &Timeline{Title: c.Title, Wall: rec.wall, Trace: rec.trace}
	for _, id := range ids {
		var tr []stateSpan
		row := Row{ID: id, Name: names[id]}
		if g := p.gs[id]; g != nil {
			tr, row.Parent = g.spans, g.parent
			if row.Name == "" {
				row.Name = shortFunc(g.fn)
			}
		}
		if c.Name != nil {
			row.Name = cmp.Or(c.Name(id), row.Name)
		}
		if id == rec.root {
			row.Name = cmp.Or(c.RootName, "cell")
		}
		row.Segments = combine(tr, byG[id], p.start, lo, hi)
		if len(row.Segments) > 0 && !(c.SkipRoot && id == rec.root) {
			tl.Rows = append(tl.Rows, row)
		}
	}
	// Rows in the order the goroutines started, the root first.
	slices.SortStableFunc(tl.Rows, func(a, b Row) int {
		if a.ID == rec.root || b.ID == rec.root {
			return cmp.Compare(b2i(b.ID == rec.root), b2i(a.ID == rec.root))
		}
		return cmp.Compare(a.Segments[0].Start, b.Segments[0].Start)
	})
	return tl, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lockSpans converts the lock's events to trace time, per goroutine, and
// closes the holds and waits still in progress at the end.
func lockSpans(rec *recording, origin, hi int64) (map[int64][]lockSpan, map[int64]string) {
	at := func(t time.Time) int64 { return origin + int64(t.Sub(rec.t0)) }
	byG := map[int64][]lockSpan{}
	names := map[int64]string{}
	for _, e := range rec.events {
		if e.Goroutine == 0 {
			continue
		}
		byG[e.Goroutine] = append(byG[e.Goroutine], lockSpan{kind: lockKindOf(e.Kind), start: at(e.Start), end: at(e.End), forced: e.Forced})
		names[e.Goroutine] = e.Name
	}
	for _, t := range rec.threads {
		k := map[string]lockKind{"holding": lkHold, "waiting": lkWait}[t.State]
		if t.Goroutine == 0 || k == lkNone || t.Closed {
			continue
		}
		spans := byG[t.Goroutine]
		from := origin
		if n := len(spans); n > 0 {
			from = max(from, spans[n-1].end)
		}
		byG[t.Goroutine] = append(spans, lockSpan{kind: k, start: from, end: hi})
		names[t.Goroutine] = t.Name
	}
	for g := range byG {
		slices.SortFunc(byG[g], func(a, b lockSpan) int { return cmp.Compare(a.start, b.start) })
	}
	return byG, names
}

func lockKindOf(k gil.Kind) lockKind {
	switch k {
	case gil.KindHold:
		return lkHold
	case gil.KindWait:
		return lkWait
	case gil.KindReleased:
		return lkReleased
	}
	return lkNone
}

// rowIDs chooses the goroutines that get a row, the root first: the root
// and the goroutines it started, or those include accepts; and goroutines
// that used the lock meanwhile, since they took turns with the others.
func rowIDs(p *parsedTrace, byG map[int64][]lockSpan, root int64, include func(int64) bool) []int64 {
	keep := p.descendants(root)
	for id := range keep {
		if g := p.gs[id]; g != nil && id != root && (system(g.fn) || g.created() < p.start) {
			delete(keep, id) // the tracer's and the collector's own goroutines
		}
	}
	if include != nil {
		keep = map[int64]bool{root: true}
		for id := range p.gs {
			if include(id) {
				keep[id] = true
			}
		}
	}
	for id := range byG {
		keep[id] = true
	}
	ids := make([]int64, 0, len(keep))
	for id := range keep {
		if id != root {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return append([]int64{root}, ids...)
}

// shortFunc drops the package path from a function name.
func shortFunc(fn string) string {
	if i := strings.LastIndexByte(fn, '/'); i >= 0 {
		fn = fn[i+1:]
	}
	return fn
}

// system reports whether a goroutine started in the runtime: the tracer's
// readers, GC workers.
func system(fn string) bool {
	return strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "runtime/")
}
