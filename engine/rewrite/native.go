package rewrite

import (
	"go/ast"
	"go/token"
)

// NativeHooks are the calls NativeCalls inserts around calls of compiled
// functions: Enter(id) before, Exit(id) after, each behind the condition
// Cond builds (a flag, as for ProfileEntries).
type NativeHooks struct {
	Cond        func(pos token.Pos) ast.Expr
	Enter, Exit string
	// ID returns the number of the compiled function pkg.name, or false
	// when pkg does not name a compiled package there.
	ID func(pkg, name string) (int, bool)
}

// NativeCalls surrounds each statement that is one call of a compiled
// package's function with hooks, so the profiler sees the call:
//
//	x := strings.Split(s, ",")  →  if FLAG { ENTER(id) }; x := strings.Split(s, ","); if FLAG { EXIT(id) }
//	return strconv.Itoa(n)      →  if FLAG { ENTER(id); defer EXIT(id) }; return strconv.Itoa(n)
//
// Only calls whose arguments call nothing are taken, so that the time
// between the hooks is the compiled function's own; a call nested in an
// expression is not seen.
func NativeCalls(n ast.Node, h NativeHooks) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			n.List = h.list(n.List)
		case *ast.CaseClause:
			n.Body = h.list(n.Body)
		case *ast.CommClause:
			n.Body = h.list(n.Body)
		}
		return true
	})
}

func (h NativeHooks) list(in []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range in {
		c, ret := statementCall(s)
		id, ok := h.native(c)
		if !ok {
			out = append(out, s)
			continue
		}
		pos := s.Pos()
		if ret {
			out = append(out, h.guard(pos, &ast.ExprStmt{X: call(h.Enter, pos, intLit(id, pos))},
				&ast.DeferStmt{Defer: pos, Call: call(h.Exit, pos, intLit(id, pos))}), s)
			continue
		}
		out = append(out, h.guard(pos, &ast.ExprStmt{X: call(h.Enter, pos, intLit(id, pos))}), s,
			h.guard(pos, &ast.ExprStmt{X: call(h.Exit, pos, intLit(id, pos))}))
	}
	return out
}

// statementCall returns the call that is s's whole work, and whether s
// is a return statement.
func statementCall(s ast.Stmt) (*ast.CallExpr, bool) {
	var x ast.Expr
	ret := false
	switch s := s.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	case *ast.ReturnStmt:
		if len(s.Results) == 1 {
			x, ret = s.Results[0], true
		}
	}
	c, _ := x.(*ast.CallExpr)
	return c, ret
}

// native returns the id of the compiled function c calls, when c is
// `pkg.Name(args)` with arguments that call nothing.
func (h NativeHooks) native(c *ast.CallExpr) (int, bool) {
	if c == nil {
		return 0, false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return 0, false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || pkg.Obj != nil { // a name declared in the cell, not a package
		return 0, false
	}
	for _, a := range c.Args {
		if callsSomething(a) {
			return 0, false
		}
	}
	return h.ID(pkg.Name, sel.Sel.Name)
}

func callsSomething(x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		}
		return !found
	})
	return found
}

func (h NativeHooks) guard(pos token.Pos, body ...ast.Stmt) ast.Stmt {
	return &ast.IfStmt{If: pos, Cond: h.Cond(pos),
		Body: &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: pos}}
}
