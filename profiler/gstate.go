package profiler

import "sync"

// gstate is one goroutine's shadow stack and call tree. Only its own
// goroutine pushes and pops; the mutex is uncontended except when Stop
// closes it, which keeps the snapshot free of races with goroutines that
// outlive the profile.
type gstate struct {
	key    uintptr
	mu     sync.Mutex
	closed bool
	root   node
	cur    *node
	stack  []frame
}

type frame struct {
	n      *node
	t0     int64
	native bool
}

func newGstate(key uintptr) *gstate {
	g := &gstate{key: key, stack: make([]frame, 0, 64)}
	g.root.fn = -1
	g.cur = &g.root
	return g
}

// enter pushes a call of fn; false when the state is closed.
func (g *gstate) enter(fn FuncID, native bool) bool {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return false
	}
	n := g.cur.child(fn)
	n.calls++
	g.cur = n
	g.stack = append(g.stack, frame{n, now(), native}) // read last: the hook's own cost stays out
	g.mu.Unlock()
	return true
}

// exit pops the innermost interpreted call, and first any native calls
// above it whose exit a panic skipped. An exit with nothing pushed is one
// whose entry belonged to an earlier profile: ignored.
func (g *gstate) exit() {
	t := now() // read first, for the same reason
	g.mu.Lock()
	if !g.closed {
		for g.pop(t) {
		}
	}
	g.mu.Unlock()
}

// exitNative pops the innermost call if it is the native call fn.
func (g *gstate) exitNative(fn FuncID) {
	t := now()
	g.mu.Lock()
	if k := len(g.stack) - 1; !g.closed && k >= 0 && g.stack[k].native && g.stack[k].n.fn == fn {
		g.pop(t)
	}
	g.mu.Unlock()
}

// pop closes the innermost call at t and reports whether it was native.
func (g *gstate) pop(t int64) bool {
	k := len(g.stack) - 1
	if k < 0 {
		return false
	}
	f := g.stack[k]
	g.stack = g.stack[:k]
	f.n.cum += t - f.t0
	g.cur = f.n.parent
	return f.native
}

// close ends the profile for this goroutine: calls still open are
// counted up to t, as cProfile does when it is disabled mid-call, and
// later hooks do nothing.
func (g *gstate) close(t int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return
	}
	g.closed = true
	for _, f := range g.stack {
		f.n.cum += t - f.t0
	}
	g.stack = nil
}
