package engine

import (
	"reflect"
	"sync"

	"gokernel/engine/stdlib"
	"gokernel/gil"
)

// Which host values wait on the operating system or on another goroutine
// when their I/O methods run (f.Read, conn.Write, sc.Scan, cmd.Wait). A
// goroutine must not hold the interpreter lock through such a wait: the
// goroutine it waits for (the other end of a pipe) may need the lock to get
// there. Values whose methods are interpreted code, or may call interpreted
// code, keep the lock, as do in-memory values, for which a hand-off would
// cost more than the call.
//
// How interpreted values look from the host (yaegi v0.16):
//   - interpreted struct types are unnamed reflect.StructOf types
//     (struct { Xn int }), pointers to them too;
//   - an interpreted value stored in a host interface with methods
//     (io.Reader, fmt.Stringer, error with a wrapper) is a generated
//     wrapper struct such as _io_Reader{IValue, WRead} declared in
//     gokernel/engine/stdlib;
//   - interpreted functions (closures, methods) are reflect.MakeFunc
//     values;
//   - named non-struct types (type S int, type F os.File) are their
//     underlying host type and cannot be told apart from it.

// ioClass is what a type's methods may do, judged by its type alone.
type ioClass uint8

const (
	ioOther       ioClass = iota // in-memory host type: keep the lock
	ioLeaf                       // waits on the OS or another goroutine
	ioWrapper                    // waits when what it wraps waits
	ioInterpreted                // its methods are interpreted code
	ioAnon                       // unnamed struct: interpreted when dynamic
)

// Limits of the walk through what a wrapper wraps.
const (
	maxWrapDepth = 4  // nested structs (textproto.Conn → Reader → bufio.Reader → conn)
	maxElems     = 16 // elements of a slice or map looked at
	maxSeen      = 16 // addresses remembered against cycles (the depth limit stops the rest)
)

var (
	// leafPkgs are packages whose types wait outside (files, sockets,
	// processes, TLS, HTTP clients and bodies); see leafType.
	leafPkgs = map[string]bool{"os": true, "net": true, "os/exec": true, "crypto/tls": true, "net/http": true}
	// httpValues are net/http types whose Write methods only write to
	// their argument, which may be interpreted.
	httpValues = map[string]bool{"Request": true, "Response": true, "Header": true, "Cookie": true}
	// wrapperPkgs are packages whose readers, writers, scanners and codecs
	// do I/O only through what they wrap.
	wrapperPkgs = map[string]bool{
		"io": true, "bufio": true, "text/tabwriter": true, "net/textproto": true,
		"encoding/json": true, "encoding/xml": true, "encoding/csv": true, "encoding/gob": true,
		"encoding/base64": true, "encoding/base32": true, "encoding/hex": true, "encoding/ascii85": true,
		"compress/gzip": true, "compress/flate": true, "compress/zlib": true, "compress/bzip2": true,
		"compress/lzw": true, "archive/tar": true, "archive/zip": true, "mime/multipart": true,
		"mime/quotedprintable": true, "crypto/cipher": true,
	}
	// stdlibPkg is where the interpreter's interface wrappers live.
	stdlibPkg = stdlib.Symbols["io/io"]["_Reader"].Type().Elem().PkgPath()
	// makeFuncPC is the code pointer every reflect.MakeFunc function
	// shares: interpreted functions handed to the host are made so.
	makeFuncPC = reflect.MakeFunc(reflect.TypeOf(func() {}),
		func([]reflect.Value) []reflect.Value { return nil }).Pointer()

	ioClasses sync.Map // reflect.Type → ioClass
	refFields sync.Map // struct reflect.Type → []int, see fieldsToVisit

	errorType = reflect.TypeFor[error]()
)

// unlockIfWaits is UM: before calling an I/O method on x, release the lock
// when x waits outside; nil (lock kept) otherwise. never, when not nil, is
// the call site's variable, and x the address of the receiver variable:
// when the variable's type is one that can never wait, UM sets it, and the
// site stops calling UM.
func (s *Session) unlockIfWaits(x any, never *bool) *gil.Thread {
	if x == nil {
		return nil
	}
	v := reflect.ValueOf(x)
	if never != nil && v.Kind() == reflect.Pointer && staticNever(v.Type().Elem()) {
		*never = true
		return nil
	}
	if !waitsOutside(v) {
		return nil
	}
	return s.lock.Save()
}

