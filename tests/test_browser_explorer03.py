"""Does lesson 03's ε × dtype explorer work in a real browser, in JupyterLab and Notebook 7,
in both languages?

Like ``test_browser_explorer.py`` (whose helpers it reuses), it starts one
headless ``jupyter lab`` on 127.0.0.1 for the module and drives Debian's
chromium with Playwright. The notebook it opens holds lesson 03's own cells
for the explorer, taken by cell id from the solution notebook (setup,
text, explorer): the rest of the lesson (its 100,000-parameter checks)
has its own tests. Screenshots go to ``test-artifacts/``.
"""

import json
import time

import pytest
import test_browser_explorer as lesson_browser
from jupyter_browser import JupyterServer, NotebookPage, require_browser

pytestmark = pytest.mark.browser

EXPLORER_CELLS = ("setup", "explore-dtype", "explore-dtype-widget")
VERDICTS = {
    "en": {"rounding": "rounding error dominates", "pass": "the gradients agree"},
    "tr": {"rounding": "yuvarlama hatası baskın", "pass": "gradyanlar uyuşuyor"},
}
CASES = [("lab", "en"), ("lab", "tr"), ("notebook", "en"), ("notebook", "tr")]


def explorer_notebook(language):
    """Return lesson 03's explorer cells of the ``language`` solution notebook, as a notebook."""
    path = lesson_browser.lesson_notebooks().get(("03", language))
    assert path is not None, f"no solution notebook of lesson 03 ({language}) with an explorer"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = {cell.get("id"): cell for cell in notebook["cells"]}
    notebook["cells"] = [cells[cell_id] for cell_id in EXPLORER_CELLS]
    return notebook


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    server = JupyterServer(tmp_path_factory.mktemp("jupyter"), lesson_browser.ROOT)
    for language in ("en", "tr"):
        (server.root / f"explorer03-{language}.ipynb").write_text(
            json.dumps(explorer_notebook(language)), encoding="utf-8")
    server.start()
    yield server
    left = server.stop()
    assert not left, f"processes outlived the server: {left}"


def verdict_text(explorer):
    return explorer.locator(".gc-verdict").first.inner_text()


def wait_for_picture(notebook, explorer, before, key, value,
                     timeout=lesson_browser.REDRAW_TIMEOUT):
    """Wait until the picture on screen records ``key`` = ``value``; return the state then."""
    deadline = time.monotonic() + timeout
    state = before
    while time.monotonic() < deadline:
        state = lesson_browser.shown_state(notebook, explorer)
        if state["png"] != before["png"] and state["metadata"].get(key) == value:
            return state
        time.sleep(0.2)
    raise AssertionError(f"the picture never showed {key} = {value}: {state['metadata']}")


@pytest.mark.parametrize(("app", "language"), CASES, ids=[f"{a}-{lang}" for a, lang in CASES])
def test_slider_and_dtype_toggle_change_picture_and_verdict(server, page, app, language):
    """Run lesson 03's explorer cells: moving ε and switching to float32 redraw the V curve
    and reprint the verdict, in the notebook's language, with no request off 127.0.0.1."""
    notebook = NotebookPage(page, server, f"explorer03-{language}.ipynb", app)
    try:
        notebook.open()
        notebook.run_all()
        assert notebook.error_outputs() == []
        explorer = notebook.explorers().first
        explorer.scroll_into_view_if_needed()
        first = lesson_browser.shown_state(notebook, explorer)
        assert first["metadata"]["verdict"] == "rounding"
        assert float(first["metadata"]["epsilon"]) == 1e-7
        assert VERDICTS[language]["rounding"] in verdict_text(explorer)

        # ε = 1e-4, the bottom of the V: the gradient passes
        if app == "lab":
            lesson_browser.click_track(notebook, explorer, 8 / 11)
        else:
            lesson_browser.type_epsilon(explorer, "1e-4")
        moved = lesson_browser.wait_for_final_state(notebook, explorer, first)
        # A click lands within a slider step of its aim, still inside the passing band
        assert 5e-5 <= float(moved["metadata"]["epsilon"]) <= 2e-4
        assert moved["metadata"]["verdict"] == "pass"
        assert VERDICTS[language]["pass"] in verdict_text(explorer)

        # float32 at the same ε: rounding error again, against float32's threshold
        explorer.locator(".widget-toggle-button", has_text="float32").first.click()
        switched = wait_for_picture(notebook, explorer, moved, "dtype", "float32")
        assert switched["metadata"]["verdict"] == "rounding"
        assert switched["metadata"]["difference"] != moved["metadata"]["difference"]
        assert VERDICTS[language]["rounding"] in verdict_text(explorer)
        assert "4.6e-03" in explorer.locator(".gc-explorer-readout").inner_text()

        lesson_browser.ARTIFACTS.mkdir(exist_ok=True)
        explorer.screenshot(path=lesson_browser.ARTIFACTS / f"{app}-03-{language}-explorer.png")
        assert notebook.error_outputs() == []
        lesson_browser.assert_only_local_requests(page)
    finally:
        notebook.close()
