"""Magics through the real kernel: %timeit, %time and the everyday ones,
checked against IPython's formats."""

from __future__ import annotations

import os
import re

from kernelclient import execute, ok

TIME = r"[0-9.]+ (?:ns|μs|ms|s)"
# IPython's warning comes first when runs were uneven, as runs of a few
# loops can be.
WARNING = (r"(?:The slowest run took [0-9.]+ times longer than the fastest\. "
           r"This could mean that an intermediate result is being cached\.\n)?")
TIMEIT_LINE = re.compile(
    rf"^{WARNING}({TIME}) ± ({TIME}) per loop \(mean ± std\. dev\. of (\d+) runs?, ([0-9,]+) loops? each\), "
    r"[0-9.,]+ allocs/op, [0-9.,]+ B/op\n$"
)
TIME_LINES = re.compile(rf"^CPU times: user {TIME}, sys: {TIME}, total: {TIME}\nWall time: {TIME}\n$")


def seconds(text: str) -> float:
    value, unit = text.split()
    return float(value) * {"ns": 1e-9, "μs": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def test_timeit_line_format(kc):
    r = ok(kc, "%timeit 1+1")
    out = r.stream()
    m = TIMEIT_LINE.match(out)
    assert m, out
    mean, std, runs, loops = m.groups()
    assert runs == "7"
    n = int(loops.replace(",", ""))
    assert str(n).strip("0") == "1", f"loops {loops} is not a power of ten"
    # Calibrated: one run of n loops took at least 0.2 s, one of n/10 less.
    assert 0 < seconds(mean) < 1e-3 and seconds(std) < seconds(mean)
    assert n * seconds(mean) >= 0.1
    assert r.result_text() is None


def test_timeit_runs_exactly(kc):
    ok(kc, "counter := 0")
    r = ok(kc, "%timeit -n 10 -r 3 counter++")
    m = TIMEIT_LINE.match(r.stream())
    assert m and m.group(3) == "3" and m.group(4) == "10", r.stream()
    assert ok(kc, "counter").result_text() == "30"


def test_cell_timeit_setup_once_per_run(kc):
    ok(kc, "setups, loops := 0, 0")
    r = ok(kc, "%%timeit -n 4 -r 5 setups++\nloops++")
    assert TIMEIT_LINE.match(r.stream()), r.stream()
    assert ok(kc, "[]int{setups, loops}").result_text() == "[]int{5, 20}"


def test_timeit_errors_are_cell_errors(kc):
    r = execute(kc, "%timeit -n 1 -r 1 undefinedName")
    assert r.status == "error"
    err = r.error()
    assert err["ename"] == "CompileError" and "1:19: undefined: undefinedName" in err["evalue"], r.describe()
    r = execute(kc, '%%timeit -n 1 -r 1\npanic("inside timeit")')
    assert r.status == "error" and r.error()["ename"] == "panic", r.describe()
    assert r.error()["evalue"] == "inside timeit"
    assert [m["msg_type"] for m in r.outputs] == ["error"]


def test_timeit_o_stores_result(kc):
    r = ok(kc, "%timeit -o -q -n 2 -r 3 _ = 0")
    assert r.stream() == ""
    assert "per loop" in r.result_text()
    assert ok(kc, "_timeit.Loops * _timeit.Repeat").result_text() == "6"


def test_time_format_and_value(kc):
    r = ok(kc, "%time 6 * 7")
    assert TIME_LINES.match(r.stream()), r.stream()
    assert r.result_text() == "42"
    r = ok(kc, "%%time\nt := 1\nt + 1")
    assert TIME_LINES.match(r.stream()) and r.result_text() == "2", r.describe()


def test_unknown_magic_lists_known(kc):
    r = execute(kc, "%nosuchmagic x")
    err = r.error()
    assert err and err["ename"] == "UsageError", r.describe()
    for name in ("%timeit", "%time", "%who", "%%writefile"):
        assert name in err["evalue"]


def test_lsmagic_and_help(kc):
    out = ok(kc, "%lsmagic").stream()
    assert "Available line magics:" in out and "%timeit" in out and "%%timeit" in out
    r = ok(kc, "%timeit?")
    pages = r.reply["content"]["payload"]
    assert pages and pages[0]["source"] == "page"
    assert "-r R" in pages[0]["data"]["text/plain"]


def test_complete_magic_names(kc):
    msg_id = kc.complete("%tim", 4)
    reply = kc.get_shell_msg(timeout=10)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert set(reply["content"]["matches"]) == {"%time", "%timeit"}


def test_env(kc):
    assert ok(kc, "%env GK_MAGIC_TEST=hello").stream() == "env: GK_MAGIC_TEST=hello\n"
    assert ok(kc, '%env GK_MAGIC_TEST').result_text() == '"hello"'
    assert ok(kc, 'import "os"\nos.Getenv("GK_MAGIC_TEST")').result_text() == '"hello"'
    assert "GK_MAGIC_TEST" in ok(kc, "%env").result_text()


def test_who_and_whos(kc):
    ok(kc, "type Pair struct{ A, B int }\nzz1 := Pair{1, 2}\nzz2 := 3.5")
    who = ok(kc, "%who").stream()
    assert "zz1" in who and "zz2" in who
    lines = ok(kc, "%whos").stream().splitlines()
    assert lines[0].split() == ["Variable", "Type", "Data/Info"]
    assert set(lines[1]) == {"-"}
    row = next(line for line in lines if line.startswith("zz1 "))
    assert row.split(None, 2) == ["zz1", "main.Pair", "main.Pair{A:1, B:2}"]


def test_reset(kc):
    ok(kc, "beforeReset := 1")
    r = execute(kc, "%reset", allow_stdin=False)
    assert r.status == "error" and "-f" in r.error()["evalue"], r.describe()
    ok(kc, "%reset -f")
    r = execute(kc, "beforeReset")
    assert r.status == "error" and "undefined: beforeReset" in r.error()["evalue"], r.describe()
    assert ok(kc, "1 + 1").result_text() == "2"


def test_history(kc):
    ok(kc, "histMarker := 1")
    out = ok(kc, "%history -n").stream()
    count = execute(kc, "1").reply["content"]["execution_count"] - 1  # the %history cell
    assert "histMarker := 1" in out
    assert out.rstrip("\n").endswith(f"{count}: %history -n")
    out = ok(kc, f"%history {count - 1}").stream()
    assert out == "histMarker := 1\n"


def test_writefile_and_load_round_trip(kc, tmp_path):
    path = tmp_path / "snippet.go"
    r = ok(kc, f"%%writefile {path}\nfmt.Println(\"from file\")")
    assert r.stream() == f"Writing {path}\n"
    assert path.read_text() == 'fmt.Println("from file")\n'
    r = ok(kc, f"%load {path}")
    payload = r.reply["content"]["payload"]
    assert payload == [{"source": "set_next_input", "replace": True,
                        "text": f'// %load {path}\nfmt.Println("from file")\n'}]


def test_cd_and_pwd(kc, tmp_path):
    before = ok(kc, "%pwd").result_text()
    try:
        out = ok(kc, f"%cd {tmp_path}").stream()
        assert os.path.samefile(out.strip(), tmp_path)
        pwd = ok(kc, "%pwd").result_text()
        assert os.path.samefile(pwd.strip('"'), tmp_path)
    finally:
        ok(kc, f"%cd {before.strip(chr(34))}")


def test_interpreted_type_names_and_html(kc):
    r = ok(kc, "type Point struct{ X, Y int }\nPoint{1, 2}")
    assert r.result_text() == "main.Point{X:1, Y:2}"
    r = ok(kc, 'type Badge struct{ S string }\nfunc (b Badge) HTML() string { return "<b>" + b.S + "</b>" }\nBadge{"ok"}')
    data = next(m for m in r.outputs if m["msg_type"] == "execute_result")["content"]["data"]
    assert data["text/html"] == "<b>ok</b>"
