"""Hostile cells and hostile messages: after each, the same kernel process
still answers, computes 1+1, and keeps the state defined at the start."""

from __future__ import annotations

import json
import time
import uuid
from queue import Empty

import pytest
import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

from conftest import KERNEL_NAME
from kernelclient import drain, execute, wait_reply

SURVIVOR = "still here"


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60)
    r = execute(kc, f'survivor := "{SURVIVOR}"')
    assert r.status == "ok", r.describe()
    pid = km.provisioner.pid if km.provisioner else None
    yield km, kc, pid
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.fixture
def kc(kernel):
    km, kc, pid = kernel
    drain(kc)
    yield kc
    assert_still_alive(km, kc, pid)


def assert_still_alive(km, kc, pid):
    assert km.is_alive(), "the kernel process died"
    if pid is not None:
        assert km.provisioner.pid == pid, "the kernel process was replaced"
    drain(kc)
    r = execute(kc, "1+1")
    assert r.status == "ok", r.describe()
    assert r.result_text() == "2", r.describe()
    r = execute(kc, "survivor")
    assert r.status == "ok", r.describe()
    assert r.result_text() == f'"{SURVIVOR}"', "state was lost: " + r.describe()


def assert_error(r, ename=None, evalue_part=None):
    assert r.status == "error", r.describe()
    err = r.error()
    assert err is not None, "no error message on iopub: " + r.describe()
    assert r.reply["content"]["ename"] == err["ename"]
    if ename is not None:
        assert err["ename"] == ename, r.describe()
    if evalue_part is not None:
        text = err["evalue"] + "\n".join(err["traceback"])
        assert evalue_part in text, r.describe()


def test_syntax_error(kc):
    r = execute(kc, "x := \ny := )")
    assert_error(r, "CompileError", "cell[")


def test_undefined_name(kc):
    r = execute(kc, "undefinedThing + 1")
    assert_error(r, "CompileError", "undefinedThing")


def test_runtime_panic(kc):
    r = execute(kc, 'panic("boom")')
    assert_error(r, "panic", "boom")


def test_index_out_of_range(kc):
    r = execute(kc, "xs := []int{1}\nxs[5]")
    assert_error(r, "panic", "index out of range")


def test_panic_in_goroutine(kc):
    code = (
        'import "time"\n'
        'go func() { panic("goroutine boom") }()\n'
        "time.Sleep(300 * time.Millisecond)"
    )
    r = execute(kc, code)
    assert "goroutine boom" in r.stream("stderr") + json.dumps(r.error()), r.describe()


def test_nil_map_write(kc):
    r = execute(kc, 'var m map[string]int\nm["a"] = 1')
    assert_error(r, "panic", "nil map")


def test_os_exit(kc):
    # Whatever the cell reports, the kernel must answer it and live on
    # (checked after every test by the kc fixture).
    r = execute(kc, 'import "os"\nos.Exit(3)')
    assert r.status in ("ok", "error"), r.describe()


def test_unbounded_recursion(kernel, kc):
    r = execute(kc, "func r(n int) int { return r(n+1) + 1 }")
    assert r.status == "ok", r.describe()
    try:
        r = execute(kc, "r(0)", timeout=120)
    except TimeoutError:
        # Stop the runaway cell so the tests after this one still run.
        kernel[0].interrupt_kernel()
        raise
    assert r.status == "error", r.describe()


def test_interrupt_busy_loop(kernel, kc):
    km = kernel[0]
    msg_id = kc.execute("for {\n}")
    wait_busy(kc, msg_id)
    time.sleep(0.2)  # let the loop start spinning
    km.interrupt_kernel()
    reply = wait_reply(kc, msg_id, timeout=30)
    assert reply["content"]["status"] == "error", reply["content"]
    assert reply["content"]["ename"] == "Interrupted", reply["content"]


def test_interrupt_busy_loop_in_function(kernel, kc):
    km = kernel[0]
    r = execute(kc, "func spin() int {\n\tn := 0\n\tfor {\n\t\tn++\n\t}\n\treturn n\n}")
    assert r.status == "ok", r.describe()
    msg_id = kc.execute("spin()")
    wait_busy(kc, msg_id)
    time.sleep(0.2)
    km.interrupt_kernel()
    reply = wait_reply(kc, msg_id, timeout=30)
    assert reply["content"]["status"] == "error", reply["content"]
    assert reply["content"]["ename"] == "Interrupted", reply["content"]


def wait_busy(kc, msg_id, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        except Empty:
            break
        if (
            msg["parent_header"].get("msg_id") == msg_id
            and msg["msg_type"] == "status"
            and msg["content"]["execution_state"] == "busy"
        ):
            return
    raise TimeoutError("the kernel never went busy")


def test_hundred_thousand_lines(kc):
    n = 100_000
    code = f'import "fmt"\nfor i := 0; i < {n}; i++ {{\n\tfmt.Println(i)\n}}'
    r = execute(kc, code, timeout=120)
    assert r.status == "ok", r.describe()
    lines = r.stream("stdout").split("\n")
    assert lines[-1] == "", "output does not end with a newline"
    lines = lines[:-1]
    assert len(lines) == n, f"got {len(lines)} lines, want {n}"
    for i, line in enumerate(lines):
        assert line == str(i), f"line {i} is {line!r}"


# Raw messages on the shell socket, bypassing jupyter_client's signing.


def raw_shell_socket(km):
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    sock.setsockopt(zmq.IDENTITY, uuid.uuid4().hex.encode())
    sock.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
    return sock


def hijack_request(session: Session) -> dict:
    code = 'survivor = "hijacked"'
    return session.msg("execute_request", {"code": code, "silent": False})


def test_wrong_signature_is_ignored(kernel, kc):
    km = kernel[0]
    sock = raw_shell_socket(km)
    try:
        forger = Session(key=b"not-the-key", username="mallory")
        forger.send(sock, hijack_request(forger))
        # A kernel that checks signatures neither runs the cell nor replies.
        assert not sock.poll(1000), "the kernel answered a forged message"
    finally:
        sock.close()
    # assert_still_alive then checks that survivor was not overwritten.


def test_missing_signature_is_ignored(kernel, kc):
    km = kernel[0]
    sock = raw_shell_socket(km)
    try:
        msg = hijack_request(Session(key=b""))
        frames = [b"<IDS|MSG>", b""] + [
            json.dumps(msg[k], default=str).encode()
            for k in ("header", "parent_header", "metadata", "content")
        ]
        sock.send_multipart(frames)
        assert not sock.poll(1000), "the kernel answered an unsigned message"
    finally:
        sock.close()


@pytest.mark.parametrize(
    "frames",
    [
        [b"garbage"],
        [b"<IDS|MSG>"],
        [b"<IDS|MSG>", b"sig", b"{", b"{}", b"{}", b"{}"],
        [b"\xff\xfe" * 100],
    ],
    ids=["no-delimiter", "nothing-after-delimiter", "bad-json", "binary"],
)
def test_malformed_frames(kernel, kc, frames):
    km = kernel[0]
    sock = raw_shell_socket(km)
    try:
        sock.send_multipart(frames)
        time.sleep(0.2)
    finally:
        sock.close()


def test_signed_but_invalid_json(kernel, kc):
    km = kernel[0]
    session = km.session
    parts = [b"{not json", b"{}", b"{}", b"{}"]
    sig = session.sign(parts)
    sock = raw_shell_socket(km)
    try:
        sock.send_multipart([b"<IDS|MSG>", sig] + parts)
        time.sleep(0.2)
    finally:
        sock.close()
