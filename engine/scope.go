package engine

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"

	"gokernel/engine/rewrite"
)

// scope tells the rewrite of u which names are packages and how many
// results the functions it calls return, as far as the session knows.
// The import table is made at first use: most cells never ask.
func (s *Session) scope(u *unit) rewrite.Scope {
	var paths map[string]string
	imports := func() map[string]string {
		if paths == nil {
			paths = s.importPaths(u)
		}
		return paths
	}
	sc := rewrite.Scope{
		IsPackage: func(name string) bool {
			_, ok := imports()[name]
			return ok
		},
		Results:   func(c *ast.CallExpr) (int, bool) { return s.results(u, c) },
		StructVar: func(name string) bool { return s.structVar(u, name) },
		ValueType: func(t ast.Expr) bool { return s.valueType(u, t) },
		NeverWaits: func(x ast.Expr) bool {
			t, ok := s.staticType(u, x)
			return ok && staticNever(t)
		},
		NeverWaitsVar: func(name string) bool { return s.neverWaitsVar(u, name) },
		ResultType:    func(c *ast.CallExpr) ast.Expr { return s.resultType(u, c, imports()) },
	}
	// Race builds get no rewrite variables: the host sets them as plain
	// variables the interpreter reads (rewrite.Blocking's call sites),
	// which the race detector reports when goroutines run with the lock
	// off.
	if !raceEnabled {
		sc.Global = func(name string) { u.globals = append(u.globals, name) }
	}
	return sc
}

// declareBools declares the cell's rewrite variables in its file, which
// runs before its statements.
func declareBools(u *unit) {
	if len(u.globals) == 0 {
		return
	}
	spec := &ast.ValueSpec{Type: ast.NewIdent("bool")}
	for _, n := range u.globals {
		spec.Names = append(spec.Names, ast.NewIdent(n))
	}
	u.file.Decls = append(u.file.Decls, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{spec}})
}

// importPaths maps the package names u sees to their import paths.
func (s *Session) importPaths(u *unit) map[string]string {
	paths := map[string]string{}
	for _, sp := range s.decl.sessionImports() {
		paths[s.importName(sp)] = sp.path
	}
	for _, sp := range u.imports {
		paths[s.importName(sp)] = sp.path
	}
	return paths
}

// structVar reports whether name is a variable holding a struct (or other
// non-pointer, non-interface) value: declared with such a type or a
// composite literal by u (in its file, or among its statements, where some
// package-level vars move), or a session global of struct kind.
func (s *Session) structVar(u *unit, name string) bool {
	if typ, value, ok := varSpec(u, name); ok {
		if typ != nil {
			return s.valueType(u, typ)
		}
		_, lit := value.(*ast.CompositeLit)
		return lit
	}
	v, ok := s.in.Globals()[name]
	return ok && v.Kind() == reflect.Struct
}

// varSpec finds name among the package-level variables u declares: its
// declared type, else its initial value (both nil when it has neither).
func varSpec(u *unit, name string) (typ, value ast.Expr, found bool) {
	for _, gd := range varDecls(u) {
		for _, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			for i, n := range vs.Names {
				switch {
				case n.Name != name:
				case vs.Type == nil && i < len(vs.Values):
					return nil, vs.Values[i], true
				default:
					return vs.Type, nil, true
				}
			}
		}
	}
	return nil, nil, false
}

// varDecls are u's var declarations at package level and among its
// top-level statements.
func varDecls(u *unit) []*ast.GenDecl {
	var out []*ast.GenDecl
	add := func(d ast.Decl) {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			out = append(out, gd)
		}
	}
	for _, d := range u.file.Decls {
		add(d)
	}
	if u.block != nil {
		for _, st := range u.block.List {
			if ds, ok := st.(*ast.DeclStmt); ok {
				add(ds.Decl)
			}
		}
	}
	return out
}

// valueType reports whether t names a type that is neither a pointer nor
// an interface: a struct type, a compiled package's type of another kind,
// or a named type that is not one of the interfaces u declares.
func (s *Session) valueType(u *unit, t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.StructType:
		return true
	case *ast.Ident:
		return t.Name != "error" && t.Name != "any" && !declaresInterface(u, t.Name)
	case *ast.SelectorExpr:
		ht, ok := s.hostType(u, t)
		return ok && ht.Kind() != reflect.Interface && ht.Kind() != reflect.Pointer
	}
	return false
}

func declaresInterface(u *unit, name string) bool {
	for _, d := range u.file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
			for _, sp := range gd.Specs {
				if ts := sp.(*ast.TypeSpec); ts.Name.Name == name {
					_, iface := ts.Type.(*ast.InterfaceType)
					return iface
				}
			}
		}
	}
	return false
}

