"""Small helpers around jupyter_client for the integration tests.

They wait for one request's reply and for every iopub message it caused
(up to its `idle` status), so a test sees exactly what one cell did.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from queue import Empty
from typing import Any

DEFAULT_TIMEOUT = 60.0


@dataclass
class CellResult:
    reply: dict[str, Any]
    outputs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.reply["content"]["status"]

    def stream(self, name: str = "stdout") -> str:
        return "".join(
            m["content"]["text"]
            for m in self.outputs
            if m["msg_type"] == "stream" and m["content"]["name"] == name
        )

    def error(self) -> dict[str, Any] | None:
        for m in self.outputs:
            if m["msg_type"] == "error":
                return m["content"]
        return None

    def result_text(self) -> str | None:
        for m in self.outputs:
            if m["msg_type"] == "execute_result":
                return m["content"]["data"].get("text/plain")
        return None

    def describe(self) -> str:
        """A readable summary for assertion messages."""
        parts = [f"status={self.status}"]
        if self.status == "error":
            c = self.reply["content"]
            parts.append(f"{c.get('ename')}: {c.get('evalue')}")
        for m in self.outputs:
            c = m["content"]
            if m["msg_type"] == "stream":
                parts.append(f"{c['name']}: {c['text'][:300]!r}")
            elif m["msg_type"] == "error":
                parts.append(f"error {c['ename']}: {c['evalue'][:300]!r}")
            else:
                parts.append(f"{m['msg_type']}: {str(c)[:300]}")
        return "\n".join(parts)


def wait_reply(kc, msg_id: str, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """The shell reply to msg_id; replies to other requests are dropped."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no shell reply to {msg_id} within {timeout} s")
        try:
            msg = kc.get_shell_msg(timeout=left)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def collect_iopub(kc, msg_id: str, timeout: float = DEFAULT_TIMEOUT) -> list[dict[str, Any]]:
    """Every iopub message caused by msg_id, up to its idle status (excluded).
    status and execute_input messages are left out."""
    deadline = time.monotonic() + timeout
    outputs = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no idle status for {msg_id} within {timeout} s")
        try:
            msg = kc.get_iopub_msg(timeout=left)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status":
            if msg["content"]["execution_state"] == "idle":
                return outputs
            continue
        if kind != "execute_input":
            outputs.append(msg)


def execute(kc, code: str, timeout: float = DEFAULT_TIMEOUT, **kw: Any) -> CellResult:
    msg_id = kc.execute(code, **kw)
    reply = wait_reply(kc, msg_id, timeout)
    return CellResult(reply, collect_iopub(kc, msg_id, timeout))


def ok(kc, code: str, **kw: Any) -> CellResult:
    """Executes code and asserts that the cell succeeded."""
    r = execute(kc, code, **kw)
    assert r.status == "ok", r.describe()
    return r


def drain(kc) -> None:
    """Drop whatever is queued on shell and iopub."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.05)
            except Empty:
                break