// staticNever reports whether variables of type t never hold a value that
// waits: t, or what it points to, is a concrete type of an in-memory or
// interpreted kind (not an interface, which may hold anything, nor a
// wrapper, which depends on what it wraps).
func staticNever(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Interface {
		return false
	}
	switch classOf(t) {
	case ioOther, ioInterpreted, ioAnon:
		return true
	}
	return false
}

// waitsOutside reports whether v's I/O methods may wait on the OS or on
// another goroutine without running interpreted code: v is a leaf waiting
// value, or a wrapper that reaches one and reaches no interpreted value.
func waitsOutside(v reflect.Value) bool {
	v, ok := receiver(v)
	if !ok {
		return false
	}
	switch classOf(v.Type()) {
	case ioLeaf:
		return true
	case ioWrapper:
		w := walker{}
		w.visit(v, 0, true)
		return w.leaf && !w.interp
	}
	return false
}

// receiver follows interfaces and pointers to pointers or interfaces
// (&f, &r for a var r io.Reader: the address of a receiver variable, which
// UM can be given instead of a copy of it) down to a value or a pointer to
// one; false when one is nil.
func receiver(v reflect.Value) (reflect.Value, bool) {
	for {
		switch v.Kind() {
		case reflect.Invalid:
			return v, false
		case reflect.Interface:
			if v.IsNil() {
				return v, false
			}
			v = v.Elem()
		case reflect.Pointer:
			if v.IsNil() {
				return v, false
			}
			if k := v.Type().Elem().Kind(); k != reflect.Pointer && k != reflect.Interface {
				return v, true
			}
			v = v.Elem()
		default:
			return v, true
		}
	}
}

// hasInterpreted reports whether v is, holds or points to an interpreted
// value (as far as the walk's limits see).
func hasInterpreted(v reflect.Value) bool {
	w := walker{all: true}
	w.visit(v, 0, true)
	return w.interp
}

// argsWaitOutside is the release rule of I/O package functions (io.Copy,
// fmt.Fprintf): some argument, or element of a ...any argument, waits
// outside, and none is interpreted (fmt would call its String method).
func argsWaitOutside(args []reflect.Value) bool {
	waits := false
	eachArg(args, func(v reflect.Value) bool {
		waits = waitsOutside(v)
		return !waits
	})
	if !waits {
		return false
	}
	clean := true
	eachArg(args, func(v reflect.Value) bool {
		clean = !hasInterpreted(v)
		return clean
	})
	return clean
}

// eachArg calls f with each argument, spreading slices of interfaces (the
// ...any of fmt), until f returns false.
func eachArg(args []reflect.Value, f func(reflect.Value) bool) {
	for _, a := range args {
		if a.Kind() != reflect.Slice || a.Type().Elem().Kind() != reflect.Interface {
			if !f(a) {
				return
			}
			continue
		}
		for i := 0; i < a.Len(); i++ {
			if !f(a.Index(i)) {
				return
			}
		}
	}
}

// classOf is t's class, cached: the verdict for in-memory types is one
// map lookup.
func classOf(t reflect.Type) ioClass {
	if c, ok := ioClasses.Load(t); ok {
		return c.(ioClass)
	}
	c := classify(t)
	ioClasses.Store(t, c)
	return c
}

func classify(t reflect.Type) ioClass {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	name, pkg := t.Name(), t.PkgPath()
	switch {
	case name == "":
		if t.Kind() == reflect.Struct {
			return ioAnon
		}
		return ioOther
	case pkg == stdlibPkg || isInterfaceWrapper(t):
		return ioInterpreted
	case t.Kind() == reflect.Interface:
		return ioOther
	case leafType(pkg, name):
		return ioLeaf
	case wrapperPkgs[pkg]:
		return ioWrapper
	}
	return ioOther
}

