package rewrite

import (
	"go/ast"
	"go/token"
)

// A hoister moves chosen calls and receives out of a statement into
// temporaries assigned just before it, so that code can run around them:
//
//	x := f(g(a), <-c) + 1  →  _gkv1 := g(a); WRAP(_gkv2 := <-c); x := f(_gkv1, _gkv2) + 1
//
// Go evaluates the calls and receives of an expression in lexical
// left-to-right order (operands first); everything the statement evaluates
// before a moved operand moves with it, so that order is kept. Reading
// plain variables may happen earlier or later, as the language allows.
// Builtins without side effects and conversions to basic types stay in
// place.
type hoister struct {
	// take reports whether a call or receive must run as a statement of
	// its own.
	take func(x ast.Expr) bool
	// wrap returns the statements that evaluate a taken x into the new
	// variable v; nil means a plain `v := x`.
	wrap func(v *ast.Ident, x ast.Expr) []ast.Stmt
	// single reports whether call, where several results would be allowed
	// (the sole argument of a call), returns exactly one; calls it cannot
	// tell about are not moved.
	single func(call *ast.CallExpr) bool
	// shortCircuit takes operands on the right of && and ||, by turning
	// the expression into an if; without it they stay where they are.
	shortCircuit bool
	// strict moves nothing when an event that would move cannot;
	// otherwise such events stay in place and the others move.
	strict bool
	// done marks the statements made, which the walk meets again.
	done map[ast.Stmt]bool
}

// An event is a call or receive the statement evaluates, or an && / ||
// whose right operand holds some.
type event struct {
	slot  *ast.Expr
	multi bool // the sole argument of a call: may have several results
	take  bool
	right []event // of an && / || whose right operand has taken events
}

// collect appends the events of *p in evaluation order.
func (h *hoister) collect(p *ast.Expr, multi bool, out []event) []event {
	switch e := (*p).(type) {
	case nil, *ast.FuncLit:
	case *ast.CallExpr:
		out = h.collectCall(e, out)
		if !pure(e) {
			out = append(out, event{slot: p, multi: multi, take: h.take(e)})
		}
	case *ast.UnaryExpr:
		out = h.collect(&e.X, false, out)
		if e.Op == token.ARROW {
			out = append(out, event{slot: p, take: h.take(e)})
		}
	case *ast.BinaryExpr:
		out = h.collect(&e.X, false, out)
		if e.Op != token.LAND && e.Op != token.LOR {
			return h.collect(&e.Y, false, out)
		}
		right := h.collect(&e.Y, false, nil)
		switch {
		case h.shortCircuit && lastTaken(right) >= 0:
			out = append(out, event{slot: p, take: true, right: right})
		case len(right) > 0: // evaluated as a whole, in its place
			out = append(out, event{slot: p})
		}
	case *ast.ParenExpr:
		out = h.collect(&e.X, multi, out)
	case *ast.SelectorExpr:
		out = h.collect(&e.X, false, out)
	case *ast.IndexExpr:
		out = h.collect(&e.Index, false, h.collect(&e.X, false, out))
	case *ast.IndexListExpr:
		out = h.collect(&e.X, false, out)
	case *ast.SliceExpr:
		out = h.collect(&e.X, false, out)
		for _, q := range []*ast.Expr{&e.Low, &e.High, &e.Max} {
			out = h.collect(q, false, out)
		}
	case *ast.StarExpr:
		out = h.collect(&e.X, false, out)
	case *ast.TypeAssertExpr:
		out = h.collect(&e.X, false, out)
	case *ast.CompositeLit:
		for i := range e.Elts {
			out = h.collect(&e.Elts[i], false, out)
		}
	case *ast.KeyValueExpr:
		out = h.collect(&e.Value, false, h.collect(&e.Key, false, out))
	}
	return out
}

