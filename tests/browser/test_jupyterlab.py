"""End to end in a real browser: JupyterLab with the Go kernel, driven by
headless Chromium through Playwright.

The browser is the system's Chromium (Debian package `chromium`), never one
downloaded by Playwright. Without it the test skips, unless
GOKERNEL_REQUIRE_BROWSER is set (scripts/test sets it), in which case a
missing browser is a failure. GOKERNEL_CHROMIUM names another executable.
A screenshot of the notebook is written to GOKERNEL_ARTIFACTS
(default tests/browser/artifacts/) whether the test passes or fails.
"""

from __future__ import annotations

import os
import shutil
import urllib.parse
from pathlib import Path

import nbformat
import pytest

import labserver

KERNEL_NAME = "go"
HERE = Path(__file__).resolve().parent
REQUIRED = bool(os.environ.get("GOKERNEL_REQUIRE_BROWSER"))
STEP_TIMEOUT_MS = 30_000  # per wait; a loaded machine is slow, nothing here measures speed

SVG_MARK = "gokernel-browser-check"
CELLS = [
    'import "fmt"\nimport "strings"\n\nfmt.Println(strings.ToUpper("hello from go"))',
    'import "gokernel/display"\n\n'
    'display.SVG(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" id="' + SVG_MARK + '">'
    '<rect width="120" height="40" fill="#00ADD8"/></svg>`)',
    "",  # typed into by the completion step
    "for {\n}",
    "1 + 1",
]


def _chromium() -> str | None:
    named = os.environ.get("GOKERNEL_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _artifacts() -> Path:
    path = Path(os.environ.get("GOKERNEL_ARTIFACTS") or HERE / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def chromium() -> str:
    path = _chromium()
    if path is None:
        msg = "no Chromium: install the Debian package `chromium` (apt-get install -y chromium)"
        if REQUIRED:
            pytest.fail(msg + "; GOKERNEL_REQUIRE_BROWSER is set, so this is not skipped")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-root")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Go", "language": "go"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nbformat.write(nb, root / "browser.ipynb")
    server = labserver.start(root, tmp_path_factory.mktemp("lab-state"))
    yield server
    server.stop()


@pytest.fixture
def page(chromium, lab, request):
    with _playwright().sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True)
        try:
            pg = browser.new_page(viewport={"width": 1280, "height": 1000})
            pg.set_default_timeout(STEP_TIMEOUT_MS)
            yield pg
            shot = _artifacts() / f"{request.node.name}.png"
            pg.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()


def _playwright():
    """playwright.sync_api; a skip without it unless the browser test is required."""
    if not REQUIRED:
        return pytest.importorskip("playwright.sync_api")
    import playwright.sync_api

    return playwright.sync_api


def _cell(page, i):
    return page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(i)


def _run_cell(page, i):
    _cell(page, i).locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")


# True once the open notebook's kernel is connected and idle. The toolbar's
# indicator alone is not enough: it shows idle before the websocket is up,
# and a cell run then is silently not sent.
KERNEL_IDLE_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const ctx = panel && panel.sessionContext;
  const kernel = ctx && ctx.session && ctx.session.kernel;
  return !!kernel && ctx.isReady && kernel.connectionStatus === "connected" && kernel.status === "idle";
}"""


def _wait_idle(page):
    page.wait_for_function(KERNEL_IDLE_JS)
    page.locator('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()


def _output(page, i):
    return _cell(page, i).locator(".jp-OutputArea-output")


def test_notebook_in_jupyterlab(page, lab):
    from playwright.sync_api import expect

    try:
        page.goto(lab.url("lab/tree/browser.ipynb"))
        # The notebook opens on the Go kernel, which reports idle once started.
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
        _wait_idle(page)

        # 1. A cell that prints.
        _run_cell(page, 0)
        expect(_output(page, 0)).to_have_text("HELLO FROM GO\n")

        # 2. A cell that displays SVG: JupyterLab renders it as an <img> of the
        # SVG document; it must have loaded with the SVG's own size.
        _run_cell(page, 1)
        img = _cell(page, 1).locator(".jp-RenderedSVG img")
        img.wait_for()
        src = urllib.parse.unquote(img.get_attribute("src") or "")
        assert src.startswith("data:image/svg+xml"), src[:80]
        assert SVG_MARK in src, src[:200]
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
        assert img.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [120, 40]

        # 3. Tab completion from the kernel.
        _cell(page, 2).locator(".cm-content").click()
        page.keyboard.type("strings.Has")
        page.keyboard.press("Tab")
        items = page.locator(".jp-Completer .jp-Completer-item")
        expect(items.filter(has_text="strings.HasPrefix")).to_have_count(1)
        expect(items.filter(has_text="strings.HasSuffix")).to_have_count(1)
        page.screenshot(path=str(_artifacts() / "completer.png"))
        items.filter(has_text="strings.HasPrefix").click()
        expect(_cell(page, 2).locator(".cm-content")).to_have_text("strings.HasPrefix")

        # 4. An endless loop, stopped by the toolbar's interrupt button.
        _run_cell(page, 3)
        page.locator('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="busy"]').wait_for()
        expect(_cell(page, 3).locator(".jp-InputPrompt")).to_contain_text("[*]")
        page.locator('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]').click()
        error = _cell(page, 3).locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        expect(error).to_contain_text("Interrupted")
        _wait_idle(page)

        # 5. The same kernel goes on computing.
        _run_cell(page, 4)
        result = _cell(page, 4).locator(".jp-OutputArea-executeResult .jp-OutputArea-output")
        expect(result).to_have_text("2")
        _wait_idle(page)
    except Exception as e:
        raise AssertionError(f"{e}\n--- jupyterlab log ---\n{lab.log_text()[-4000:]}") from e
