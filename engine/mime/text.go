package mime

import (
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// maxDepth bounds how deep nested values are written.
const maxDepth = 32

// Text returns the text/plain form of v described in the package doc.
func Text(v reflect.Value) string { return Options{}.Text(v) }

// Text is Text with the options o.
func (o Options) Text(v reflect.Value) string {
	p := &printer{o: &o, max: o.maxText(), onPath: map[uintptr]bool{}}
	p.value(addressable(unwrap(v)), false)
	return p.buf.String()
}

// addressable copies v into a variable when it is not addressable, so that
// its unexported fields can be read through expose.
func addressable(v reflect.Value) reflect.Value {
	if !v.IsValid() || v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// expose makes an unexported field usable with Interface, so that its
// String method can be called: reading it is all the printer does.
func expose(v reflect.Value) reflect.Value {
	if v.CanInterface() || !v.CanAddr() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// printer writes one value's text within a byte budget.
type printer struct {
	o      *Options
	buf    strings.Builder
	max    int
	depth  int
	onPath map[uintptr]bool      // pointers being written, to stop at cycles
	naming map[reflect.Type]bool // struct types being named, likewise
}

func (p *printer) full() bool { return p.buf.Len() >= p.max }

func (p *printer) write(s string) { p.buf.WriteString(s) }

// value writes v. elided is true where the enclosing composite literal
// already implies v's type, so that []main.Point{{X:1}} needs no type per
// element.
func (p *printer) value(v reflect.Value, elided bool) {
	if !v.IsValid() {
		p.write("nil")
		return
	}
	if p.full() || p.depth > maxDepth {
		p.write("…")
		return
	}
	p.depth++
	defer func() { p.depth-- }()
	v = expose(v)
	if p.viaMethod(v) {
		return
	}
	p.byKind(v, elided)
}

func (p *printer) byKind(v reflect.Value, elided bool) {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			p.write("nil")
			return
		}
		p.value(addressable(v.Elem()), false)
	case reflect.String:
		p.str(v.String())
	case reflect.Slice:
		p.slice(v, elided)
	case reflect.Array:
		p.list(v, elided)
	case reflect.Map:
		p.mapValue(v, elided)
	case reflect.Struct:
		p.structValue(v, elided)
	case reflect.Pointer:
		p.pointer(v, elided)
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		p.address(v, elided)
	default:
		p.write(scalar(v))
	}
}

// scalar formats booleans and numbers as Go literals.
func scalar(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uintptr:
		return "0x" + strconv.FormatUint(v.Uint(), 16)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32:
		return strconv.FormatFloat(v.Float(), 'g', -1, 32)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.Complex64:
		return strconv.FormatComplex(v.Complex(), 'g', -1, 64)
	case reflect.Complex128:
		return strconv.FormatComplex(v.Complex(), 'g', -1, 128)
	}
	return v.Type().String()
}

// str writes s quoted, cut to what is left of the budget.
func (p *printer) str(s string) {
	limit := max(p.max-p.buf.Len(), 16)
	if len(s) <= limit {
		p.write(strconv.Quote(s))
		return
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	p.write(strconv.Quote(s[:cut]))
	p.write("…(" + strconv.Itoa(len(s)-cut) + " more bytes)")
}

// address writes a func, chan or unsafe.Pointer as %#v does: (T)(0x…).
func (p *printer) address(v reflect.Value, elided bool) {
	if v.IsNil() && elided {
		p.write("nil")
		return
	}
	name := p.typeName(v.Type())
	if v.Kind() == reflect.Func || v.Kind() == reflect.Chan {
		name = "(" + name + ")"
	}
	if v.IsNil() {
		p.write(name + "(nil)")
		return
	}
	p.write(name + "(0x" + strconv.FormatUint(uint64(v.Pointer()), 16) + ")")
}
