package rewrite

import (
	"go/ast"
)

// FlagCheckpoints is Checkpoints in the cheapest form the interpreter
// runs, `if FLAG { FN() }`: FLAG an interpreted bool variable that mirrors
// "the word is not zero", FN an interpreted function that calls the slow
// path. The interpreter tests its own bool global in one step and allocates
// nothing for the call of an interpreted function returning nothing, while
// `*PKG.P != 0` goes through a host variable and reflection and a host call
// takes a frame slot, allocated at every call of the function that holds it.
func FlagCheckpoints(n ast.Node, flag, fn string) {
	loops := loopBodies{}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			prependFlag(n.Body, flag, fn)
		case *ast.FuncLit:
			prependFlag(n.Body, flag, fn)
		case *ast.ForStmt:
			prependFlag(loops.body(n), flag, fn)
		case *ast.RangeStmt:
			prependFlag(n.Body, flag, fn)
		}
		return true
	})
}

func prependFlag(b *ast.BlockStmt, flag, fn string) {
	if b == nil {
		return
	}
	pos := b.Lbrace // frames are named by the position of their first node
	cp := &ast.IfStmt{
		If:   pos,
		Cond: &ast.Ident{NamePos: pos, Name: flag},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
			&ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: fn}, Lparen: pos, Rparen: pos}},
		}, Rbrace: pos},
	}
	b.List = append([]ast.Stmt{cp}, b.List...)
}
