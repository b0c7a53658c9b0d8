package engine

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"path"

	"gokernel/engine/rewrite"
)

// unit is a cell ready to compile: its imports and declarations as a file,
// its statements as a block.
type unit struct {
	name    string
	code    string
	file    *ast.File
	block   *ast.BlockStmt // nil when the cell has no statements
	imports []importSpec   // the cell's own imports
	// final is the block's last statement when its value is to be shown;
	// plain is that statement as written (without the call to R).
	final, plain ast.Stmt
	fileHead     int      // bytes before the cell's code in the file source
	globals      []string // bool variables the rewrite uses (rewrite.Scope.Global)
}

type importSpec struct{ name, path string }

func (s *Session) importName(sp importSpec) string {
	if sp.name != "" {
		return sp.name
	}
	if n, ok := s.pkgName[sp.path]; ok {
		return n
	}
	return path.Base(sp.path)
}

// parse splits and parses a cell. Both parts are parsed with the
// interpreter's FileSet under the name cell[N], and a //line directive makes
// positions read cell[N]:line:col in the cell's own lines.
func (s *Session) parse(code string, n int) (*unit, error) {
	u := &unit{name: fmt.Sprintf("cell[%d]", n), code: code}
	spans := splitCell(code)
	line := "//line " + u.name + ":1:1\n"
	fileSrc := "package main\n" + line
	u.fileHead = len(fileSrc)
	f, err := parser.ParseFile(s.in.FileSet(), u.name, fileSrc+blank(code, spans, true), 0)
	if err != nil {
		return nil, err
	}
	u.file = f
	blockSrc := "package main\nfunc _() {\n" + line
	bf, err := parser.ParseFile(s.in.FileSet(), u.name, blockSrc+blank(code, spans, false)+"\n}", 0)
	if err != nil {
		return nil, err
	}
	if body := bf.Decls[0].(*ast.FuncDecl).Body; len(body.List) > 0 {
		u.block = body
	}
	s.takeImports(u)
	s.rewrite(u, len(blockSrc))
	declareBools(u)
	s.setImports(u)
	return u, nil
}

// rewrite inserts checkpoints, rewrites go statements and wraps the final
// expression so its value reaches the kernel.
func (s *Session) rewrite(u *unit, blockHead int) {
	s.commaOK(u)
	sc := s.scope(u)
	rewrite.GoStmts(u.file, rtName, sc)
	rewrite.Blocking(u.file, rtName, sc)
	s.checkpoints(u.file)
	s.profileHooks(u.file, u)
	if u.block == nil {
		return
	}
	rewrite.GoStmts(u.block, rtName, sc)
	rewrite.Blocking(u.block, rtName, sc)
	s.checkpoints(u.block)
	s.enterLock(u.block)
	// After the final value is wrapped below: no hook may follow it.
	defer func() {
		s.profileHooks(u.block, u)
		rewrite.OwnFrames(u.block)
	}()
	last := len(u.block.List) - 1
	es, ok := u.block.List[last].(*ast.ExprStmt)
	if !ok || s.hidden(u, es, blockHead) || s.noSingleValue(u, es.X) {
		return
	}
	u.plain = es
	u.final = &ast.ExprStmt{X: &ast.CallExpr{Fun: s.cellHook("R"), Args: []ast.Expr{es.X}}}
	u.block.List[last] = u.final
}

// hidden reports whether a ';' follows the final statement in the code.
func (s *Session) hidden(u *unit, es *ast.ExprStmt, blockHead int) bool {
	tf := s.in.FileSet().File(es.End())
	off := tf.Offset(es.End()) - blockHead
	if off < 0 || off > len(u.code) {
		return false
	}
	rest := u.code[off:]
	fset := token.NewFileSet()
	var sc scanner.Scanner
	sc.Init(fset.AddFile("", -1, len(rest)), []byte(rest), nil, 0)
	_, t, lit := sc.Scan()
	return t == token.SEMICOLON && lit == ";"
}

// voidBuiltins are builtins that return nothing.
var voidBuiltins = map[string]bool{
	"print": true, "println": true, "panic": true, "close": true, "delete": true, "clear": true,
}

// noSingleValue reports whether x is a call known to return no value or
// several (fmt.Println): those are not shown, as IPython shows no None.
func (s *Session) noSingleValue(u *unit, x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		if voidBuiltins[fun.Name] {
			return true
		}
		if n, ok := localResults(u, fun.Name); ok {
			return n != 1
		}
		if n, ok := s.decl.resultCount(fun.Name); ok {
			return n != 1
		}
	case *ast.SelectorExpr:
		pkg, ok := fun.X.(*ast.Ident)
		if !ok {
			return false
		}
		if t, ok := s.packageFunc(u, pkg.Name, fun.Sel.Name); ok {
			return t.NumOut() != 1
		}
	}
	return false
}

// localResults returns the result count of a function the cell declares.
func localResults(u *unit, name string) (int, bool) {
	for _, d := range u.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name {
			return fd.Type.Results.NumFields(), true
		}
	}
	return 0, false
}

func (s *Session) checkpoints(n ast.Node) {
	switch {
	case s.noCheckpoints:
	case raceEnabled:
		rewrite.LoadCheckpoints(n, rtName)
	case s.useFlagCheckpoints():
		rewrite.FlagCheckpoints(n, flagName, slowName)
	default:
		rewrite.Checkpoints(n, rtName)
	}
}
