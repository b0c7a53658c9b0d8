package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// Hooks are the calls the profiler's rewrites insert. Enter and Exit
// name what to call: an interpreted variable holding a host function
// ("_gkpe"), which the interpreter calls without the frame slot a host
// call written in place costs every call of the function, or a selector
// ("_gk.PE"). Flag, when not empty, replaces the condition of the
// function-entry checkpoint: an interpreted bool that is also set while
// profiling, which loop checkpoints do not read.
type Hooks struct {
	Flag        string
	Enter, Exit string
	// ID registers a function, named as the profiler prints it, declared
	// at pos, and returns the number its hooks pass.
	ID func(name string, pos token.Pos) int
}

// ProfileEntries turns the checkpoint that starts every function body in
// n (inserted by Checkpoints or a variant) into one that also records the
// call:
//
//	if COND { SLOW() }  →  if FLAG { ENTER(id); defer EXIT() }
//
// ENTER must run the slow path too. The defer is taken whenever the flag
// is set, profiling or not: an EXIT whose ENTER recorded nothing finds
// nothing of its own to end. Bodies of functions the rewrites made
// themselves (no position) keep their checkpoint.
func ProfileEntries(n ast.Node, h Hooks) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				h.entry(n.Body, FuncName(n), n.Type.Func)
			}
		case *ast.FuncLit:
			h.entry(n.Body, "<func literal>", n.Type.Func)
		}
		return true
	})
}

func (h Hooks) entry(b *ast.BlockStmt, name string, pos token.Pos) {
	if !pos.IsValid() || len(b.List) == 0 {
		return
	}
	cp, ok := b.List[0].(*ast.IfStmt)
	if !ok || cp.Else != nil || cp.Init != nil {
		return
	}
	at := cp.If
	if h.Flag != "" {
		cp.Cond = &ast.Ident{NamePos: at, Name: h.Flag}
	}
	id := h.ID(name, pos)
	cp.Body = &ast.BlockStmt{Lbrace: at, Rbrace: at, List: []ast.Stmt{
		&ast.ExprStmt{X: call(h.Enter, at, intLit(id, at))},
		&ast.DeferStmt{Defer: at, Call: call(h.Exit, at)},
	}}
}

// FuncName names a declared function as the profiler prints it: "fib",
// or for methods "T.M" and "(*T).M".
func FuncName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	ptr := false
	if s, ok := t.(*ast.StarExpr); ok {
		ptr, t = true, s.X
	}
	switch x := t.(type) { // generic receivers: T[K] → T
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	recv := "?"
	if id, ok := t.(*ast.Ident); ok {
		recv = id.Name
	}
	if ptr {
		return "(*" + recv + ")." + d.Name.Name
	}
	return recv + "." + d.Name.Name
}

// call builds a call of fn, an identifier or a "pkg.Name" selector.
func call(fn string, pos token.Pos, args ...ast.Expr) *ast.CallExpr {
	var f ast.Expr = &ast.Ident{NamePos: pos, Name: fn}
	if pkg, name, ok := strings.Cut(fn, "."); ok {
		f = selAt(pkg, name, pos)
	}
	return &ast.CallExpr{Fun: f, Lparen: pos, Args: args, Rparen: pos}
}

func intLit(n int, pos token.Pos) *ast.BasicLit {
	return &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(n)}
}
