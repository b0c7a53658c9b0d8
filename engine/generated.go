package engine

import "github.com/traefik/yaegi/interp"

// generated compiles code that the engine wrote for a magic, under the
// running cell's name so that positions (set by line directives in code)
// name the cell. Its declarations are compiled and run at once; its
// statements, if any, are compiled into the program returned, for the
// caller to run as often as it needs. edit, if not nil, may change the
// rewritten syntax before compiling. Unlike a cell, generated code leaves
// no trace in what completion knows.
func (s *Session) generated(c *cell, code string, edit func(*unit)) (*interp.Program, *Error) {
	u, err := s.parse(code, c.n)
	if err != nil {
		return nil, compileError(err)
	}
	if edit != nil {
		edit(u)
	}
	if e := s.declare(c, u); e != nil {
		return nil, e
	}
	if u.block == nil {
		return nil, nil
	}
	prog, err := s.compile(u.block)
	if err != nil {
		return nil, compileError(err)
	}
	return prog, nil
}

// runGenerated compiles and runs code the engine wrote.
func (s *Session) runGenerated(c *cell, code string) *Error {
	prog, e := s.generated(c, code, nil)
	if e != nil || prog == nil {
		return e
	}
	return s.run(c, prog)
}
