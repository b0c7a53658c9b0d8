package rewrite

import (
	"go/ast"
	"regexp"
	"testing"
)

// numbers hides the temporaries' process-wide numbers.
var numbers = regexp.MustCompile(`(_gk[tvxcfn])[0-9]+`)

// testScope knows the packages bufio, json and strings, and that g and
// strings.TrimSpace return one result.
var testScope = Scope{
	Global: func(string) {},
	// Variables of type Builder never wait.
	NeverWaits: func(x ast.Expr) bool {
		switch u := x.(type) {
		case *ast.UnaryExpr:
			x = u.X
		case *ast.StarExpr:
			x = u.X
		}
		if c, ok := x.(*ast.CompositeLit); ok {
			x = c.Type
		}
		s, ok := x.(*ast.SelectorExpr)
		return ok && s.Sel.Name == "Builder"
	},
	// Named types are value types here, except io.Reader.
	ValueType: func(t ast.Expr) bool {
		_, named := t.(*ast.Ident)
		return named
	},
	IsPackage: func(n string) bool { return n == "bufio" || n == "json" || n == "strings" },
	Results: func(c *ast.CallExpr) (int, bool) {
		switch f := c.Fun.(type) {
		case *ast.Ident:
			return 1, f.Name == "g"
		case *ast.SelectorExpr:
			return 1, f.Sel.Name == "TrimSpace"
		}
		return 0, false
	},
}

func TestBlocking(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in this order
		not       []string
	}{
		{"send", "func f() { c <- 1 }", []string{"_gktN := _gk.U()", "c <- 1", "_gk.A(_gktN)"}, nil},
		{"bare receive", "func f() { <-c }", []string{"_gktN := _gk.U()", "<-c", "_gk.A(_gktN)"}, nil},
		{"hoisted", "func f() { x := g(<-c) + 1 }", []string{"_gktN := _gk.U()", "_gkvN := <-c", "_gk.A(_gktN)", "x := g(_gkvN) + 1"}, nil},
		{"two values", "func f() { v, ok := <-c }", []string{"_gk.U()", "v, ok := <-c", "_gk.A("}, nil},
		{"return", "func f() int { return <-c }", []string{"_gkvN := <-c", "_gk.A(_gktN)", "return _gkvN"}, nil},
		{"if init", "func f() { if v := <-c; v > 0 { } }", []string{"{", "_gktN := _gk.U()", "_gkvN := <-c", "_gk.A(_gktN)", "v := _gkvN", "if v > 0"}, nil},
		{"else if", "func f() { if a { } else if v, ok := <-c; ok { g(v) } }", []string{"if a {", "} else {", "_gk.U()", "v, ok := <-c", "if ok {"}, nil},
		{"order kept", "func f() { x := g() + <-c }", []string{"_gkvN := g()", "_gk.U()", "_gkvN := <-c", "x := _gkvN + _gkvN"}, nil},
		{"send operand", "func f() { c <- g() }", []string{"_gkvN := g()", "_gk.U()", "c <- _gkvN"}, nil},
		{"method", "func f() { n, err := r.Read(p) }", []string{"var _gktN *_gk.Thread", "if !_gknN {", "_gktN = _gk.UM(&r, &_gknN)", "n, err := r.Read(p)", "if _gktN != nil {", "_gk.A(_gktN)"}, nil},
		{"method statement", "func f() { sb.WriteString(\"x\") }", []string{"if _gknN {", `sb.WriteString("x")`, "} else {",
			"var _gktN *_gk.Thread", "_gktN = _gk.UM(&sb, &_gknN)", `sb.WriteString("x")`, "if _gktN != nil {", "_gk.A(_gktN)"}, []string{"if !_gkn"}},
		{"receiver declared never waiting", "func f(p *strings.Builder) { var sb strings.Builder; sb.WriteString(\"x\"); b := &strings.Builder{}; b.WriteString(\"y\"); p.WriteString(\"z\") }",
			[]string{`sb.WriteString("x")`, `b.WriteString("y")`}, []string{"_gk.UM"}},
		{"method on an index", "func f() { rs[i].Read(p) }", []string{"var _gktN *_gk.Thread", "_gktN = _gk.UM(rs[i], nil)", "rs[i].Read(p)"}, []string{"_gkn"}},
		{"method argument", "func f() { w.Write(g(x)) }", []string{"_gkvN := g(x)", "_gk.UM(&w, &_gknN)", "w.Write(_gkvN)"}, nil},
		{"method receiver call", "func f() { err := json.NewDecoder(r).Decode(&v) }",
			[]string{"_gkvN := json.NewDecoder(r)", "var _gktN *_gk.Thread", "if !_gknN {", "_gktN = _gk.UM(&_gkvN, &_gknN)", "err := _gkvN.Decode(&v)", "_gk.A(_gktN)"}, nil},
		{"package function", "func f() { n, err := bufio.Read(p) }", []string{"n, err := bufio.Read(p)"}, []string{"_gk.UM"}},
		{"method return", "func f() (string, error) { return r.ReadString('\\n') }",
			[]string{"var _gktN *_gk.Thread", "if !_gknN {", "_gktN = _gk.UM(&r, &_gknN)", "defer _gk.A(_gktN)", "return r.ReadString"}, nil},
		{"loop condition", "func f() { for sc.Scan() { g(sc.Text()) } }",
			[]string{"for {", "_gk.UM(&sc, &_gknN)", "_gkvN := sc.Scan()", "_gk.A(_gktN)", "if !(_gkvN) {", "break", "g(sc.Text())"}, nil},
		{"loop header", "func f() { for line, err := r.ReadString('\\n'); err == nil; line, err = r.ReadString('\\n') { g(line) } }",
			[]string{"{", "_gk.UM(&r, &_gknN)", "line, err := r.ReadString", "_gk.A(", "_gkfN := false", "for {", "if _gkfN {", "_gk.UM(&r, &_gknN)",
				"line, err = r.ReadString", "_gk.A(", "} else {", "_gkfN = true", "if !(err == nil) {", "break", "g(line)"}, nil},
		{"counting loop", "func f() { for i := 0; i < n; i++ { g(i) } }", []string{"for i := 0; i < n; i++ {"}, nil},
		{"nested method", "func f() { if !sc.Scan() { return } }", []string{"_gk.UM(&sc, &_gknN)", "_gkvN := sc.Scan()", "if !_gkvN {"}, nil},
		{"select operands", "func f() { select { case c <- g():\n case <-h(): } }", []string{"_gkvN := g()", "h()", "_gk.U()", "select"}, nil},
		{"select", "func f() { select { case v := <-a: g(v)\n case b <- 1: } }",
			[]string{"_gktN := _gk.U()", "select", "case v := <-a:", "_gk.A(_gktN)", "g(v)", "case b <- 1:", "_gk.A(_gktN)"}, nil},
		{"select default", "func f() { select { case <-a:\n default: } }", []string{"select"}, []string{"_gk.U()"}},
		{"range", "func f() { for v := range c { if v { continue }; g(v) } }",
			[]string{"_gkxN := c", "_gktN := _gk.RU(_gkxN)", "_gkcN := _gktN != nil", "for v := range _gkxN",
				"if _gkcN {", "_gk.A(_gktN)", "if _gkcN {", "_gk.U()", "continue", "g(v)", "_gk.U()", "_gk.A(_gktN)"}, nil},
		{"range two vars", "func f() { for i, v := range xs { g(i, v) } }", []string{"for i, v := range xs"}, []string{"_gk.RU"}},
		{"range literal", "func f() { for i := range []int{1} { g(i) } }", nil, []string{"_gk.RU"}},
		{"nested continue", "func f() { for v := range c { for { continue } } }", nil, []string{"_gk.U()\n\t\t\t\tcontinue"}},
		{"func literal", "func f() { g(func() int { return <-c }) }", []string{"g(func() int {", "_gkvN := <-c"}, nil},
		{"short circuit", "func f() { if ok && <-c { } }",
			[]string{"_gkvN := ok", "if _gkvN {", "_gk.U()", "_gkvN := <-c", "_gk.A(", "_gkvN = _gkvN", "if _gkvN {"}, nil},
		{"or", "func f() { x := a || sc.Scan() }", []string{"_gkvN := a", "if !_gkvN {", "_gk.UM(&sc, &_gknN)"}, nil},
		{"no channel", "func f() { x := g(1) }", []string{"x := g(1)"}, []string{"_gk."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, tt.src, func(p *parsedFile) { Blocking(p.File, "_gk", testScope) })
			out = numbers.ReplaceAllString(out, "${1}N")
			checkRendered(t, out, tt.want, tt.not)
		})
	}
}

