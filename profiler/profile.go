package profiler

import "time"

// Profile is a finished profile: the call tree of every goroutine that
// ran profiled code, merged by call path.
type Profile struct {
	Funcs      []Func        // registered functions, indexed by FuncID
	Wall       time.Duration // from Start to Stop
	Goroutines int           // goroutines that made profiled calls
	root       node
}

// fn returns the function behind id.
func (p *Profile) fn(id FuncID) Func {
	if id >= 0 && int(id) < len(p.Funcs) {
		return p.Funcs[id]
	}
	return Func{File: "?", Name: "?"}
}

// Total returns the time recorded in all calls: the sum of own times,
// which exceeds Wall when goroutines ran in parallel.
func (p *Profile) Total() time.Duration { return time.Duration(p.root.sumKids()) }

// walk visits every call path depth first, in the order paths were first
// taken, with the path from the outermost call to n.
func (p *Profile) walk(visit func(path []*node)) {
	var path []*node
	var rec func(n *node)
	rec = func(n *node) {
		path = append(path, n)
		visit(path)
		for _, k := range n.kids {
			rec(k)
		}
		path = path[:len(path)-1]
	}
	for _, k := range p.root.kids {
		rec(k)
	}
}
