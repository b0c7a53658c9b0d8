"""The interpreter lock through the real kernel: %gil, the environment,
turn taking, release around blocking and native code, interrupts.

Timings are compared as ratios measured inside one cell, and a measurement
is retried a few times, since the machine may be shared: a lock that does
not work fails every run."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import KERNEL_NAME
from kernelclient import drain, execute, ok

SPIN = """import ("fmt"; "sort"; "sync"; "time"; "gokernel/gil"; "gokernel/native")
func spin(n int) float64 { x := 0.0; for i := 0; i < n; i++ { x += 1.5 }; return x }
func wall(k int, work func()) time.Duration {
	start := time.Now()
	var wg sync.WaitGroup
	for g := 0; g < k; g++ { wg.Add(1); go func() { defer wg.Done(); work() }() }
	wg.Wait()
	return time.Since(start)
}
func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }
// fastest runs the measurements one after another for five rounds and keeps
// each one's shortest time: other programs on the machine only add time.
func fastest(ms ...func() time.Duration) []time.Duration {
	best := make([]time.Duration, len(ms))
	for r := 0; r < 5; r++ {
		for i, m := range ms {
			if d := m(); r == 0 || d < best[i] { best[i] = d }
		}
	}
	return best
}
var _ = fmt.Sprint
var _ = sort.Ints
var _ = gil.Enabled
var _ = native.Sum
"""


def start(**env):
    kw = {"env": {**os.environ, **env}} if env else {}
    return start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60, **kw)


@pytest.fixture(scope="module")
def kernel():
    km, kc = start()
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.fixture
def kc(kernel):
    km, kc = kernel
    drain(kc)
    ok(kc, "%gil on\n%gil interval 5ms\n%gil release gokernel/native")
    return kc


def floats(kc, code: str) -> list[float]:
    """Runs a cell that prints numbers on one line."""
    return [float(x) for x in ok(kc, code).stream().split()]


BURN = "x = 0\nfor i in range(3_000_000): x += i"


def host_parallel() -> float:
    """How long two busy processes take for the work one does alone: about
    1 when two cores are free, 2 when only one is."""
    def run(k: int) -> float:
        start = time.monotonic()
        procs = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(k)]
        for p in procs:
            p.wait()
        return time.monotonic() - start
    return run(2) / run(1)


def retry(measure, needs_cores=True):
    """Runs a measurement up to three times; it fails only when no run met
    its expectation while the machine had a second core free before and
    after it (then the lock is to blame), and is skipped when no run had
    one. A measurement that needs no second core fails when no run met it."""
    reports = []
    for _ in range(3):
        before = host_parallel() if needs_cores else None
        passed, report = measure()
        if passed:
            return
        if not needs_cores:
            reports.append(report)
            continue
        host = max(before, host_parallel())
        if host <= 1.3:
            reports.append(f"{report} (processes: 2 → {host:.2f}× at worst)")
    if not reports:
        pytest.skip("no second core was free in any run")
    pytest.fail("no run met the expectation:\n" + "\n".join(reports))


def test_gil_magic(kc):
    out = ok(kc, "%gil").stream()
    assert out.startswith("gil: on, switch interval 5ms\n"), out
    assert "acquisitions" in out and "forced switches" in out and "gokernel/native: release" in out, out
    assert "1ms" in ok(kc, "%gil interval 1ms").stream()
    assert ok(kc, "%gil").stream().startswith("gil: on, switch interval 1ms")
    ok(kc, "%gil off")
    assert ok(kc, "%gil").stream().startswith("gil: off")
    for bad in ("%gil sideways", "%gil interval -2ms", "%gil hold no/such/package"):
        r = execute(kc, bad)
        assert r.status == "error", (bad, r.describe())


def test_gil_package_from_cells(kc):
    ok(kc, SPIN)
    r = ok(kc, 'gil.SetSwitchInterval(2 * time.Millisecond)\nfmt.Sprint(gil.Enabled(), " ", gil.SwitchInterval())')
    assert r.result_text() == '"true 2ms"', r.describe()
    assert ok(kc, "%gil").stream().startswith("gil: on, switch interval 2ms")
    r = ok(kc, "gil.Stats().Acquisitions > 0")
    assert r.result_text() == "true", r.describe()


def test_environment_configures_the_lock():
    km, kc = start(GOKERNEL_GIL="off", GOKERNEL_SWITCH_INTERVAL="2ms")
    try:
        assert ok(kc, "%gil").stream().startswith("gil: off, switch interval 2ms")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_goroutines_take_turns(kc):
    ok(kc, SPIN)

    def measure():
        ok(kc, "%gil on")
        two, four, on = floats(kc, """w := func() { spin(1000000) }
d := fastest(func() time.Duration { return wall(1, w) }, func() time.Duration { return wall(2, w) }, func() time.Duration { return wall(4, w) })
fmt.Println(ratio(d[1], d[0]), ratio(d[2], d[0]), d[1].Seconds())""")
        ok(kc, "%gil off")
        off = floats(kc, """w := func() { spin(1000000) }
fmt.Println(fastest(func() time.Duration { return wall(2, w) })[0].Seconds())""")[0]
        ok(kc, "%gil on")
        rel = off / on  # lock off against lock on, two goroutines each
        return (two >= 1.8 and four >= 3.5 and rel <= 0.65,
                f"lock on: 2 → {two:.2f}×, 4 → {four:.2f}× one; lock off: 2 take {rel:.2f}× the lock-on time")

    retry(measure)


def test_hold_slice_follows_interval(kc):
    ok(kc, SPIN)
    for iv, want in (("1ms", 0.001), ("5ms", 0.005)):
        ok(kc, f"%gil interval {iv}")

        def measure():
            n, median = floats(kc, """gil.EnableEvents(100000)
