package engine

import (
	"go/ast"
	"go/token"
	"reflect"
	"strings"
	"sync"
)

// declarations is what the session knows of the names cells declared and
// the packages they imported: for completion, inspection and for deciding
// whether a final call has a value to show.
type declarations struct {
	mu       sync.Mutex
	names    map[string]string // name → declaration text, e.g. "var x int"
	results  map[string]int    // function name → number of results
	imports  []importSpec      // in the order cells imported them
	declared map[string]map[importSpec]bool
}

func (d *declarations) init() {
	d.names = map[string]string{}
	d.results = map[string]int{}
	d.declared = map[string]map[importSpec]bool{}
}

func (d *declarations) sessionImports() []importSpec {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]importSpec(nil), d.imports...)
}

// imported reports whether file already imports sp in the interpreter.
func (d *declarations) imported(file string, sp importSpec) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.declared[file][sp]
}

// addImports records the imports a compiled file declared.
func (s *Session) addImports(u *unit) {
	d := &s.decl
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.declared[u.name] == nil {
		d.declared[u.name] = map[importSpec]bool{}
	}
	for _, decl := range u.file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, sp := range gd.Specs {
			d.declared[u.name][specOf(sp.(*ast.ImportSpec))] = true
		}
	}
	for _, sp := range u.imports {
		name := s.importName(sp)
		kept := d.imports[:0]
		for _, old := range d.imports {
			if s.importName(old) != name {
				kept = append(kept, old)
			}
		}
		d.imports = append(kept, sp)
	}
}

func specOf(is *ast.ImportSpec) importSpec {
	sp := importSpec{path: strings.Trim(is.Path.Value, "\"`")}
	if is.Name != nil {
		sp.name = is.Name.Name
	}
	return sp
}

// has reports whether the cells declared name at package level.
func (d *declarations) has(name string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.names[name]
	return ok
}

func (d *declarations) resultCount(name string) (int, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	n, ok := d.results[name]
	return n, ok
}

// addDecls records the declarations of a compiled cell file.
func (s *Session) addDecls(u *unit) {
	d := &s.decl
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, decl := range u.file.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			if decl.Recv != nil {
				continue
			}
			d.results[decl.Name.Name] = decl.Type.Results.NumFields()
			end := decl.End()
			if decl.Body != nil {
				end = decl.Body.Pos()
			}
			d.names[decl.Name.Name] = strings.TrimSpace(s.source(u, decl.Pos(), end))
		case *ast.GenDecl:
			if decl.Tok != token.IMPORT {
				s.addGenDecl(u, decl)
			}
		}
	}
}

func (s *Session) addGenDecl(u *unit, gd *ast.GenDecl) {
	d := &s.decl
	for _, sp := range gd.Specs {
		text := gd.Tok.String() + " " + s.source(u, sp.Pos(), sp.End())
		switch sp := sp.(type) {
		case *ast.TypeSpec:
			d.names[sp.Name.Name] = text
			delete(d.results, sp.Name.Name)
		case *ast.ValueSpec:
			for _, id := range sp.Names {
				if id.Name != "_" {
					d.names[id.Name] = text
					delete(d.results, id.Name)
				}
			}
		}
	}
}

// addDefined records the variables a cell's top-level := defined, with the
// type they have now.
func (s *Session) addDefined(u *unit) {
	if u.block == nil {
		return
	}
	var names []string
	for _, st := range u.block.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		for _, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
				names = append(names, id.Name)
			}
		}
	}
	if len(names) == 0 {
		return
	}
	globals := s.globals()
	d := &s.decl
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, n := range names {
		if v, ok := globals[n]; ok && v.IsValid() {
			d.names[n] = "var " + n + " " + typeString(v.Type())
			delete(d.results, n)
		}
	}
}

func typeString(t reflect.Type) string {
	return strings.ReplaceAll(t.String(), "interface {}", "any")
}

// source returns the cell's code between two positions of its file.
func (s *Session) source(u *unit, from, to token.Pos) string {
	tf := s.in.FileSet().File(from)
	if tf == nil {
		return ""
	}
	a, b := tf.Offset(from)-u.fileHead, tf.Offset(to)-u.fileHead
	if a < 0 || b > len(u.code) || a > b {
		return ""
	}
	return u.code[a:b]
}

// packageFunc returns the type of function name of the package imported as
// pkg, when pkg is a binary package and name a function of it.
func (s *Session) packageFunc(u *unit, pkg, name string) (reflect.Type, bool) {
	for _, sp := range append(s.decl.sessionImports(), u.imports...) {
		if s.importName(sp) != pkg {
			continue
		}
		v, ok := s.exports[sp.path+"/"+s.pkgName[sp.path]][name]
		if ok && v.Kind() == reflect.Func {
			return v.Type(), true
		}
	}
	return nil, false
}
