package engine

import (
	"go/ast"
	"go/token"
	"reflect"

	"gokernel/engine/rewrite"
	"gokernel/engine/rt"
	"gokernel/profiler"
)

// Profiling (%prun, DESIGN §4). Every function a cell declares starts
// with the checkpoint `if _gkpf { _gkpe(ID); defer _gkpx() }`: _gkpf is
// an interpreted bool that mirrors "the checkpoint word is not zero", as
// the loops' flag does, except that it also reads the word's rt.Profile
// bit, which loops ignore. With profiling off the entry costs what any
// checkpoint costs; on, a call costs two host calls through interpreted
// variables (no frame slot, unlike a host call written in place) and the
// profiler's bookkeeping. Functions compiled before a profile starts are
// profiled too: the hooks are always there.
const (
	profFlagName   = "_gkpf"
	profEnterName  = "_gkpe"
	profExitName   = "_gkpx"
	nativeEnterVar = "_gkne"
	nativeExitVar  = "_gknx"
)

// profilePrelude declares, in the interpreter, the entry flag and the
// variables holding the hooks.
func profilePrelude() string {
	return "var " + profFlagName + " bool\n" +
		"var " + profEnterName + " = " + rtName + ".PE\n" +
		"var " + profExitName + " = " + rtName + ".PX\n" +
		"var " + nativeEnterVar + " = " + rtName + ".NE\n" +
		"var " + nativeExitVar + " = " + rtName + ".NX\n"
}

// profileSymbols are the hooks in the runtime package cells import.
func (s *Session) profileSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"PE":    reflect.ValueOf(s.profEnter),
		"PX":    reflect.ValueOf(s.prof.Exit),
		"NE":    reflect.ValueOf(func(id int) { s.prof.EnterNative(profiler.FuncID(id)) }),
		"NX":    reflect.ValueOf(func(id int) { s.prof.ExitNative(profiler.FuncID(id)) }),
		"PM":    reflect.ValueOf(func(id int) { s.prof.Enter(profiler.FuncID(id)) }),
		"MPrun": reflect.ValueOf(func() *profiler.Stats { return s.mg.prun }),
	}
}

// profEnter is the function-entry checkpoint's slow path: the ordinary
// slow path for the other bits, then the profiler's entry hook. It counts
// its calls: with profiling off, only the other bits bring calls here.
func (s *Session) profEnter(id int) {
	s.profHooks.Add(1)
	s.cp.Slow()
	if s.cp.Bits()&rt.Profile != 0 {
		s.prof.Enter(profiler.FuncID(id))
	}
}

// profileHooks gives the functions in n their entry hooks and the
// statements that call compiled functions theirs; checkpoints must be in
// place.
func (s *Session) profileHooks(n ast.Node, u *unit) {
	if s.noCheckpoints || s.noProfileHooks {
		return
	}
	h := rewrite.Hooks{Enter: rtName + ".PE", Exit: rtName + ".PX", ID: s.funcID}
	nh := rewrite.NativeHooks{Enter: rtName + ".NE", Exit: rtName + ".NX", ID: s.nativeID(u), Cond: wordCond, Scope: s.scope(u)}
	if s.useFlagCheckpoints() {
		h.Flag, h.Enter, h.Exit = profFlagName, profEnterName, profExitName
		nh.Enter, nh.Exit = nativeEnterVar, nativeExitVar
		nh.Cond = func(pos token.Pos) ast.Expr { return &ast.Ident{NamePos: pos, Name: profFlagName} }
	}
	rewrite.ProfileEntries(n, h)
	rewrite.NativeCalls(n, nh)
}

// wordCond is `_gk.L() != 0`, the condition where there is no flag.
func wordCond(pos token.Pos) ast.Expr {
	return &ast.BinaryExpr{
		X:     &ast.CallExpr{Fun: &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: rtName}, Sel: ast.NewIdent("L")}, Lparen: pos, Rparen: pos},
		OpPos: pos, Op: token.NEQ, Y: &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: "0"},
	}
}

// funcID registers a function declared at pos.
func (s *Session) funcID(name string, pos token.Pos) int {
	p := s.in.FileSet().Position(pos)
	return int(s.prof.Register(profiler.Func{File: p.Filename, Line: p.Line, Name: name}))
}

// nativeID registers pkg.name when pkg names a compiled package the cell
// sees.
// The table of imports is made at the first call: most cells call no
// compiled function.
func (s *Session) nativeID(u *unit) func(pkg, name string) (int, bool) {
	var paths map[string]string
	return func(pkg, name string) (int, bool) {
		if paths == nil {
			paths = s.importPaths(u)
		}
		p, ok := paths[pkg]
		if !ok || pkg == rtName {
			return 0, false
		}
		if _, isFunc := s.packageFunc(u, pkg, name); !isFunc {
			return 0, false // a conversion to one of its types
		}
		return int(s.prof.Native(p + "." + name)), true
	}
}

// startProfile and stopProfile bracket a profiled run.
func (s *Session) startProfile() error {
	if err := s.prof.Start(); err != nil {
		return err
	}
	s.cp.Set(rt.Profile)
	return nil
}

func (s *Session) stopProfile() *profiler.Profile {
	s.cp.Clear(rt.Profile)
	return s.prof.Stop()
}
