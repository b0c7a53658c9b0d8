"""Kernel benchmark: gokernel beside ipykernel, in the same run.

    python bench/kernels.py [--bin build/gokernel] [--starts 5] [--round-trips 200]

Measures, for each kernel, over the real ZeroMQ protocol:
  start       launch to the first kernel_info_reply (median of --starts)
  round trip  a trivial cell (1+1), from execute_request sent to both
              execute_reply and the idle status received (p50 and p95)
  100k lines  a cell printing 100,000 lines, from execute_request sent to
              idle, after checking every line arrived in order

The client side is a bare pyzmq socket pair signed by jupyter_client's
Session, so client overhead is small and the same for both kernels.
Figures are printed, not asserted: the exit status is 0 unless a kernel
fails to run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

REPO = Path(__file__).resolve().parent.parent
LINES = 100_000
LOG = subprocess.DEVNULL  # replaced by a log file in main


@dataclass
class Flavour:
    """What differs between the kernels: the name and the cells."""

    kernel_name: str
    label: str
    setup: str  # run once before the measured cells
    trivial: str
    print_lines: str


GO = Flavour(
    kernel_name="go",
    label="gokernel",
    setup='import "fmt"',
    trivial="1+1",
    print_lines=f"for i := 0; i < {LINES}; i++ {{\n\tfmt.Println(i)\n}}",
)
PYTHON = Flavour(
    kernel_name="python3",
    label="ipykernel",
    setup="pass",
    trivial="1+1",
    print_lines=f"for i in range({LINES}):\n    print(i)",
)

# (metric, unit, target for gokernel or None)
TARGETS = {
    "start": 0.150,
    "round trip p50": 0.001,
    "round trip p95": None,
    "100k lines": 0.100,
}


class RawClient:
    """A minimal Jupyter client: signed messages on shell, iopub reading."""

    def __init__(self, km: KernelManager):
        self.session = Session(key=km.session.key, signature_scheme=km.session.signature_scheme)
        ctx = zmq.Context.instance()
        base = f"{km.transport}://{km.ip}:"
        self.shell = ctx.socket(zmq.DEALER)
        self.shell.setsockopt(zmq.LINGER, 0)
        self.shell.setsockopt(zmq.IDENTITY, self.session.bsession)
        self.shell.connect(base + str(km.shell_port))
        self.iopub = ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.LINGER, 0)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(base + str(km.iopub_port))

    def close(self) -> None:
        self.shell.close()
        self.iopub.close()

    def send(self, msg_type: str, content: dict) -> str:
        msg = self.session.msg(msg_type, content)
        self.session.send(self.shell, msg)
        return msg["header"]["msg_id"]

    def recv(self, sock: zmq.Socket, timeout: float) -> dict:
        if not sock.poll(int(timeout * 1000)):
            raise TimeoutError("no message within %.0f s" % timeout)
        _, msg = self.session.recv(sock, mode=0)
        return msg

    def wait_reply(self, msg_id: str, timeout: float = 60) -> dict:
        while True:
            msg = self.recv(self.shell, timeout)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def execute(self, code: str, timeout: float = 120) -> tuple[dict, list[dict]]:
        """Runs code; returns the reply and the iopub messages up to idle."""
        msg_id = self.send(
            "execute_request",
            {"code": code, "silent": False, "store_history": True,
             "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        )
        reply, outputs, idle = None, [], False
        poller = zmq.Poller()
        poller.register(self.shell, zmq.POLLIN)
        poller.register(self.iopub, zmq.POLLIN)
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"cell did not finish within {timeout} s: {code[:40]!r}")
            for sock, _ in poller.poll(int(left * 1000)):
                _, msg = self.session.recv(sock, mode=0)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if sock is self.shell:
                    reply = msg
                elif msg["msg_type"] == "status":
                    idle = msg["content"]["execution_state"] == "idle"
                else:
                    outputs.append(msg)
        return reply, outputs

    def wait_iopub_ready(self, timeout: float = 30) -> None:
        """A SUB socket drops what is published before it is connected:
        send kernel_info until its status messages come through."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg_id = self.send("kernel_info_request", {})
            self.wait_reply(msg_id)
            if self.iopub.poll(200):
                while self.iopub.poll(50):
                    self.iopub.recv_multipart()
                return
        raise TimeoutError("iopub never delivered a message")


def start_kernel(flavour: Flavour) -> tuple[KernelManager, RawClient, float]:
    """Starts a kernel; returns it and the time to its first kernel_info_reply."""
    km = KernelManager(kernel_name=flavour.kernel_name)
    t0 = time.perf_counter()
    km.start_kernel(stderr=LOG)  # keep the kernels' own logging off the table
    client = RawClient(km)
    msg_id = client.send("kernel_info_request", {})
    client.wait_reply(msg_id)
    return km, client, time.perf_counter() - t0


