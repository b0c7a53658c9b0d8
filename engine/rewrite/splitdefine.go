package rewrite

import (
	"go/ast"
	"go/token"
)

// SplitDefines rewrites the multi-value definitions `a, b := x, y` under n
// (as many values as names) into one definition per name, in order:
//
//	a, b := x, T{1}  →  a := x; b := T{1}
//
// The interpreter gets two forms wrong. In any function, when a value is a
// composite literal the other names get their zero value; at a cell's top
// level (outside function literals) `a, b := b, a` with existing a and b
// yields zeros too. Top-level definitions are split always, those in
// functions only when a value is a composite literal.
//
// A name declared earlier in the same statement list (or a parameter of
// the function whose body it is) is assigned, as Go does. When a value
// names a variable that an earlier part of the split would already have
// set (`a, b := b, a`), the values are first bound to temporaries, in
// order, so each is read before any is set.
func SplitDefines(n ast.Node) {
	(&splitter{}).walk(n)
}

type splitter struct {
	inFunc bool
	params map[*ast.BlockStmt]map[string]bool // function bodies → parameter names
}

func (s *splitter) walk(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				s.function(n.Recv, n.Type, n.Body)
			}
			return false
		case *ast.FuncLit:
			s.function(nil, n.Type, n.Body)
			return false
		}
		if l := stmtList(n); l != nil {
			b, _ := n.(*ast.BlockStmt) // a function's body has its parameters
			*l = s.list(*l, s.params[b])
		}
		return true
	})
}

// function walks a function body: its lists are split as in a function,
// and its parameters count as declared in its outermost list.
func (s *splitter) function(recv *ast.FieldList, ft *ast.FuncType, body *ast.BlockStmt) {
	names := map[string]bool{}
	for _, fl := range []*ast.FieldList{recv, ft.Params, ft.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, id := range f.Names {
				names[id.Name] = true
			}
		}
	}
	inner := &splitter{inFunc: true, params: map[*ast.BlockStmt]map[string]bool{body: names}}
	inner.walk(body)
}

// list rewrites the definitions of one statement list; nested lists are
// reached by the walk.
func (s *splitter) list(in []ast.Stmt, params map[string]bool) []ast.Stmt {
	declared := map[string]bool{}
	for n := range params {
		declared[n] = true
	}
	var out []ast.Stmt
	for _, st := range in {
		if as := s.splittable(st, declared); as != nil {
			out = append(out, splitDefine(as, declared)...)
		} else {
			out = append(out, st)
		}
		for _, n := range declaredBy(st) {
			declared[n] = true
		}
	}
	return out
}

// splittable returns st when it is a definition to split. A definition
// that defines no new name is left for the compiler to report.
func (s *splitter) splittable(st ast.Stmt, declared map[string]bool) *ast.AssignStmt {
	as, ok := st.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) < 2 || len(as.Lhs) != len(as.Rhs) {
		return nil
	}
	fresh := false
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return nil
		}
		fresh = fresh || id.Name != "_" && !declared[id.Name]
	}
	if !fresh || s.inFunc && !hasCompositeValue(as) {
		return nil
	}
	return as
}

func hasCompositeValue(as *ast.AssignStmt) bool {
	for _, r := range as.Rhs {
		if _, ok := ast.Unparen(r).(*ast.CompositeLit); ok {
			return true
		}
	}
	return false
}

// declaredBy returns the names a statement declares in its list.
func declaredBy(st ast.Stmt) []string {
	var names []string
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE {
			for _, l := range st.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					names = append(names, id.Name)
				}
			}
		}
	case *ast.DeclStmt:
		if gd, ok := st.Decl.(*ast.GenDecl); ok {
			for _, sp := range gd.Specs {
				if vs, ok := sp.(*ast.ValueSpec); ok {
					for _, id := range vs.Names {
						names = append(names, id.Name)
					}
				}
			}
		}
	}
	return names
}

// splitDefine returns the statements that replace as.
func splitDefine(as *ast.AssignStmt, declared map[string]bool) []ast.Stmt {
	pos := as.TokPos
	var out []ast.Stmt
	if readsEarlierName(as) {
		for i, r := range as.Rhs {
			if isConstant(r) {
				continue
			}
			t := TempName("_gkd")
			t.NamePos = pos
			out = append(out, assign(t, token.DEFINE, r, pos))
			as.Rhs[i] = ident(t)
		}
	}
	for i, l := range as.Lhs {
		id := l.(*ast.Ident)
		tok := token.DEFINE
		if id.Name == "_" || declared[id.Name] {
			tok = token.ASSIGN
		}
		out = append(out, assign(id, tok, as.Rhs[i], pos))
	}
	return out
}

func assign(lhs *ast.Ident, tok token.Token, rhs ast.Expr, pos token.Pos) *ast.AssignStmt {
	return &ast.AssignStmt{Lhs: []ast.Expr{lhs}, TokPos: pos, Tok: tok, Rhs: []ast.Expr{rhs}}
}

// readsEarlierName reports whether a value names a variable that the
// split would set before reading it: the value at j names the name at
// i < j.
func readsEarlierName(as *ast.AssignStmt) bool {
	set := map[string]bool{}
	for j, r := range as.Rhs {
		if j > 0 && namesAny(r, set) {
			return true
		}
		if id := as.Lhs[j].(*ast.Ident); id.Name != "_" {
			set[id.Name] = true
		}
	}
	return false
}

// namesAny reports whether e holds an identifier in names; the names
// after a dot (x.name) are fields or methods and do not count.
func namesAny(e ast.Expr, names map[string]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			found = found || namesAny(n.X, names)
			return false
		case *ast.Ident:
			found = found || names[n.Name]
		}
		return !found
	})
	return found
}

// isConstant reports whether e is built of literals and operators only:
// it reads nothing, and a temporary would give it its default type.
func isConstant(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return isConstant(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && e.Op != token.AND && isConstant(e.X)
	case *ast.BinaryExpr:
		return isConstant(e.X) && isConstant(e.Y)
	}
	return false
}

// TempName returns a new temporary's name. Temporaries at a cell's top
// level are session variables, so they are numbered process-wide.
func TempName(prefix string) *ast.Ident { return (&blocker{}).name(prefix) }
