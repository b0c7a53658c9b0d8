package engine

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/traefik/yaegi/interp"

	"gokernel/magics"
)

const (
	// timeitFunc is the session function a %timeit statement is compiled
	// into; the name is reserved for the engine.
	timeitFunc = "_gk_timeit"
	// timeitChunk is how many iterations run between two checkpoints of
	// the timed loop: the inner loop has none, so the statement alone is
	// timed, and the outer loop still lets an interrupt in.
	timeitChunk = 1000
	// calibrateUntil is how long one run must take for %timeit to stop
	// raising the loop count (IPython's 0.2 s).
	calibrateUntil = 200 * time.Millisecond
)

const timeitDoc = `Time the execution of a Go statement or cell.

%timeit [-n N] [-r R] [-q] [-o] [-p P] STATEMENT
%%timeit [-n N] [-r R] [-q] [-o] [-p P] [SETUP]
BODY

The statement is compiled once into a loop, then run R times (default 7)
in runs of N loops. Without -n, N is the first of 1, 10, 100, … for which
a run takes at least 0.2 s. In the cell form, the rest of the magic line
is setup: it runs before each run, untimed, and what it declares is in
scope of the body. The line shows the mean and standard deviation of the
time per loop, then the heap allocations and bytes per loop.

Options:
  -n N  loops per run (default: calibrated)
  -r R  runs (default 7)
  -q    quiet: print nothing
  -o    store the result as _timeit (Loops, Repeat, Timings, Best, Worst,
        Average, Stdev, AllocsPerOp, BytesPerOp) and show it as the value
  -p P  significant digits of the times (default 3)`

func (s *Session) timeitMagic() magics.Magic {
	return magics.Func{
		MagicName: "timeit", MagicKind: magics.LineMagic | magics.CellMagic,
		Synopsis: "%timeit [-n N] [-r R] [-q] [-o] [-p P] STATEMENT", Help: timeitDoc,
		Fn: s.timeit,
	}
}

// timeitOptions are %timeit's flags.
type timeitOptions struct {
	number, repeat, precision int
	quiet, store              bool
}

func parseTimeitOptions(o magics.Options) (timeitOptions, error) {
	var t timeitOptions
	var err error
	ints := []struct {
		flag string
		def  int
		min  int
		dst  *int
	}{{"n", 0, 1, &t.number}, {"r", 7, 1, &t.repeat}, {"p", 3, 1, &t.precision}}
	for _, f := range ints {
		*f.dst = f.def
		if !o.Has(f.flag) {
			continue
		}
		if *f.dst, err = strconv.Atoi(o.Last(f.flag, "")); err != nil || *f.dst < f.min {
			return t, magics.Usagef("%%timeit: -%s needs a whole number ≥ %d, not %q", f.flag, f.min, o.Last(f.flag, ""))
		}
	}
	t.quiet, t.store = o.Has("q"), o.Has("o")
	return t, nil
}

// piece is source placed at a line and column of the cell.
type piece struct {
	src       string
	line, col int
}

// directive makes what follows it read as the piece's position.
func (p piece) directive(n int) string {
	return fmt.Sprintf("/*line cell[%d]:%d:%d*/", n, p.line, p.col)
}

func (s *Session) timeit(env magics.Env, call magics.Call, body string) error {
	r := env.(*magicRun)
	o, rest, err := magics.ParseOptions(call.Args, "n:r:qop:")
	if err != nil {
		return magics.Usagef("%%timeit: %v", err)
	}
	opts, err := parseTimeitOptions(o)
	if err != nil {
		return err
	}
	line, col := call.Pos(rest)
	stmt, setup := piece{rest, line, col}, piece{}
	if call.Cell {
		stmt, setup = piece{body, call.Line + 1, 1}, piece{rest, line, col}
	}
	if strings.TrimSpace(stmt.src) == "" {
		return magics.Usagef("%%timeit: nothing to time; usage: %%timeit [-n N] [-r R] [-q] [-o] [-p P] STATEMENT")
	}
	prog, e := s.generated(r.c, timeitSource(r.c.n, setup, stmt), dropTimedCheckpoint)
	if e != nil {
		return e
	}
	res, e := s.measure(r.c, prog, opts)
	if e != nil {
		return e
	}
	return s.reportTimeit(r, res, opts)
}

