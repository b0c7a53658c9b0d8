package engine

import (
	"fmt"
	"go/ast"
	"reflect"
	"strings"
	"sync"
)

// typeNames names the types cells declare. yaegi gives an interpreted named
// struct type an unnamed reflect type (struct{X int; Y int}), and its
// methods are invisible to reflect. After a cell declares types, a small
// generated function hands the host a nil pointer of each (to learn its
// reflect type) and a function literal per display method (HTML, SVG, …)
// that calls the method through a type assertion in interpreted code.
type typeNames struct {
	mu    sync.Mutex
	names map[reflect.Type]string
	// methods maps "main.T" and "*main.T" to method name → caller.
	methods map[string]map[string]func(any) any
}

func (t *typeNames) init() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.names = map[reflect.Type]string{}
	t.methods = map[string]map[string]func(any) any{}
}

// addType records that p, a nil *T, points to the type cells call name.
// Only struct types are recorded: yaegi gives a named non-struct type its
// underlying host type (type Celsius float64 is a float64), and naming
// float64 main.Celsius would misname every float64. Two struct types with
// the same fields share one reflect type; the latest declared names it.
func (t *typeNames) addType(name string, p any) {
	rt := reflect.TypeOf(p)
	if rt == nil || rt.Kind() != reflect.Pointer {
		return
	}
	rt = rt.Elem()
	if rt.Kind() != reflect.Struct || rt.Name() != "" {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.names[rt] = "main." + name
}

// addMethod records f, which calls method name of a value of the type
// recv ("T" or "*T").
func (t *typeNames) addMethod(recv, name string, f func(any) any) {
	key := "main." + recv
	if r, ok := strings.CutPrefix(recv, "*"); ok {
		key = "*main." + r
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.methods[key] == nil {
		t.methods[key] = map[string]func(any) any{}
	}
	t.methods[key][name] = f
}

// name is the Go name of an interpreted type, or "".
func (t *typeNames) name(rt reflect.Type) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.names[rt]
}

// method calls v's interpreted method name, when a cell declared one.
func (t *typeNames) method(v reflect.Value, name string) (reflect.Value, bool) {
	if !v.IsValid() || !v.CanInterface() {
		return reflect.Value{}, false
	}
	if v.Kind() == reflect.Pointer {
		if f := t.lookup("*"+t.name(v.Type().Elem()), name); f != nil && !v.IsNil() {
			return reflect.ValueOf(f(v.Interface())), true
		}
		return reflect.Value{}, false
	}
	n := t.name(v.Type())
	if f := t.lookup(n, name); f != nil {
		return reflect.ValueOf(f(v.Interface())), true
	}
	if f := t.lookup("*"+n, name); f != nil {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		return reflect.ValueOf(f(p.Interface())), true
	}
	return reflect.Value{}, false
}

func (t *typeNames) lookup(typ, name string) func(any) any {
	if typ == "" || typ == "*" {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.methods[typ][name]
}

// displayMethodNames are the methods that give a value a rich MIME type
// (see package mime).
var displayMethodNames = map[string]bool{
	"HTML": true, "SVG": true, "Markdown": true, "LaTeX": true, "JSON": true, "PNG": true, "JPEG": true,
}

// nameTypes tells the host the names and display methods of the types and
// methods the cell declared. Failing here only loses names: it is silent.
func (s *Session) nameTypes(c *cell, u *unit) {
	var b strings.Builder
	for _, d := range u.file.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				if ts, ok := sp.(*ast.TypeSpec); ok && ts.TypeParams == nil && ts.Name.Name != "_" {
					fmt.Fprintf(&b, "%s.MType(%q, (*%s)(nil))\n", rtName, ts.Name.Name, ts.Name.Name)
				}
			}
		case *ast.FuncDecl:
			writeMethodCallers(&b, d)
		}
	}
	if b.Len() == 0 {
		return
	}
	_ = s.runGenerated(c, "func _gk_types() {\n"+b.String()+"}\n_gk_types();")
}

// writeMethodCallers writes, for a display method, the registration of a
// function that calls it; for a value receiver also through a pointer.
func writeMethodCallers(b *strings.Builder, d *ast.FuncDecl) {
	if d.Recv == nil || len(d.Recv.List) != 1 || !displayMethodNames[d.Name.Name] ||
		d.Type.Params.NumFields() != 0 || d.Type.Results.NumFields() != 1 {
		return
	}
	typ, pointer := d.Recv.List[0].Type, false
	if st, ok := typ.(*ast.StarExpr); ok {
		typ, pointer = st.X, true
	}
	id, ok := typ.(*ast.Ident)
	if !ok {
		return // a generic receiver
	}
	recvs := []string{"*" + id.Name}
	if !pointer {
		recvs = append(recvs, id.Name)
	}
	for _, r := range recvs {
		fmt.Fprintf(b, "%s.MMethod(%q, %q, func(v any) any { return v.(%s).%s() })\n", rtName, r, d.Name.Name, r, d.Name.Name)
	}
}