def stop_kernel(km: KernelManager, client: RawClient) -> None:
    client.close()
    km.shutdown_kernel(now=True)


def measure_start(flavour: Flavour, starts: int) -> float:
    times = []
    for _ in range(starts):
        km, client, elapsed = start_kernel(flavour)
        times.append(elapsed)
        stop_kernel(km, client)
    return statistics.median(times)


def measure_cells(flavour: Flavour, round_trips: int) -> dict[str, float]:
    km, client, _ = start_kernel(flavour)
    try:
        client.wait_iopub_ready()
        check(client.execute(flavour.setup), flavour.setup)
        for _ in range(10):  # warm-up
            client.execute(flavour.trivial)
        times = []
        for _ in range(round_trips):
            t0 = time.perf_counter()
            reply, outputs = client.execute(flavour.trivial)
            times.append(time.perf_counter() - t0)
            check((reply, outputs), flavour.trivial)
        t0 = time.perf_counter()
        reply, outputs = client.execute(flavour.print_lines)
        lines_time = time.perf_counter() - t0
        check((reply, outputs), "print lines")
        verify_lines(outputs)
    finally:
        stop_kernel(km, client)
    times.sort()
    return {
        "round trip p50": percentile(times, 0.50),
        "round trip p95": percentile(times, 0.95),
        "100k lines": lines_time,
    }


def check(result: tuple[dict, list[dict]], what: str) -> None:
    reply, _ = result
    if reply["content"]["status"] != "ok":
        c = reply["content"]
        raise RuntimeError(f"{what}: {c.get('ename')}: {c.get('evalue')}")


def verify_lines(outputs: list[dict]) -> None:
    text = "".join(
        m["content"]["text"]
        for m in outputs
        if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"
    )
    want = "".join(f"{i}\n" for i in range(LINES))
    if text != want:
        got = text.count("\n")
        raise RuntimeError(f"100k lines: output differs ({got} lines, {len(text)} bytes received)")


def percentile(sorted_times: list[float], q: float) -> float:
    i = min(len(sorted_times) - 1, max(0, round(q * (len(sorted_times) - 1))))
    return sorted_times[i]


def install_gokernel(binary: Path, workdir: Path) -> None:
    prefix = workdir / "prefix"
    subprocess.run([str(binary), "install", "--prefix", str(prefix), "--name", GO.kernel_name],
                   check=True, stdout=subprocess.DEVNULL)
    paths = [str(prefix / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in paths if p)


def build_gokernel(workdir: Path) -> Path:
    binary = workdir / "gokernel"
    subprocess.run(["go", "build", "-o", str(binary), "."], cwd=REPO, check=True)
    return binary


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def print_table(results: dict[str, dict[str, float]]) -> None:
    go, py = results[GO.label], results[PYTHON.label]
    header = ("metric", GO.label, PYTHON.label, "go/py", "target", "met")
    rows = [header]
    for metric, target in TARGETS.items():
        g, p = go.get(metric), py.get(metric)
        ratio = f"{g / p:.2f}×" if g is not None and p else "-"
        met = "-" if target is None or g is None else ("yes" if g <= target else "no")
        rows.append((metric, fmt_time(g), fmt_time(p), ratio, fmt_time(target), met))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for n, row in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=Path, default=os.environ.get("GOKERNEL_BIN"),
                    help="gokernel binary (default: $GOKERNEL_BIN, else built with go build)")
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--round-trips", type=int, default=200)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="gokernel-bench-") as tmp:
        workdir = Path(tmp)
        binary = args.bin.resolve() if args.bin else build_gokernel(workdir)
        install_gokernel(binary, workdir)
        global LOG
        LOG = open(workdir / "kernels.log", "wb")
        results: dict[str, dict[str, float]] = {}
        for flavour in (GO, PYTHON):
            print(f"measuring {flavour.label} ...", file=sys.stderr)
            try:
                r = {"start": measure_start(flavour, args.starts)}
                r.update(measure_cells(flavour, args.round_trips))
            except Exception as e:  # report which kernel failed, then stop
                print(f"{flavour.label}: {type(e).__name__}: {e}", file=sys.stderr)
                LOG.flush()
                log = (workdir / "kernels.log").read_text(errors="replace")
                print("kernel log (last lines):\n" + log[-3000:], file=sys.stderr)
                return 1
            results[flavour.label] = r
    print()
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
