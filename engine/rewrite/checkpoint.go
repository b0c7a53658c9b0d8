// Package rewrite transforms a cell's syntax tree before the interpreter
// compiles it: checkpoints at function entries and loop bodies (interrupts,
// stack checks, the interpreter lock) and go statements that start their
// goroutine through the runtime so a panic there is reported, not fatal.
package rewrite

import (
	"go/ast"
	"go/token"
)

// Checkpoints inserts `if *PKG.P != 0 { PKG.S() }` at the start of every
// function body (declarations, methods, literals) and loop body in n.
// Counting loops with short bodies are strip-mined first and take their
// checkpoint once per chunk of iterations (see stripMine).
func Checkpoints(n ast.Node, pkg string) { checkpoints(n, pkg, false) }

// LoadCheckpoints is Checkpoints with the word read by a call, `if PKG.L()
// != 0 { PKG.S() }`: slower, but an atomic load the race detector accepts
// (the plain read of the word races with its writers by design).
func LoadCheckpoints(n ast.Node, pkg string) { checkpoints(n, pkg, true) }

func checkpoints(n ast.Node, pkg string, load bool) {
	loops := loopBodies{}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			prepend(n.Body, pkg, load)
		case *ast.FuncLit:
			prepend(n.Body, pkg, load)
		case *ast.ForStmt:
			if b := loops.body(n); b != nil {
				prepend(b, pkg, load)
			}
		case *ast.RangeStmt:
			prepend(n.Body, pkg, load)
		}
		return true
	})
}

// loopBodies strip-mines the for loops a walk meets (see stripMine) and
// remembers the inner loops it made, whose bodies take no checkpoint.
type loopBodies map[*ast.ForStmt]bool

// body returns the body of f that takes the checkpoint, or nil for none.
func (l loopBodies) body(f *ast.ForStmt) *ast.BlockStmt {
	if l[f] {
		return nil
	}
	if inner := stripMine(f); inner != nil {
		l[inner] = true
	}
	return f.Body
}

func prepend(b *ast.BlockStmt, pkg string, load bool) {
	if b == nil {
		return
	}
	b.List = append([]ast.Stmt{checkpoint(pkg, b.Lbrace, load)}, b.List...)
}

// checkpoint builds `if *pkg.P != 0 { pkg.S() }` at pos. The interpreter
// names a function's frames in panics by the position of the first node it
// runs, which is this one: pos is the function's opening brace.
func checkpoint(pkg string, pos token.Pos, load bool) ast.Stmt {
	var word ast.Expr = &ast.StarExpr{Star: pos, X: selAt(pkg, "P", pos)}
	if load {
		word = &ast.CallExpr{Fun: selAt(pkg, "L", pos), Lparen: pos, Rparen: pos}
	}
	return &ast.IfStmt{
		If: pos,
		Cond: &ast.BinaryExpr{
			X:     word,
			OpPos: pos,
			Op:    token.NEQ,
			Y:     &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: "0"},
		},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
			&ast.ExprStmt{X: &ast.CallExpr{Fun: selAt(pkg, "S", pos), Lparen: pos, Rparen: pos}},
		}, Rbrace: pos},
	}
}

func sel(pkg, name string) *ast.SelectorExpr { return selAt(pkg, name, token.NoPos) }

func selAt(pkg, name string, pos token.Pos) *ast.SelectorExpr {
	return &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: pkg}, Sel: &ast.Ident{NamePos: pos, Name: name}}
}
