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
//	{ _gkf, _gka0, _gka1 := f, a, b; PKG.Go(func() { _gkf(_gka0, _gka1) }) }
//
// which evaluates the function value and arguments now, as the go statement
// does, and starts the goroutine through PKG.Go.
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
	bind := &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, Rhs: rhs}
	return &ast.BlockStmt{List: []ast.Stmt{bind, start}}
}
