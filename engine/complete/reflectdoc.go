package complete

import (
	"fmt"
	"go/constant"
	"reflect"
	"slices"
	"strings"
)

// describeReflect documents a symbol from the reflect values yaegi exports
// for it, when no sources are at hand: its kind and type, without doc.
// A package itself is described by its list of exported names.
func describeReflect(path string, sel []string, env *Env) (string, bool) {
	key, syms := env.symbols(path)
	if syms == nil {
		return "", false
	}
	_, name := splitKey(key)
	if len(sel) == 0 {
		names := env.members(path)
		slices.Sort(names)
		return join("package "+name+` // import "`+path+`"`, strings.Join(names, "\n")), true
	}
	v, ok := syms[sel[0]]
	if !ok || !v.IsValid() {
		return "", false
	}
	qualified := name + "." + sel[0]
	if len(sel) == 2 {
		return describeMethod(v, qualified, sel[1])
	}
	return symbolDecl(v, qualified), true
}

// symbols returns the Packages entry of the package at path.
func (env *Env) symbols(path string) (string, map[string]reflect.Value) {
	for key, syms := range env.Packages {
		if p, _ := splitKey(key); p == path {
			return key, syms
		}
	}
	return "", nil
}

// symbolDecl writes a declaration for one exported symbol. yaegi exports a
// type T as a nil *T, a variable as an addressable value, a constant as a
// go/constant.Value or a plain value, and a function as itself.
func symbolDecl(v reflect.Value, qualified string) string {
	t := v.Type()
	switch {
	case v.CanAddr():
		return fmt.Sprintf("var %s %s", qualified, t)
	case t.Kind() == reflect.Func:
		return "func " + qualified + strings.TrimPrefix(t.String(), "func")
	case t.Kind() == reflect.Pointer && v.IsNil():
		return fmt.Sprintf("type %s %s", qualified, underlying(t.Elem()))
	}
	if c, ok := v.Interface().(constant.Value); ok {
		return fmt.Sprintf("const %s = %s", qualified, c.ExactString())
	}
	return fmt.Sprintf("const %s %s = %v", qualified, t, v.Interface())
}

// underlying names the kind of a type for its declaration line.
func underlying(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "struct"
	case reflect.Interface:
		return "interface"
	}
	return t.Kind().String()
}

// describeMethod writes the signature of method name of the type that v
// (a nil *T) stands for.
func describeMethod(v reflect.Value, qualified, name string) (string, bool) {
	t := v.Type()
	if t.Kind() != reflect.Pointer {
		return "", false
	}
	if t.Elem().Kind() == reflect.Interface {
		t = t.Elem()
	}
	m, ok := t.MethodByName(name)
	if !ok {
		return "", false
	}
	sig := m.Type.String()
	if t.Kind() != reflect.Interface { // drop the receiver, the first argument
		sig = methodSig(m.Type)
	}
	return "func (" + qualified + ") " + name + strings.TrimPrefix(sig, "func"), true
}

// methodSig is the signature of a method expression without its receiver.
func methodSig(t reflect.Type) string {
	in := make([]string, 0, t.NumIn())
	for i := 1; i < t.NumIn(); i++ {
		in = append(in, t.In(i).String())
	}
	if t.IsVariadic() {
		in[len(in)-1] = "..." + t.In(t.NumIn()-1).Elem().String()
	}
	out := make([]string, t.NumOut())
	for i := range out {
		out[i] = t.Out(i).String()
	}
	sig := "func(" + strings.Join(in, ", ") + ")"
	switch len(out) {
	case 0:
		return sig
	case 1:
		return sig + " " + out[0]
	}
	return sig + " (" + strings.Join(out, ", ") + ")"
}
