package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"sync/atomic"
)

// Blocking releases the interpreter lock around what may wait for
// another goroutine or the OS: channel operations, which the interpreter
// runs itself (no symbol table can wrap them), and calls of methods named
// like waits (Read, Write, Scan, Accept, Wait, …), whose receiver PKG.UM
// inspects at run time, releasing only for host values that wait
// (files, pipes, connections, commands, and readers around them):
//
//	v := f(<-ch)        →  _gkt1 := PKG.U(); _gkv1 := <-ch; PKG.A(_gkt1); v := f(_gkv1)
//	ch <- x             →  _gkt1 := PKG.U(); ch <- x; PKG.A(_gkt1)
//	n, err := r.Read(p) →  _gkt1 := PKG.UM(&r); n, err := r.Read(p); PKG.A(_gkt1)
//	return r.Read(p)    →  _gkt1 := PKG.UM(&r); defer PKG.A(_gkt1); return r.Read(p)
//	select {...}        →  _gkt1 := PKG.U(); select { case ...: PKG.A(_gkt1); ... }
//	for sc.Scan() {…}   →  for { _gkt1 := PKG.UM(&sc); _gkv1 := sc.Scan(); PKG.A(_gkt1); if !(_gkv1) { break }; … }
//	for v := range X {…} → a receive loop like the above when X is a
//	                        channel at run time (PKG.C), else the loop as written
//
// U releases the lock held by the calling goroutine and returns what A
// needs to take it back (nil when it held nothing). Waits inside an
// expression move out of the statement with whatever it evaluates before
// them (see hoister), so interpreted code never runs unlocked; on the right
// of && and || they move into an if. A select with a default clause does
// not block and keeps the lock. Waits in switch cases, in deferred calls
// and where a call's result count is unknown (`f(r.ReadString('\n'))`)
// keep the lock.
func Blocking(n ast.Node, pkg string, sc Scope) {
	b := &blocker{pkg: pkg, scope: sc, done: map[ast.Stmt]bool{}}
	b.h = &hoister{take: b.waits, wrap: b.wrap, single: sc.single, shortCircuit: true, done: b.done}
	eachList(n, b.list)
	fuse(n, pkg)
}

// Scope is what the rewrite knows of the names a cell uses.
type Scope struct {
	// IsPackage reports whether name is an imported package's name.
	IsPackage func(name string) bool
	// Results returns the number of results of the function a call
	// calls, when it is known.
	Results func(c *ast.CallExpr) (int, bool)
	// Global declares a package-level bool variable the rewrite uses;
	// nil: the rewrite declares none.
	Global func(name string)
	// StructVar reports whether name, not declared in the function at
	// hand, is a package-level variable holding a struct (or other
	// non-pointer, non-interface) value.
	StructVar func(name string) bool
	// ValueType reports whether a type expression names such a type.
	ValueType func(t ast.Expr) bool
	// NeverWaits reports whether a variable declared with type (or
	// initial value) x can never hold a value whose methods wait: its
	// calls of wait-named methods need no check at all.
	NeverWaits func(x ast.Expr) bool
	// NeverWaitsVar is NeverWaits for a variable declared elsewhere.
	NeverWaitsVar func(name string) bool
	// ResultType returns the type of the one result of the compiled
	// function a call calls, as an expression the cell can write, or nil.
	ResultType func(c *ast.CallExpr) ast.Expr
}

// neverWaits reports whether x is a variable whose declared type or
// initial value says it never waits (`var sb strings.Builder`,
// `b := &bytes.Buffer{}`, a *strings.Builder parameter).
func (sc Scope) neverWaits(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok || sc.NeverWaits == nil {
		return false
	}
	if id.Obj == nil {
		return sc.NeverWaitsVar != nil && sc.NeverWaitsVar(id.Name)
	}
	if id.Obj.Kind != ast.Var {
		return false
	}
	switch d := id.Obj.Decl.(type) {
	case *ast.Field:
		return sc.NeverWaits(d.Type)
	case *ast.ValueSpec:
		if d.Type != nil {
			return sc.NeverWaits(d.Type)
		}
		if i := indexOf(d.Names, id.Name); i >= 0 && i < len(d.Values) {
			return sc.NeverWaits(d.Values[i])
		}
	case *ast.AssignStmt:
		for i, l := range d.Lhs {
			if n, ok := l.(*ast.Ident); ok && n.Name == id.Name && len(d.Lhs) == len(d.Rhs) {
				return sc.NeverWaits(d.Rhs[i])
			}
		}
	}
	return false
}

func (sc Scope) isPackage(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Obj == nil && sc.IsPackage != nil && sc.IsPackage(id.Name)
}

func (sc Scope) single(c *ast.CallExpr) bool {
	if sc.Results == nil {
		return false
	}
	n, ok := sc.Results(c)
	return ok && n == 1
}

