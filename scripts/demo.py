"""Runs a few Go cells through the "go" kernel with jupyter_client and
prints them with their outputs, as a notebook would show them."""

from __future__ import annotations

import sys
from queue import Empty

from jupyter_client.manager import start_new_kernel

CELLS = [
    'import "fmt"\nfmt.Println("hello from Go")',
    "type Point struct{ X, Y int }\np := Point{X: 1, Y: 2}\np",
    "func fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\nfib(20)",
    'import "strings"\nstrings.Repeat("go", 3)',
    'import "gokernel/display"\ndisplay.HTML("<b>bold</b> from Go")',
    "var m map[string]int\nm[\"boom\"] = 1",
    'fmt.Println("the kernel survived; fib(10) =", fib(10))',
]


def show(msg: dict) -> None:
    kind, content = msg["msg_type"], msg["content"]
    if kind == "stream":
        sys.stdout.write(content["text"])
    elif kind in ("execute_result", "display_data"):
        data = content["data"]
        others = sorted(k for k in data if k != "text/plain")
        text = data.get("text/plain", "")
        if kind == "execute_result":
            print(f"Out[{content['execution_count']}]: {text}")
        else:
            print(text or f"<{', '.join(others)}>")
        for mime in others:
            print(f"  [{mime}] {str(data[mime])[:200]}")
    elif kind == "error":
        print("\n".join(content["traceback"]) or f"{content['ename']}: {content['evalue']}")


def run_cell(kc, code: str, timeout: float = 60) -> str:
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_input":
            print(f"\nIn [{msg['content']['execution_count']}]:")
            print("    " + code.replace("\n", "\n    "))
        elif msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                break
        else:
            show(msg)
    reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"]["status"]


def main() -> int:
    km, kc = start_new_kernel(kernel_name="go", startup_timeout=60)
    try:
        info = kc.kernel_info(reply=True)["content"]
        print(info.get("banner", "").strip())
        for code in CELLS:
            run_cell(kc, code)
    except Empty:
        print("the kernel stopped answering", file=sys.stderr)
        return 1
    finally:
        kc.stop_channels()
        km.shutdown_kernel()
    return 0


if __name__ == "__main__":
    sys.exit(main())
