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
// statement from reading as a cell's final expression.
func GoStmts(n ast.Node, pkg string) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			replaceGo(n.List, pkg)
		case *ast.CaseClause:
			replaceGo(n.Body, pkg)
		case *ast.CommClause:
			replaceGo(n.Body, pkg)
		case *ast.LabeledStmt:
			if g, ok := n.Stmt.(*ast.GoStmt); ok {
				n.Stmt = goBlock(g, pkg)
			}
		}
		return true
	})
}

func replaceGo(list []ast.Stmt, pkg string) {
	for i, s := range list {
		if g, ok := s.(*ast.GoStmt); ok {
			list[i] = goBlock(g, pkg)
		}
	}
}

func goBlock(g *ast.GoStmt, pkg string) ast.Stmt {
	call := g.Call
	var lhs, rhs []ast.Expr
	fun := call.Fun
	if id, ok := fun.(*ast.Ident); !ok || !builtins[id.Name] {
		lhs = append(lhs, ast.NewIdent("_gkf"))
		rhs = append(rhs, call.Fun)
		fun = ast.NewIdent("_gkf")
	}
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
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
	return &ast.BlockStmt{List: []ast.Stmt{ownFrame(append(list, start)...)}}
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