// waitMethods are the names of methods that may wait on the OS or on
// another goroutine when their receiver is a file, pipe, connection,
// process or a reader or writer around one.
var waitMethods = map[string]bool{
	"Read": true, "ReadAt": true, "ReadFrom": true, "ReadFromUDP": true, "ReadMsgUDP": true,
	"Write": true, "WriteAt": true, "WriteTo": true, "WriteToUDP": true, "WriteString": true,
	"WriteByte": true, "WriteRune": true, "ReadString": true, "ReadBytes": true, "ReadLine": true,
	"ReadRune": true, "ReadByte": true, "ReadSlice": true, "Peek": true, "Discard": true, "Flush": true,
	"Scan": true, "Accept": true, "AcceptTCP": true, "AcceptUnix": true, "Wait": true, "Run": true,
	"Output": true, "CombinedOutput": true, "Do": true, "Get": true, "Post": true, "PostForm": true,
	"Head": true, "Serve": true, "ListenAndServe": true, "Shutdown": true, "Decode": true,
	"Encode": true, "ReadAll": true, "Sync": true, "Close": true, "Token": true,
}

// names numbers the temporaries process-wide: top-level temporaries of one
// cell become session variables, which a later cell must not redeclare.
var names atomic.Int64

type blocker struct {
	pkg   string
	scope Scope
	h     *hoister
	done  map[ast.Stmt]bool // statements made or already rewritten, met again by the walk
}

func (b *blocker) name(prefix string) *ast.Ident {
	return ast.NewIdent(fmt.Sprintf("%s%d", prefix, names.Add(1)))
}

// list rewrites the statements of one list; nested lists are reached by
// the caller's walk.
func (b *blocker) list(in []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range in {
		if b.done[s] {
			out = append(out, s)
			continue
		}
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
	case *ast.RangeStmt:
		b.done[s] = true
		if r := b.rangeStmt(s, t); r != nil {
			return []ast.Stmt{r}
		}
		return []ast.Stmt{s}
	case *ast.ForStmt:
		return b.forStmt(s, t)
	case *ast.IfStmt:
		return b.h.withInit(s, &t.Init, &t.Cond, t, b.stmt)
	case *ast.SwitchStmt:
		return b.h.withInit(s, &t.Init, &t.Tag, nil, b.stmt)
	case *ast.SendStmt:
		evs := b.h.collectRoots(simpleRoots(t), nil)
		pre := b.h.hoist(evs, len(evs)-1)
		r := b.around(nil)
		return append(pre, b.mark(append(r.before(), s, r.after)...)...)
	}
	return b.simple(s, target)
}

// simple rewrites an expression, assignment, return, inc/dec or var
// statement.
func (b *blocker) simple(s, target ast.Stmt) []ast.Stmt {
	roots := simpleRoots(target)
	if roots == nil {
		return []ast.Stmt{s}
	}
	whole := wholeCall(target)
	_, ret := target.(*ast.ReturnStmt)
	if whole != nil && (!b.waits(ast.Unparen(*whole)) || ret && isRecv(*whole)) {
		whole = nil // a return of a receive is hoisted like any
	}
	if whole == nil {
		return append(b.h.moveOut(b.h.collectRoots(roots, nil)), s)
	}
	evs := b.h.collectRoots(roots, whole)
	pre := b.h.hoist(evs, len(evs)-1)
	r := b.around(ast.Unparen(*whole))
	switch {
	case r.decl == nil:
		return append(pre, s)
	case ret: // A(nil) does nothing
		return append(pre, b.mark(append(r.before(), &ast.DeferStmt{Call: b.acquireCall(r.tv)}, s)...)...)
	case r.site != nil && !defines(target):
		// One test once the site knows its receiver never waits:
		// if _gkn1 { S } else { var _gkt1 …; _gkt1 = PKG.UM(…); S; … }
		fast := clone(s)
		b.done[fast] = true
		return append(pre, b.mark(&ast.IfStmt{Cond: ident(r.site),
			Body: &ast.BlockStmt{List: []ast.Stmt{fast}},
			Else: &ast.BlockStmt{List: b.mark(r.decl, r.um, s, r.after)}})...)
	}
	return append(pre, b.mark(append(r.before(), s, r.after)...)...)
}

