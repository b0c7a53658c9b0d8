package engine

import (
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	locksync "gokernel/engine/locksync"
	"gokernel/engine/stdlib"
	"gokernel/gil"
	"gokernel/native"
)

// Per-package policy for host (compiled) code called from cells: "release"
// runs each call of the package's functions with the lock released (numpy),
// "hold" keeps it (h5py). gokernel/native releases by default; every other
// package holds, as most host calls are too short to be worth a hand-off.
const (
	policyRelease = "release"
	policyHold    = "hold"
	nativePath    = "gokernel/native"
	gilPath       = "gokernel/gil"
)

type policies struct {
	mu  sync.Mutex
	pkg map[string]string
	// types is what the interpreter was told of the wrapped functions'
	// arguments (see inheritMapTypes), for wrapping them again.
	types map[reflect.Value][]reflect.Type
}

func newPolicies() *policies {
	return &policies{pkg: map[string]string{nativePath: policyRelease}, types: map[reflect.Value][]reflect.Type{}}
}

func (p *policies) get(pkg string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.pkg[pkg]; ok {
		return v
	}
	return policyHold
}

func (p *policies) set(pkg, v string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pkg[pkg] = v
}

func (p *policies) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var lines []string
	for k, v := range p.pkg {
		lines = append(lines, fmt.Sprintf("  %s: %s", k, v))
	}
	sort.Strings(lines)
	return "package policies (others hold):\n" + strings.Join(lines, "\n") + "\n"
}

// gilOverrides adds the lock-aware symbols to the overrides: sync types
// whose waits release the lock, I/O helpers that release it, the native
// kernels under their policy and the gil package for cells.
func (s *Session) gilOverrides(over interp.Exports) {
	for k, v := range map[string]map[string]reflect.Value{
		"sync/sync":            syncSymbols(),
		nativePath + "/native": s.policySymbols(nativePath, nativeSymbols()),
		gilPath + "/gil":       gilSymbols(),
		"net/http/http":        s.releasing(httpBlocking, always),
		"net/net":              s.releasing(netBlocking, always),
		"os/os":                s.releasing(osBlocking, always),
		"io/io":                s.releasing(ioWaiting, argsWaitOutside),
	} {
		if over[k] == nil {
			over[k] = map[string]reflect.Value{}
		}
		for name, sym := range v {
			if _, ok := over[k][name]; !ok {
				over[k][name] = sym
			}
		}
	}
	s.useFmt()
}

// useKey is the key of package path's symbols for a later Use. yaegi takes
// a Use with the key "fmt/fmt" for the loading of a whole standard library
// and compiles its generic sources again, which fails (redeclared); Use
// reads the import path and name with path.Dir and path.Base, which clean
// a doubled slash, so "fmt//fmt" names the same package.
func useKey(pkg, name string) string {
	if pkg == "fmt" {
		return pkg + "//" + name
	}
	return pkg + "/" + name
}

// useFmt loads fmt's Fprint and Fscan families, which release the lock
// when they write to or read from a pipe, file or connection, with the
// interfaces their arguments may implement (see inheritMapTypes).
func (s *Session) useFmt() {
	syms := s.releasing(fmtWaiting, argsWaitOutside)
	mt := map[reflect.Value][]reflect.Type{}
	s.policy.inheritMapTypes(mt, stdlib.Symbols[fmtWaiting[0]], syms)
	// Use fails only for a key without an import path.
	_ = s.in.Use(interp.Exports{useKey("fmt", "fmt"): syms, ".": {"MapTypes": reflect.ValueOf(mt)}})
}

// Package functions that block on I/O and run with the lock released:
// always for the Blocking lists; for the Waiting lists, whose I/O goes
// through their arguments, when argsWaitOutside says so (a pipe or a file,
// but not a strings.Builder, nor an interpreted reader the call would run
// without the lock). Methods (f.Read, sc.Scan) are released by the cell
// rewrite through UM (unlockIfWaits).
var (
	httpBlocking = []string{"net/http/http", "Get", "Post", "PostForm", "Head", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"}
	netBlocking  = []string{"net/net", "Dial", "DialTimeout", "LookupHost", "LookupIP", "LookupAddr"}
	osBlocking   = []string{"os/os", "ReadFile", "WriteFile"}
	ioWaiting    = []string{"io/io", "ReadAll", "Copy", "CopyN", "CopyBuffer", "ReadFull", "ReadAtLeast", "WriteString"}
	fmtWaiting   = []string{"fmt/fmt", "Fprint", "Fprintf", "Fprintln", "Fscan", "Fscanf", "Fscanln"}
)

// always releases the lock whatever the arguments.
func always([]reflect.Value) bool { return true }

// releasing wraps the named functions of a standard package (key first).
func (s *Session) releasing(list []string, release func([]reflect.Value) bool) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	syms := stdlib.Symbols[list[0]]
	for _, name := range list[1:] {
		if fn, ok := syms[name]; ok && fn.Kind() == reflect.Func {
			out[name] = s.wrapCall(release, fn)
		}
	}
	return out
}

func syncSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"WaitGroup": reflect.ValueOf((*locksync.WaitGroup)(nil)),
		"Mutex":     reflect.ValueOf((*locksync.Mutex)(nil)),
		"RWMutex":   reflect.ValueOf((*locksync.RWMutex)(nil)),
		"Cond":      reflect.ValueOf((*locksync.Cond)(nil)),
		"NewCond":   reflect.ValueOf(locksync.NewCond),
		"Once":      reflect.ValueOf((*locksync.Once)(nil)),
	}
}

func nativeSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"Sum":         reflect.ValueOf(native.Sum),
		"Dot":         reflect.ValueOf(native.Dot),
		"MatMul":      reflect.ValueOf(native.MatMul),
		"Mandelbrot":  reflect.ValueOf(native.Mandelbrot),
		"CountPrimes": reflect.ValueOf(native.CountPrimes),
		"Spin":        reflect.ValueOf(native.Spin),
	}
}

// gilSymbols are what `import "gokernel/gil"` gives cells: the default
// lock, which is the session's.
func gilSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"SetSwitchInterval": reflect.ValueOf(gil.SetSwitchInterval),
		"SwitchInterval":    reflect.ValueOf(gil.SwitchInterval),
		"Enabled":           reflect.ValueOf(gil.Enabled),
		"Stats":             reflect.ValueOf(func() gil.Stats { return gil.Default().Stats() }),
		"Yield":             reflect.ValueOf(func() { gil.Default().Yield() }),
		"EnableEvents":      reflect.ValueOf(func(n int) { gil.Default().EnableEvents(n) }),
		"Events":            reflect.ValueOf(func() []gil.Event { return gil.Default().Events() }),
		"Event":             reflect.ValueOf((*gil.Event)(nil)),
		"Kind":              reflect.ValueOf((*gil.Kind)(nil)),
		"KindHold":          reflect.ValueOf(gil.KindHold),
		"KindWait":          reflect.ValueOf(gil.KindWait),
		"KindReleased":      reflect.ValueOf(gil.KindReleased),
	}
}

// policySymbols wraps every function of a package so that each call looks
// up the package's policy and, under release, runs with the lock released.
func (s *Session) policySymbols(pkg string, syms map[string]reflect.Value) map[string]reflect.Value {
	out := make(map[string]reflect.Value, len(syms))
	for name, v := range syms {
		if v.Kind() != reflect.Func {
			out[name] = v
			continue
		}
		out[name] = s.wrapCall(func([]reflect.Value) bool { return s.policy.get(pkg) == policyRelease }, v)
	}
	return out
}

// wrapCall makes a function of fn's type that calls fn, with the lock
// released when release(args) says so.
func (s *Session) wrapCall(release func(args []reflect.Value) bool, fn reflect.Value) reflect.Value {
	call := fn.Call
	if fn.Type().IsVariadic() {
		call = fn.CallSlice
	}
	return reflect.MakeFunc(fn.Type(), func(args []reflect.Value) (res []reflect.Value) {
		if !release(args) {
			return call(args)
		}
		s.blocking(func() { res = call(args) })
		return res
	})
}

// inheritMapTypes adds to mt, the interpreter's table of which interfaces
// a host function's arguments may implement, the entries of the functions
// in syms that wrap those in orig, copied from theirs: without them a
// wrapped fmt.Fprintln would not see the String method of an interpreted
// type.
func (p *policies) inheritMapTypes(mt map[reflect.Value][]reflect.Type, orig, syms map[string]reflect.Value) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for name, fn := range orig {
		w, ok := syms[name]
		if !ok || fn.Kind() != reflect.Func || w == fn {
			continue
		}
		types, ok := stdlib.MapTypes[fn]
		if !ok {
			types, ok = p.types[fn]
		}
		if ok {
			mt[w] = types
			p.types[w] = types
		}
	}
}

// setPolicy changes a package's policy. For gokernel/native the wrappers
// read it at each call; other host packages get wrapped (or unwrapped)
// symbols, which cells compiled from then on use.
func (s *Session) setPolicy(pkg, v string) error {
	if pkg == nativePath {
		s.policy.set(pkg, v)
		return nil
	}
	name := path.Base(pkg)
	if n, ok := s.pkgName[pkg]; ok {
		name = n
	}
	orig, ok := s.exports[pkg+"/"+name]
	if !ok {
		return fmt.Errorf("%%gil %s %s: no such host package (only compiled packages have a policy)", v, pkg)
	}
	syms := orig
	if v == policyRelease {
		syms = map[string]reflect.Value{}
		for n, sym := range orig {
			syms[n] = sym
			if sym.Kind() == reflect.Func {
				syms[n] = s.wrapCall(always, sym)
			}
		}
	}
	mt := map[reflect.Value][]reflect.Type{}
	s.policy.inheritMapTypes(mt, orig, syms)
	if err := s.in.Use(interp.Exports{useKey(pkg, name): syms, ".": {"MapTypes": reflect.ValueOf(mt)}}); err != nil {
		return fmt.Errorf("%%gil %s %s: %w", v, pkg, err)
	}
	s.policy.set(pkg, v)
	return nil
}
