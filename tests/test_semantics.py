"""Go semantics the interpreter gets wrong unless cells are rewritten:
go statements evaluate their call at the statement, comma-ok and
multi-value definitions work at a cell's top level, vars may read earlier
cells' variables, redefinitions read the old value, and a name defined
nowhere is reported as undefined."""

from __future__ import annotations

from kernelclient import execute, ok


def test_go_arguments_evaluated_at_statement(kc):
    r = ok(kc, """import ("fmt"; "sync")
var wg sync.WaitGroup
for i := 0; i < 3; i++ {
	wg.Add(1)
	go func(i int) { defer wg.Done(); fmt.Println("g", i) }(i)
}
wg.Wait()""")
    assert sorted(r.stream("stdout").splitlines()) == ["g 0", "g 1", "g 2"]


def test_comma_ok_definitions_persist(kc):
    ok(kc, """import "fmt"
m := map[string]int{"a": 1}
var e any = 3
ch := make(chan int, 1); ch <- 5""")
    ok(kc, """v, ok := m["a"]
n, ok2 := e.(int)
x, ok3 := <-ch""")
    r = ok(kc, 'fmt.Printf("%T %v %v %v %v %v %v", v, v, ok, n, ok2, x, ok3)')
    assert r.stream("stdout") == "int 1 true 3 true 5 true"


def test_comma_ok_redefinition_and_blank(kc):
    ok(kc, """import "fmt"
m := map[string]int{"a": 1}""")
    ok(kc, 'v, ok := m["a"]')
    ok(kc, 'v, ok := m["zz"]')
    assert ok(kc, 'fmt.Print(v, ok)').stream("stdout") == "0 false"
    ok(kc, 'var e any = "s"\n_, ok := e.(string)')
    assert ok(kc, 'fmt.Print(v, ok)').stream("stdout") == "0 true"
    ok(kc, 'var v5, ok5 = m["a"]')
    assert ok(kc, 'fmt.Print(v5, ok5)').stream("stdout") == "1 true"


def test_comma_ok_in_top_level_loop(kc):
    r = ok(kc, """import "fmt"
scores := map[string]int{"ann": 3}
for _, k := range []string{"ann", "bob"} {
	if s, ok := scores[k]; ok { fmt.Println(k, s) } else { fmt.Println(k, "none") }
}""")
    assert r.stream("stdout") == "ann 3\nbob none\n"


def test_undefined_name_is_reported_as_undefined(kc):
    r = execute(kc, "x := 1\ny := undefinedThing + 2")
    assert r.status == "error", r.describe()
    err = r.error()
    assert err["ename"] == "CompileError"
    assert err["evalue"].endswith(":2:6: undefined: undefinedThing"), err["evalue"]
    assert "definition loop" not in err["evalue"]


def test_var_reading_an_earlier_cell(kc):
    ok(kc, 'import "fmt"\nvm := map[string]int{"a": 1, "b": 2}')
    ok(kc, "var vb = len(vm)")
    assert ok(kc, "vb").result_text() == "2"
    ok(kc, "var vtotal int\nfunc vadd(n int) { vtotal += n }\nvadd(3)\nvadd(4)")
    assert ok(kc, "vtotal").result_text() == "7"


def test_multi_value_definition_with_composite_literal(kc):
    ok(kc, "import \"fmt\"\ntype MP struct{ X int }\nmx := 5")
    ok(kc, "ma, mb := mx, MP{1}")
    assert ok(kc, 'fmt.Sprint(ma, " ", mb.X)').result_text() == '"5 1"'


def test_swap_and_redefinition_read_old_values(kc):
    ok(kc, "sa, sb := 1, 2")
    ok(kc, "sa, sb := sb, sa")
    assert ok(kc, "sa*10 + sb").result_text() == "21"
    ok(kc, "sa := sa * 100")
    assert ok(kc, "sa").result_text() == "200"
