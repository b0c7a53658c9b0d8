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
	// Scope gives the result counts of calls, to move them out of
	// statements.
	Scope Scope
}

// NativeCalls surrounds each call of a compiled package's function with
// hooks, so the profiler sees the call. A call that is the statement's
// whole work, or the only call in it besides builtins and conversions,
// has the hooks around the statement:
//
//	x := strings.Split(s, ",")   →  if FLAG { ENTER(id) }; x := strings.Split(s, ","); if FLAG { EXIT(id) }
//	n := len(strings.Fields(s))  →  the same around the statement
//	return strconv.Itoa(n)       →  if FLAG { ENTER(id); defer EXIT(id) }; return strconv.Itoa(n)
//
// Otherwise the calls move out of the statement in the order Go evaluates
// them (see hoister), each compiled one between its hooks, so that the time
// between the hooks is the compiled function's own and interpreted calls
// do not appear as its callees:
//
//	fmt.Println(f(x), strings.Repeat("-", n))  →  _gkv1 := f(x); if FLAG { ENTER(a) }; _gkv2 := strings.Repeat("-", n); if FLAG { EXIT(a) }
//	                                              if FLAG { ENTER(b) }; fmt.Println(_gkv1, _gkv2); if FLAG { EXIT(b) }
//
// To keep the tests off the path that does not profile, such a statement
// goes into `if FLAG { moved, with hooks and no tests } else { as written }`.
// A definition can go there when its variable's type can be written
// (Scope.ResultType): `x := strings.Fields(strings.ToLower(s))` becomes
// `var x []string` and an assignment. Other definitions keep their tests,
// as above.
//
// Conditions of if and switch statements are rewritten the same way.
// Calls on the right of && and ||, in loop conditions, in go and defer
// statements and where a call's result count is unknown are not seen, nor
// are those that would have to move in the statements of a cell's top
// level when n is the cell's block: temporaries there would be session
// globals, which the interpreter types less well than a function's
// variables (nested statements are run in frames of their own, see
// OwnFrames).
func NativeCalls(n ast.Node, h NativeHooks) {
	nc := &nativeCalls{NativeHooks: h, done: map[ast.Stmt]bool{}, guards: map[*ast.IfStmt]bool{}}
	nc.h = &hoister{take: nc.isNative, wrap: nc.wrap, single: h.Scope.single, strict: true, done: nc.done}
	top, _ := n.(*ast.BlockStmt)
	ast.Inspect(n, func(n ast.Node) bool {
		if l := stmtList(n); l != nil {
			nc.top = n == ast.Node(top)
			*l = nc.list(*l)
		}
		return true
	})
}

type nativeCalls struct {
	NativeHooks
	h         *hoister
	done      map[ast.Stmt]bool
	top       bool // rewriting the cell's top-level statements: nothing moves
	unguarded bool // in the profiled copy of a statement: hooks without tests
	guards    map[*ast.IfStmt]bool
}

func (nc *nativeCalls) list(in []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range in {
		if nc.done[s] {
			out = append(out, s)
			continue
		}
		pos := s.Pos() // before the rewrite moves its first node
		out = append(out, stamp(nc.stmt(s), pos)...)
	}
	return nc.mergeGuards(out)
}

