package profiler

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"gokernel/internal/goroutine"
)

// Profiler records calls between Start and Stop. Functions are registered
// once (at compile time of the code that calls the hooks) and keep their
// FuncID across profiles. The zero value is not usable: call New.
type Profiler struct {
	reg  registry
	cur  atomic.Pointer[run]
	idle atomic.Int64 // hooks called while no profile ran
}

// New returns a Profiler that is not running.
func New() *Profiler { return &Profiler{} }

// Register returns the FuncID of f, the same one each time f is
// registered.
func (p *Profiler) Register(f Func) FuncID { return p.reg.register(f) }

// Native returns the FuncID of the compiled function named name, such as
// "strings.Split".
func (p *Profiler) Native(name string) FuncID {
	return p.reg.register(Func{Name: name, Native: true})
}

// Funcs returns the registered functions, indexed by FuncID.
func (p *Profiler) Funcs() []Func { return p.reg.snapshot() }

// ErrRunning is returned by Start when a profile is already being taken.
var ErrRunning = errors.New("profiler: already running")

// Start begins a profile.
func (p *Profiler) Start() error {
	if !p.cur.CompareAndSwap(nil, newRun()) {
		return ErrRunning
	}
	return nil
}

// Running reports whether a profile is being taken.
func (p *Profiler) Running() bool { return p.cur.Load() != nil }

// Enter records a call of fn on the calling goroutine and reports whether
// it did. The caller calls Exit when fn returns, and may do so whatever
// Enter reported: an Exit whose Enter recorded nothing finds nothing of its
// own on the goroutine's stack and does nothing, since calls are nested.
func (p *Profiler) Enter(fn FuncID) bool { return p.enter(fn, false) }

// EnterNative records a call of the native function fn; ExitNative(fn)
// ends it. A native call that panics never reaches ExitNative: the Exit of
// the interpreted call around it ends it too.
func (p *Profiler) EnterNative(fn FuncID) bool { return p.enter(fn, true) }

func (p *Profiler) enter(fn FuncID, native bool) bool {
	r := p.cur.Load()
	if r == nil {
		p.idle.Add(1)
		return false
	}
	return r.state(goroutine.Key()).enter(fn, native)
}

// Exit records the return from the calling goroutine's innermost
// interpreted call.
func (p *Profiler) Exit() {
	if r := p.cur.Load(); r != nil {
		if g := r.lookup(goroutine.Key()); g != nil {
			g.exit()
		}
	}
}

// ExitNative records the return from the native call fn, if it is the
// calling goroutine's innermost call.
func (p *Profiler) ExitNative(fn FuncID) {
	if r := p.cur.Load(); r != nil {
		if g := r.lookup(goroutine.Key()); g != nil {
			g.exitNative(fn)
		}
	}
}

// IdleEnters counts the Enter and EnterNative calls made while no profile
// ran: hooks that cost time for nothing.
func (p *Profiler) IdleEnters() int64 { return p.idle.Load() }

// Stop ends the profile and returns it; nil when none was running. Calls
// still open, on any goroutine, count up to now.
func (p *Profiler) Stop() *Profile {
	r := p.cur.Swap(nil)
	if r == nil {
		return nil
	}
	states, end := r.close()
	rate := tickRate()
	prof := &Profile{Funcs: p.reg.snapshot(), Wall: time.Duration(float64(end-r.start) * rate), Goroutines: len(states)}
	prof.root.fn = -1
	for _, g := range states {
		prof.root.merge(&g.root, rate)
	}
	return prof
}

// run is one profile in progress.
type run struct {
	start  int64
	last   atomic.Pointer[gstate] // the goroutine seen last: under an interpreter lock, nearly always the next one
	table  gtable
	mu     sync.Mutex
	all    []*gstate
	closed bool
}

func newRun() *run { return &run{start: now()} }

// state returns the calling goroutine's state, creating it on first use.
func (r *run) state(key uintptr) *gstate {
	if g := r.last.Load(); g != nil && g.key == key {
		return g
	}
	g := r.table.get(key)
	if g == nil {
		g = r.add(key)
	}
	r.last.Store(g)
	return g
}

// lookup is state without creating one.
func (r *run) lookup(key uintptr) *gstate {
	if g := r.last.Load(); g != nil && g.key == key {
		return g
	}
	return r.table.get(key)
}

func (r *run) add(key uintptr) *gstate {
	g := newGstate(key)
	r.mu.Lock()
	if r.closed {
		g.closed = true // a goroutine that raced with Stop: it records nothing
	} else {
		r.all = append(r.all, g)
	}
	r.mu.Unlock()
	r.table.put(g)
	return g
}

// close closes every goroutine's state and returns them with the time
// it did so.
func (r *run) close() ([]*gstate, int64) {
	t := now()
	r.mu.Lock()
	r.closed = true
	all := r.all
	r.mu.Unlock()
	for _, g := range all {
		g.close(t)
	}
	return all, t
}
