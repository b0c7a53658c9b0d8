"""The gokernel command line: version, help, install/uninstall, and SIGINT
handling of a running kernel."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import KERNEL_NAME
from kernelclient import execute, wait_reply


def gokernel(binary, *args, **kw):
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=60, **kw)


def test_version(kernel_binary):
    r = gokernel(kernel_binary, "version")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("gokernel "), r.stdout


def test_help_lists_commands(kernel_binary):
    r = gokernel(kernel_binary, "help")
    assert r.returncode == 0, r.stderr
    for cmd in ("kernel", "install", "uninstall", "run", "version"):
        assert f"\n  {cmd} " in r.stdout, r.stdout


def test_help_for_command(kernel_binary):
    r = gokernel(kernel_binary, "help", "install")
    assert r.returncode == 0, r.stderr
    for flag in ("-user", "-sys-prefix", "-prefix", "-name"):
        assert flag in r.stdout, r.stdout


@pytest.mark.parametrize(
    "args",
    [[], ["frobnicate"], ["install", "--bogus"], ["kernel"], ["install", "--user", "--prefix", "x"], ["run"]],
    ids=["no-command", "unknown-command", "unknown-flag", "no-connection-file", "two-locations", "run-no-notebook"],
)
def test_bad_usage_fails(kernel_binary, args, tmp_path):
    r = gokernel(kernel_binary, *args, cwd=tmp_path)
    assert r.returncode != 0
    assert r.stderr.strip(), "no message on stderr"


def test_missing_connection_file_fails(kernel_binary, tmp_path):
    r = gokernel(kernel_binary, "kernel", "--connection-file", str(tmp_path / "nope.json"))
    assert r.returncode == 1
    assert "nope.json" in r.stderr


def test_install_and_uninstall(kernel_binary, tmp_path):
    r = gokernel(kernel_binary, "install", "--prefix", str(tmp_path), "--name", "go-cli")
    assert r.returncode == 0, r.stderr
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "go-cli"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    assert spec["argv"] == [str(kernel_binary.resolve()), "kernel", "--connection-file", "{connection_file}"]
    assert spec["language"] == "go"
    assert spec["interrupt_mode"] == "message"
    for logo in ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg"):
        assert (spec_dir / logo).stat().st_size > 0

    r = gokernel(kernel_binary, "uninstall", "--prefix", str(tmp_path), "--name", "go-cli")
    assert r.returncode == 0, r.stderr
    assert not spec_dir.exists()


def test_sys_prefix_uses_virtualenv(kernel_binary, tmp_path):
    env = dict(os.environ, VIRTUAL_ENV=str(tmp_path), CONDA_PREFIX="")
    r = gokernel(kernel_binary, "install", "--sys-prefix", env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "share" / "jupyter" / "kernels" / "go" / "kernel.json").is_file()


def test_jupyter_finds_installed_spec():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    assert spec.language == "go"
    assert spec.display_name == "Go"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_interrupts_cell_not_kernel():
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60)
    try:
        assert execute(kc, "kept := 7").status == "ok"
        msg_id = kc.execute("for {\n}")
        time.sleep(0.5)
        os.kill(km.provisioner.pid, signal.SIGINT)
        reply = wait_reply(kc, msg_id, timeout=30)
        assert reply["content"]["status"] == "error", reply["content"]
        assert reply["content"]["ename"] == "Interrupted", reply["content"]
        assert km.is_alive()
        r = execute(kc, "kept")
        assert r.result_text() == "7", r.describe()
        # SIGINT with no cell running is harmless too.
        os.kill(km.provisioner.pid, signal.SIGINT)
        time.sleep(0.2)
        assert km.is_alive()
        assert execute(kc, "kept + 1").result_text() == "8"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
