package engine

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// sortedLines returns the lines of out, sorted: goroutines print in any order.
func sortedLines(out string) []string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	slices.Sort(lines)
	return lines
}

func TestGoEvaluatesArgumentsAtStatement(t *testing.T) {
	tests := []struct {
		name, code string
		want       []string
	}{
		{"top-level loop", `import ("fmt"; "sync")
var wg sync.WaitGroup
for i := 0; i < 3; i++ {
	wg.Add(1)
	go func(i int) { defer wg.Done(); fmt.Println("g", i) }(i)
}
wg.Wait()`, []string{"g 0", "g 1", "g 2"}},
		{"loop in function", `import ("fmt"; "sync")
func start() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) { defer wg.Done(); fmt.Println("f", i) }(i)
	}
	wg.Wait()
}
start()`, []string{"f 0", "f 1", "f 2"}},
		{"function value and variadic", `import ("fmt"; "sync")
var wg sync.WaitGroup
show := func(xs ...int) { defer wg.Done(); fmt.Println(xs) }
for i := 0; i < 2; i++ {
	wg.Add(1)
	go show([]int{i, i}...)
	show = func(xs ...int) { defer wg.Done(); fmt.Println("second", xs) }
}
wg.Wait()`, []string{"[0 0]", "second [1 1]"}},
		{"method value", `import ("fmt"; "sync")
type T struct{ n int }
func (t T) Say(wg *sync.WaitGroup) { defer wg.Done(); fmt.Println("t", t.n) }
var wg sync.WaitGroup
a := T{1}
b := &T{2}
wg.Add(2)
go a.Say(&wg)
go b.Say(&wg)
wg.Wait()`, []string{"t 1", "t 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			_, out := mustRun(t, s, tt.code)
			if got := sortedLines(out.out("stdout")); !slices.Equal(got, tt.want) {
				t.Errorf("goroutines printed %q, want %q (stderr %q)", got, tt.want, out.out("stderr"))
			}
		})
	}
}

func TestGoStatementLastInCellShowsNothing(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "done := make(chan int, 1)")
	res, _ := mustRun(t, s, "go func(n int) { done <- n }(7)")
	if got := plain(res); got != "" {
		t.Errorf("final value %q, want none", got)
	}
	// The next cell starts once the goroutine is gone: the interpreter's
	// globals may not be read while a cell's compile grows them.
	for s.bg.count.Load() != 0 {
		time.Sleep(time.Millisecond)
	}
	res, _ = mustRun(t, s, "n := <-done\nn")
	if got := plain(res); got != "7" {
		t.Errorf("received %q, want 7", got)
	}
}

// commaOKSetup defines what the comma-ok cells read.
const commaOKSetup = `import "fmt"
type P struct{ X int }
m := map[string]int{"a": 1}
var e any = 3
var ep any = P{2}
ch := make(chan int, 2)
ch <- 5
calls := 0
key := func() string { calls++; return "a" }`

