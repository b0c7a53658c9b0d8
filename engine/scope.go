package engine

import (
	"go/ast"
	"go/token"

	"gokernel/engine/rewrite"
)

// scope tells the rewrite of u which names are packages and how many
// results the functions it calls return, as far as the session knows.
// The import table is made at first use: most cells never ask.
func (s *Session) scope(u *unit) rewrite.Scope {
	var paths map[string]string
	imports := func() map[string]string {
		if paths == nil {
			paths = s.importPaths(u)
		}
		return paths
	}
	sc := rewrite.Scope{
		IsPackage: func(name string) bool {
			_, ok := imports()[name]
			return ok
		},
		Results: func(c *ast.CallExpr) (int, bool) { return s.results(u, c) },
	}
	// Race builds get no rewrite variables: the host sets them as plain
	// variables the interpreter reads (rewrite.Blocking's call sites),
	// which the race detector reports when goroutines run with the lock
	// off.
	if !raceEnabled {
		sc.Global = func(name string) { u.globals = append(u.globals, name) }
	}
	return sc
}

// declareBools declares the cell's rewrite variables in its file, which
// runs before its statements.
func declareBools(u *unit) {
	if len(u.globals) == 0 {
		return
	}
	spec := &ast.ValueSpec{Type: ast.NewIdent("bool")}
	for _, n := range u.globals {
		spec.Names = append(spec.Names, ast.NewIdent(n))
	}
	u.file.Decls = append(u.file.Decls, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{spec}})
}

// importPaths maps the package names u sees to their import paths.
func (s *Session) importPaths(u *unit) map[string]string {
	paths := map[string]string{}
	for _, sp := range s.decl.sessionImports() {
		paths[s.importName(sp)] = sp.path
	}
	for _, sp := range u.imports {
		paths[s.importName(sp)] = sp.path
	}
	return paths
}

// results returns the result count of a function u or an earlier cell
// declares, or of a compiled package's function.
func (s *Session) results(u *unit, c *ast.CallExpr) (int, bool) {
	switch fun := c.Fun.(type) {
	case *ast.Ident:
		if n, ok := localResults(u, fun.Name); ok {
			return n, true
		}
		return s.decl.resultCount(fun.Name)
	case *ast.SelectorExpr:
		if pkg, ok := fun.X.(*ast.Ident); ok {
			if t, ok := s.packageFunc(u, pkg.Name, fun.Sel.Name); ok {
				return t.NumOut(), true
			}
		}
	}
	return 0, false
}
