package profiler

// node is one call path in a call tree: the function fn reached through
// the path from the root to here. Its figures add up every activation of
// that path; a path can be active only once at a time on a goroutine, so
// cum never counts a nested activation twice.
type node struct {
	fn     FuncID
	parent *node
	kids   []*node
	index  map[FuncID]*node // built once kids outgrow a linear scan
	calls  int64
	cum    int64 // nanoseconds in this path, callees included
}

// indexAt is the fan-out past which children are found by map.
const indexAt = 16

// child returns the child for fn, adding it on first use.
func (n *node) child(fn FuncID) *node {
	if n.index != nil {
		if k := n.index[fn]; k != nil {
			return k
		}
	} else {
		for _, k := range n.kids {
			if k.fn == fn {
				return k
			}
		}
	}
	k := &node{fn: fn, parent: n}
	n.kids = append(n.kids, k)
	if n.index != nil {
		n.index[fn] = k
	} else if len(n.kids) > indexAt {
		n.index = make(map[FuncID]*node, 2*len(n.kids))
		for _, c := range n.kids {
			n.index[c.fn] = c
		}
	}
	return k
}

// own returns the time spent in this path outside its callees.
func (n *node) own() int64 {
	t := n.cum
	for _, k := range n.kids {
		t -= k.cum
	}
	return max(t, 0)
}

// merge adds src's children, recursively, under n, converting src's
// times from ticks to nanoseconds at rate nanoseconds per tick.
func (n *node) merge(src *node, rate float64) {
	for _, s := range src.kids {
		d := n.child(s.fn)
		d.calls += s.calls
		d.cum += int64(float64(s.cum)*rate + 0.5)
		d.merge(s, rate)
	}
}

// sumKids returns the cumulative time of n's children: for a root, the
// time of everything recorded under it.
func (n *node) sumKids() int64 {
	var t int64
	for _, k := range n.kids {
		t += k.cum
	}
	return t
}