// mergeGuards joins guards that follow each other, the exit hook of one
// moved call and the enter hook of the next: one test instead of two.
func (nc *nativeCalls) mergeGuards(list []ast.Stmt) []ast.Stmt {
	out := list[:0:0]
	for _, s := range list {
		if g, ok := s.(*ast.IfStmt); ok && nc.guards[g] && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*ast.IfStmt); ok && nc.guards[prev] {
				prev.Body.List = append(prev.Body.List, g.Body.List...)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func (nc *nativeCalls) stmt(s ast.Stmt) []ast.Stmt {
	switch t := s.(type) {
	case *ast.IfStmt:
		if nc.top {
			return []ast.Stmt{s}
		}
		return nc.h.withInit(s, &t.Init, &t.Cond, t, nc.stmt)
	case *ast.SwitchStmt:
		if nc.top {
			return []ast.Stmt{s}
		}
		return nc.h.withInit(s, &t.Init, &t.Tag, nil, nc.stmt)
	}
	roots := simpleRoots(s)
	if roots == nil {
		return []ast.Stmt{s}
	}
	var root *ast.CallExpr // the statement's whole work, when compiled
	whole := wholeCall(s)
	if whole != nil && nc.isNative(ast.Unparen(*whole)) {
		root = ast.Unparen(*whole).(*ast.CallExpr)
	} else {
		whole = nil
	}
	evs := nc.h.collectRoots(roots, whole)
	switch {
	case root != nil && len(evs) == 0:
		return nc.around(s, root)
	case root == nil && len(evs) == 1 && evs[0].take:
		return nc.around(s, (*evs[0].slot).(*ast.CallExpr))
	case nc.top:
		return []ast.Stmt{s}
	}
	upto := len(evs) - 1
	if root == nil {
		upto = lastTaken(evs)
	}
	if upto < 0 || !nc.h.movable(evs, upto) {
		return []ast.Stmt{s}
	}
	if !defines(s) {
		return nc.either(s, evs, upto, root)
	}
	if decl := nc.predeclare(s, root); decl != nil {
		return append([]ast.Stmt{decl}, nc.either(s, evs, upto, root)...)
	}
	return nc.moved(s, evs, upto, root)
}

// either runs s as written unless profiling, and moved apart, with hooks
// and no tests, when profiling: one test for all its calls.
func (nc *nativeCalls) either(s ast.Stmt, evs []event, upto int, root *ast.CallExpr) []ast.Stmt {
	pos := s.Pos()
	orig := clone(s)
	nc.unguarded = true
	profiled := nc.moved(s, evs, upto, root)
	nc.unguarded = false
	nc.done[orig] = true
	return []ast.Stmt{&ast.IfStmt{If: pos, Cond: nc.Cond(pos),
		Body: &ast.BlockStmt{Lbrace: pos, List: profiled, Rbrace: pos},
		Else: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{orig}, Rbrace: pos}}}
}

// predeclare turns `x := root` into `x = root` and returns `var x T`, T
// being root's result type, so that the assignment can go into either's
// two branches; it returns nil, leaving s alone, when s is another
// definition or T cannot be written.
func (nc *nativeCalls) predeclare(s ast.Stmt, root *ast.CallExpr) ast.Stmt {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || root == nil || ast.Unparen(as.Rhs[0]) != root || nc.Scope.ResultType == nil {
		return nil
	}
	x, ok := as.Lhs[0].(*ast.Ident)
	if !ok || x.Name == "_" {
		return nil
	}
	t := nc.Scope.ResultType(root)
	if t == nil {
		return nil
	}
	as.Tok = token.ASSIGN
	pos := s.Pos()
	return &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{{NamePos: pos, Name: x.Name, Obj: x.Obj}}, Type: t}}}}
}

// moved moves events[0..upto] out of s and puts the hooks around the
// compiled calls among them and around root, or around s for the last
// compiled call when nothing follows it.
func (nc *nativeCalls) moved(s ast.Stmt, evs []event, upto int, root *ast.CallExpr) []ast.Stmt {
	if root == nil && upto == len(evs)-1 {
		root = (*evs[upto].slot).(*ast.CallExpr)
		upto--
	}
	pre := nc.h.hoist(evs, upto)
	if root == nil {
		return append(pre, s)
	}
	return append(pre, nc.around(s, root)...)
}

// defines reports whether s declares variables, whose scope a copy of s
// in a branch would end.
func defines(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.AssignStmt:
		return s.Tok == token.DEFINE
	case *ast.DeclStmt:
		return true
	}
	return false
}

// around puts the hooks of c's function around s.
func (nc *nativeCalls) around(s ast.Stmt, c *ast.CallExpr) []ast.Stmt {
	id, _ := nc.native(c)
	pos := s.Pos()
	nc.done[s] = true
	enter := &ast.ExprStmt{X: call(nc.Enter, pos, intLit(id, pos))}
	exit := call(nc.Exit, pos, intLit(id, pos))
	if _, ret := s.(*ast.ReturnStmt); ret {
		return []ast.Stmt{nc.guard(pos, enter, &ast.DeferStmt{Defer: pos, Call: exit}), s}
	}
	return []ast.Stmt{nc.guard(pos, enter), s, nc.guard(pos, &ast.ExprStmt{X: exit})}
}

// wrap evaluates a compiled call into v between its hooks.
func (nc *nativeCalls) wrap(v *ast.Ident, x ast.Expr) []ast.Stmt {
	c := x.(*ast.CallExpr)
	return nc.around(define(v, c), c)
}

func (nc *nativeCalls) isNative(x ast.Expr) bool {
	c, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	_, ok = nc.native(c)
	return ok
}

// native returns the id of the compiled function c calls, when c is
// `pkg.Name(args)`.
func (h NativeHooks) native(c *ast.CallExpr) (int, bool) {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return 0, false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || pkg.Obj != nil { // a name declared in the cell, not a package
		return 0, false
	}
	return h.ID(pkg.Name, sel.Sel.Name)
}

// guard is `if COND { body }`, or the body alone in a profiled copy.
func (nc *nativeCalls) guard(pos token.Pos, body ...ast.Stmt) ast.Stmt {
	if nc.unguarded {
		if len(body) == 1 {
			return body[0]
		}
		return &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: pos}
	}
	g := &ast.IfStmt{If: pos, Cond: nc.Cond(pos), Body: &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: pos}}
	nc.guards[g] = true
	return g
}
