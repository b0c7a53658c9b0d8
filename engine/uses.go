package engine

import "go/ast"

// inspectUses calls f for every identifier in n that uses a name in scope:
// not a name after a dot, the key of a composite literal (a struct field),
// or a label.
func inspectUses(n ast.Node, f func(*ast.Ident)) {
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, visit)
			return false
		case *ast.KeyValueExpr:
			if _, ok := n.Key.(*ast.Ident); ok {
				ast.Inspect(n.Value, visit)
				return false
			}
		case *ast.BranchStmt:
			return false
		case *ast.LabeledStmt:
			ast.Inspect(n.Stmt, visit)
			return false
		case *ast.Ident:
			f(n)
		}
		return true
	}
	ast.Inspect(n, visit)
}
