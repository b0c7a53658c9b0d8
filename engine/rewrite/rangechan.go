package rewrite

import (
	"go/ast"
	"go/token"
)

// rangeStmt rewrites a range loop that may range over a channel (one
// iteration variable at most: two mean it cannot), deciding at run time:
//
//	{ _gkx1 := X; _gkt1 := PKG.RU(_gkx1); _gkc1 := _gkt1 != nil
//	  for K := range _gkx1 { if _gkc1 { PKG.A(_gkt1) }; body; if _gkc1 { PKG.U() } }
//	  PKG.A(_gkt1) }
//
// RU releases the lock when X is a channel and returns nil otherwise, so a
// loop over a slice pays one boolean test per iteration. continue
// statements that leave the body early release the lock as the body's end
// does. s is the statement as listed (maybe labelled), r the loop.
func (b *blocker) rangeStmt(s ast.Stmt, r *ast.RangeStmt) ast.Stmt {
	if r.Value != nil || !mayBeChan(r.X) {
		return nil
	}
	xv, tv, cv := b.name("_gkx"), b.name("_gkt"), b.name("_gkc")
	label := ""
	if l, ok := s.(*ast.LabeledStmt); ok {
		label = l.Label.Name
	}
	release := func() ast.Stmt {
		return &ast.IfStmt{Cond: ast.NewIdent(cv.Name), Body: &ast.BlockStmt{List: []ast.Stmt{
			&ast.ExprStmt{X: &ast.CallExpr{Fun: sel(b.pkg, "U")}}}}}
	}
	fixContinues(r.Body, label, release)
	enter := &ast.IfStmt{Cond: ast.NewIdent(cv.Name), Body: &ast.BlockStmt{List: []ast.Stmt{b.acquire(tv)}}}
	r.Body.List = append(append([]ast.Stmt{enter}, r.Body.List...), release())
	x := r.X
	r.X = ast.NewIdent(xv.Name)
	return &ast.BlockStmt{List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{xv}, Tok: token.DEFINE, Rhs: []ast.Expr{x}},
		&ast.AssignStmt{Lhs: []ast.Expr{tv}, Tok: token.DEFINE, Rhs: []ast.Expr{
			&ast.CallExpr{Fun: sel(b.pkg, "RU"), Args: []ast.Expr{ast.NewIdent(xv.Name)}}}},
		&ast.AssignStmt{Lhs: []ast.Expr{cv}, Tok: token.DEFINE, Rhs: []ast.Expr{
			&ast.BinaryExpr{X: ast.NewIdent(tv.Name), Op: token.NEQ, Y: ast.NewIdent("nil")}}},
		s,
		b.acquire(tv),
	}}
}

// mayBeChan is false for range expressions that are visibly not channels.
func mayBeChan(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.CompositeLit, *ast.BasicLit, *ast.SliceExpr:
		return false
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "make" && len(x.Args) > 0 {
			_, isChan := x.Args[0].(*ast.ChanType)
			return isChan
		}
	}
	return true
}

// fixContinues turns each continue that targets the loop whose body is
// body (unlabelled ones outside nested loops, or ones naming label) into
// `{ release(); continue }`.
func fixContinues(body *ast.BlockStmt, label string, release func() ast.Stmt) {
	seen := map[*ast.BranchStmt]bool{}
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			switch c.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				if c != n {
					walk(c, true)
					return false
				}
			}
			if l := stmtList(c); l != nil {
				replaceContinues(*l, label, nested, release, seen)
			}
			return true
		})
	}
	walk(body, false)
}

func replaceContinues(list []ast.Stmt, label string, nested bool, release func() ast.Stmt, seen map[*ast.BranchStmt]bool) {
	for i, s := range list {
		target := s
		if l, ok := s.(*ast.LabeledStmt); ok {
			target = l.Stmt
		}
		br, ok := target.(*ast.BranchStmt)
		if !ok || br.Tok != token.CONTINUE || seen[br] {
			continue
		}
		seen[br] = true
		mine := (br.Label == nil && !nested) || (br.Label != nil && br.Label.Name == label)
		if !mine {
			continue
		}
		blk := &ast.BlockStmt{List: []ast.Stmt{release(), br}}
		if l, ok := s.(*ast.LabeledStmt); ok {
			l.Stmt = blk
		} else {
			list[i] = blk
		}
	}
}
