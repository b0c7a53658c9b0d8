package profiler

import (
	"strings"
	"time"
)

// FuncStats are one function's figures, as a row of pstats.
type FuncStats struct {
	Func
	ID FuncID
	// Calls counts every call; PrimCalls those made while the function
	// was not already running on the calling goroutine (not recursive).
	Calls, PrimCalls int64
	// TotTime is the time in the function itself; CumTime includes its
	// callees and counts only outermost activations, so recursion is not
	// counted twice.
	TotTime, CumTime time.Duration
}

// EdgeStats are the figures of the calls from one function to another,
// with primitive calls and cumulative time as for FuncStats but per pair.
type EdgeStats struct {
	Caller, Callee   FuncID
	Calls, PrimCalls int64
	TotTime, CumTime time.Duration
}

// Stats is the pstats view of a Profile. Funcs is in the order of the
// last Sort; before any, in the order functions were first called.
type Stats struct {
	TotalCalls, PrimCalls int64
	TotalTime             time.Duration // sum of TotTime: pstats' "in X seconds"
	Funcs                 []FuncStats
	Edges                 []EdgeStats
	// SortType describes the order of Funcs ("internal time"); empty
	// before Sort.
	SortType string
}

type edgeKey struct{ from, to FuncID }

// Stats aggregates the profile per function and per caller→callee edge.
func (p *Profile) Stats() *Stats {
	a := newAggregator()
	p.walk(a.visit)
	s := &Stats{}
	for _, id := range a.order {
		f := *a.funcs[id]
		f.Func = p.fn(id)
		s.Funcs = append(s.Funcs, f)
		s.TotalCalls += f.Calls
		s.PrimCalls += f.PrimCalls
		s.TotalTime += f.TotTime
	}
	for _, k := range a.edgeOrder {
		s.Edges = append(s.Edges, *a.edges[k])
	}
	return s
}

// aggregator folds call paths into per-function and per-edge figures.
// active counts, along the current path, the activations of each function
// and of each edge: an activation inside another of the same function is
// recursive.
type aggregator struct {
	funcs       map[FuncID]*FuncStats
	order       []FuncID
	edges       map[edgeKey]*EdgeStats
	edgeOrder   []edgeKey
	activeFn    map[FuncID]int
	activeEdges map[edgeKey]int
	depth       int
	pushed      []pushedPath
}

type pushedPath struct {
	fn   FuncID
	edge edgeKey
	has  bool
}

func newAggregator() *aggregator {
	return &aggregator{
		funcs: map[FuncID]*FuncStats{}, edges: map[edgeKey]*EdgeStats{},
		activeFn: map[FuncID]int{}, activeEdges: map[edgeKey]int{},
	}
}

func (a *aggregator) visit(path []*node) {
	// Unwind the activations of paths that are no longer ancestors.
	for len(a.pushed) >= len(path) {
		top := a.pushed[len(a.pushed)-1]
		a.pushed = a.pushed[:len(a.pushed)-1]
		a.activeFn[top.fn]--
		if top.has {
			a.activeEdges[top.edge]--
		}
	}
	n := path[len(path)-1]
	own, cum := time.Duration(n.own()), time.Duration(n.cum)
	f := a.funcs[n.fn]
	if f == nil {
		f = &FuncStats{ID: n.fn}
		a.funcs[n.fn] = f
		a.order = append(a.order, n.fn)
	}
	f.Calls += n.calls
	f.TotTime += own
	if a.activeFn[n.fn] == 0 {
		f.PrimCalls += n.calls
		f.CumTime += cum
	}
	pp := pushedPath{fn: n.fn}
	if len(path) > 1 {
		pp.edge, pp.has = edgeKey{path[len(path)-2].fn, n.fn}, true
		a.addEdge(pp.edge, n, own, cum)
		a.activeEdges[pp.edge]++
	}
	a.activeFn[n.fn]++
	a.pushed = append(a.pushed, pp)
}

func (a *aggregator) addEdge(k edgeKey, n *node, own, cum time.Duration) {
	e := a.edges[k]
	if e == nil {
		e = &EdgeStats{Caller: k.from, Callee: k.to}
		a.edges[k] = e
		a.edgeOrder = append(a.edgeOrder, k)
	}
	e.Calls += n.calls
	e.TotTime += own
	if a.activeEdges[k] == 0 {
		e.PrimCalls += n.calls
		e.CumTime += cum
	}
}

// Lookup returns the figures of the first function, in the current order,
// whose name or filename:lineno(function) form is name.
func (s *Stats) Lookup(name string) (FuncStats, bool) {
	for _, f := range s.Funcs {
		if f.Name == name || f.String() == name {
			return f, true
		}
	}
	return FuncStats{}, false
}

// Callers returns the edges into the function id.
func (s *Stats) Callers(id FuncID) []EdgeStats {
	return s.edgesWhere(func(e EdgeStats) bool { return e.Callee == id })
}

// Callees returns the edges out of the function id.
func (s *Stats) Callees(id FuncID) []EdgeStats {
	return s.edgesWhere(func(e EdgeStats) bool { return e.Caller == id })
}

func (s *Stats) edgesWhere(keep func(EdgeStats) bool) []EdgeStats {
	var out []EdgeStats
	for _, e := range s.Edges {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

// String returns the table as Write prints it with no restriction.
func (s *Stats) String() string {
	var b strings.Builder
	s.Write(&b) //nolint:errcheck // a strings.Builder does not fail
	return b.String()
}
