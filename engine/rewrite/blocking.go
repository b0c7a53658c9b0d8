package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"sync/atomic"
)

// Blocking releases the interpreter lock around channel operations, which
// the interpreter runs itself (no symbol table can wrap them):
//
//	v := f(<-ch)   →  _gkt1 := PKG.U(); _gkv1 := <-ch; PKG.A(_gkt1); v := f(_gkv1)
//	ch <- x        →  _gkt1 := PKG.U(); ch <- x; PKG.A(_gkt1)
//	select {...}   →  _gkt1 := PKG.U(); select { case ...: PKG.A(_gkt1); ... }
//	for v := range X { body }  →  a receive loop like the above when X is a
//	                               channel at run time (PKG.C), else the loop as written
//
// U releases the lock held by the calling goroutine and returns what A
// needs to take it back (nil when it held nothing). A select with a default
// clause does not block and keeps the lock. Receives are hoisted out of the
// statement in their order of appearance; operands around them are then
// evaluated after the receive, which matters only for side effects in the
// same expression.
func Blocking(n ast.Node, pkg string) {
	b := &blocker{pkg: pkg, done: map[ast.Stmt]bool{}}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			n.List = b.list(n.List)
		case *ast.CaseClause:
			n.Body = b.list(n.Body)
		case *ast.CommClause:
			n.Body = b.list(n.Body)
		}
		return true
	})
}

// names numbers the temporaries process-wide: top-level temporaries of one
// cell become session variables, which a later cell must not redeclare.
var names atomic.Int64

type blocker struct {
	pkg  string
	done map[ast.Stmt]bool // range loops already rewritten, met again inside their new block
}

func (b *blocker) name(prefix string) *ast.Ident {
	return ast.NewIdent(fmt.Sprintf("%s%d", prefix, names.Add(1)))
}

// list rewrites the statements of one list; nested lists are reached by
// the caller's walk.
func (b *blocker) list(in []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range in {
		pos := s.Pos() // before the rewrite moves its first node
		out = append(out, stamp(b.stmt(s), pos)...)
	}
	return out
}

func (b *blocker) stmt(s ast.Stmt) []ast.Stmt {
	target := s
	if l, ok := s.(*ast.LabeledStmt); ok {
		target = l.Stmt
	}
	switch t := target.(type) {
	case *ast.SelectStmt:
		return b.selectStmt(s, t)
	case *ast.SendStmt:
		tv := b.name("_gkt")
		return []ast.Stmt{b.release(tv), s, b.acquire(tv)}
	case *ast.RangeStmt:
		if b.done[t] {
			return []ast.Stmt{s}
		}
		b.done[t] = true
		if r := b.rangeStmt(s, t); r != nil {
			return []ast.Stmt{r}
		}
		return []ast.Stmt{s}
	case *ast.AssignStmt:
		if len(t.Rhs) == 1 && len(t.Lhs) == 2 && isRecv(t.Rhs[0]) {
			tv := b.name("_gkt") // v, ok := <-ch keeps its form
			return []ast.Stmt{b.release(tv), s, b.acquire(tv)}
		}
	case *ast.ExprStmt:
		if isRecv(t.X) && len(recvSlots(t)) == 1 {
			tv := b.name("_gkt") // <-done: a bare receive is not hoisted
			return []ast.Stmt{b.release(tv), s, b.acquire(tv)}
		}
	}
	var pre []ast.Stmt
	for _, slot := range recvSlots(target) {
		tv, vv := b.name("_gkt"), b.name("_gkv")
		pre = append(pre, b.release(tv),
			&ast.AssignStmt{Lhs: []ast.Expr{vv}, Tok: token.DEFINE, Rhs: []ast.Expr{*slot}},
			b.acquire(tv))
		*slot = &ast.Ident{NamePos: (*slot).Pos(), Name: vv.Name}
	}
	return append(pre, s)
}

// release is `tv := PKG.U()`, acquire `PKG.A(tv)`.
func (b *blocker) release(tv *ast.Ident) ast.Stmt {
	return &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(tv.Name)}, Tok: token.DEFINE,
		Rhs: []ast.Expr{&ast.CallExpr{Fun: sel(b.pkg, "U")}}}
}

func (b *blocker) acquire(tv *ast.Ident) ast.Stmt {
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: sel(b.pkg, "A"), Args: []ast.Expr{ast.NewIdent(tv.Name)}}}
}

