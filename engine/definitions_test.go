package engine

import (
	"strings"
	"testing"
)

// runErr runs the cells in a new session, all but the last must succeed;
// it returns the last one's error value ("" when it succeeded).
func runErr(t *testing.T, cells ...string) string {
	t.Helper()
	s := newSession(t)
	for _, c := range cells[:len(cells)-1] {
		mustRun(t, s, c)
	}
	res, _ := run(t, s, cells[len(cells)-1])
	if res.Error == nil {
		return ""
	}
	return res.Error.Value
}

func TestUndefinedNameInsteadOfDefinitionLoop(t *testing.T) {
	tests := []struct {
		cells []string
		want  string // the error after cell[N]:
	}{
		{[]string{"x := 1\ny := undefinedThing + 2"}, ":2:6: undefined: undefinedThing"},
		{[]string{"y := 3 * nope"}, ":1:10: undefined: nope"},
		{[]string{"var y = undefinedThing + 2"}, ":1:9: undefined: undefinedThing"},
		{[]string{"x := 1\ny := foo(x)"}, ":2:6: undefined: foo"},
		{[]string{"x := 1\ny := x + zz.Foo"}, ":2:10: undefined: zz"},
		{[]string{"type P struct{ X int }\np := P{X: 1}\nq := p.X + w"}, ":3:12: undefined: w"},
		{[]string{`import "strings"`, "x := strings.ToUpper(`a`)\ny := len(x) + q"}, ":2:15: undefined: q"},
		{[]string{"func f() int { return 1 }\nn := 2", "m := f() + n + k"}, ":1:16: undefined: k"},
		// Two names defined in the cell: yaegi's own message stays.
		{[]string{"var a = b\nvar b = a"}, "definition loop"},
	}
	for _, tt := range tests {
		t.Run(tt.cells[len(tt.cells)-1], func(t *testing.T) {
			got := runErr(t, tt.cells...)
			if !strings.Contains(got, tt.want) || strings.Contains(tt.want, "undefined") && strings.Contains(got, "loop") {
				t.Errorf("error %q, want one with %q", got, tt.want)
			}
		})
	}
}

func TestVarReadsEarlierCell(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "import \"fmt\"\nm := map[string]int{\"a\": 1, \"b\": 2}")
	mustRun(t, s, "var b = len(m)")
	if got := plainOf(t, s, "b"); got != "2" {
		t.Errorf("b = %s, want 2", got)
	}
	mustRun(t, s, "var f float64 = float64(len(m)) / 4\nvar e any = len(m)")
	if got := plainOf(t, s, `fmt.Sprintf("%T %v %T %v", f, f, e, e)`); got != `"float64 0.5 int 2"` {
		t.Errorf("got %s", got)
	}
}

func TestVarInitializersRunInOrder(t *testing.T) {
	tests := []struct{ code, want string }{
		{"x := 3\nvar y = x * 2\ny", "6"},
		{"var (p = 1; q float64 = 2.5)\nvar _ = p\np + int(q)", "3"},
		{"var a, b = 1, []int{2}\na + b[0]", "3"},
		// Functions of the cell still see the vars they use.
		{"var total int\nfunc add(n int) { total += n }\nadd(3)\ntotal", "3"},
		{"var total int = 10\nfunc add(n int) { total += n }\nadd(3)\ntotal", "13"},
		{"var total = 10\nfunc add(n int) { total += n }\nadd(3)\ntotal", "13"},
		{"var a = 1\nvar b = a * 2\nfunc f() int { return b }\nf()", "2"},
		{"var base int = 5\nfunc get() int { return base }\nvar c = get()\nfunc h() int { return c }\nh()", "5"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			s := newSession(t)
			mustRun(t, s, `import "fmt"`)
			if got := plainOf(t, s, tt.code); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMultiValueDefinitions(t *testing.T) {
	setup := "type T struct{ A int }\nx := 5\nfunc f() int { return 7 }"
	tests := []struct{ code, show, want string }{
		{"a, b := x, T{1}", "a*10 + b.A", "51"},
		{"a, b := T{2}, x", "a.A*10 + b", "25"},
		{"a, b, c := x, f(), []int{3}", "a*100 + b*10 + c[0]", "573"},
		{"_, b := f(), T{4}", "b.A", "4"},
		{"a := 0\na, b := x, T{1}", "a*10 + b.A", "51"},
		{"var a, b = x, T{6}", "a*10 + b.A", "56"},
		{"g := func() int { a, b := x, T{1}; return a*10 + b.A }", "g()", "51"},
		{"for i := 0; i < 1; i++ { a, b := x, T{1}; x = a + b.A }", "x", "6"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			s := newSession(t)
			mustRun(t, s, setup)
			mustRun(t, s, tt.code)
			if got := plainOf(t, s, tt.show); got != tt.want {
				t.Errorf("%s = %s, want %s", tt.show, got, tt.want)
			}
		})
	}
}

func TestRedefinitionReadsOldValue(t *testing.T) {
	tests := []struct {
		setup, code, show, want string
	}{
		{"a, b := 1, 2", "a, b := b, a", "a*10 + b", "21"},
		{"a := 5", "a := a * 2", "a", "10"},
		{"a := 5", "b := a\na := \"s\"", `b + len(a)`, "6"},
		{"a := 5", "f := func() int { return a }\na := 7\nn := f()", "n*10 + a", "57"},
		{"xs := []int{1, 2}", "var xs = append(xs, 3)", "len(xs)", "3"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			s := newSession(t)
			mustRun(t, s, tt.setup)
			mustRun(t, s, tt.code)
			if got := plainOf(t, s, tt.show); got != tt.want {
				t.Errorf("%s = %s, want %s", tt.show, got, tt.want)
			}
		})
	}
}
