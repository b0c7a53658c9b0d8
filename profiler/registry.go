package profiler

import (
	"fmt"
	"sync"
)

// FuncID identifies a function registered with a Profiler.
type FuncID int32

// Func is where a profiled function lives. Cell functions print as
// cProfile prints Python ones, `cell[3]:12(fib)`, `cell[3]:20(<func
// literal>)`, `cell[3]:5((*T).M)`; native (compiled) functions as
// `{native strings.Split}`.
type Func struct {
	File   string // "cell[3]"; empty for native functions
	Line   int    // line of the declaration in File
	Name   string // "fib", "(*T).M", "<func literal>"; "strings.Split" when Native
	Native bool
}

// String returns the function in pstats' filename:lineno(function) form.
func (f Func) String() string {
	if f.Native {
		return "{native " + f.Name + "}"
	}
	return fmt.Sprintf("%s:%d(%s)", f.File, f.Line, f.Name)
}

// sortFile and sortName are the fields pstats sorts "filename" and
// "name" on: built-ins have file "~" and a name in angle brackets.
func (f Func) sortFile() string {
	if f.Native {
		return "~"
	}
	return f.File
}

func (f Func) sortName() string {
	if f.Native {
		return "<native " + f.Name + ">"
	}
	return f.Name
}

// registry is the append-only table of functions behind FuncIDs.
type registry struct {
	mu    sync.Mutex
	funcs []Func
	ids   map[Func]FuncID
}

func (r *registry) register(f Func) FuncID {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id, ok := r.ids[f]; ok {
		return id
	}
	if r.ids == nil {
		r.ids = make(map[Func]FuncID)
	}
	id := FuncID(len(r.funcs))
	r.funcs = append(r.funcs, f)
	r.ids[f] = id
	return id
}

// snapshot returns the functions registered so far, indexed by FuncID.
func (r *registry) snapshot() []Func {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.funcs[:len(r.funcs):len(r.funcs)]
}