// isInterfaceWrapper recognises the shape of yaegi's generated interface
// wrappers (_pkg_Iface{IValue any; WMethod func...}) wherever their
// symbol table was generated.
func isInterfaceWrapper(t reflect.Type) bool {
	if t.Kind() != reflect.Struct || t.NumField() == 0 || t.Name()[0] != '_' {
		return false
	}
	f := t.Field(0)
	return f.Name == "IValue" && f.Type.Kind() == reflect.Interface
}

func leafType(pkg, name string) bool {
	switch {
	case pkg == "io":
		return name == "PipeReader" || name == "PipeWriter"
	case pkg == "net/http":
		return !httpValues[name]
	}
	return leafPkgs[pkg]
}

func nilPointer(v reflect.Value) bool {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return true
		}
		v = v.Elem()
	}
	return false
}

// walker looks through a value for leaf waiting values and interpreted
// ones. It descends into wrappers, and with all into every struct, slice
// and map (what fmt may format).
type walker struct {
	all          bool
	leaf, interp bool
	seen         [maxSeen]uintptr // on the stack: most walks see a few addresses
	nseen        int
}

// visit looks at v; dynamic says v came out of an interface, where an
// unnamed struct can only be interpreted (host fields have static types).
func (w *walker) visit(v reflect.Value, depth int, dynamic bool) {
	if w.interp || depth > maxWrapDepth || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			w.visit(v.Elem(), depth, true)
		}
		return
	case reflect.Func:
		w.interp = !v.IsNil() && v.Pointer() == makeFuncPC
		return
	}
	switch classOf(v.Type()) {
	case ioInterpreted:
		w.interp = true
	case ioLeaf:
		w.leaf = w.leaf || !nilPointer(v)
	case ioWrapper:
		w.contents(v, depth)
	case ioAnon:
		if dynamic {
			w.interp = true
		} else if w.all {
			w.contents(v, depth)
		}
	default:
		if w.all {
			w.contents(v, depth)
		}
	}
}

// contents visits what v holds: the fields of the struct it is or points
// to, the first elements of a slice, array or map.
func (w *walker) contents(v reflect.Value, depth int) {
	v, ok := w.deref(v)
	if !ok {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for _, i := range fieldsToVisit(v.Type()) {
			w.visit(v.Field(i), depth+1, false)
		}
	case reflect.Slice, reflect.Array:
		if holdsRefs(v.Type().Elem()) {
			for i := 0; i < min(v.Len(), maxElems); i++ {
				w.visit(v.Index(i), depth+1, false)
			}
		}
	case reflect.Map:
		if holdsRefs(v.Type().Elem()) {
			it := v.MapRange()
			for n := 0; n < maxElems && it.Next(); n++ {
				w.visit(it.Value(), depth+1, false)
			}
		}
	}
}

// deref follows pointers, once per address.
func (w *walker) deref(v reflect.Value) (reflect.Value, bool) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() || w.visited(v.Pointer()) {
			return v, false
		}
		v = v.Elem()
	}
	return v, true
}

// visited reports whether the walk went through p already, and remembers
// it.
func (w *walker) visited(p uintptr) bool {
	for _, q := range w.seen[:w.nseen] {
		if q == p {
			return true
		}
	}
	if w.nseen < len(w.seen) {
		w.seen[w.nseen] = p
		w.nseen++
	}
	return false
}

// fieldsToVisit are the indexes of t's fields that may hold a waiting or
// an interpreted value, cached: not numbers, strings, byte buffers, nor
// errors (a wrapper keeps the last one; it says nothing of what it wraps).
func fieldsToVisit(t reflect.Type) []int {
	if f, ok := refFields.Load(t); ok {
		return f.([]int)
	}
	var idx []int
	for i := 0; i < t.NumField(); i++ {
		ft := t.Field(i).Type
		switch {
		case ft == errorType:
		case holdsRefs(ft),
			(ft.Kind() == reflect.Slice || ft.Kind() == reflect.Array || ft.Kind() == reflect.Map) && holdsRefs(ft.Elem()):
			idx = append(idx, i)
		}
	}
	refFields.Store(t, idx)
	return idx
}

// holdsRefs reports whether values of t may hold what the walk looks for.
func holdsRefs(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface, reflect.Pointer, reflect.Struct, reflect.Func:
		return true
	}
	return false
}