func TestTopLevelCommaOK(t *testing.T) {
	tests := []struct{ code, show, want string }{
		{`v, ok := m["a"]`, "", "int 1 bool true"},
		{`v, ok := m["zz"]`, "", "int 0 bool false"},
		{`v, ok := m[key()]`, "; fmt.Print(` calls `, calls)", "int 1 bool true calls 1"},
		{`v, ok := e.(int)`, "", "int 3 bool true"},
		{`v, ok := e.(string)`, "", "string  bool false"},
		{`v, ok := ep.(P)`, "; fmt.Print(` `, v.X + 1)", "struct { X int } {X:2} bool true 3"},
		{`v, ok := <-ch`, "", "int 5 bool true"},
		{"close(ch)\n<-ch\nv, ok := <-ch", "", "int 0 bool false"},
		{`var v, ok = m["a"]`, "", "int 1 bool true"},
		{`var v, ok = e.(int)`, "", "int 3 bool true"},
		{"var v, ok = <-ch", "", "int 5 bool true"},
		{"x := 1\nvar v, ok = m[\"zz\"]\nv += x", "", "int 1 bool false"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			s := newSession(t)
			mustRun(t, s, commaOKSetup)
			mustRun(t, s, tt.code)
			// A later cell sees both variables with their types.
			_, out := mustRun(t, s, `fmt.Printf("%T %+v %T %v", v, v, ok, ok)`+tt.show)
			if got := out.out("stdout"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTopLevelCommaOKRedefinedAndBlank(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, commaOKSetup)
	steps := []struct{ code, want string }{
		{`v, ok := m["a"]`, "1 true"},
		{`v, ok := m["zz"]`, "0 false"},
		{`v, ok := e.(string)`, `"" false`},
		{`_, ok := m["a"]`, `"" true`},
		{`v, _ := e.(int)`, "3 true"},
		{`_, ok := <-ch`, "3 true"},
		{"close(ch)\n_, ok := <-ch", "3 false"},
		{`v, ok = m["a"]`, "1 true"},
	}
	for _, st := range steps {
		mustRun(t, s, st.code)
		_, out := mustRun(t, s, `fmt.Printf("%#v %v", v, ok)`)
		if got := out.out("stdout"); got != st.want {
			t.Errorf("after %q: got %q, want %q", st.code, got, st.want)
		}
	}
	if calls := plainOf(t, s, "len(ch)"); calls != "0" {
		t.Errorf("the receive left %s values in the channel, want 0", calls)
	}
}

func TestTopLevelCommaOKInHeaders(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, commaOKSetup)
	_, out := mustRun(t, s, `if v, ok := m["a"]; ok { fmt.Println("if", v) }
switch n, ok := e.(int); { case ok: fmt.Println("switch", n) }
for x, ok := <-ch; ok; x, ok = <-ch { fmt.Println("for", x); close(ch) }
for _, k := range []string{"a", "b"} {
	if v, ok := m[k]; ok { fmt.Println("loop", k, v) }
	_, ok := e.(int)
	fmt.Println(k, ok)
}`)
	if got, want := out.out("stdout"), "if 1\nswitch 3\nfor 5\nloop a 1\na true\nb true\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Definitions of several variables from one call inside a top-level
// statement's blocks: the interpreter alone loses them ("undefined: err").
func TestTopLevelMultiValueDefinitionsInBlocks(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `import ("fmt"; "strconv")
func two() (string, error) { return "ab", nil }`)
	_, out := mustRun(t, s, `total := 0
for _, w := range []string{"1", "x", "3"} {
	n, err := strconv.Atoi(w)
	if err != nil { fmt.Println("skip", w); continue }
	total += n
}
{ line, err := two(); fmt.Println(line, err) }
if true { a, b := two(); fmt.Println(len(a), b == nil) }
fmt.Println(total)`)
	if got, want := out.out("stdout"), "skip x\nab <nil>\n2 true\n4\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := plainOf(t, s, "total"); got != "4" {
		t.Errorf("total = %s after the cell", got)
	}
}

// go x.M(): the goroutine calls the method on x itself for a struct
// variable with pointer methods, and on host values (whose method values
// the interpreter types wrongly).
func TestGoMethodCalls(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `import ("fmt"; "io"; "strings"; "sync"; "time")
type Counter struct{ n int; done chan bool }
func (c *Counter) Inc(k int) { c.n += k; c.done <- true }`)
	_, out := mustRun(t, s, `var c Counter
c.done = make(chan bool)
go c.Inc(2)
<-c.done
p := &Counter{done: make(chan bool)}
go p.Inc(3)
<-p.done
var sb strings.Builder
var wg sync.WaitGroup
wg.Add(1)
go func() { defer wg.Done(); sb.WriteString("host") }()
wg.Wait()
r := strings.NewReplacer("o", "0")
var out strings.Builder
wg.Add(1)
go func() { defer wg.Done(); r.WriteString(&out, "host") }()
wg.Wait()
var direct strings.Builder
var w io.Writer = &direct
go direct.WriteString("a")
go w.Write([]byte("b"))
for i := 0; i < 2000 && direct.Len() < 2; i++ { time.Sleep(time.Millisecond) }
fmt.Println(c.n, p.n, sb.String(), out.String(), direct.Len())`)
	if got, want := out.out("stdout"), "2 3 host h0st 2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func plainOf(t *testing.T, s *Session, code string) string {
	t.Helper()
	res, _ := mustRun(t, s, code)
	return plain(res)
}
