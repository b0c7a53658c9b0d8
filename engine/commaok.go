package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"

	"gokernel/engine/rewrite"
)

// commaOK makes a cell's top-level comma-ok definitions compile (see
// rewrite.CommaOK). Package-level `var v, ok = X` fails the same way, and a
// package-level var that reads a variable of an earlier cell fails too
// ("variable definition loop"), so such specs become statements, placed
// among the cell's statements in source order.
func (s *Session) commaOK(u *unit) {
	rewrite.SplitDefines(u.file)
	moved := s.takeInitVars(u) // initvars.go
	if len(moved) == 0 && u.block == nil {
		return
	}
	if u.block == nil {
		// The interpreter scopes imports by file name, which it reads
		// from the block's position.
		u.block = &ast.BlockStmt{Lbrace: moved[0].Pos()}
	}
	for _, st := range moved {
		u.block.List = s.insertOrdered(u.block.List, st)
	}
	rewrite.SplitDefines(u.block)
	rewrite.CommaOK(u.block, rtName)
}

// commaOKVar returns `a, b := X` for a spec `var a, b = X` (no type, X a
// map index, type assertion or receive), or nil for any other spec.
func commaOKVar(vs *ast.ValueSpec) ast.Stmt {
	if vs.Type != nil || len(vs.Names) != 2 || len(vs.Values) != 1 {
		return nil
	}
	lhs := []ast.Expr{vs.Names[0], vs.Names[1]}
	st := &ast.AssignStmt{Lhs: lhs, TokPos: vs.Names[0].Pos(), Tok: token.DEFINE, Rhs: vs.Values}
	if !rewrite.IsCommaOKDefine(st) {
		return nil
	}
	return st
}

// insertOrdered inserts st before the first statement that follows it in
// the cell. The file and the block are parsed separately, so positions
// compare by cell line and column.
func (s *Session) insertOrdered(list []ast.Stmt, st ast.Stmt) []ast.Stmt {
	at := s.in.FileSet().Position(st.Pos())
	i := 0
	for ; i < len(list); i++ {
		p := s.in.FileSet().Position(list[i].Pos())
		if p.Line > at.Line || p.Line == at.Line && p.Column > at.Column {
			break
		}
	}
	return append(list[:i], append([]ast.Stmt{st}, list[i:]...)...)
}

// closeLike replaces the channel *p by a closed channel of the same type:
// a receive from it yields the element type's zero value at once.
func closeLike(p any) {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Chan {
		panic(fmt.Sprintf("comma-ok receive: %T is not a pointer to a channel", p))
	}
	c := v.Elem()
	closed := reflect.MakeChan(reflect.ChanOf(reflect.BothDir, c.Type().Elem()), 0)
	closed.Close()
	c.Set(closed)
}
