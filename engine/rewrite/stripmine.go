package rewrite

import (
	"go/ast"
	"go/token"
)

// A chunk of a strip-mined loop runs chunkNodes syntax nodes of its body
// between two checkpoints: chunkNodes / (body size) iterations, at least
// minChunk and at most maxChunk (1024; see chunk_race.go); bodies over
// maxBodyNodes are left alone. That bounds the time between checkpoints to
// some 10k interpreted steps (tens of µs, well under a switch interval),
// while a chunk's own cost, about eight steps, stays near 1 % of the
// smallest body's 1024 iterations (at a fixed 128 it was 3–5 % of a float
// loop).
const (
	chunkNodes   = 8192
	minChunk     = 128
	maxBodyNodes = chunkNodes / minChunk
)

// stripMine turns a counting loop whose iterations are short into a loop
// over chunks of it, so that the checkpoint the caller puts in the outer
// body runs once per chunk instead of once per iteration (a checkpoint
// costs two interpreted steps, as much as a fifth of a tight loop):
//
//	for i := 0; i < n; i++ { body }
//	→
//	for i := 0; i < n; {
//		_gkl := i
//		_gkl = n
//		if _gkl-i > CHUNK { _gkl = i + CHUNK }
//		for ; i < _gkl; i++ { body }
//	}
//
// It returns the inner loop, which needs no checkpoint, or nil when f is
// left alone. The loop qualifies only when the rewrite cannot change what
// it does: the counter starts at an integer literal (so it is an int), the
// bound is a name or a literal, and the body calls nothing but
// conversions and len/cap, cannot reach the counter or the bound (no
// assignment to them, no &, no *p =), and holds no loop, closure,
// goroutine, defer, channel operation, label, break or goto. Such a body
// takes bounded time, so a chunk does too. When n-i overflows the chunk is
// the whole rest of the loop: still correct, only not interruptible.
func stripMine(f *ast.ForStmt) *ast.ForStmt {
	i, n, ok := countingLoop(f)
	if !ok {
		return nil
	}
	nodes, ok := shortBody(f.Body, i, n)
	if !ok {
		return nil
	}
	size := min(max(chunkNodes/nodes, minChunk), maxChunk)
	pos := f.For
	id := func(name string) *ast.Ident { return &ast.Ident{NamePos: pos, Name: name} }
	lim := "_gkl"
	inner := &ast.ForStmt{For: pos, Cond: &ast.BinaryExpr{X: id(i), OpPos: pos, Op: token.LSS, Y: id(lim)},
		Post: f.Post, Body: f.Body}
	chunk := &ast.BinaryExpr{X: id(i), OpPos: pos, Op: token.ADD, Y: intLit(size, pos)}
	f.Post = nil
	f.Body = &ast.BlockStmt{Lbrace: f.Body.Lbrace, Rbrace: f.Body.Rbrace, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{id(lim)}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{id(i)}},
		&ast.AssignStmt{Lhs: []ast.Expr{id(lim)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{bound(f)}},
		&ast.IfStmt{If: pos,
			Cond: &ast.BinaryExpr{X: &ast.BinaryExpr{X: id(lim), OpPos: pos, Op: token.SUB, Y: id(i)},
				OpPos: pos, Op: token.GTR, Y: intLit(size, pos)},
			Body: &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{id(lim)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{chunk}},
			}}},
		inner,
	}}
	return inner
}

func bound(f *ast.ForStmt) ast.Expr { return f.Cond.(*ast.BinaryExpr).Y }

// countingLoop matches `for i := LIT; i < n; i++` (n a name or literal)
// and returns the counter's and the bound's names ("" for a literal).
func countingLoop(f *ast.ForStmt) (i, n string, ok bool) {
	init, _ := f.Init.(*ast.AssignStmt)
	cond, _ := f.Cond.(*ast.BinaryExpr)
	post, _ := f.Post.(*ast.IncDecStmt)
	if init == nil || cond == nil || post == nil || init.Tok != token.DEFINE ||
		len(init.Lhs) != 1 || len(init.Rhs) != 1 || cond.Op != token.LSS || post.Tok != token.INC {
		return "", "", false
	}
	counter, _ := init.Lhs[0].(*ast.Ident)
	start, _ := init.Rhs[0].(*ast.BasicLit)
	if counter == nil || counter.Name == "_" || start == nil || start.Kind != token.INT {
		return "", "", false
	}
	if x, ok := cond.X.(*ast.Ident); !ok || x.Name != counter.Name {
		return "", "", false
	}
	if x, ok := post.X.(*ast.Ident); !ok || x.Name != counter.Name {
		return "", "", false
	}
	switch y := cond.Y.(type) {
	case *ast.Ident:
		if y.Name == counter.Name {
			return "", "", false
		}
		return counter.Name, y.Name, true
	case *ast.BasicLit:
		return counter.Name, "", y.Kind == token.INT
	}
	return "", "", false
}

// boundedCalls are the calls a short body may make: conversions to basic
// types and builtins that take constant time.
var boundedCalls = map[string]bool{
	"bool": true, "string": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"byte": true, "rune": true, "float32": true, "float64": true, "complex64": true, "complex128": true,
	"len": true, "cap": true, "real": true, "imag": true, "complex": true,
}

// shortBody reports whether body qualifies (see stripMine), and its size
// in syntax nodes; i and n are the names it must leave alone.
func shortBody(body *ast.BlockStmt, i, n string) (int, bool) {
	ok, nodes := true, 0
	touches := func(x ast.Expr) bool {
		switch x := x.(type) {
		case *ast.Ident:
			return x.Name == i || (n != "" && x.Name == n)
		case *ast.StarExpr:
			return true // might point at the counter or the bound
		}
		return false
	}
	ast.Inspect(body, func(node ast.Node) bool {
		if node == nil {
			return false
		}
		nodes++
		switch x := node.(type) {
		case *ast.CallExpr:
			fn, isIdent := x.Fun.(*ast.Ident)
			ok = ok && isIdent && boundedCalls[fn.Name]
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				ok = ok && !touches(l)
			}
		case *ast.IncDecStmt:
			ok = ok && !touches(x.X)
		case *ast.UnaryExpr:
			ok = ok && x.Op != token.AND && x.Op != token.ARROW
		case *ast.BranchStmt:
			ok = ok && x.Tok == token.CONTINUE && x.Label == nil
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt,
			*ast.SelectStmt, *ast.SendStmt, *ast.LabeledStmt, *ast.DeclStmt:
			ok = false
		}
		return ok
	})
	return nodes, ok && nodes <= maxBodyNodes
}
