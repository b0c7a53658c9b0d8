package engine

import (
	"strings"
	"testing"
)

func TestStateAcrossCells(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `import "fmt"
x := 40
func add(a, b int) int { return a + b }`)
	res, out := mustRun(t, s, "y := add(x, 2)\nfmt.Println(y)\ny")
	if got := out.out("stdout"); got != "42\n" {
		t.Errorf("stdout = %q", got)
	}
	if got := plain(res); got != "42" {
		t.Errorf("final value = %q, want 42", got)
	}
}

func TestRedefinition(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "x := 1\nfunc f() int { return 1 }")
	res, _ := mustRun(t, s, `x := "s"
func f() int { return 2 }
x`)
	if got := plain(res); got != `"s"` {
		t.Errorf("x = %q", got)
	}
	res, _ = mustRun(t, s, "f()")
	if got := plain(res); got != "2" {
		t.Errorf("f() = %q", got)
	}
}

func TestRepeatedImport(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `import "strings"`)
	mustRun(t, s, `import "strings"`)
	res, _ := mustRun(t, s, "import (\n\t\"strings\"\n\t\"strconv\"\n)\nstrings.Repeat(strconv.Itoa(1), 3)")
	if got := plain(res); got != `"111"` {
		t.Errorf("got %q", got)
	}
	res, _ = mustRun(t, s, `strings.ToUpper("go")`)
	if got := plain(res); got != `"GO"` {
		t.Errorf("import not kept across cells: %q", got)
	}
}

func TestFinalValue(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `import "fmt"
func none() {}
func two() (int, error) { return 1, nil }`)
	tests := []struct{ code, want string }{
		{"1 + 2", "3"},
		{"1 + 2;", ""},
		{"1 + 2 ; // hidden", ""},
		{`fmt.Println("x")`, ""},
		{"none()", ""},
		{"two()", ""},
		{`fmt.Sprint(7)`, `"7"`},
		{"x := 3", ""},
		{"[]int{1, 2}", "[]int{1, 2}"},
	}
	for _, tt := range tests {
		res, _ := mustRun(t, s, tt.code)
		if got := plain(res); got != tt.want {
			t.Errorf("%q: final value %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestCompileErrorPosition(t *testing.T) {
	s := newSession(t)
	counter = 40
	res, _ := run(t, s, "a := 1\nprintln(a)\nprintln(a +\n\tundefinedName)")
	if res.Error == nil || res.Error.Name != "CompileError" {
		t.Fatalf("want CompileError, got %+v", res.Error)
	}
	if !strings.HasPrefix(res.Error.Value, "cell[41]:4:2: ") || !strings.Contains(res.Error.Value, "undefined") {
		t.Errorf("value = %q, want cell[41]:4:2: undefined ...", res.Error.Value)
	}
	res, _ = run(t, s, "func f() {\n\treturn 1 +\n}")
	if res.Error == nil || !strings.HasPrefix(res.Error.Value, "cell[42]:3:1") {
		t.Errorf("parse error = %+v", res.Error)
	}
	mustRun(t, s, "a := 2")
}

func TestPanic(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "func inner(m map[string]int) { m[\"a\"] = 1 }\nfunc outer() { inner(nil) }")
	res, out := run(t, s, "outer()")
	if res.Error == nil || res.Error.Name != "panic" {
		t.Fatalf("want panic, got %+v", res.Error)
	}
	if !strings.Contains(res.Error.Value, "nil map") {
		t.Errorf("value = %q", res.Error.Value)
	}
	tb := stripANSI(strings.Join(res.Error.Traceback, "\n"))
	for _, want := range []string{"main.inner", "main.outer", "cell["} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks %q:\n%s", want, tb)
		}
	}
	if e := out.out("stderr"); e != "" {
		t.Errorf("stack lines leaked to stderr: %q", e)
	}
	for _, code := range []string{"var p *struct{ X int }\n_ = p.X", "a := []int{1}\ni := 5\n_ = a[i]", `panic("boom")`} {
		res, _ := run(t, s, code)
		if res.Error == nil || res.Error.Name != "panic" {
			t.Errorf("%q: want panic, got %+v", code, res.Error)
		}
	}
}

func TestExitRefused(t *testing.T) {
	s := newSession(t)
	for _, code := range []string{"import \"os\"\nos.Exit(3)", "import \"log\"\nlog.Fatal(\"bye\")"} {
		res, _ := run(t, s, code)
		if res.Error == nil || res.Error.Name != "SystemExit" || !strings.Contains(res.Error.Value, "refused") {
			t.Errorf("%q: got %+v", code, res.Error)
		}
	}
	mustRun(t, s, "1")
}

func TestGoexitRefused(t *testing.T) {
	s := newSession(t)
	res, _ := run(t, s, "import \"runtime\"\nruntime.Goexit()")
	if res.Error == nil || !strings.Contains(res.Error.Value, "Goexit") {
		t.Errorf("got %+v", res.Error)
	}
}

func TestRecursionError(t *testing.T) {
	skipUnderRace(t) // the error cancels the run
	s := newSession(t)
	res, _ := run(t, s, "func down(n int) int { return down(n+1) + 1 }\ndown(0)")
	if res.Error == nil || res.Error.Name != "RecursionError" {
		t.Fatalf("want RecursionError, got %+v", res.Error)
	}
	if !strings.Contains(res.Error.Value, "recursion") {
		t.Errorf("value = %q", res.Error.Value)
	}
	res, _ = mustRun(t, s, "func depth(n int) int { if n == 0 { return 0 }; return depth(n-1) + 1 }\ndepth(1000)")
	if plain(res) != "1000" {
		t.Errorf("session unusable after a RecursionError: %q", plain(res))
	}
}

func TestStdlibPackages(t *testing.T) {
	s := newSession(t)
	res, out := mustRun(t, s, `import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)
var mu sync.Mutex
mu.Lock()
mu.Unlock()
xs := []int{3, 1, 2}
sort.Ints(xs)
w := bufio.NewWriter(os.Stdout)
fmt.Fprintln(w, strings.Join([]string{"a", "b"}, ","), math.Sqrt(16), strconv.Itoa(xs[0]))
w.Flush()
e := errors.New("e")
d := time.Second
_, _ = e, d
image.Rect(0, 0, 2, 3).Dx()`)
	if got := out.out("stdout"); got != "a,b 4 1\n" {
		t.Errorf("stdout = %q", got)
	}
	if plain(res) != "2" {
		t.Errorf("final = %q", plain(res))
	}
}
