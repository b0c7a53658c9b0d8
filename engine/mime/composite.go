package mime

import (
	"reflect"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// open writes the type of a composite literal unless elided, then "{".
func (p *printer) open(t reflect.Type, elided bool) {
	if !elided {
		p.write(p.typeName(t))
	}
	p.write("{")
}

// nilValue writes a nil slice, map or pointer: nil where the type is
// implied, else T(nil).
func (p *printer) nilValue(t reflect.Type, elided bool) {
	if elided {
		p.write("nil")
		return
	}
	name := p.typeName(t)
	if t.Kind() == reflect.Pointer {
		name = "(" + name + ")"
	}
	p.write(name + "(nil)")
}

func (p *printer) slice(v reflect.Value, elided bool) {
	if v.IsNil() {
		p.nilValue(v.Type(), elided)
		return
	}
	if v.Type().Elem().Kind() == reflect.Uint8 && p.text(v, elided) {
		return
	}
	p.list(v, elided)
}

// text writes a byte slice that holds printable UTF-8 as T("...").
func (p *printer) text(v reflect.Value, elided bool) bool {
	b := v.Bytes()
	if len(b) == 0 || !printable(b) {
		return false
	}
	name := "[]byte"
	if v.Type().Name() != "" || !elided {
		name = p.typeName(v.Type())
	}
	if name == "[]uint8" {
		name = "[]byte"
	}
	p.write(name + "(")
	p.str(string(b))
	p.write(")")
	return true
}

// printable reports whether b is UTF-8 text without control characters
// other than tab and newline.
func printable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if !unicode.IsPrint(r) && r != '\n' && r != '\t' && r != '\r' {
			return false
		}
	}
	return true
}

// list writes the elements of a slice or array.
func (p *printer) list(v reflect.Value, elided bool) {
	p.open(v.Type(), elided)
	elemElided := v.Type().Elem().Kind() != reflect.Interface
	n := v.Len()
	for i := range n {
		if p.stop(i, n) {
			break
		}
		p.value(v.Index(i), elemElided)
	}
	p.write("}")
}

// stop writes the separator before item i of n, or …(N more) and true when
// the item limit or the text budget is reached.
func (p *printer) stop(i, n int) bool {
	if i > 0 {
		p.write(", ")
	}
	if i >= p.o.maxItems() || p.full() {
		p.write("…(" + strconv.Itoa(n-i) + " more)")
		return true
	}
	return false
}

func (p *printer) mapValue(v reflect.Value, elided bool) {
	if v.IsNil() {
		p.nilValue(v.Type(), elided)
		return
	}
	p.open(v.Type(), elided)
	keyElided := v.Type().Key().Kind() != reflect.Interface
	valElided := v.Type().Elem().Kind() != reflect.Interface
	keys := sortedKeys(v, p.o)
	for i, k := range keys {
		if p.stop(i, len(keys)) {
			break
		}
		p.value(addressable(k), keyElided)
		p.write(":")
		p.value(addressable(v.MapIndex(k)), valElided)
	}
	p.write("}")
}

func (p *printer) structValue(v reflect.Value, elided bool) {
	p.open(v.Type(), elided)
	t := v.Type()
	n := t.NumField()
	for i := range n {
		if p.stop(i, n) {
			break
		}
		p.write(fieldName(t, i) + ":")
		p.value(v.Field(i), false)
	}
	p.write("}")
}

// fieldName is the name of field i of t. yaegi exports the unexported
// fields of interpreted structs by prefixing X (x becomes Xx); interpreted
// structs are unnamed to reflect, so in unnamed structs the X is dropped
// when a lower-case letter follows it.
func fieldName(t reflect.Type, i int) string {
	name := t.Field(i).Name
	if t.Name() != "" || len(name) < 2 || name[0] != 'X' {
		return name
	}
	r, _ := utf8.DecodeRuneInString(name[1:])
	if unicode.IsLower(r) || r == '_' {
		return name[1:]
	}
	return name
}

// pointer writes &T{...} for pointers to composites, ({...} where the type
// is implied), and (*T)(0x…) for other pointers and for cycles.
func (p *printer) pointer(v reflect.Value, elided bool) {
	if v.IsNil() {
		p.nilValue(v.Type(), elided)
		return
	}
	addr := v.Pointer()
	switch v.Elem().Kind() {
	case reflect.Struct, reflect.Slice, reflect.Array, reflect.Map:
		if !p.onPath[addr] {
			p.onPath[addr] = true
			defer delete(p.onPath, addr)
			if !elided {
				p.write("&")
			}
			p.value(v.Elem(), elided)
			return
		}
	}
	p.write("(" + p.typeName(v.Type()) + ")(0x" + strconv.FormatUint(uint64(addr), 16) + ")")
}
