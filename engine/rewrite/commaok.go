package rewrite

import (
	"go/ast"
	"go/token"
)

// CommaOK rewrites the comma-ok definitions among a cell's top-level
// statements. The interpreter's global analysis types a top-level
// `v, ok := X` from X's type before anything has typed X, and fails ("nil
// type"); a definition from a single value and a comma-ok assignment both
// work. So each one becomes a definition that gives v its type, `ok :=
// false`, and the assignment, which does the one real operation:
//
//	v, ok := m[k]   →  v := m[k]; ok := false; v, ok = m[k]
//	v, ok := e.(T)  →  v := *new(T); ok := false; v, ok = e.(T)
//	v, ok := <-c    →  _gkz1 := c; PKG.Closed(&_gkz1); v := <-_gkz1; ok := false; v, ok = <-c
//
// Operands with calls or receives are first bound to temporaries, so they
// are evaluated once. PKG.Closed replaces a channel variable by a closed
// channel of its type: the receive from it only types v. Comma-ok
// definitions nested in a top-level statement are OwnFrames' work.
func CommaOK(block *ast.BlockStmt, pkg string) {
	var out []ast.Stmt
	for _, s := range block.List {
		switch {
		case commaOKDefine(s) != nil:
			out = append(out, splitCommaOK(commaOKDefine(s), pkg)...)
		default:
			out = append(out, s)
		}
	}
	block.List = out
}

// commaOKDefine returns s when it is `a, b := X` with X a map index, a
// type assertion or a receive, and at least one of a, b is not blank.
func commaOKDefine(s ast.Stmt) *ast.AssignStmt {
	as, ok := s.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil
	}
	if isBlank(as.Lhs[0]) && isBlank(as.Lhs[1]) {
		return nil // "no new variables": left for the compiler to report
	}
	switch x := ast.Unparen(as.Rhs[0]).(type) {
	case *ast.IndexExpr:
		return as
	case *ast.TypeAssertExpr:
		if x.Type != nil {
			return as
		}
	case *ast.UnaryExpr:
		if x.Op == token.ARROW {
			return as
		}
	}
	return nil
}

// leavesFrame reports whether s holds a return, defer or goto of its own,
// which would mean something else in a function literal.
func leavesFrame(s ast.Stmt) bool {
	found := false
	inspectOwn(s, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.ReturnStmt, *ast.DeferStmt:
			found = true
		case *ast.BranchStmt:
			found = found || n.Tok == token.GOTO
		}
	})
	return found
}

// inspectOwn calls f for the nodes of s outside function literals.
func inspectOwn(s ast.Stmt, f func(ast.Node)) {
	ast.Inspect(s, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n != nil {
			f(n)
		}
		return true
	})
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// splitCommaOK returns the statements that replace the definition as.
func splitCommaOK(as *ast.AssignStmt, pkg string) []ast.Stmt {
	c := &commaOK{pkg: pkg, pos: as.Pos()}
	x := ast.Unparen(as.Rhs[0])
	var zero ast.Stmt // defines v with its type
	v, ok := as.Lhs[0], as.Lhs[1]
	switch x := x.(type) {
	case *ast.IndexExpr:
		x.X, x.Index = c.once(x.X, "_gkm"), c.once(x.Index, "_gkk")
		zero = c.define(v, &ast.IndexExpr{X: x.X, Index: x.Index})
	case *ast.TypeAssertExpr:
		x.X = c.once(x.X, "_gke")
		newT := &ast.CallExpr{Fun: &ast.Ident{NamePos: c.pos, Name: "new"}, Args: []ast.Expr{x.Type}}
		zero = c.define(v, &ast.StarExpr{Star: c.pos, X: newT})
	case *ast.UnaryExpr:
		x.X = c.once(x.X, "_gkc")
		if isBlank(v) {
			// The interpreter cannot assign a comma-ok receive to _.
			v = c.named("_gkr")
			as.Lhs[0] = v
		}
		z := c.temp("_gkz", x.X)
		c.pre = append(c.pre, &ast.ExprStmt{X: &ast.CallExpr{Fun: selAt(pkg, "Closed", c.pos),
			Args: []ast.Expr{&ast.UnaryExpr{OpPos: c.pos, Op: token.AND, X: ident(z)}}}})
		zero = c.define(v, &ast.UnaryExpr{OpPos: c.pos, Op: token.ARROW, X: ident(z)})
	}
	out := c.pre
	if !isBlank(v) {
		out = append(out, zero)
	}
	if !isBlank(ok) {
		out = append(out, c.define(ok, &ast.Ident{NamePos: c.pos, Name: "false"}))
	}
	assign := &ast.AssignStmt{Lhs: as.Lhs, TokPos: as.TokPos, Tok: token.ASSIGN, Rhs: as.Rhs}
	return append(out, assign)
}

// commaOK collects the statements that bind operands to temporaries.
type commaOK struct {
	pkg string
	pos token.Pos
	pre []ast.Stmt
}

// once returns e when evaluating it again is harmless, else a temporary
// bound to it. Constants stay as written: a temporary would give an
// untyped constant its default type.
func (c *commaOK) once(e ast.Expr, prefix string) ast.Expr {
	if !hasEffects(e) {
		return e
	}
	return ident(c.temp(prefix, e))
}

// temp binds a new temporary to e.
func (c *commaOK) temp(prefix string, e ast.Expr) *ast.Ident {
	t := c.named(prefix)
	c.pre = append(c.pre, c.define(t, e))
	return t
}

// named returns a new temporary's name. Temporaries are session
// variables, so they are numbered process-wide, as the blocking rewrite's
// are.
func (c *commaOK) named(prefix string) *ast.Ident {
	t := (&blocker{}).name(prefix)
	t.NamePos = c.pos
	return t
}

func (c *commaOK) define(lhs, rhs ast.Expr) ast.Stmt {
	return &ast.AssignStmt{Lhs: []ast.Expr{ident(lhs)}, TokPos: c.pos, Tok: token.DEFINE, Rhs: []ast.Expr{rhs}}
}

// ident returns a fresh copy of an identifier: the rewritten statements
// must not share nodes, which later rewrites may change in place.
func ident(e ast.Expr) *ast.Ident {
	id := e.(*ast.Ident)
	return &ast.Ident{NamePos: id.NamePos, Name: id.Name}
}

// hasEffects reports whether evaluating e may do more than read: calls
// (conversions included, which is harmless) and receives. An operand
// without them appears in two statements and is evaluated twice.
func hasEffects(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			found = true // a literal too: the copies must not share its body
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW
		}
		return !found
	})
	return found
}

// IsCommaOKDefine reports whether s is a comma-ok definition that CommaOK
// rewrites at a cell's top level.
func IsCommaOKDefine(s ast.Stmt) bool { return commaOKDefine(s) != nil }
