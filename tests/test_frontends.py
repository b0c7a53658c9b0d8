"""Every notebook under notebooks/ runs cleanly in the real front ends:
`gokernel run`, nbclient (what nbconvert and papermill use) and
`jupytext --execute`.

Notebooks are found by globbing, so a new notebook is covered as soon as it
is added. A `.md` file and an `.ipynb` file of the same name are a pair: the
`.ipynb` is the executed form of the `.md`, and must hold the same cells and
the outputs a fresh run gives, except for the text of cells tagged
`nondeterministic` (timings), whose kinds of output must still match.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import KERNEL_NAME, REPO

NOTEBOOKS = REPO / "notebooks"
MD = sorted(NOTEBOOKS.glob("*.md"))
IPYNB = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds; generous, for a loaded machine, not a speed check
RUN_TIMEOUT = 600


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def _assert_executed(nb, where: str) -> None:
    """Every code cell ran, in order, and none produced an error."""
    cells = _code_cells(nb)
    assert cells, f"{where}: no code cells"
    for i, cell in enumerate(cells, 1):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{where}: code cell {i} failed: {errors[0].get('ename')}: {errors[0].get('evalue')}"
        assert cell.execution_count == i, f"{where}: code cell {i} has execution_count {cell.execution_count}"
    assert any(c.outputs for c in cells), f"{where}: no cell produced output"


def _gokernel_run(binary: Path, notebook: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), "run", str(notebook), "-o", str(out)],
        cwd=notebook.parent,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )


@pytest.mark.parametrize("notebook", MD + IPYNB, ids=_ids(MD + IPYNB))
def test_gokernel_run(kernel_binary, notebook, tmp_path):
    out = tmp_path / "out.ipynb"
    r = _gokernel_run(kernel_binary, notebook, out)
    assert r.returncode == 0, f"exit {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    nb = nbformat.read(out, as_version=4)
    nbformat.validate(nb)
    _assert_executed(nb, f"gokernel run {notebook.name}")
    assert nb.metadata.kernelspec.name == KERNEL_NAME


@pytest.mark.parametrize("notebook", IPYNB, ids=_ids(IPYNB))
def test_nbclient(notebook):
    nb = nbformat.read(notebook, as_version=4)
    for cell in _code_cells(nb):
        cell.outputs = []
        cell.execution_count = None
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=CELL_TIMEOUT,
        startup_timeout=60,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    client.execute()
    nbformat.validate(nb)
    _assert_executed(nb, f"nbclient {notebook.name}")


@pytest.mark.parametrize("notebook", MD, ids=_ids(MD))
def test_jupytext_execute(notebook, tmp_path):
    out = tmp_path / (notebook.stem + ".ipynb")
    r = subprocess.run(
        [sys.executable, "-m", "jupytext", "--to", "ipynb", "--execute", str(notebook), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=os.environ,  # JUPYTER_PATH from conftest: the kernelspec under test
    )
    assert r.returncode == 0, f"exit {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    nb = nbformat.read(out, as_version=4)
    nbformat.validate(nb)
    _assert_executed(nb, f"jupytext --execute {notebook.name}")


PAIRS = [p for p in MD if p.with_suffix(".ipynb").exists()]

# A code cell with this tag shows timings or other figures that change from
# run to run: the pair test compares the kinds of its outputs, not their text.
NONDETERMINISTIC = "nondeterministic"


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _merged_outputs(cell) -> list[dict]:
    """The cell's outputs without their metadata, consecutive stream outputs
    of one stream merged: how a front end splits a stream depends on timing."""
    merged: list[dict] = []
    for o in cell.outputs:
        o = dict(o, metadata={}) if "metadata" in o else dict(o)
        last = merged[-1] if merged else None
        if last and o["output_type"] == "stream" == last["output_type"] and o["name"] == last["name"]:
            last["text"] += o["text"]
        else:
            merged.append(o)
    return merged


def _kind(output: dict) -> tuple:
    """What an output is, whatever it says: its type, and its stream or MIME types."""
    if output["output_type"] == "stream":
        return ("stream", output["name"])
    if output["output_type"] == "error":
        return ("error", output["ename"])
    return (output["output_type"], tuple(sorted(output.get("data", {}))))


@pytest.mark.parametrize("notebook", PAIRS, ids=_ids(PAIRS))
def test_pair_in_sync(kernel_binary, notebook, tmp_path):
    """The committed .ipynb holds the same cells as its .md, and the outputs
    of a fresh run: the same kinds of output in every code cell, and the same
    outputs in cells not tagged nondeterministic. Regenerate it with
    scripts/notebooks after editing the .md."""
    out = tmp_path / "fresh.ipynb"
    r = _gokernel_run(kernel_binary, notebook, out)
    assert r.returncode == 0, r.stderr
    fresh = nbformat.read(out, as_version=4)
    name = notebook.with_suffix(".ipynb").name
    committed = nbformat.read(notebook.with_suffix(".ipynb"), as_version=4)
    nbformat.validate(committed)

    def shape(nb):
        return [(c.cell_type, c.source, _tags(c)) for c in nb.cells]

    assert shape(committed) == shape(fresh), f"{name} is stale"

    for i, (old, new) in enumerate(zip(_code_cells(committed), _code_cells(fresh)), 1):
        was, now = _merged_outputs(old), _merged_outputs(new)
        assert [_kind(o) for o in was] == [_kind(o) for o in now], f"{name}: code cell {i} has stale outputs"
        if NONDETERMINISTIC not in _tags(old):
            assert json.dumps(was, sort_keys=True) == json.dumps(now, sort_keys=True), (
                f"{name}: code cell {i} has stale outputs (tag it {NONDETERMINISTIC!r} if they change from run to run)"
            )
