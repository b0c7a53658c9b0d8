package engine

import (
	"go/ast"
	"go/token"
	"strings"

	"gokernel/engine/rewrite"
)

// When a cell's statements redefine a session variable (`a := a * 2`,
// `b := a; a := "s"`), the interpreter makes every use of the name in the
// cell, even those before the definition, refer to the new variable, which
// holds its zero value until the definition runs. Go reads the old one.
// snapshotRedefined copies each such old value into a temporary, in a
// program of its own that runs before the cell's statements, and makes
// the uses before the definition read the temporary:
//
//	a := a * 2   →  _gko1 := a  (run first)
//	                a := _gko1 * 2
func (s *Session) snapshotRedefined(c *cell, u *unit) *Error {
	vars := s.sessionVars()
	if len(vars) == 0 {
		return nil
	}
	var copies []ast.Stmt
	done := map[string]bool{}
	for i, st := range u.block.List {
		for _, name := range topLevelDefined(st) {
			if !vars[name] || done[name] {
				continue
			}
			done[name] = true
			old := rewrite.TempName("_gko")
			old.NamePos = st.Pos()
			if renameUses(u.block.List[:i], st, name, old.Name) {
				copies = append(copies, &ast.AssignStmt{Lhs: []ast.Expr{old}, TokPos: st.Pos(), Tok: token.DEFINE,
					Rhs: []ast.Expr{&ast.Ident{NamePos: st.Pos(), Name: name}}})
			}
		}
	}
	if len(copies) == 0 {
		return nil
	}
	pre := &ast.BlockStmt{Lbrace: u.block.Lbrace, List: copies, Rbrace: u.block.Rbrace}
	s.enterLock(pre)
	prog, err := s.compile(pre)
	if err != nil {
		return compileError(err)
	}
	return s.run(c, prog)
}

// sessionVars returns the names of the variables earlier cells defined.
func (s *Session) sessionVars() map[string]bool {
	s.decl.mu.Lock()
	defer s.decl.mu.Unlock()
	vars := map[string]bool{}
	for n, text := range s.decl.names {
		if strings.HasPrefix(text, "var ") {
			vars[n] = true
		}
	}
	return vars
}

// topLevelDefined returns the names a statement of the cell's own list
// defines: session variables.
func topLevelDefined(st ast.Stmt) []string {
	var names []string
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok != token.DEFINE {
			return nil
		}
		for _, l := range st.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
				names = append(names, id.Name)
			}
		}
	case *ast.DeclStmt:
		gd, ok := st.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return nil
		}
		for _, sp := range gd.Specs {
			for _, id := range sp.(*ast.ValueSpec).Names {
				names = append(names, id.Name)
			}
		}
	}
	return names
}

// renameUses renames name to old in the statements before and in the
// values of def, and reports whether there was any. Every occurrence in
// those statements is renamed, nested definitions of the name included,
// which keeps their meaning; names after a dot, struct literal keys and
// labels are other names.
func renameUses(before []ast.Stmt, def ast.Stmt, name, old string) bool {
	found := false
	rename := func(id *ast.Ident) {
		if id.Name == name {
			id.Name = old
			found = true
		}
	}
	for _, st := range before {
		inspectUses(st, rename)
	}
	switch def := def.(type) {
	case *ast.AssignStmt:
		for _, r := range def.Rhs {
			inspectUses(r, rename)
		}
	case *ast.DeclStmt:
		for _, sp := range def.Decl.(*ast.GenDecl).Specs {
			for _, v := range sp.(*ast.ValueSpec).Values {
				inspectUses(v, rename)
			}
		}
	}
	return found
}