// collectCall appends the events of a call's function and arguments, which
// run before the call.
func (h *hoister) collectCall(c *ast.CallExpr, out []event) []event {
	out = h.collect(&c.Fun, false, out)
	for i := range c.Args {
		out = h.collect(&c.Args[i], len(c.Args) == 1, out)
	}
	return out
}

// lastTaken is the index of the last taken event, or -1.
func lastTaken(evs []event) int {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].take {
			return i
		}
	}
	return -1
}

// moveOut moves the events up to the last taken one and returns the
// statements that evaluate them: nil when none is taken, or when strict
// and one cannot move.
func (h *hoister) moveOut(evs []event) []ast.Stmt {
	last := lastTaken(evs)
	if last < 0 || h.strict && !h.movable(evs, last) {
		return nil
	}
	return h.hoist(evs, last)
}

// movable reports whether events[0..upto] can all move: a call whose
// result count is unknown cannot.
func (h *hoister) movable(evs []event, upto int) bool {
	for _, ev := range evs[:upto+1] {
		if !h.canMove(ev) {
			return false
		}
	}
	return true
}

func (h *hoister) canMove(ev event) bool {
	c, isCall := (*ev.slot).(*ast.CallExpr)
	return !isCall || !ev.multi || (h.single != nil && h.single(c))
}

// hoist moves events[0..upto] out, in order, and returns the statements
// that evaluate them; events that cannot move stay in place.
func (h *hoister) hoist(evs []event, upto int) []ast.Stmt {
	var pre []ast.Stmt
	for _, ev := range evs[:upto+1] {
		if ev.right != nil {
			pre = append(pre, h.shortCircuitStmts(ev)...)
			continue
		}
		if !h.canMove(ev) {
			continue
		}
		v := TempName("_gkv")
		var stmts []ast.Stmt
		if ev.take && h.wrap != nil {
			stmts = h.wrap(v, *ev.slot)
		}
		if stmts == nil {
			stmts = []ast.Stmt{define(v, *ev.slot)}
		}
		pre = append(pre, h.mark(stmts)...)
		*ev.slot = &ast.Ident{NamePos: (*ev.slot).Pos(), Name: v.Name}
	}
	return pre
}

// shortCircuitStmts evaluates X && Y (or X || Y) into a variable, with Y's
// events moved into the branch that evaluates Y:
//
//	_gkv1 := X; if _gkv1 { PRE(Y); _gkv1 = Y }   (|| tests !_gkv1)
func (h *hoister) shortCircuitStmts(ev event) []ast.Stmt {
	b := (*ev.slot).(*ast.BinaryExpr)
	v := TempName("_gkv")
	body := h.hoist(ev.right, lastTaken(ev.right))
	body = append(body, &ast.AssignStmt{Lhs: []ast.Expr{ident(v)}, Tok: token.ASSIGN, Rhs: []ast.Expr{b.Y}})
	var cond ast.Expr = ident(v)
	if b.Op == token.LOR {
		cond = &ast.UnaryExpr{Op: token.NOT, X: cond}
	}
	stmts := []ast.Stmt{define(v, b.X), &ast.IfStmt{Cond: cond, Body: &ast.BlockStmt{List: body}}}
	*ev.slot = &ast.Ident{NamePos: b.Pos(), Name: v.Name}
	return h.mark(stmts)
}

func (h *hoister) mark(stmts []ast.Stmt) []ast.Stmt {
	for _, s := range stmts {
		h.done[s] = true
	}
	return stmts
}

func define(v *ast.Ident, x ast.Expr) ast.Stmt {
	return &ast.AssignStmt{Lhs: []ast.Expr{ident(v)}, Tok: token.DEFINE, Rhs: []ast.Expr{x}}
}

// pureFuncs are builtins without side effects and basic types, whose
// calls (conversions) need not keep their place among the others.
var pureFuncs = map[string]bool{
	"len": true, "cap": true, "min": true, "max": true, "complex": true, "real": true, "imag": true,
	"make": true, "new": true, "append": true,
	"bool": true, "string": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true, "byte": true, "rune": true,
	"any": true,
}

