"""Do the ε explorers work in a real browser, in JupyterLab and Notebook 7, in both languages?

Starts ``jupyter lab`` headless on 127.0.0.1 with a temporary copy of the
notebooks and drives Debian's chromium with Playwright. Screenshots go to
``test-artifacts/`` (gitignored). Without chromium or Playwright the tests
skip, unless ``GC_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that a
failure.
"""

import json
import math
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import jupyter_browser
import pytest
from jupyter_browser import JupyterServer, NotebookPage, require_browser

from gc_explorers.figure_image import read_png_metadata

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
ARTIFACTS = ROOT / "test-artifacts"
SOLUTIONS = ROOT / "notebooks" / "solutions"
LOAD_NOTEBOOK = "explorer_load.ipynb"
REDRAW_TIMEOUT = 30
# Slider moves in the load test; each must land while the main shell is busy
LOAD_MOVES = 8


def lesson_notebooks():
    """Return {(lesson id, language): path} of the solution notebooks that hold an explorer."""
    found = {}
    for path in sorted(SOLUTIONS.glob("*/*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        sources = ["".join(cell["source"]) for cell in notebook["cells"]
                   if cell["cell_type"] == "code"]
        if any("_explorer(" in source for source in sources):
            found[(path.name[:2], path.parent.name)] = path
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    workdir = tmp_path_factory.mktemp("jupyter")
    server = JupyterServer(workdir, ROOT)
    for (_lesson, language), path in lesson_notebooks().items():
        target = server.root / language / path.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(path, target)
    shutil.copy(DATA / LOAD_NOTEBOOK, server.root / LOAD_NOTEBOOK)
    server.start()
    yield server
    left = server.stop()
    assert not left, f"processes outlived the server: {left}"


@pytest.fixture()
def open_notebook(page, server):
    """Factory of NotebookPages on the fresh tab; their kernels are shut down afterwards."""
    opened = []

    def factory(path, app="lab"):
        notebook = NotebookPage(page, server, path, app)
        opened.append(notebook)
        return notebook

    yield factory
    for notebook in opened:
        notebook.close()


def assert_only_local_requests(tab):
    outside = sorted({url for url in tab.requested
                      if urllib.parse.urlparse(url).scheme in ("http", "https", "ws", "wss")
                      and urllib.parse.urlparse(url).hostname != "127.0.0.1"})
    assert not outside, f"the page requested addresses outside 127.0.0.1: {outside}"


def slider_epsilon(explorer):
    """Return ε as the slider holds it (10 ** the handle's exponent)."""
    exponent = explorer.locator(".noUi-handle").first.get_attribute("aria-valuenow")
    return 10.0 ** float(exponent)


def shown_state(notebook, explorer):
    """Return what the explorer shows: slider ε, printed differences and the picture's metadata."""
    differences = explorer.locator(".gc-difference")
    printed = [(differences.nth(i).get_attribute("data-epsilon"), differences.nth(i).inner_text())
               for i in range(differences.count())]
    png = notebook.image_png(explorer)
    return {"epsilon": slider_epsilon(explorer), "printed": printed, "png": png,
            "metadata": read_png_metadata(png)}


def wait_for_final_state(notebook, explorer, before, timeout=REDRAW_TIMEOUT):
    """Wait until readout and picture both belong to the slider's final ε; return that state."""
    deadline = time.monotonic() + timeout
    state = before
    while time.monotonic() < deadline:
        state = shown_state(notebook, explorer)
        metadata = state["metadata"]
        if (state["png"] != before["png"] and metadata
                and math.isclose(float(metadata["epsilon"]), state["epsilon"], rel_tol=1e-9)
                and (metadata["epsilon"], metadata["difference"]) in state["printed"]
                and all(epsilon == metadata["epsilon"] for epsilon, _ in state["printed"])):
            return state
        time.sleep(0.2)
    ARTIFACTS.mkdir(exist_ok=True)
    notebook.page.screenshot(path=ARTIFACTS / "failed-redraw.png")
    raise AssertionError(f"the explorer did not settle on ε = {state['epsilon']:.3e}: "
                         f"printed {state['printed']}, picture {state['metadata']}")


def click_track(notebook, explorer, fraction):
    """Click the slider's track at ``fraction`` of its width (the handle jumps there)."""
    track = explorer.locator(".noUi-base").first
    track.scroll_into_view_if_needed()
    box = track.bounding_box()
    track.click(position={"x": fraction * box["width"], "y": box["height"] / 2})


def drag_handle(notebook, explorer, fraction):
    """Drag the slider's handle to ``fraction`` of the track; every step on the way fires."""
    track = explorer.locator(".noUi-base").first
    track.scroll_into_view_if_needed()
    box = track.bounding_box()
    handle = explorer.locator(".noUi-handle").first.bounding_box()
    mouse = notebook.page.mouse
    mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    mouse.down()
    mouse.move(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2, steps=12)
    mouse.up()


def type_epsilon(explorer, text):
    """Type ε into the slider's readout and press Enter (Notebook 7 ignores arrow keys)."""
    readout = explorer.locator(".widget-readout").first
    readout.fill(text)
    readout.press("Enter")


def run_and_check(notebook):
    """Open, run all cells, and check that no cell shows an error; return the explorers."""
    notebook.open()
    notebook.run_all()
    assert notebook.error_outputs() == []
    saved = notebook.save_and_read()
    errors = [output for cell in saved["cells"] for output in cell.get("outputs", [])
              if output["output_type"] == "error"]
    assert errors == [], errors
    explorers = notebook.explorers()
    assert explorers.count() >= 1
    return explorers


def exercise_explorers(notebook, explorers, move, shot_name):
    """Move every explorer's slider; check printed difference and picture follow; screenshot."""
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        explorer.scroll_into_view_if_needed()
        assert explorer.locator(".widget-hslider").first.is_visible()
        before = shown_state(notebook, explorer)
        assert before["metadata"], "the explorer's picture carries no state"
        move(explorer)
        after = wait_for_final_state(notebook, explorer, before)
        assert after["metadata"]["difference"] != before["metadata"]["difference"]
        assert not math.isclose(after["epsilon"], before["epsilon"])
        ARTIFACTS.mkdir(exist_ok=True)
        explorer.screenshot(path=ARTIFACTS / f"{shot_name}-explorer{i + 1}.png")
    notebook.page.screenshot(path=ARTIFACTS / f"{shot_name}-page.png")


LESSON_CASES = [
    ("lab", "01", "en"), ("lab", "01", "tr"),
    ("lab", "02", "en"), ("lab", "02", "tr"),
]


@pytest.mark.parametrize(("app", "lesson", "language"), LESSON_CASES,
                         ids=[f"{a}-{lesson}-{lang}" for a, lesson, lang in LESSON_CASES])
def test_lesson_explorers_in_jupyterlab(open_notebook, page, app, lesson, language):
    """Run a solution notebook in JupyterLab: no errors, and the sliders drive readout and plot."""
    path = lesson_notebooks().get((lesson, language))
    assert path is not None, f"no solution notebook of lesson {lesson} ({language}) with explorers"
    notebook = open_notebook(f"{language}/{path.name}", app)
    explorers = run_and_check(notebook)
    # Lesson 01 is dragged (intermediate values fire too), lesson 02 clicked
    move = drag_handle if lesson == "01" else click_track
    exercise_explorers(notebook, explorers, lambda e: move(notebook, e, 0.8),
                       f"{app}-{lesson}-{language}")
    assert notebook.error_outputs() == []
    assert_only_local_requests(page)


def test_lesson_01_explorer_in_notebook_7(open_notebook, page):
    """The same in Notebook 7 (Turkish), moving ε by typing into the slider's readout."""
    path = lesson_notebooks().get(("01", "tr"))
    assert path is not None, "no Turkish solution notebook of lesson 01 with an explorer"
    notebook = open_notebook(f"tr/{path.name}", "notebook")
    explorers = run_and_check(notebook)
    exercise_explorers(notebook, explorers, lambda e: type_epsilon(e, "1e-5"), "notebook7-01-tr")
    state = shown_state(notebook, explorers.first)
    assert math.isclose(float(state["metadata"]["epsilon"]), 1e-5, rel_tol=1e-9)
    assert_only_local_requests(page)


FIRST_SCREEN = {"width": 1280, "height": 800}
FIRST_SCREEN_CASES = [("lab", "en"), ("lab", "tr"), ("notebook", "en"), ("notebook", "tr")]
LESSON_01_INTRO = {"en": "What you will learn", "tr": "Bu derste öğrenecekleriniz"}


@pytest.mark.parametrize(("app", "language"), FIRST_SCREEN_CASES,
                         ids=[f"{app}-{language}" for app, language in FIRST_SCREEN_CASES])
def test_first_screen_shows_the_lesson_and_the_setup_cell_collapsed(open_notebook, page, app,
                                                                     language):
    """Opened as a student opens it: title and first explanation on screen, setup folded away."""
    path = lesson_notebooks().get(("01", language))
    page.set_viewport_size(FIRST_SCREEN)
    notebook = open_notebook(f"{language}/{path.name}", app)
    notebook.open()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"first-screen-{app}-01-{language}.png"
    title = page.locator(".jp-RenderedMarkdown h1").first
    intro = page.locator(".jp-RenderedMarkdown").get_by_text(LESSON_01_INTRO[language]).first
    for element in (title, intro):
        element.wait_for(state="visible", timeout=60_000)
        box = element.bounding_box()
        assert box is not None and box["y"] + box["height"] <= FIRST_SCREEN["height"], box
    page.screenshot(path=shot)
    setup = page.locator(".jp-CodeCell").first
    assert setup.locator(".jp-InputArea").is_hidden()
    assert setup.locator(".jp-InputPlaceholder").is_visible()
    assert "embedded=(" not in page.inner_text("body")
    page.screenshot(path=shot)
    assert notebook.error_outputs() == []
    assert_only_local_requests(page)


def test_every_redraw_lands_while_a_cell_draws_with_pyplot_under_load(open_notebook, page):
    """jupyterlab#19719: move the slider again and again while a cell draws with pyplot and
    a CPU burner competes; every redraw must land and no figure may break or pile up."""
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    runs = []
    try:
        notebook = open_notebook(LOAD_NOTEBOOK)
        notebook.open()
        notebook.run_all()
        explorer = notebook.explorers().first
        busy_cell = notebook.cells().last
        state = shown_state(notebook, explorer)
        for move in range(LOAD_MOVES):
            busy_cell.locator(".jp-InputPrompt").click()
            notebook.menu("Run", "notebook:run-cell")
            notebook.wait_for_prompt(-1, "[*]:")
            click_track(notebook, explorer, 0.1 + 0.8 * ((move * 3) % LOAD_MOVES) / LOAD_MOVES)
            before = state
            state = wait_for_final_state(notebook, explorer, state)
            expected = linear_difference(float(state["metadata"]["epsilon"]))
            assert float(state["metadata"]["difference"]) == pytest.approx(expected, rel=1e-9)
            assert int(state["metadata"]["redraw"]) > int(before["metadata"]["redraw"])
            notebook.wait_until_all_ran()
            summary = busy_cell.locator(".jp-OutputArea-output").all_inner_texts()
            assert any(re.search(r"drew [1-9]\d* figures, 0 broken", t) for t in summary), summary
            assert busy_cell.locator(".jp-OutputArea-output img").count() == 1
            runs.append({key: state["metadata"][key] for key in ("epsilon", "redraw", "thread")})
    finally:
        burner.kill()
        burner.wait()
    assert notebook.error_outputs() == []
    explorer_cell = notebook.cells().nth(1)
    assert explorer_cell.locator("img").count() == 1, "pictures piled up in the explorer's output"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "lab-load-redraws.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")
    explorer.screenshot(path=ARTIFACTS / "lab-load-explorer.png")
    assert_only_local_requests(page)


def linear_difference(epsilon, x=2.0, theta=4.0):
    """Lesson 01's difference for J = θx, computed here, outside the kernel."""
    gradapprox = (x * (theta + epsilon) - x * (theta - epsilon)) / (2 * epsilon)
    return abs(x - gradapprox) / (abs(x) + abs(gradapprox))


def test_missing_browser_skips_here_and_fails_in_ci(monkeypatch):
    """No chromium: a clear skip on a developer's machine, a failure if GC_REQUIRE_BROWSER=1."""
    monkeypatch.setattr(jupyter_browser, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("GC_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        require_browser()
    monkeypatch.setenv("GC_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="GC_REQUIRE_BROWSER=1 requires"):
        require_browser()