// staticType returns the type that a variable declared with type, or
// initial value, x has, when x names it plainly: a compiled package's type
// or a pointer to one (`strings.Builder`, `&bytes.Buffer{}`,
// `new(strings.Builder)`, `strings.NewReader(s)`), or a basic type.
func (s *Session) staticType(u *unit, x ast.Expr) (reflect.Type, bool) {
	switch x := x.(type) {
	case *ast.Ident:
		t, ok := basicTypes[x.Name]
		return t, ok && x.Obj == nil
	case *ast.StarExpr:
		return s.pointerTo(u, x.X)
	case *ast.UnaryExpr:
		if _, lit := x.X.(*ast.CompositeLit); lit && x.Op == token.AND {
			return s.pointerTo(u, x.X)
		}
	case *ast.CompositeLit:
		if x.Type != nil {
			return s.staticType(u, x.Type)
		}
	case *ast.SelectorExpr:
		return s.hostType(u, x)
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "new" && id.Obj == nil && len(x.Args) == 1 {
			return s.pointerTo(u, x.Args[0])
		}
		if f, ok := x.Fun.(*ast.SelectorExpr); ok {
			if pkg, ok := f.X.(*ast.Ident); ok {
				if ft, ok := s.packageFunc(u, pkg.Name, f.Sel.Name); ok && ft.NumOut() > 0 {
					return ft.Out(0), true
				}
			}
		}
	}
	return nil, false
}

func (s *Session) pointerTo(u *unit, x ast.Expr) (reflect.Type, bool) {
	t, ok := s.staticType(u, x)
	if !ok {
		return nil, false
	}
	return reflect.PointerTo(t), true
}

// hostType resolves pkg.T to a compiled package's type.
func (s *Session) hostType(u *unit, x *ast.SelectorExpr) (reflect.Type, bool) {
	pkg, ok := x.X.(*ast.Ident)
	if !ok {
		return nil, false
	}
	path, ok := s.importPaths(u)[pkg.Name]
	if !ok {
		return nil, false
	}
	sym, ok := s.exports[path+"/"+s.pkgName[path]][x.Sel.Name]
	if !ok || sym.Kind() != reflect.Pointer || !sym.IsNil() {
		return nil, false // not a type
	}
	return sym.Type().Elem(), true
}

// resultType writes the type of the one result of a call of a compiled
// function, when predeclared names and the called package's own types
// spell it: `[]string`, `*bufio.Scanner`, `map[string]int`. paths maps
// the cell's package names to import paths.
func (s *Session) resultType(u *unit, c *ast.CallExpr, paths map[string]string) ast.Expr {
	f, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	pkg, ok := f.X.(*ast.Ident)
	if !ok {
		return nil
	}
	ft, ok := s.packageFunc(u, pkg.Name, f.Sel.Name)
	if !ok || ft.NumOut() != 1 {
		return nil
	}
	named := func(t reflect.Type) ast.Expr {
		switch t.PkgPath() {
		case "":
			if u.file.Scope.Lookup(t.Name()) != nil || s.decl.has(t.Name()) {
				return nil // the cells redeclared a predeclared name
			}
			return ast.NewIdent(t.Name())
		case paths[pkg.Name]:
			if strings.ContainsRune(t.Name(), '[') {
				return nil // an instance of a generic type
			}
			return &ast.SelectorExpr{X: ast.NewIdent(pkg.Name), Sel: ast.NewIdent(t.Name())}
		}
		return nil
	}
	return typeExpr(ft.Out(0), named)
}

// typeExpr writes t, with named writing its named types, or returns nil
// when some part of t cannot be written.
func typeExpr(t reflect.Type, named func(reflect.Type) ast.Expr) ast.Expr {
	if t.Name() != "" {
		return named(t)
	}
	elem := func() ast.Expr { return typeExpr(t.Elem(), named) }
	switch t.Kind() {
	case reflect.Pointer:
		if x := elem(); x != nil {
			return &ast.StarExpr{X: x}
		}
	case reflect.Slice:
		if x := elem(); x != nil {
			return &ast.ArrayType{Elt: x}
		}
	case reflect.Array:
		if x := elem(); x != nil {
			return &ast.ArrayType{Len: &ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(t.Len())}, Elt: x}
		}
	case reflect.Map:
		k, v := typeExpr(t.Key(), named), elem()
		if k != nil && v != nil {
			return &ast.MapType{Key: k, Value: v}
		}
	}
	return nil
}

var basicTypes = map[string]reflect.Type{
	"bool": reflect.TypeFor[bool](), "string": reflect.TypeFor[string](), "int": reflect.TypeFor[int](),
	"int64": reflect.TypeFor[int64](), "float64": reflect.TypeFor[float64](), "byte": reflect.TypeFor[byte](),
	"rune": reflect.TypeFor[rune](),
}

// neverWaitsVar is NeverWaits for a variable u does not declare in the
// function at hand: declared by u at package level, or by an earlier cell.
func (s *Session) neverWaitsVar(u *unit, name string) bool {
	if typ, value, ok := varSpec(u, name); ok {
		if typ == nil {
			typ = value
		}
		t, ok := s.staticType(u, typ)
		return ok && staticNever(t)
	}
	v, ok := s.in.Globals()[name]
	return ok && staticNever(v.Type())
}

// results returns the result count of a function u or an earlier cell
// declares, or of a compiled package's function.
func (s *Session) results(u *unit, c *ast.CallExpr) (int, bool) {
	switch fun := c.Fun.(type) {
	case *ast.Ident:
		if n, ok := localResults(u, fun.Name); ok {
			return n, true
		}
		return s.decl.resultCount(fun.Name)
	case *ast.SelectorExpr:
		if pkg, ok := fun.X.(*ast.Ident); ok {
			if t, ok := s.packageFunc(u, pkg.Name, fun.Sel.Name); ok {
				return t.NumOut(), true
			}
		}
	}
	return 0, false
}