wall(2, func() { spin(4000000) })
var holds []float64
for _, e := range gil.Events() {
	if e.Kind == gil.KindHold && e.Forced { holds = append(holds, e.Duration().Seconds()) }
}
gil.EnableEvents(0)
sort.Float64s(holds)
fmt.Println(len(holds), holds[len(holds)/2])""")
            return n >= 5 and 0.8 * want <= median <= 1.2 * want, f"interval {iv}: median forced hold {median}s of {n}"

        retry(measure, needs_cores=False)


def test_native_release_and_hold(kc):
    ok(kc, SPIN)

    def measure():
        cell = """w := func() { native.Mandelbrot(600, 400, 300) }
d := fastest(func() time.Duration { return wall(1, w) }, func() time.Duration { return wall(2, w) })
fmt.Println(ratio(d[1], d[0]))"""
        rel = floats(kc, cell)[0]
        ok(kc, "%gil hold gokernel/native")
        hold = floats(kc, cell)[0]
        ok(kc, "%gil release gokernel/native")
        return rel <= 1.3 and hold >= 1.8, f"release: 2 → {rel:.2f}×, hold: 2 → {hold:.2f}×"

    retry(measure)
    r = ok(kc, "native.CountPrimes(1000)")
    assert r.result_text() == "168"


def test_sleepers_overlap(kc):
    ok(kc, SPIN)
    ms = floats(kc, "fmt.Println(wall(4, func() { time.Sleep(100 * time.Millisecond) }).Milliseconds())")[0]
    assert ms < 150, f"four 100 ms sleeps took {ms} ms"


BLOCKING = {
    "unbuffered": ("""ch := make(chan int)
go func() { for i := 1; i <= 200; i++ { ch <- i }; close(ch) }()
sum := 0
for v := range ch { sum += v }
sum""", "20100"),
    "buffered": ("""bc := make(chan int, 16)
res := make(chan int)
go func() { s := 0; for v := range bc { s += v; spin(100) }; res <- s }()
for i := 0; i < 300; i++ { bc <- i }
close(bc)
<-res + 0""", "44850"),
    "waitgroup mutex": ("""var mu sync.Mutex
count := 0
wall(4, func() { for i := 0; i < 300; i++ { mu.Lock(); count++; spin(20); mu.Unlock() } })
count""", "1200"),
    "select timeout": ("""never := make(chan int)
got := ""
go spin(3000000)
select {
case <-never: got = "value"
case <-time.After(30 * time.Millisecond): got = "timeout"
}
got""", '"timeout"'),
    # Waits in methods of host values: a reader on a pipe another
    # goroutine writes, in a loop condition and a loop header.
    "pipe scanner": ("""import ("bufio"; "io")
r, w := io.Pipe()
go func() { for i := 0; i < 100; i++ { spin(200); fmt.Fprintln(w, i) }; w.Close() }()
sc := bufio.NewScanner(r)
lines := 0
for sc.Scan() { lines++ }
lines""", "100"),
    "os pipe reader": ("""import ("bufio"; "os")
pr, pw, _ := os.Pipe()
go func() { bw := bufio.NewWriter(pw); for i := 0; i < 2000; i++ { bw.WriteString("0123456789\\n") }; bw.Flush(); pw.Close() }()
br := bufio.NewReader(pr)
n := 0
for line, err := br.ReadString('\\n'); err == nil; line, err = br.ReadString('\\n') { n += len(line) }
n""", "22000"),
    "tcp echo": ("""import ("io"; "net")
ln, _ := net.Listen("tcp", "127.0.0.1:0")
go func() { c, _ := ln.Accept(); io.Copy(c, c); c.Close() }()
conn, _ := net.Dial("tcp", ln.Addr().String())
reply := make([]byte, 4)
total := 0
for i := 0; i < 50; i++ { conn.Write([]byte("ping")); k, _ := io.ReadFull(conn, reply); total += k }
conn.Close()
total""", "200"),
}


@pytest.mark.parametrize("name", list(BLOCKING))
def test_blocking_under_lock(kc, name):
    ok(kc, SPIN)
    ok(kc, "%gil interval 1ms")
    code, want = BLOCKING[name]
    r = ok(kc, code, timeout=30)
    assert r.result_text() == want, r.describe()


def test_panic_in_goroutine_frees_the_lock(kc):
    ok(kc, SPIN)
    r = ok(kc, """done := make(chan bool)
go func() { defer func() { done <- true }(); spin(1000); panic("boom") }()
<-done
time.Sleep(20 * time.Millisecond)""")
    assert "boom" in r.stream("stderr"), r.describe()
    r = ok(kc, "wall(2, func() { spin(100000) }) > 0")
    assert r.result_text() == "true"


def test_interrupt_wakes_waiters(kernel):
    km, kc = kernel
    drain(kc)
    ok(kc, SPIN)
    timer = threading.Timer(0.5, km.interrupt_kernel)
    timer.start()
    started = time.monotonic()
    r = execute(kc, "go spin(1 << 40)\ngo spin(1 << 40)\nspin(1 << 40)", timeout=30)
    timer.join()
    assert r.status == "error" and r.reply["content"]["ename"] == "Interrupted", r.describe()
    assert time.monotonic() - started < 10
    km.interrupt_kernel()  # idle: stops the goroutines left spinning
    time.sleep(0.3)
    r = ok(kc, "x := 0\nfor i := 0; i < 10; i++ { x += i }\nx", timeout=30)
    assert r.result_text() == "45"
    r = ok(kc, "gil.Stats().Waiting")
    assert r.result_text() == "0", r.describe()
