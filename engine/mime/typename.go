package mime

import (
	"reflect"
	"strconv"
	"strings"
)

// typeName writes t as Go source names it, asking Options.TypeName first
// for the types only the interpreter can name.
func (p *printer) typeName(t reflect.Type) string {
	if p.o.TypeName != nil {
		if name := p.o.TypeName(t); name != "" {
			return name
		}
	}
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return t.Name() // int, error, any
		}
		return t.String() // main.Point, time.Duration
	}
	switch t.Kind() {
	case reflect.Slice:
		return "[]" + p.typeName(t.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + p.typeName(t.Elem())
	case reflect.Pointer:
		return "*" + p.typeName(t.Elem())
	case reflect.Map:
		return "map[" + p.typeName(t.Key()) + "]" + p.typeName(t.Elem())
	case reflect.Chan:
		return chanDir(t) + p.typeName(t.Elem())
	case reflect.Func:
		return p.funcName(t)
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any"
		}
	case reflect.Struct:
		return p.structName(t)
	}
	return t.String()
}

func chanDir(t reflect.Type) string {
	switch t.ChanDir() {
	case reflect.RecvDir:
		return "<-chan "
	case reflect.SendDir:
		return "chan<- "
	}
	return "chan "
}

func (p *printer) funcName(t reflect.Type) string {
	in := make([]string, t.NumIn())
	for i := range in {
		in[i] = p.typeName(t.In(i))
		if t.IsVariadic() && i == len(in)-1 {
			in[i] = "..." + p.typeName(t.In(i).Elem())
		}
	}
	out := make([]string, t.NumOut())
	for i := range out {
		out[i] = p.typeName(t.Out(i))
	}
	s := "func(" + strings.Join(in, ", ") + ")"
	switch len(out) {
	case 0:
		return s
	case 1:
		return s + " " + out[0]
	}
	return s + " (" + strings.Join(out, ", ") + ")"
}

// structName writes an unnamed struct type. yaegi makes recursive
// interpreted types (type Node struct{Next *Node}) into unnamed struct types
// that contain themselves, so a struct already being named is cut short.
func (p *printer) structName(t reflect.Type) string {
	if p.naming[t] {
		return "struct{…}"
	}
	if p.naming == nil {
		p.naming = map[reflect.Type]bool{}
	}
	p.naming[t] = true
	defer delete(p.naming, t)
	fields := make([]string, t.NumField())
	for i := range fields {
		f := t.Field(i)
		if f.Anonymous {
			fields[i] = p.typeName(f.Type)
			continue
		}
		fields[i] = fieldName(t, i) + " " + p.typeName(f.Type)
	}
	return "struct{" + strings.Join(fields, "; ") + "}"
}
