"""%prun and %%prun through the real kernel: cProfile's table, the pprof
file go tool pprof reads, and the flame graph that follows the table."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from kernelclient import execute, ok

HEADER = re.compile(
    r"^         (\d+) function calls (?:\((\d+) primitive calls\) )?in \d+\.\d{3} seconds\n\n"
    r"   Ordered by: ([a-z /,]+)\n(?:   List reduced from \d+ to \d+ due to restriction <[^>]+>\n)*\n"
    r"   ncalls  tottime  percall  cumtime  percall filename:lineno\(function\)\n"
)
ROW = re.compile(r"^ *(\d+)(?:/(\d+))? +(\d+\.\d{3}) +(\d+\.\d{3}) +(\d+\.\d{3}) +(\d+\.\d{3}) (.+)$", re.M)

FIB = """func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}"""


def rows(table: str) -> dict[str, tuple[int, int, float, float]]:
    """ncalls, primitive calls, tottime and cumtime by function."""
    out = {}
    for m in ROW.finditer(table):
        calls = int(m.group(1))
        prim = int(m.group(2)) if m.group(2) else calls
        out[m.group(7)] = (calls, prim, float(m.group(3)), float(m.group(5)))
    return out


def displays(r) -> list[dict]:
    return [m["content"]["data"] for m in r.outputs if m["msg_type"] == "display_data"]


def test_fib_table_and_flame_graph(kc):
    n = ok(kc, FIB).reply["content"]["execution_count"]
    r = ok(kc, "%prun fib(20)")
    table = r.stream()
    m = HEADER.match(table)
    assert m, table
    assert m.group(1) == "21892" and m.group(2) == "2" and m.group(3) == "internal time"
    fib = rows(table)[f"cell[{n}]:1(fib)"]
    assert fib[:2] == (21891, 1), table
    assert r.result_text() is None
    [flame] = displays(r)
    svg = ET.fromstring(flame["image/svg+xml"])
    titles = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert any(t.startswith(f"cell[{n}]:1(fib)\ncalls: 1\n") for t in titles), titles[:5]
    assert "<svg" in flame["text/html"]
    # The flame graph comes after the table.
    kinds = [m["msg_type"] for m in r.outputs]
    assert kinds.index("stream") < kinds.index("display_data"), kinds


def test_nested_calls_counted(kc):
    n = ok(kc, "func b() int { return 1 }\nfunc a() int { return b() + b() }").reply["content"]["execution_count"]
    r = ok(kc, "%%prun -s cumulative -s name\nfor i := 0; i < 3; i++ {\n\ta()\n}")
    table = r.stream()
    assert HEADER.match(table).group(3) == "cumulative time, function name", table
    got = rows(table)
    assert got[f"cell[{n}]:2(a)"][:2] == (3, 3) and got[f"cell[{n}]:1(b)"][:2] == (6, 6), table
    assert all(cum >= own for _, _, own, cum in got.values()), table


def test_stats_kept_for_a_check_cell(kc):
    ok(kc, FIB)
    r = ok(kc, "%prun -q -r fib(18)")
    assert r.stream() == "" and not displays(r)
    assert "8361/1" in r.result_text()
    r = ok(kc, 'f, _ := _prun.Lookup("fib")\n[]int64{f.Calls, f.PrimCalls}')
    assert r.result_text() == "[]int64{8361, 1}"


def test_pprof_file_agrees_with_table(kc, tmp_path):
    n = ok(kc, FIB).reply["content"]["execution_count"]
    pb, txt = tmp_path / "fib.pb.gz", tmp_path / "fib.txt"
    r = ok(kc, f"%prun -q -D {pb} -T {txt} fib(16)")
    assert str(pb) in r.stream() and str(txt) in r.stream()
    fib = rows(txt.read_text())[f"cell[{n}]:1(fib)"]
    assert fib[:2] == (3193, 1)
    go = shutil.which("go")
    if go is None:
        pytest.skip("no go command for go tool pprof")
    top = subprocess.run([go, "tool", "pprof", "-top", "-sample_index=calls", str(pb)],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(rf"^\s*(\d+)\s+\S+\s+\S+\s+\d+\s+\S+\s+fib \(cell\[{n}\]:1\)$", top, re.M)
    assert m and int(m.group(1)) == 3193, top


def test_errors(kc):
    for code, ename in [("%prun -s bogus 1", "UsageError"), ("%prun", "UsageError"),
                        ("%prun nosuch()", "CompileError"), ('%prun panic("boom")', "panic")]:
        r = execute(kc, code)
        assert r.status == "error" and r.reply["content"]["ename"] == ename, (code, r.describe())
    ok(kc, FIB)
    ok(kc, "%prun -q fib(3)")  # profiling still works after failed runs
