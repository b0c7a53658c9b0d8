package mime

import (
	"reflect"
	"strconv"
)

// anonymousErrors are error types whose names say nothing: their values
// show as error("message").
var anonymousErrors = map[string]bool{
	"*errors.errorString": true,
	"*fmt.wrapError":      true,
	"*fmt.wrapErrors":     true,
	"*errors.joinError":   true,
}

// viaMethod writes v with its Error or String method when its compiled type
// has one, as fmt.Println would, and reports whether it did. Nil pointers
// are left to the structural printer: (*T)(nil) says more than "<nil>".
func (p *printer) viaMethod(v reflect.Value) bool {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return false
	}
	if s, ok := callString(v, "Error"); ok {
		name := p.typeName(v.Type())
		if anonymousErrors[name] {
			name = "error"
		}
		p.write(name + "(" + strconv.Quote(s) + ")")
		return true
	}
	if s, ok := callString(v, "String"); ok {
		p.write(s)
		return true
	}
	return false
}

// callString calls v's method name when it returns a string.
func callString(v reflect.Value, name string) (string, bool) {
	m, ok := methodByName(v, name)
	if !ok || m.Type().Out(0).Kind() != reflect.String {
		return "", false
	}
	r, ok := safeCall(m)
	if !ok {
		return "", false
	}
	return r.String(), true
}
