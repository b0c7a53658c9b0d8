package engine

import (
	"go/ast"
	"go/token"
	"strconv"
)

// The interpreter scopes imports by file name (cell[N]), so a cell's file
// must import again what earlier cells imported before its code can use
// it. Importing costs compile time in every cell, so a cell's file imports
// only the session's packages its code names, and a cell that names none
// and declares nothing needs no file at all (see execute).

// takeImports moves the cell's import declarations out of its file into
// u.imports; setImports puts back what the file needs.
func (s *Session) takeImports(u *unit) {
	decls := u.file.Decls[:0]
	for _, d := range u.file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			decls = append(decls, d)
			continue
		}
		for _, sp := range gd.Specs {
			u.imports = append(u.imports, specOf(sp.(*ast.ImportSpec)))
		}
	}
	u.file.Decls = decls
}

// setImports gives the rewritten file one import declaration: the cell's
// own imports, and the runtime and session imports its code names that
// this file name has not imported yet.
func (s *Session) setImports(u *unit) {
	used := usedNames(u)
	var want []importSpec
	if used[rtName] {
		want = append(want, importSpec{rtName, runtimePath})
	}
	want = append(want, u.imports...)
	own := map[string]bool{}
	for _, sp := range u.imports {
		own[s.importName(sp)] = true
	}
	for _, sp := range s.decl.sessionImports() {
		name := s.importName(sp)
		if !own[name] && (used[name] || !token.IsIdentifier(name) || name == "_") {
			want = append(want, sp) // dot and blank imports: always, as before
		}
	}
	imp := &ast.GenDecl{Tok: token.IMPORT, Lparen: 1}
	for _, sp := range want {
		if s.decl.imported(u.name, sp) {
			continue
		}
		spec := &ast.ImportSpec{Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(sp.path)}}
		if sp.name != "" {
			spec.Name = ast.NewIdent(sp.name)
		}
		imp.Specs = append(imp.Specs, spec)
	}
	if len(imp.Specs) > 0 {
		u.file.Decls = append([]ast.Decl{imp}, u.file.Decls...)
	}
}

// usedNames are the identifiers that qualify a selector (pkg.Name) in the
// cell's file and block: the only way code names an imported package.
func usedNames(u *unit) map[string]bool {
	used := map[string]bool{}
	visit := func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	}
	ast.Inspect(u.file, visit)
	if u.block != nil {
		ast.Inspect(u.block, visit)
	}
	return used
}

// cellHook is the runtime function name the rewritten cell calls: an
// interpreted variable holding it where the prelude declared one (no
// import needed, see hookPrelude), else the selector _gk.NAME.
func (s *Session) cellHook(name string) ast.Expr {
	if s.useFlagCheckpoints() {
		return ast.NewIdent(hookVar(name))
	}
	return &ast.SelectorExpr{X: ast.NewIdent(rtName), Sel: ast.NewIdent(name)}
}

// hookVar is the prelude variable holding runtime function name.
func hookVar(name string) string { return rtName + "_" + name }

// hookPrelude declares, in the interpreter, the variables cellHook names.
func hookPrelude() string {
	var src string
	for _, name := range []string{"E", "R"} {
		src += "var " + hookVar(name) + " = " + rtName + "." + name + "\n"
	}
	return src
}
