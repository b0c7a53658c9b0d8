package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
)

// OwnFrames runs in a function literal called at once each top-level
// statement of a cell that defines variables inside it (in a nested block
// or a header) from several values at once, or temporaries of the
// rewrites. At a cell's top level the interpreter makes such variables
// session globals, and its global analysis then loses multi-value ones
// (`n, err := strconv.Atoi(s)` in a loop's body, `if v, ok := m[k]; ok`:
// "undefined: err") and fails to type some results of host methods. In a
// function's frame they are compiled as in any function. Statements that
// return, defer or goto keep their place (a function literal would change
// what those mean). Run last: the literal gets no checkpoint or profile
// entry of its own.
func OwnFrames(block *ast.BlockStmt) {
	for i, s := range block.List {
		if needsFrame(s) && !leavesFrame(s) {
			block.List[i] = &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{ownFrame(s)}, Rbrace: s.End()}
		}
	}
}

func needsFrame(s ast.Stmt) bool {
	found := false
	inspectOwn(s, func(n ast.Node) {
		as, ok := n.(*ast.AssignStmt)
		if !ok || n == s || as.Tok != token.DEFINE {
			return
		}
		if len(as.Lhs) > 1 && len(as.Rhs) == 1 {
			found = true
		}
		for _, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && strings.HasPrefix(id.Name, "_gk") {
				found = true
			}
		}
	})
	return found
}
