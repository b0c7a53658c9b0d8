package engine

import (
	"go/ast"
	"go/token"
)

// A package-level `var b = len(m)` fails in the interpreter ("variable
// definition loop") when m is a variable an earlier cell defined with :=,
// and a var reading the cell's own statements cannot work at file level at
// all. Notebook authors mean such a var as a statement, run in order with
// the cell's other statements, so takeInitVars moves the specs with values
// into the statement block, in source order:
//
//	var b = len(m)      →  b := len(m)
//	var f float64 = x   →  var f float64 = x
//
// The cell's functions are compiled before its statements, so a var they
// use stays declared in the file: with its type and its value assigned
// among the statements when the type is written (`var t int = 5` →
// `var t int` + `t = 5`), as it was otherwise.

// initAction is what takeInitVars does with one spec.
type initAction int

const (
	moveSpec  initAction = iota // the whole spec becomes a statement
	splitSpec                   // the file declares it, a statement assigns
	keepSpec                    // it stays in the file as written
)

// takeInitVars removes or splits the cell's var specs with values and
// returns the statements that replace them.
func (s *Session) takeInitVars(u *unit) []ast.Stmt {
	specs := initSpecs(u.file)
	if len(specs) == 0 {
		return nil
	}
	plan := planInitVars(specs, funcNames(u.file))
	var moved []ast.Stmt
	decls := u.file.Decls[:0]
	for _, d := range u.file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			decls = append(decls, d)
			continue
		}
		kept := gd.Specs[:0]
		for _, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			switch plan[vs] {
			case moveSpec:
				moved = append(moved, specStmt(gd, vs))
				continue
			case splitSpec:
				moved = append(moved, specAssign(vs))
				vs.Values = nil
			}
			kept = append(kept, sp)
		}
		if gd.Specs = kept; len(kept) > 0 {
			decls = append(decls, gd)
		}
	}
	u.file.Decls = decls
	return moved
}

// initSpecs returns the file's var specs with values, in order.
func initSpecs(f *ast.File) []*ast.ValueSpec {
	var specs []*ast.ValueSpec
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, sp := range gd.Specs {
			if vs := sp.(*ast.ValueSpec); len(vs.Values) > 0 {
				specs = append(specs, vs)
			}
		}
	}
	return specs
}

// planInitVars decides each spec's fate. A spec the cell's functions use
// is split when its type is written, else kept. A kept spec's value is
// computed when the file runs, before any statement: the specs it reads
// are kept too, and when it calls anything (which may read a split var),
// the split specs are kept whole.
func planInitVars(specs []*ast.ValueSpec, inFuncs map[string]bool) map[*ast.ValueSpec]initAction {
	plan := map[*ast.ValueSpec]initAction{}
	byName := map[string]*ast.ValueSpec{}
	var kept []*ast.ValueSpec
	for _, vs := range specs {
		plan[vs] = moveSpec
		if commaOKVar(vs) != nil {
			continue // fails at file level whatever uses it (commaok.go)
		}
		for _, id := range vs.Names {
			byName[id.Name] = vs
			if inFuncs[id.Name] && vs.Type != nil {
				plan[vs] = splitSpec
			} else if inFuncs[id.Name] {
				plan[vs] = keepSpec
			}
		}
		if plan[vs] == keepSpec {
			kept = append(kept, vs)
		}
	}
	keep := func(vs *ast.ValueSpec) {
		if plan[vs] != keepSpec {
			plan[vs] = keepSpec
			kept = append(kept, vs)
		}
	}
	for i := 0; i < len(kept); i++ {
		for name := range exprNames(kept[i].Values) {
			if vs, ok := byName[name]; ok {
				keep(vs)
			}
		}
		if hasCall(kept[i].Values) {
			for _, vs := range specs {
				if plan[vs] == splitSpec {
					keep(vs)
				}
			}
		}
	}
	return plan
}

// funcNames returns the identifiers the file's function bodies use.
func funcNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			addNames(names, fd.Body)
		}
	}
	return names
}

func exprNames(xs []ast.Expr) map[string]bool {
	names := map[string]bool{}
	for _, x := range xs {
		addNames(names, x)
	}
	return names
}

// addNames adds the identifiers under n, but not those after a dot.
func addNames(names map[string]bool, n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			addNames(names, n.X)
			return false
		case *ast.Ident:
			names[n.Name] = true
		}
		return true
	})
}

func hasCall(xs []ast.Expr) bool {
	for _, x := range xs {
		found := false
		ast.Inspect(x, func(n ast.Node) bool {
			_, isCall := n.(*ast.CallExpr)
			found = found || isCall
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// specStmt returns the statement a moved spec becomes: a definition when
// the spec has no type (so later rewrites treat it as one), else a var
// declaration. It is placed at the spec's own position, or at the var
// keyword's for an ungrouped var.
func specStmt(gd *ast.GenDecl, vs *ast.ValueSpec) ast.Stmt {
	pos := vs.Pos()
	if !gd.Lparen.IsValid() {
		pos = gd.TokPos
	}
	if vs.Type == nil {
		lhs := make([]ast.Expr, len(vs.Names))
		for i, id := range vs.Names {
			lhs[i] = id
		}
		tok := token.DEFINE
		if allBlank(vs.Names) {
			tok = token.ASSIGN // `_ := x` defines nothing: an error
		}
		return &ast.AssignStmt{Lhs: lhs, TokPos: vs.Names[0].Pos(), Tok: tok, Rhs: vs.Values}
	}
	return &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{vs}}}
}

// specAssign returns the assignment of a split spec's values.
func specAssign(vs *ast.ValueSpec) ast.Stmt {
	lhs := make([]ast.Expr, len(vs.Names))
	for i, id := range vs.Names {
		lhs[i] = &ast.Ident{NamePos: id.NamePos, Name: id.Name}
	}
	return &ast.AssignStmt{Lhs: lhs, TokPos: vs.Names[0].Pos(), Tok: token.ASSIGN, Rhs: vs.Values}
}

func allBlank(ids []*ast.Ident) bool {
	for _, id := range ids {
		if id.Name != "_" {
			return false
		}
	}
	return true
}
