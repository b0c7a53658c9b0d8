package engine

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// The interpreter reports a name that is defined nowhere as a "constant
// definition loop" or "variable definition loop" when a top-level
// statement or var uses it (its global analysis waits for the name to be
// defined until nothing changes), and some such uses make it fail with a
// nil dereference. Users must see what Go says: `undefined: NAME`.

// explainUndefined returns err, or, when err is one of those misleading
// failures and the cell names something defined nowhere, the error Go
// gives for the first such name: in the failing statement if there is
// one there, else in the cell.
func (s *Session) explainUndefined(u *unit, err error) error {
	if err == nil || !misleading(err.Error()) {
		return err
	}
	if e := s.firstUndefined(u, err.Error()); e != nil {
		return e
	}
	return err
}

func misleading(msg string) bool {
	return strings.Contains(msg, "definition loop") || strings.HasPrefix(msg, "runtime error:")
}

var errPos = regexp.MustCompile(`^cell\[\d+\]:(\d+):(\d+):`)

// firstUndefined parses the cell's code again (the unit's trees are
// rewritten by now) and looks for a name defined nowhere.
func (s *Session) firstUndefined(u *unit, msg string) error {
	known, ok := s.knownNames(u)
	if !ok {
		return nil
	}
	fset := token.NewFileSet()
	nodes, err := cellNodes(fset, u)
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		declaredNames(n, known)
	}
	var failing []ast.Node
	if m := errPos.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		failing = containing(fset, nodes, line, col)
	}
	for _, group := range [][]ast.Node{failing, nodes} {
		if id := firstUse(fset, group, known); id != nil {
			return fmt.Errorf("%s: undefined: %s", fset.Position(id.Pos()), id.Name)
		}
	}
	return nil
}

// cellNodes returns the cell's top-level declarations and statements,
// parsed as in parse, with positions that read cell[N]:line:col.
func cellNodes(fset *token.FileSet, u *unit) ([]ast.Node, error) {
	spans := splitCell(u.code)
	line := "//line " + u.name + ":1:1\n"
	f, err := parser.ParseFile(fset, u.name, "package main\n"+line+blank(u.code, spans, true), 0)
	if err != nil {
		return nil, fmt.Errorf("parse declarations: %w", err)
	}
	bf, err := parser.ParseFile(fset, u.name, "package main\nfunc _() {\n"+line+blank(u.code, spans, false)+"\n}", 0)
	if err != nil {
		return nil, fmt.Errorf("parse statements: %w", err)
	}
	var nodes []ast.Node
	for _, d := range f.Decls {
		nodes = append(nodes, d)
	}
	for _, st := range bf.Decls[0].(*ast.FuncDecl).Body.List {
		nodes = append(nodes, st)
	}
	return nodes, nil
}

// knownNames returns the names defined outside the cell: predeclared,
// imported, and declared or defined by earlier cells or by the engine.
// With a dot import in effect the package's names are unknown here, and
// ok is false.
func (s *Session) knownNames(u *unit) (known map[string]bool, ok bool) {
	known = map[string]bool{rtName: true, flagName: true, slowName: true}
	for _, n := range types.Universe.Names() {
		known[n] = true
	}
	for _, sp := range append(s.decl.sessionImports(), u.imports...) {
		name := s.importName(sp)
		if name == "." {
			return nil, false
		}
		known[name] = true
	}
	s.decl.mu.Lock()
	for n := range s.decl.names {
		known[n] = true
	}
	s.decl.mu.Unlock()
	s.addGlobalNames(known)
	return known, true
}

// addGlobalNames adds the interpreter's global variables and constants.
func (s *Session) addGlobalNames(known map[string]bool) {
	for n := range s.globals() {
		known[n] = true
	}
}

// globals lists the interpreter's globals. After a failed compile the
// interpreter may hold a symbol whose value slot it never made, and listing
// the globals panics: then it returns nil, and the names the session
// recorded are all there is.
func (s *Session) globals() (g map[string]reflect.Value) {
	defer func() {
		if recover() != nil {
			g = nil
		}
	}()
	return s.in.Globals()
}

// declaredNames adds to known every name n declares, in any scope: a name
// declared anywhere in the cell is not reported.
func declaredNames(n ast.Node, known map[string]bool) {
	add := func(ids ...*ast.Ident) {
		for _, id := range ids {
			known[id.Name] = true
		}
	}
	addExprs := func(xs ...ast.Expr) {
		for _, x := range xs {
			if id, ok := x.(*ast.Ident); ok {
				add(id)
			}
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			add(n.Names...)
		case *ast.ValueSpec:
			add(n.Names...)
		case *ast.TypeSpec:
			add(n.Name)
		case *ast.FuncDecl:
			add(n.Name)
		case *ast.ImportSpec:
			if n.Name != nil {
				add(n.Name)
			}
		case *ast.LabeledStmt:
			add(n.Label)
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				addExprs(n.Lhs...)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				addExprs(n.Key, n.Value)
			}
		}
		return true
	})
}

// containing returns the node that holds line:col.
func containing(fset *token.FileSet, nodes []ast.Node, line, col int) []ast.Node {
	before := func(a, b token.Position) bool {
		return a.Line < b.Line || a.Line == b.Line && a.Column <= b.Column
	}
	at := token.Position{Line: line, Column: col}
	for _, n := range nodes {
		if before(fset.Position(n.Pos()), at) && before(at, fset.Position(n.End())) {
			return []ast.Node{n}
		}
	}
	return nil
}

// firstUse returns the first identifier, in source order, that the nodes
// use and known does not hold. Names after a dot, keys of composite
// literals (struct fields) and labels of branches are not uses.
func firstUse(fset *token.FileSet, nodes []ast.Node, known map[string]bool) *ast.Ident {
	var found []*ast.Ident
	for _, n := range nodes {
		inspectUses(n, func(id *ast.Ident) {
			if id.Name != "_" && !known[id.Name] {
				found = append(found, id)
			}
		})
	}
	if len(found) == 0 {
		return nil
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := fset.Position(found[i].Pos()), fset.Position(found[j].Pos())
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return found[0]
}
