"""Test setup: the kernel binary under test is installed as the kernelspec
"go" in a temporary Jupyter path, so jupyter_client finds it by name.

GOKERNEL_BIN names the binary (scripts/test sets it); without it the binary
is built from the repository with `go build`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
KERNEL_NAME = "go"

# Test files whose skipped tests count as failures: a skip there means a
# sample is missing or a feature is unsupported, which is what they check.
NO_SKIP_FILES = {"test_jkt.py"}


def _kernel_binary(workdir: Path) -> Path:
    env_bin = os.environ.get("GOKERNEL_BIN")
    if env_bin:
        path = Path(env_bin).resolve()
        if not path.is_file():
            raise pytest.UsageError(f"GOKERNEL_BIN={env_bin} is not a file")
        return path
    path = workdir / "gokernel"
    subprocess.run(["go", "build", "-o", str(path), "."], cwd=REPO, check=True)
    return path


def pytest_configure(config: pytest.Config) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="gokernel-tests-"))
    binary = _kernel_binary(workdir)
    prefix = workdir / "prefix"
    subprocess.run(
        [str(binary), "install", "--prefix", str(prefix), "--name", KERNEL_NAME],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # jupyter_client searches JUPYTER_PATH before any other location.
    paths = [str(prefix / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in paths if p)
    os.environ["GOKERNEL_BIN"] = str(binary)
    config.stash[_workdir_key] = workdir


_workdir_key = pytest.StashKey[Path]()


def pytest_unconfigure(config: pytest.Config) -> None:
    workdir = config.stash.get(_workdir_key, None)
    if workdir is not None:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and Path(str(item.fspath)).name in NO_SKIP_FILES:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, which this file does not allow: {reason}"


@pytest.fixture(scope="session")
def kernel_binary() -> Path:
    return Path(os.environ["GOKERNEL_BIN"])



@pytest.fixture(scope="module")
def kernel():
    """One kernel for a test module. Modules that need setup override it."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60)
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.fixture
def kc(kernel):
    """The module's kernel with nothing left queued from the last test."""
    from kernelclient import drain

    drain(kernel)
    return kernel