func (b *blocker) selectStmt(s ast.Stmt, sel *ast.SelectStmt) []ast.Stmt {
	for _, c := range sel.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			return []ast.Stmt{s} // default: never blocks
		}
	}
	tv := b.name("_gkt")
	for _, c := range sel.Body.List {
		cc := c.(*ast.CommClause)
		cc.Body = append([]ast.Stmt{b.acquire(tv)}, cc.Body...)
	}
	return []ast.Stmt{b.release(tv), s}
}

func isRecv(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW
}

// recvSlots finds the receive expressions a simple statement evaluates
// itself (not in function literals, nested blocks or clauses), innermost
// first, as pointers to the fields that hold them.
func recvSlots(s ast.Stmt) []*ast.Expr {
	var roots []*ast.Expr
	switch s := s.(type) {
	case *ast.ExprStmt:
		roots = append(roots, &s.X)
	case *ast.AssignStmt:
		for i := range s.Rhs {
			roots = append(roots, &s.Rhs[i])
		}
	case *ast.ReturnStmt:
		for i := range s.Results {
			roots = append(roots, &s.Results[i])
		}
	case *ast.IncDecStmt:
		roots = append(roots, &s.X)
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				for i := range vs.Values {
					roots = append(roots, &vs.Values[i])
				}
			}
		}
	case *ast.IfStmt:
		return append(initSlots(s.Init), slotsIn(&s.Cond)...)
	case *ast.SwitchStmt:
		out := initSlots(s.Init)
		if s.Tag != nil {
			out = append(out, slotsIn(&s.Tag)...)
		}
		return out
	}
	var out []*ast.Expr
	for _, r := range roots {
		out = append(out, slotsIn(r)...)
	}
	return out
}

// initSlots are the receive slots of an if or switch init statement; a
// two-value receive there cannot be hoisted and keeps the lock.
func initSlots(s ast.Stmt) []*ast.Expr {
	if s == nil {
		return nil
	}
	if a, ok := s.(*ast.AssignStmt); ok && len(a.Lhs) == 2 && len(a.Rhs) == 1 && isRecv(a.Rhs[0]) {
		return nil
	}
	return recvSlots(s)
}

// slotsIn walks an expression for receives, children before parents.
func slotsIn(p *ast.Expr) []*ast.Expr {
	var out []*ast.Expr
	if *p == nil {
		return nil
	}
	switch e := (*p).(type) {
	case *ast.FuncLit:
		return nil
	case *ast.UnaryExpr:
		out = append(out, slotsIn(&e.X)...)
		if e.Op == token.ARROW {
			out = append(out, p)
		}
	case *ast.BinaryExpr:
		out = slotsIn(&e.X)
		if e.Op != token.LAND && e.Op != token.LOR {
			// The right operand of && and || may not run: hoisting a
			// receive from it would run the receive when it should not.
			out = append(out, slotsIn(&e.Y)...)
		}
	case *ast.ParenExpr:
		out = slotsIn(&e.X)
	case *ast.CallExpr:
		out = slotsIn(&e.Fun)
		for i := range e.Args {
			out = append(out, slotsIn(&e.Args[i])...)
		}
	case *ast.SelectorExpr:
		out = slotsIn(&e.X)
	case *ast.IndexExpr:
		out = append(slotsIn(&e.X), slotsIn(&e.Index)...)
	case *ast.StarExpr:
		out = slotsIn(&e.X)
	case *ast.CompositeLit:
		for i := range e.Elts {
			out = append(out, slotsIn(&e.Elts[i])...)
		}
	case *ast.KeyValueExpr:
		out = slotsIn(&e.Value)
	case *ast.TypeAssertExpr:
		out = slotsIn(&e.X)
	case *ast.SliceExpr:
		out = slotsIn(&e.X)
	}
	return out
}

// stamp gives the nodes the rewrite made (position 0) the position of the
// statement they stand for: the interpreter tells global variables apart by
// position, and errors and stack lines then name the cell's line.
func stamp(stmts []ast.Stmt, pos token.Pos) []ast.Stmt {
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if n.NamePos == token.NoPos {
					n.NamePos = pos
				}
			case *ast.CallExpr:
				if n.Lparen == token.NoPos {
					n.Lparen, n.Rparen = pos, pos
				}
			case *ast.AssignStmt:
				if n.TokPos == token.NoPos {
					n.TokPos = pos
				}
			case *ast.IfStmt:
				if n.If == token.NoPos {
					n.If = pos
				}
			case *ast.BlockStmt:
				if n.Lbrace == token.NoPos {
					n.Lbrace, n.Rbrace = pos, pos
				}
			case *ast.BinaryExpr:
				if n.OpPos == token.NoPos {
					n.OpPos = pos
				}
			}
			return true
		})
	}
	return stmts
}
