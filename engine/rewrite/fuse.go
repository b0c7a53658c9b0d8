package rewrite

import (
	"go/ast"
	"go/token"
)

// fuse removes the round trips through the lock that Blocking leaves
// between two waits with nothing in between. Taking the lock back only to
// release it again costs two host calls and, while another goroutine holds
// the lock, a wait for it (producer/consumer loops did little else):
//
//	PKG.A(t1); t2 := PKG.U()           →  t2 := t1
//	if c { PKG.A(t1) }; t2 := PKG.U()  →  t2 := t1; if !c { t2 = PKG.U() }
//	PKG.A(t2); if c { PKG.U() }        →  if !c { PKG.A(t2) }
//
// The first is two channel operations in a row; the others are the start
// and end of the body of a range loop over a channel (c says X was one, t1
// is what RU returned). t1 in the first must come from U, which returns
// nil exactly when the goroutine did not hold the lock: then A(t1) does
// nothing and U returns nil again. No interpreted code runs without the
// lock that did not before: nothing ran between the calls.
func fuse(n ast.Node, pkg string) {
	released := map[string]bool{} // variables defined by PKG.U()
	ast.Inspect(n, func(n ast.Node) bool {
		if v := releaseVar(n, pkg); v != nil {
			released[v.Name] = true
		}
		return true
	})
	f := fuser{pkg: pkg, released: released}
	eachList(n, f.list)
}

type fuser struct {
	pkg      string
	released map[string]bool
}

func (f fuser) list(list []ast.Stmt) []ast.Stmt {
	for i := 0; i+1 < len(list); i++ {
		if pair := f.pair(list[i], list[i+1]); pair != nil {
			list = append(append(list[:i:i], pair...), list[i+2:]...)
		}
	}
	return list
}

// pair returns what replaces the statements s, next, or nil.
func (f fuser) pair(s, next ast.Stmt) []ast.Stmt {
	t2 := releaseVar(next, f.pkg)
	if t1 := f.acquired(s); t1 != nil && f.released[t1.Name] {
		if t2 != nil {
			next.(*ast.AssignStmt).Rhs = []ast.Expr{ident(t1)}
			return []ast.Stmt{next}
		}
		if c, inner := guarded(next); c != nil && f.isRelease(inner) {
			return []ast.Stmt{unless(c, s)}
		}
		return nil
	}
	if c, inner := guarded(s); c != nil && t2 != nil {
		if t1 := f.acquired(inner); t1 != nil {
			next.(*ast.AssignStmt).Rhs = []ast.Expr{ident(t1)}
			again := &ast.AssignStmt{Lhs: []ast.Expr{ident(t2)}, Tok: token.ASSIGN,
				Rhs: []ast.Expr{&ast.CallExpr{Fun: sel(f.pkg, "U")}}}
			return []ast.Stmt{next, unless(c, again)}
		}
	}
	return nil
}

// acquired returns t when s is PKG.A(t).
func (f fuser) acquired(s ast.Stmt) *ast.Ident {
	if args, ok := pkgCall(s, f.pkg, "A"); ok && len(args) == 1 {
		t, _ := args[0].(*ast.Ident)
		return t
	}
	return nil
}

// isRelease reports whether s is PKG.U().
func (f fuser) isRelease(s ast.Stmt) bool {
	args, ok := pkgCall(s, f.pkg, "U")
	return ok && len(args) == 0
}

// guarded returns c and S when s is `if c { S }` with c a name.
func guarded(s ast.Stmt) (*ast.Ident, ast.Stmt) {
	ifs, ok := s.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return nil, nil
	}
	c, ok := ifs.Cond.(*ast.Ident)
	if !ok {
		return nil, nil
	}
	return c, ifs.Body.List[0]
}

// releaseVar returns t when n is t := PKG.U().
func releaseVar(n ast.Node, pkg string) *ast.Ident {
	as, ok := n.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil
	}
	if c, ok := as.Rhs[0].(*ast.CallExpr); !ok || len(c.Args) != 0 || !isSel(c.Fun, pkg, "U") {
		return nil
	}
	t, _ := as.Lhs[0].(*ast.Ident)
	return t
}

// pkgCall returns the arguments when s is the statement PKG.NAME(...).
func pkgCall(s ast.Stmt, pkg, name string) ([]ast.Expr, bool) {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return nil, false
	}
	c, ok := es.X.(*ast.CallExpr)
	if !ok || !isSel(c.Fun, pkg, name) {
		return nil, false
	}
	return c.Args, true
}

func isSel(x ast.Expr, pkg, name string) bool {
	s, ok := x.(*ast.SelectorExpr)
	if !ok || s.Sel.Name != name {
		return false
	}
	id, ok := s.X.(*ast.Ident)
	return ok && id.Name == pkg
}

// unless is `if !c { s }`.
func unless(c *ast.Ident, s ast.Stmt) ast.Stmt {
	return &ast.IfStmt{Cond: &ast.UnaryExpr{Op: token.NOT, X: ident(c)}, Body: &ast.BlockStmt{List: []ast.Stmt{s}}}
}
