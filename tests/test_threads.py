"""%%threads and %threads through the real kernel: the timeline picture
(parsed as SVG), the summary table, the -o trace, and the goroutine list.

Timings are ratios taken inside one compared run, retried since the machine
may be shared (see test_gil.retry)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from statistics import median

from kernelclient import execute, ok
from test_gil import retry

SVG = "{http://www.w3.org/2000/svg}"

DECL = """import ("fmt"; "sync"; "time")
func burn(n int) int { x := 0; for i := 0; i < n; i++ { x += i % 7 }; return x }
func together(k int, f func()) { var wg sync.WaitGroup; for i := 0; i < k; i++ { wg.Add(1); go func() { defer wg.Done(); f() }() }; wg.Wait() }
var _, _ = fmt.Sprint, time.Now
"""


def display(r) -> dict:
    ds = [m["content"]["data"] for m in r.outputs if m["msg_type"] == "display_data"]
    assert len(ds) == 1, r.describe()
    return ds[0]


def timelines(svg: str) -> list[dict[str, list[tuple[str, float, float]]]]:
    """The picture's timelines: for each, segments (kind, start, end ms) by row."""
    root = ET.fromstring(svg)
    out = []
    for tl in root.iter(SVG + "g"):
        if tl.get("class") != "timeline":
            continue
        rows = {}
        for row in tl.iter(SVG + "g"):
            if row.get("class") == "row":
                rows[row.get("data-name")] = [
                    (r.get("data-kind"), float(r.get("data-start-ms")), float(r.get("data-end-ms")))
                    for r in row.iter(SVG + "rect")
                    if (r.get("class") or "").startswith("seg ")
                ]
        out.append(rows)
    return out


def holds(segs, kind="hold"):
    return [(s, e) for k, s, e in segs if k == kind]


def check_turns(rows, a, b, interval_ms):
    """Holds of a and b alternate and never overlap while both run; the
    median lasts about the interval."""
    until = min(holds(rows[a])[-1][0], holds(rows[b])[-1][0])
    hs = sorted((s, e, r) for r in (a, b) for s, e in holds(rows[r]) if s <= until)
    assert len(hs) >= 6, hs
    for (s0, e0, r0), (s1, e1, r1) in zip(hs, hs[1:]):
        assert s1 >= e0 - 1e-3, f"holds overlap: {r0} {s0}-{e0}, {r1} {s1}-{e1}"
        assert r1 != r0, f"{r0} holds twice in a row at {s0} and {s1}"
    m = median(e - s for s, e, _ in hs)
    assert interval_ms / 2 <= m <= 2.5 * interval_ms, m


def overlap(x, y):
    return sum(max(0.0, min(e1, e2) - max(s1, s2)) for s1, e1 in x for s2, e2 in y)


def test_compare_turns_and_parallelism(kc, tmp_path):
    ok(kc, DECL)
    out = tmp_path / "run.trace"

    def measure():
        r = ok(kc, f"%%threads --compare --interval 5ms -o {out}\ntogether(2, func() {{ burn(4000000) }})")
        data = display(r)
        assert {"text/html", "image/svg+xml", "text/plain"} <= set(data), data.keys()
        assert "speedup" in data["text/plain"] and "parallelism (CPU/wall)" in data["text/plain"]
        assert "<table" in data["text/html"] and "<svg" in data["text/html"]
        on, off = timelines(data["image/svg+xml"])
        names = list(on)
        assert len(names) == 3 and names[0].startswith("cell["), names
        check_turns(on, names[1], names[2], 5)
        w1, w2 = list(off)[1:]
        assert overlap(holds(off[w1], "running"), holds(off[w2], "running")) > 0, "no overlap with the lock off"
        p = ok(kc, 'fmt.Println(_threads.Runs[0].Parallelism(), _threads.Runs[1].Parallelism())').stream().split()
        p_on, p_off = float(p[0]), float(p[1])
        return p_on < 1.2 and p_off > 1.5, f"parallelism: lock on {p_on:.2f}, off {p_off:.2f}"

    retry(measure)
    go = shutil.which("go")
    for mode in ("on", "off"):
        path = tmp_path / f"run.gil-{mode}.trace"
        assert path.stat().st_size > 1000, path
        if go:
            done = subprocess.run([go, "tool", "trace", "-d=parsed", str(path)], capture_output=True, text=True)
            assert done.returncode == 0, done.stderr[-2000:]
            if mode == "on":
                assert "gil.hold" in done.stdout


def test_single_run_text_and_restore(kc):
    ok(kc, DECL)
    ok(kc, "%gil on\n%gil interval 3ms")
    r = ok(kc, "%%threads --gil off\ntogether(2, func() { time.Sleep(20 * time.Millisecond) })")
    text = display(r)["text/plain"]
    assert text.startswith("lock off"), text
    assert "blocked" in text and "go #1" in text and "go #2" in text, text
    (rows,) = timelines(display(r)["image/svg+xml"])
    for name in list(rows)[1:]:
        slept = sum(e - s for k, s, e in rows[name] if k == "blocked")
        assert slept >= 15, (name, rows[name])
    assert ok(kc, "%gil").stream().startswith("gil: on, switch interval 3ms")
    ok(kc, "%gil interval 5ms")


def test_errors(kc):
    for bad in ("%%threads --gil sideways\n1", "%%threads --interval soon\n1", "%%threads extra\n1", "%threads now"):
        r = execute(kc, bad)
        assert r.status == "error", (bad, r.describe())
    r = execute(kc, "%%threads\nnotDefined()")
    assert r.status == "error" and r.reply["content"]["ename"] == "CompileError", r.describe()
    ok(kc, "1")  # the kernel lives on


def test_live_goroutines(kc):
    assert "No goroutines" in ok(kc, "%threads").stream()
    ok(kc, "stopLive := make(chan bool)\ngo func() { <-stopLive }()")
    out = ok(kc, "%threads").stream()
    assert "cell[" in out and ("select" in out or "chan receive" in out), out
    ok(kc, "close(stopLive)")