// lines joins a rendered file's lines, whatever their indentation.
var lines = regexp.MustCompile(`\n[\t\n]*`)

// Waits in a row share one release: the lock is not taken back between
// them, only after the last.
func TestFuse(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in this order
		not       []string
	}{
		{"send then receive", "func f() {\n c <- 1\n <-d\n}",
			[]string{"_gktN := _gk.U()", "c <- 1 / _gktN := _gktN / <-d / _gk.A(_gktN)"}, nil},
		{"three in a row", "func f() {\n c <- 1\n <-d\n e <- 2\n}",
			[]string{"_gk.U()", "c <- 1 / _gktN := _gktN / <-d / _gktN := _gktN / e <- 2 / _gk.A(_gktN) / }"}, nil},
		{"code between", "func f() {\n c <- 1\n x++\n <-d\n}",
			[]string{"c <- 1", "_gk.A(_gktN)", "x++", "_gktN := _gk.U()", "<-d"}, []string{"_gktN := _gktN"}},
		{"range body", "func f() {\n for v := range c {\n d <- v\n }\n}",
			[]string{"for v := range _gkxN {", "_gktN := _gktN / if !_gkcN { / _gktN = _gk.U()", "d <- v",
				"if !_gkcN { / _gk.A(_gktN) / } / }", "_gk.A(_gktN)"}, []string{"if _gkcN"}},
		{"range body with code", "func f() {\n for v := range c {\n x += v\n d <- x\n }\n}",
			[]string{"if _gkcN { / _gk.A(_gktN)", "x += v", "_gktN := _gk.U()", "d <- x", "if !_gkcN { / _gk.A(_gktN)"}, nil},
		{"method waits keep their own", "func f() {\n c <- 1\n r.Read(p)\n}",
			[]string{"c <- 1 / _gk.A(_gktN)", "_gk.UM("}, []string{"_gktN := _gktN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, tt.src, func(p *parsedFile) { Blocking(p.File, "_gk", testScope) })
			out = numbers.ReplaceAllString(out, "${1}N")
			checkRendered(t, lines.ReplaceAllString(out, " / "), tt.want, tt.not)
		})
	}
	// A variable that may be nil while the lock is held (what RU returns
	// for a slice) is not passed on.
	out := render(t, "func f() { _gkt1 := _gk.RU(xs); _gk.A(_gkt1); _gkt2 := _gk.U() }", func(p *parsedFile) { fuse(p.File, "_gk") })
	checkRendered(t, out, []string{"_gk.A(_gkt1)", "_gkt2 := _gk.U()"}, nil)
}