// forStmt moves waits out of a loop's header. Those of the condition go
// to the top of the body:
//
//	for COND { BODY }  →  for { PRE; if !(COND') { break }; BODY }
//
// (continue still runs the post statement, which the condition follows).
// A rewritten init statement runs before the loop, in a block; a rewritten
// post statement runs at the top of every iteration but the first:
//
//	for ; COND; POST { BODY }  →  { _gkf1 := false
//	                                for { if _gkf1 { POST' } else { _gkf1 = true }; PRE; if !(COND') { break }; BODY } }
func (b *blocker) forStmt(s ast.Stmt, f *ast.ForStmt) []ast.Stmt {
	var outer, head []ast.Stmt
	if f.Init != nil {
		if r := b.stmt(f.Init); len(r) != 1 || r[0] != f.Init {
			outer, f.Init = b.mark(r...), nil
		}
	}
	if f.Post != nil {
		if r := b.stmt(f.Post); len(r) != 1 || r[0] != f.Post {
			flag := b.name("_gkf")
			outer = append(outer, b.mark(define(flag, ast.NewIdent("false")))...)
			head = append(head, &ast.IfStmt{Cond: ident(flag), Body: &ast.BlockStmt{List: b.mark(r...)},
				Else: &ast.BlockStmt{List: b.mark(&ast.AssignStmt{Lhs: []ast.Expr{ident(flag)}, Tok: token.ASSIGN,
					Rhs: []ast.Expr{ast.NewIdent("true")}})}})
			f.Post = nil
		}
	}
	if f.Cond != nil {
		pre := b.h.moveOut(b.h.collect(&f.Cond, false, nil))
		if pre != nil || head != nil { // after a moved post, the condition must move too
			head = append(append(head, pre...), &ast.IfStmt{
				Cond: &ast.UnaryExpr{Op: token.NOT, X: &ast.ParenExpr{X: f.Cond}},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.BranchStmt{Tok: token.BREAK}}},
			})
			f.Cond = nil
		}
	}
	b.done[s] = true
	if head != nil {
		f.Body.List = append(stamp(b.mark(head...), f.Body.Lbrace), f.Body.List...)
	}
	if outer == nil {
		return []ast.Stmt{s}
	}
	return []ast.Stmt{&ast.BlockStmt{List: append(outer, s)}}
}

// waits reports whether x is a receive or a call of a method that may wait.
func (b *blocker) waits(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.UnaryExpr:
		return x.Op == token.ARROW
	case *ast.CallExpr:
		return b.receiver(x) != nil
	}
	return false
}

// receiver returns the receiver of a call of a method named like a wait,
// or nil (also when the receiver's declaration shows it never waits).
func (b *blocker) receiver(c *ast.CallExpr) ast.Expr {
	s, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || !waitMethods[s.Sel.Name] || b.scope.isPackage(s.X) || b.scope.neverWaits(s.X) {
		return nil
	}
	return s.X
}

// wrap evaluates a wait into v with the lock released.
func (b *blocker) wrap(v *ast.Ident, x ast.Expr) []ast.Stmt {
	r := b.around(x)
	if r.decl == nil {
		return nil
	}
	return append(append(r.before(), define(v, x)), r.after)
}

// A release is what goes around a wait: decl and um before it, after
// after it, tv the variable holding what A needs. For a channel operation:
//
//	_gkt1 := PKG.U()  …  PKG.A(_gkt1)
//
// For a method call on recv:
//
//	var _gkt1 *PKG.Thread
//	if !_gkn1 { _gkt1 = PKG.UM(&recv, &_gkn1) }  …  if _gkt1 != nil { PKG.A(_gkt1) }
//
// _gkn1 (site), a package-level bool of the call site (see Scope.Global),
// is set by UM when recv's type can never wait (a strings.Builder): from
// then on the call costs a test or three. The address spares UM a copy of
// the receiver, which another goroutine may be changing (a sync.Once doing
// its work); receivers that may not be addressable (an index) are passed as
// values, with no site variable.
type release struct {
	decl, um, after ast.Stmt
	tv, site        *ast.Ident
}

func (r release) before() []ast.Stmt {
	switch {
	case r.um == nil:
		return []ast.Stmt{r.decl}
	case r.site == nil:
		return []ast.Stmt{r.decl, r.um}
	}
	return []ast.Stmt{r.decl, &ast.IfStmt{Cond: &ast.UnaryExpr{Op: token.NOT, X: ident(r.site)},
		Body: &ast.BlockStmt{List: []ast.Stmt{r.um}}}}
}

