package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
)

// builtins cannot be used as values, so `go println(x)` keeps the name in
// the goroutine and binds only the arguments.
var builtins = map[string]bool{
	"append": true, "cap": true, "clear": true, "close": true, "complex": true,
	"copy": true, "delete": true, "imag": true, "len": true, "make": true,
	"max": true, "min": true, "new": true, "panic": true, "print": true,
	"println": true, "real": true, "recover": true,
}

// GoStmts rewrites every `go f(a, b)` in n into
//
//	{ func() { _gkf := f; _gka0 := a; _gka1 := b; PKG.Go(func() { _gkf(_gka0, _gka1) }) }() }
//
// which evaluates the function value and arguments now, as the go statement
// does, and starts the goroutine through PKG.Go. The outer block keeps the
// statement from reading as a cell's final expression. For a method call
// `go x.M(a)` the receiver is bound instead of the method value, which the
// interpreter types wrongly for host types (a *http.Server's Serve becomes
// func(*http.Server, net.Listener)):
//
//	_gkr := x; _gka0 := a; PKG.Go(func() { _gkr.M(_gka0) })
//
// and `_gkr := &x` when x is a struct variable (declared so in the
// function, or by Scope.StructVar), whose pointer methods must see x
// itself.
func GoStmts(n ast.Node, pkg string, sc Scope) {
	ast.Inspect(n, func(n ast.Node) bool {
		if l := stmtList(n); l != nil {
			replaceGo(*l, pkg, sc)
		} else if ls, ok := n.(*ast.LabeledStmt); ok {
			if g, ok := ls.Stmt.(*ast.GoStmt); ok {
				ls.Stmt = goBlock(g, pkg, sc)
			}
		}
		return true
	})
}

func replaceGo(list []ast.Stmt, pkg string, sc Scope) {
	for i, s := range list {
		if g, ok := s.(*ast.GoStmt); ok {
			list[i] = goBlock(g, pkg, sc)
		}
	}
}

func goBlock(g *ast.GoStmt, pkg string, sc Scope) ast.Stmt {
	call := g.Call
	var lhs, rhs []ast.Expr
	fun := call.Fun
	switch f := fun.(type) {
	case *ast.Ident:
		if !builtins[f.Name] {
			lhs, rhs, fun = append(lhs, ast.NewIdent("_gkf")), append(rhs, f), ast.NewIdent("_gkf")
		}
	case *ast.SelectorExpr:
		if sc.isPackage(f.X) || isTypeName(f.X) {
			lhs, rhs, fun = append(lhs, ast.NewIdent("_gkf")), append(rhs, f), ast.NewIdent("_gkf")
			break
		}
		var recv ast.Expr = f.X
		if id, ok := f.X.(*ast.Ident); ok && sc.structVar(id) {
			recv = &ast.UnaryExpr{Op: token.AND, X: f.X}
		}
		lhs, rhs = append(lhs, ast.NewIdent("_gkr")), append(rhs, recv)
		fun = &ast.SelectorExpr{X: ast.NewIdent("_gkr"), Sel: f.Sel}
	default:
		lhs, rhs, fun = append(lhs, ast.NewIdent("_gkf")), append(rhs, fun), ast.NewIdent("_gkf")
	}
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		if constant(a) { // untyped: a variable would give it a type (or none, for nil)
			args[i] = a
			continue
		}
		name := fmt.Sprintf("_gka%d", i)
		lhs = append(lhs, ast.NewIdent(name))
		rhs = append(rhs, a)
		args[i] = ast.NewIdent(name)
	}
	inner := &ast.CallExpr{Fun: fun, Args: args, Ellipsis: call.Ellipsis}
	start := &ast.ExprStmt{X: &ast.CallExpr{
		Fun: sel(pkg, "Go"),
		Args: []ast.Expr{&ast.FuncLit{
			Type: &ast.FuncType{Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: inner}}},
		}},
	}}
	if len(lhs) == 0 {
		return &ast.BlockStmt{List: []ast.Stmt{start}}
	}
	// One definition each: the interpreter loses the other values of a
	// parallel definition whose right side holds a composite literal.
	var list []ast.Stmt
	for i := range lhs {
		list = append(list, &ast.AssignStmt{Lhs: lhs[i : i+1], Tok: token.DEFINE, Rhs: rhs[i : i+1]})
	}
	return stamp([]ast.Stmt{&ast.BlockStmt{List: []ast.Stmt{ownFrame(append(list, start)...)}}}, g.Go)[0]
}

// constant reports whether x is nil, a literal or an expression of
// constants the function declares: it needs no evaluating now.
func constant(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return x.Name == "nil" || x.Name == "true" || x.Name == "false" || x.Obj != nil && x.Obj.Kind == ast.Con
	case *ast.ParenExpr:
		return constant(x.X)
	case *ast.UnaryExpr:
		return x.Op != token.ARROW && x.Op != token.AND && constant(x.X)
	case *ast.BinaryExpr:
		return constant(x.X) && constant(x.Y)
	}
	return false
}

// isTypeName reports whether x names a type the cell declares (a method
// expression, T.M).
func isTypeName(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Obj != nil && id.Obj.Kind == ast.Typ
}

// structVar reports whether id is a variable holding a struct (or other
// non-pointer, non-interface) value: declared so in the function at hand
// (`var x T`, `x := T{…}`), or, for names declared elsewhere, as
// StructVar says.
func (sc Scope) structVar(id *ast.Ident) bool {
	if id.Obj == nil {
		return sc.StructVar != nil && sc.StructVar(id.Name)
	}
	if id.Obj.Kind != ast.Var {
		return false
	}
	switch d := id.Obj.Decl.(type) {
	case *ast.ValueSpec:
		if d.Type != nil {
			return sc.ValueType != nil && sc.ValueType(d.Type)
		}
		return compositeAt(d.Values, indexOf(d.Names, id.Name))
	case *ast.AssignStmt:
		var names []*ast.Ident
		for _, l := range d.Lhs {
			n, _ := l.(*ast.Ident)
			names = append(names, n)
		}
		return len(d.Lhs) == len(d.Rhs) && compositeAt(d.Rhs, indexOf(names, id.Name))
	}
	return false
}

func indexOf(names []*ast.Ident, name string) int {
	for i, n := range names {
		if n != nil && n.Name == name {
			return i
		}
	}
	return -1
}

func compositeAt(values []ast.Expr, i int) bool {
	if i < 0 || i >= len(values) {
		return false
	}
	_, ok := values[i].(*ast.CompositeLit)
	return ok
}

// ownFrame runs list in a function literal called at once. The interpreter
// keeps a block's variables in its enclosing frame, one slot per name, and a
// closure sees that frame, not a copy: a goroutine started in a loop would
// read the temporaries of the last iteration (at a cell's top level they are
// even session globals). A call gets a fresh frame each time.
func ownFrame(list ...ast.Stmt) ast.Stmt {
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: list},
	}
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: lit}}
}