func pure(c *ast.CallExpr) bool {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return pureFuncs[f.Name] && f.Obj == nil
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType:
		return true // conversions
	}
	return false
}

// simpleRoots are the expression fields a simple statement evaluates
// itself, in order; nil for the other statements.
func simpleRoots(s ast.Stmt) []*ast.Expr {
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
	case *ast.SendStmt:
		roots = append(roots, &s.Chan, &s.Value)
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				for i := range vs.Values {
					roots = append(roots, &vs.Values[i])
				}
			}
		}
	}
	return roots
}

// wholeCall returns the call or receive that is s's whole work, in a place
// where it may have several results (`a, b := x.M()`, `return x.M()`, a
// call statement), or nil.
func wholeCall(s ast.Stmt) *ast.Expr {
	switch s := s.(type) {
	case *ast.ExprStmt:
		return &s.X
	case *ast.AssignStmt:
		// x := <-c is not: the interpreter types a top-level variable
		// defined by a receive badly; it is hoisted like any receive.
		if len(s.Rhs) == 1 && (len(s.Lhs) > 1 || !isRecv(s.Rhs[0])) {
			return &s.Rhs[0]
		}
	case *ast.ReturnStmt:
		if len(s.Results) == 1 {
			return &s.Results[0]
		}
	}
	return nil
}

// collectRoots collects the events of roots; whole, when not nil, is one
// of them whose own call or receive is left out (its operands' events are
// kept).
func (h *hoister) collectRoots(roots []*ast.Expr, whole *ast.Expr) []event {
	var evs []event
	for _, r := range roots {
		if r != whole {
			evs = h.collect(r, false, evs)
			continue
		}
		switch e := ast.Unparen(*r).(type) {
		case *ast.CallExpr:
			evs = h.collectCall(e, evs)
		case *ast.UnaryExpr:
			evs = h.collect(&e.X, false, evs)
		default:
			evs = h.collect(r, false, evs)
		}
	}
	return evs
}

// withInit rewrites an if or switch statement: events in its condition (or
// tag) move before it, and so does its init statement (rewritten by stmt),
// in a block that keeps the init's names to the statement. An else-if is
// rewritten the same way inside an else block of its own.
func (h *hoister) withInit(s ast.Stmt, init *ast.Stmt, cond *ast.Expr, ifs *ast.IfStmt, stmt func(ast.Stmt) []ast.Stmt) []ast.Stmt {
	var pre []ast.Stmt
	if *cond != nil {
		pre = h.moveOut(h.collect(cond, false, nil))
	}
	var initStmts []ast.Stmt
	if *init != nil {
		initStmts = stmt(*init)
	}
	if ifs != nil {
		if elif, ok := ifs.Else.(*ast.IfStmt); ok {
			if r := stmt(elif); len(r) != 1 || r[0] != elif {
				ifs.Else = &ast.BlockStmt{List: r}
			}
		}
	}
	if len(pre) == 0 && (len(initStmts) == 0 || len(initStmts) == 1 && initStmts[0] == *init) {
		return []ast.Stmt{s}
	}
	h.done[s] = true
	if *init == nil {
		return append(pre, s)
	}
	*init = nil
	list := append(h.mark(initStmts), pre...)
	return []ast.Stmt{&ast.BlockStmt{List: append(list, s)}}
}

// stmtList returns the statement list n holds: a block's, or a case or
// select clause's body; nil for other nodes.
func stmtList(n ast.Node) *[]ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return &n.List
	case *ast.CaseClause:
		return &n.Body
	case *ast.CommClause:
		return &n.Body
	}
	return nil
}

// eachList replaces every statement list under n, outermost first, by what
// f makes of it; the walk goes on into the new statements.
func eachList(n ast.Node, f func([]ast.Stmt) []ast.Stmt) {
	ast.Inspect(n, func(n ast.Node) bool {
		if l := stmtList(n); l != nil {
			*l = f(*l)
		}
		return true
	})
}