// timeitSource is the declaration of the timed function and the call that
// runs it once with the loop count the host chose:
//
//	func _gk_timeit(_gk_n int) {
//		SETUP
//		_gk.MStart()
//		for each chunk of at most 1000 loops {
//			checkpoint
//			for 10 loops at a time { {STMT}; {STMT}; … 10 times }
//			for the rest { STMT }
//		}
//		_gk.MStop()
//	}
//
// Writing the statement ten times in the loop body spreads the cost of the
// interpreted loop (compare, add, jump: about 25 ns) over ten loops.
func timeitSource(n int, setup, stmt piece) string {
	var b strings.Builder
	b.WriteString("func " + timeitFunc + "(_gk_n int) {\n")
	if strings.TrimSpace(setup.src) != "" {
		b.WriteString(setup.directive(n) + setup.src + "\n")
	}
	fmt.Fprintf(&b, "%s.MStart()\nfor _gk_i := 0; _gk_i < _gk_n; {\n_gk_m := _gk_n - _gk_i\n"+
		"if _gk_m > %d {\n_gk_m = %d\n}\n_gk_i += _gk_m\n", rtName, timeitChunk, timeitChunk)
	unroll := timeitUnroll
	if !parsesAsStatements(stmt.src) || strings.Count(stmt.src, "\n") > maxUnrolledLines {
		unroll = 1 // an error is reported once; a long body is compiled once
	}
	prefix := ""
	if valueOnly(stmt.src) {
		prefix = "_ =\n" // an expression is not a statement in Go
	}
	if unroll > 1 {
		fmt.Fprintf(&b, "for ; _gk_m >= %d; _gk_m -= %d {\n", unroll, unroll)
		for range unroll {
			b.WriteString("{\n" + prefix + stmt.directive(n) + stmt.src + "\n}\n")
		}
		b.WriteString("}\n")
	}
	b.WriteString("for ; _gk_m > 0; _gk_m-- {\n" + prefix + stmt.directive(n) + stmt.src + "\n}\n")
	b.WriteString("}\n" + rtName + ".MStop()\n}\n")
	fmt.Fprintf(&b, "%s(%s.MN());", timeitFunc, rtName)
	return b.String()
}

const (
	// timeitUnroll is how many times the timed loop's body repeats the
	// statement; it divides timeitChunk.
	timeitUnroll = 10
	// maxUnrolledLines is the longest statement (in lines) that is repeated.
	maxUnrolledLines = 20
)

// parsesAsStatements reports whether src parses as a list of statements.
func parsesAsStatements(src string) bool {
	_, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+src+"\n}", 0)
	return err == nil
}

// valueOnly reports whether src is a single expression that Go does not
// accept as a statement (1+1, x, s[i]): calls and receives are fine.
func valueOnly(src string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+src+"\n}", 0)
	if err != nil {
		return false
	}
	list := f.Decls[0].(*ast.FuncDecl).Body.List
	if len(list) != 1 {
		return false
	}
	es, ok := list[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	switch x := ast.Unparen(es.X).(type) {
	case *ast.CallExpr:
		return false
	case *ast.UnaryExpr:
		return x.Op != token.ARROW
	}
	return true
}

// dropTimedCheckpoint removes the checkpoints the rewrite put at the start
// of the timed loops (those counting _gk_m down): the chunk loop around
// them keeps its checkpoint, and the statement's own calls and loops keep
// theirs.
func dropTimedCheckpoint(u *unit) {
	ast.Inspect(u.file, func(n ast.Node) bool {
		f, ok := n.(*ast.ForStmt)
		if !ok || !countsDown(f, "_gk_m") || len(f.Body.List) == 0 {
			return true
		}
		if ifs, ok := f.Body.List[0].(*ast.IfStmt); ok && ifs.If == f.Body.Lbrace {
			f.Body.List = f.Body.List[1:]
		}
		return false
	})
}

// countsDown reports whether f's condition tests the variable name.
func countsDown(f *ast.ForStmt, name string) bool {
	c, ok := f.Cond.(*ast.BinaryExpr)
	if !ok {
		return false
	}
	id, ok := c.X.(*ast.Ident)
	return ok && id.Name == name
}

// measure calibrates the loop count unless given, then times the runs.
func (s *Session) measure(c *cell, prog *interp.Program, o timeitOptions) (magics.TimeitResult, *Error) {
	number := o.number
	if number == 0 {
		for i := 0; i < 10; i++ {
			number = int(math.Pow10(i))
			d, _, _, e := s.timedRun(c, prog, number)
			if e != nil {
				return magics.TimeitResult{}, e
			}
			if d >= calibrateUntil {
				break
			}
		}
	}
	runs := make([]time.Duration, o.repeat)
	var allocs, bytes uint64
	for i := range runs {
		d, a, b, e := s.timedRun(c, prog, number)
		if e != nil {
			return magics.TimeitResult{}, e
		}
		runs[i], allocs, bytes = d, allocs+a, bytes+b
	}
	return magics.NewTimeitResult(number, runs, allocs, bytes, o.precision), nil
}

// timedRun runs the timed function once with n loops.
func (s *Session) timedRun(c *cell, prog *interp.Program, n int) (time.Duration, uint64, uint64, *Error) {
	s.mg.timer.prepare(n)
	if e := s.run(c, prog); e != nil {
		return 0, 0, 0, e
	}
	d, allocs, bytes, ok := s.mg.timer.result()
	if !ok {
		return 0, 0, 0, usageError("%timeit: the timed statement left the loop (a return or goto?)")
	}
	return d, allocs, bytes, nil
}

// reportTimeit prints the result as IPython does and, with -o, keeps it
// as _timeit and shows it as the cell's value.
func (s *Session) reportTimeit(r *magicRun, res magics.TimeitResult, o timeitOptions) error {
	if !o.quiet {
		if w := res.Warning(); w != "" {
			r.Stdout(w + "\n")
		}
		r.Stdout(res.String() + "\n")
	}
	if !o.store {
		return nil
	}
	s.mg.timeit = res
	if e := s.runGenerated(r.c, "var _timeit = "+rtName+".MTimeit()"); e != nil {
		return e
	}
	s.decl.mu.Lock()
	s.decl.names["_timeit"] = "var _timeit magics.TimeitResult"
	s.decl.mu.Unlock()
	r.SetResult(res)
	return nil
}
