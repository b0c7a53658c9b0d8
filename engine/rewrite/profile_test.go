package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"sort"
	"strings"
	"testing"
)

// registered records what ProfileEntries registers.
type registered struct {
	names []string
}

func (r *registered) id(name string, _ token.Pos) int {
	r.names = append(r.names, name)
	return len(r.names) - 1
}

func TestProfileEntries(t *testing.T) {
	src := `type T[K any] struct{}
func f() { for {} }
func (t *T[K]) M() {}
func (T[K]) V() {}
var g = func() {}
func noBody()`
	var r registered
	out := render(t, src, func(p *parsedFile) {
		FlagCheckpoints(p.File, "_gkb", "_gks")
		ProfileEntries(p.File, Hooks{Flag: "_gkpf", Enter: "_gkpe", Exit: "_gkpx", ID: r.id})
	})
	if got := strings.Join(r.names, " "); got != "f (*T).M T.V <func literal>" {
		t.Errorf("registered %q", got)
	}
	for i := range r.names {
		want := "if _gkpf {\n\t\t_gkpe(" + string(rune('0'+i)) + ")\n\t\tdefer _gkpx()\n\t}"
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	// The loop keeps its own checkpoint and flag.
	if strings.Count(out, "if _gkb {\n") != 1 || strings.Count(out, "_gks()") != 1 {
		t.Errorf("loop checkpoint changed:\n%s", out)
	}
}

func TestProfileEntriesSelectorsAndGenerated(t *testing.T) {
	var r registered
	out := render(t, "func f() {}", func(p *parsedFile) {
		// A literal the rewrites made has no position: no hooks.
		p.File.Decls[0].(*ast.FuncDecl).Body.List = []ast.Stmt{&ast.ExprStmt{X: &ast.FuncLit{
			Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{},
		}}}
		Checkpoints(p.File, "_gk")
		ProfileEntries(p.File, Hooks{Enter: "_gk.PE", Exit: "_gk.PX", ID: r.id})
	})
	if len(r.names) != 1 || !strings.Contains(out, "if *_gk.P != 0 {\n\t\t_gk.PE(0)\n\t\tdefer _gk.PX()") {
		t.Errorf("registered %v:\n%s", r.names, out)
	}
	if strings.Count(out, "_gk.S()") != 1 {
		t.Errorf("the generated literal lost its checkpoint:\n%s", out)
	}
}

func TestNativeCalls(t *testing.T) {
	src := `func f(s string) []string {
	n := strconv.Itoa(3)
	fmt.Println(n)
	x := strings.ToUpper(strings.TrimSpace(s))
	k := len(strings.Fields(s)) + 1
	fmt.Println(g(s), strings.Repeat("-", k))
	if strings.HasPrefix(s, "#") {
	}
	var strings = 1
	_ = strings
	local.Method()
	buf := new(bytes.Buffer)
	buf.WriteString(s)
	return strings2.Split(s, ",")
}`
	ids := map[string]int{}
	id := func(pkg, name string) (int, bool) {
		if pkg == "local" {
			return 0, false
		}
		if _, ok := ids[pkg+"."+name]; !ok {
			ids[pkg+"."+name] = len(ids)
		}
		return ids[pkg+"."+name], true
	}
	out := render(t, src, func(p *parsedFile) {
		NativeCalls(p.File, NativeHooks{Enter: "_gkne", Exit: "_gknx", ID: id, Scope: testScope,
			Cond: func(pos token.Pos) ast.Expr { return &ast.Ident{NamePos: pos, Name: "_gkpf"} }})
	})
	out = numbers.ReplaceAllString(out, "${1}N")
	var seen []string
	for name := range ids {
		seen = append(seen, name)
	}
	sort.Strings(seen)
	// Neither local.Method nor a method of the variable buf is taken.
	want := "fmt.Println strconv.Itoa strings.Fields strings.HasPrefix strings.Repeat strings.ToUpper strings.TrimSpace strings2.Split"
	if got := strings.Join(seen, " "); got != want {
		t.Errorf("native calls %q", got)
	}
	hooks := func(name string) (string, string) {
		return fmt.Sprintf("_gkne(%d)", ids[name]), fmt.Sprintf("_gknx(%d)", ids[name])
	}
	in := func(name, stmt string) []string {
		e, x := hooks(name)
		return []string{e, stmt, x}
	}
	var order []string
	for _, part := range [][]string{
		in("strconv.Itoa", "n := strconv.Itoa(3)"),
		in("fmt.Println", "fmt.Println(n)"),
		in("strings.TrimSpace", "_gkvN := strings.TrimSpace(s)"),
		in("strings.ToUpper", "x := strings.ToUpper(_gkvN)"),
		in("strings.Fields", "k := len(strings.Fields(s)) + 1"),
		{"_gkvN := g(s)"},
		in("strings.Repeat", `_gkvN := strings.Repeat("-", k)`),
		in("fmt.Println", "fmt.Println(_gkvN, _gkvN)"),
		in("strings.HasPrefix", `_gkvN := strings.HasPrefix(s, "#")`),
		{"if _gkvN {", "local.Method()", "buf.WriteString(s)"},
	} {
		order = append(order, part...)
	}
	e, x := hooks("strings2.Split")
	order = append(order, e, "defer "+x, "return strings2.Split(s, \",\")")
	checkRendered(t, out, order, []string{"_gkne(" + fmt.Sprint(len(ids)) + ")"})
	// One test serves the exit of a moved call and the enter of the next.
	_, trimExit := hooks("strings.TrimSpace")
	upperEnter, _ := hooks("strings.ToUpper")
	if !strings.Contains(out, "if _gkpf {\n\t\t"+trimExit+"\n\t\t"+upperEnter+"\n\t}") {
		t.Errorf("%s and %s are not behind one test:\n%s", trimExit, upperEnter, out)
	}
}

func TestFuncName(t *testing.T) {
	var r registered
	render(t, "type P struct{}\nfunc (p P) A() {}\nfunc (*P) B() {}\nfunc C() {}", func(p *parsedFile) {
		Checkpoints(p.File, "_gk")
		ProfileEntries(p.File, Hooks{Enter: "e", Exit: "x", ID: r.id})
	})
	if got := strings.Join(r.names, " "); got != "P.A (*P).B C" {
		t.Errorf("names %q", got)
	}
}

// A definition whose type is known becomes a declaration and an
// assignment that runs as written unless profiling; the others keep a
// test per hook.
func TestNativeCallsPredeclare(t *testing.T) {
	src := `func f(s string) {
	f := strings.Fields(strings.TrimSpace(s))
	u := strings.ToUpper(strings.TrimSpace(s))
	a, b := strings.Cut(strings.TrimSpace(s), ",")
}`
	sc := testScope
	sc.ResultType = func(c *ast.CallExpr) ast.Expr {
		if c.Fun.(*ast.SelectorExpr).Sel.Name == "Fields" {
			return &ast.ArrayType{Elt: ast.NewIdent("string")}
		}
		return nil
	}
	out := render(t, src, func(p *parsedFile) {
		NativeCalls(p.File, NativeHooks{Enter: "_gkne", Exit: "_gknx", Scope: sc,
			ID:   func(pkg, name string) (int, bool) { return len(name), true },
			Cond: func(pos token.Pos) ast.Expr { return &ast.Ident{NamePos: pos, Name: "_gkpf"} }})
	})
	out = numbers.ReplaceAllString(out, "${1}N")
	checkRendered(t, out, []string{
		"var f []string", "if _gkpf {", "_gkne(9)", "_gkvN := strings.TrimSpace(s)", "_gknx(9)", "_gkne(6)",
		"f = strings.Fields(_gkvN)", "_gknx(6)", "} else {", "f = strings.Fields(strings.TrimSpace(s))", "}",
		"if _gkpf {", "_gkne(9)", "}", "_gkvN := strings.TrimSpace(s)", "if _gkpf {", "_gknx(9)", "_gkne(7)", "}",
		"u := strings.ToUpper(_gkvN)", "if _gkpf {", "_gknx(7)", "}",
		"_gkvN := strings.TrimSpace(s)", "a, b := strings.Cut(_gkvN, \",\")",
	}, []string{"var u", "var a"})
}
