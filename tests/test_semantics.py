"""Go semantics the interpreter gets wrong unless cells are rewritten:
go statements evaluate their call at the statement, comma-ok and
multi-value definitions work at a cell's top level, vars may read earlier
cells' variables, redefinitions read the old value, and a name defined
nowhere is reported as undefined."""

from __future__ import annotations

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import KERNEL_NAME
from kernelclient import drain, execute


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60)
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.fixture
def kc(kernel):
    drain(kernel)
    return kernel


def run_ok(kc, code: str):
    r = execute(kc, code)
    assert r.status == "ok", r.describe()
    return r


def test_go_arguments_evaluated_at_statement(kc):
    r = run_ok(kc, """import ("fmt"; "sync")
var wg sync.WaitGroup
for i := 0; i < 3; i++ {
	wg.Add(1)
	go func(i int) { defer wg.Done(); fmt.Println("g", i) }(i)
}
wg.Wait()""")
    assert sorted(r.stream("stdout").splitlines()) == ["g 0", "g 1", "g 2"]


def test_comma_ok_definitions_persist(kc):
    run_ok(kc, """import "fmt"
m := map[string]int{"a": 1}
var e any = 3
ch := make(chan int, 1); ch <- 5""")
    run_ok(kc, """v, ok := m["a"]
n, ok2 := e.(int)
x, ok3 := <-ch""")
    r = run_ok(kc, 'fmt.Printf("%T %v %v %v %v %v %v", v, v, ok, n, ok2, x, ok3)')
    assert r.stream("stdout") == "int 1 true 3 true 5 true"


def test_comma_ok_redefinition_and_blank(kc):
    run_ok(kc, """import "fmt"
m := map[string]int{"a": 1}""")
    run_ok(kc, 'v, ok := m["a"]')
    run_ok(kc, 'v, ok := m["zz"]')
    assert run_ok(kc, 'fmt.Print(v, ok)').stream("stdout") == "0 false"
    run_ok(kc, 'var e any = "s"\n_, ok := e.(string)')
    assert run_ok(kc, 'fmt.Print(v, ok)').stream("stdout") == "0 true"
    run_ok(kc, 'var v5, ok5 = m["a"]')
    assert run_ok(kc, 'fmt.Print(v5, ok5)').stream("stdout") == "1 true"


def test_comma_ok_in_top_level_loop(kc):
    r = run_ok(kc, """import "fmt"
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
    run_ok(kc, 'import "fmt"\nvm := map[string]int{"a": 1, "b": 2}')
    run_ok(kc, "var vb = len(vm)")
    assert run_ok(kc, "vb").result_text() == "2"
    run_ok(kc, "var vtotal int\nfunc vadd(n int) { vtotal += n }\nvadd(3)\nvadd(4)")
    assert run_ok(kc, "vtotal").result_text() == "7"


def test_multi_value_definition_with_composite_literal(kc):
    run_ok(kc, "import \"fmt\"\ntype MP struct{ X int }\nmx := 5")
    run_ok(kc, "ma, mb := mx, MP{1}")
    assert run_ok(kc, 'fmt.Sprint(ma, " ", mb.X)').result_text() == '"5 1"'


def test_swap_and_redefinition_read_old_values(kc):
    run_ok(kc, "sa, sb := 1, 2")
    run_ok(kc, "sa, sb := sb, sa")
    assert run_ok(kc, "sa*10 + sb").result_text() == "21"
    run_ok(kc, "sa := sa * 100")
    assert run_ok(kc, "sa").result_text() == "200"
