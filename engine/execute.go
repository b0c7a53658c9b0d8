package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// Execute runs one cell.
func (s *Session) Execute(req Request, out Output) Result {
	s.execMu.Lock()
	defer s.execMu.Unlock()
	s.remember(req)
	if name, ok := pagerRequest(req.Code); ok {
		return s.page(req.Code, name)
	}
	c := &cell{n: req.ExecutionCount, out: out}
	s.cur.Store(c)
	s.clearInterrupt()
	s.runSeq.Add(1)
	s.running.Store(true)
	s.dog.start(s)
	defer func() {
		s.running.Store(false)
		s.clearInterrupt()
	}()
	return s.executeCell(c, req.Code) // magics.go
}

func (s *Session) execute(c *cell, code string) Result {
	u, err := s.parse(code, c.n)
	if err != nil {
		return Result{Error: compileError(err)}
	}
	if e := s.declare(c, u); e != nil {
		return Result{Error: e}
	}
	s.addDecls(u)
	s.nameTypes(c, u)
	if u.block == nil {
		return Result{}
	}
	if e := s.snapshotRedefined(c, u); e != nil { // redefine.go
		return Result{Error: e}
	}
	prog, err := s.compileBlock(u)
	if err != nil {
		return Result{Error: compileError(s.explainUndefined(u, err))} // undefined.go
	}
	e := s.run(c, prog)
	if e == nil || e.Name == "panic" {
		// A cancelled run may still be unwinding: leave the globals alone.
		s.addDefined(u)
	}
	if e != nil {
		return Result{Error: e}
	}
	return s.finalResult(c)
}

// declare compiles and runs the cell's file: its imports and declarations.
// A file with nothing in it is not compiled, and one with only imports is
// not run: there is nothing to run, and a run costs a goroutine.
func (s *Session) declare(c *cell, u *unit) *Error {
	if len(u.file.Decls) == 0 {
		return nil
	}
	prog, err := s.compile(u.file)
	s.markImports(u, err)
	if err != nil {
		return compileError(s.explainUndefined(u, err))
	}
	if onlyImports(u.file) {
		return nil
	}
	return s.run(c, prog)
}

func onlyImports(f *ast.File) bool {
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); !ok || gd.Tok != token.IMPORT {
			return false
		}
	}
	return true
}

// markImports records the file's imports unless compiling failed on an
// import, in which case the interpreter may not have registered them.
func (s *Session) markImports(u *unit, err error) {
	if err != nil && importFailure(err) {
		return
	}
	s.addImports(u)
}

// compileBlock compiles the statements. When the final expression turns out
// to have no value (a call of an unknown function returning nothing), the
// block is compiled again without showing it.
func (s *Session) compileBlock(u *unit) (*interp.Program, error) {
	prog, err := s.compile(u.block)
	if err == nil || u.final == nil {
		return prog, err
	}
	u.block.List[len(u.block.List)-1] = u.plain
	u.final = nil
	if p2, err2 := s.compile(u.block); err2 == nil {
		return p2, nil
	}
	return nil, err
}

// compile compiles a file or a block; some yaegi failures panic.
func (s *Session) compile(n ast.Node) (p *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return s.in.CompileAST(n)
}

// run executes a program, with a context the hard stop cancels.
func (s *Session) run(c *cell, p *interp.Program) *Error {
	ctx, cancel := context.WithCancel(context.Background())
	s.stateMu.Lock()
	s.cancel = cancel
	s.stateMu.Unlock()
	defer func() {
		s.stateMu.Lock()
		s.cancel = nil
		s.stateMu.Unlock()
		cancel()
	}()
	c.takeTrace()
	_, err := s.in.ExecuteWithContext(ctx, p)
	s.leave() // the cell's goroutine took the lock in E
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled):
		if reason := s.takeStopReason(); reason != nil {
			return s.panicError(reason, nil, 0)
		}
		return &Error{Name: "Interrupted", Value: "the cell did not reach a checkpoint and was cancelled",
			Traceback: []string{red + "Interrupted" + reset +
				": the cell did not reach a checkpoint within " + hardStopAfter.String() +
				" and was cancelled; native code it called may still be running, and goroutines cells started were stopped"}}
	}
	var p2 interp.Panic
	if errors.As(err, &p2) {
		trace, dropped := c.takeTrace()
		return s.panicError(p2, trace, dropped)
	}
	return compileError(err)
}

// result is R: it receives the values of the cell's final expression.
func (s *Session) result(v ...any) {
	if c := s.cur.Load(); c != nil {
		c.mu.Lock()
		c.final, c.hasFinal = v, true
		c.mu.Unlock()
	}
}

func (s *Session) finalResult(c *cell) Result {
	c.mu.Lock()
	v, ok := c.final, c.hasFinal
	c.mu.Unlock()
	if !ok || len(v) != 1 {
		return Result{}
	}
	data, md := s.bundle(reflect.ValueOf(v[0]))
	return Result{Data: data, Metadata: md}
}

// bundle renders a value as a MIME bundle.
func (s *Session) bundle(v reflect.Value) (data, metadata map[string]any) {
	return s.mimeOptions().Bundle(v)
}

func (s *Session) takeStopReason() error {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	r := s.stopReason
	s.stopReason = nil
	return r
}