// around returns the release of a wait x (a receive, a method call, or nil
// for a send or select); one without decl when x's receiver cannot be
// evaluated twice.
func (b *blocker) around(x ast.Expr) release {
	r := release{tv: b.name("_gkt")}
	c, ok := x.(*ast.CallExpr)
	if !ok {
		r.decl = define(r.tv, &ast.CallExpr{Fun: sel(b.pkg, "U")})
		r.after = b.acquire(r.tv)
		return r
	}
	recv := cloneSimple(b.receiver(c))
	if recv == nil {
		return release{}
	}
	var site ast.Expr = ast.NewIdent("nil")
	if addressable(recv) {
		recv = &ast.UnaryExpr{Op: token.AND, X: recv}
		if b.scope.Global != nil {
			r.site = b.name("_gkn")
			b.scope.Global(r.site.Name)
			site = &ast.UnaryExpr{Op: token.AND, X: ident(r.site)}
		}
	}
	r.decl = &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{
		Names: []*ast.Ident{ident(r.tv)}, Type: &ast.StarExpr{X: sel(b.pkg, "Thread")}}}}}
	r.um = &ast.AssignStmt{Lhs: []ast.Expr{ident(r.tv)}, Tok: token.ASSIGN,
		Rhs: []ast.Expr{&ast.CallExpr{Fun: sel(b.pkg, "UM"), Args: []ast.Expr{recv, site}}}}
	r.after = &ast.IfStmt{Cond: &ast.BinaryExpr{X: ident(r.tv), Op: token.NEQ, Y: ast.NewIdent("nil")},
		Body: &ast.BlockStmt{List: []ast.Stmt{b.acquire(r.tv)}}}
	return r
}

func (b *blocker) acquireCall(tv *ast.Ident) *ast.CallExpr {
	return &ast.CallExpr{Fun: sel(b.pkg, "A"), Args: []ast.Expr{ident(tv)}}
}

func (b *blocker) acquire(tv *ast.Ident) ast.Stmt { return &ast.ExprStmt{X: b.acquireCall(tv)} }

func (b *blocker) mark(stmts ...ast.Stmt) []ast.Stmt { return b.h.mark(stmts) }

// selectStmt releases the lock for a select without default. The channel
// and value operands, which a select evaluates on entry in source order,
// move before the release.
func (b *blocker) selectStmt(s ast.Stmt, st *ast.SelectStmt) []ast.Stmt {
	var roots []*ast.Expr
	for _, c := range st.Body.List {
		switch comm := c.(*ast.CommClause).Comm.(type) {
		case nil:
			return []ast.Stmt{s} // default: never blocks
		case *ast.SendStmt:
			roots = append(roots, &comm.Chan, &comm.Value)
		default:
			if p := commRecv(comm); p != nil {
				roots = append(roots, &(*p).(*ast.UnaryExpr).X)
			}
		}
	}
	evs := b.h.collectRoots(roots, nil)
	pre := b.h.hoist(evs, len(evs)-1)
	tv := b.name("_gkt")
	for _, c := range st.Body.List {
		cc := c.(*ast.CommClause)
		cc.Body = append([]ast.Stmt{b.acquire(tv)}, cc.Body...)
	}
	b.done[s] = true
	return append(pre, define(tv, &ast.CallExpr{Fun: sel(b.pkg, "U")}), s)
}

// commRecv returns the receive of a select case (`<-c`, `v := <-c`,
// `v, ok = <-c`).
func commRecv(s ast.Stmt) *ast.Expr {
	var p *ast.Expr
	switch s := s.(type) {
	case *ast.ExprStmt:
		p = &s.X
	case *ast.AssignStmt:
		p = &s.Rhs[0]
	default:
		return nil
	}
	for {
		pe, ok := (*p).(*ast.ParenExpr)
		if !ok {
			break
		}
		p = &pe.X
	}
	if !isRecv(*p) {
		return nil
	}
	return p
}

func isRecv(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW
}

// addressable reports whether x, a receiver cloneSimple copied, is a
// variable, a field reached from one or a dereference: index expressions
// may be of maps and literals of constants.
func addressable(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return x.Name != "_" && x.Name != "nil"
	case *ast.SelectorExpr:
		return addressable(x.X)
	case *ast.StarExpr:
		return true
	case *ast.ParenExpr:
		return addressable(x.X)
	}
	return false
}

// cloneSimple copies a receiver made of names, selectors, indexes,
// dereferences and literals, which can be evaluated twice; nil for
// anything else.
func cloneSimple(x ast.Expr) ast.Expr {
	switch x := x.(type) {
	case *ast.Ident:
		return &ast.Ident{NamePos: x.NamePos, Name: x.Name, Obj: x.Obj}
	case *ast.BasicLit:
		c := *x
		return &c
	case *ast.SelectorExpr:
		if in := cloneSimple(x.X); in != nil {
			return &ast.SelectorExpr{X: in, Sel: ast.NewIdent(x.Sel.Name)}
		}
	case *ast.ParenExpr:
		if in := cloneSimple(x.X); in != nil {
			return &ast.ParenExpr{X: in}
		}
	case *ast.StarExpr:
		if in := cloneSimple(x.X); in != nil {
			return &ast.StarExpr{X: in}
		}
	case *ast.IndexExpr:
		in, ix := cloneSimple(x.X), cloneSimple(x.Index)
		if in != nil && ix != nil {
			return &ast.IndexExpr{X: in, Index: ix}
		}
	}
	return nil
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
