"""Does the builder write valid, deterministic notebooks and catch stale ones with --check?"""

import base64
import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograde.rebuild import is_ungraded
from gc_common.layout import HELPER_MODULES, HELPER_PACKAGES
from tools import build
from tools.bootstrap import helpers_archive
from tools.figures import render_all
from tools.lesson_format import parse_lesson, parse_lesson_text
from tools.notebooks import build_notebook, nbgrader_checksum, notebook_bytes, ungraded_cells
from tools.record import reuse_outputs
from tools.stamp_translations import stamp

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PNG = b"\x89PNG\r\n\x1a\nfake"
IMAGES = {"images/99-figure.png": PNG}


@pytest.fixture(scope="module")
def sample():
    return parse_lesson(DATA / "99-sample.lesson", DATA, images=IMAGES)


@pytest.fixture(scope="module")
def archive():
    return helpers_archive(ROOT)


def notebook(sample, archive, language="en", variant="student"):
    return build_notebook(sample, language, variant, IMAGES, archive)


def test_every_cell_has_its_id_and_nbgrader_metadata(sample, archive):
    cells = notebook(sample, archive, variant="solution").cells
    assert [cell.id for cell in cells] == [cell.cell_id for cell in sample.cells]
    by_id = {cell.id: cell.metadata["nbgrader"] for cell in cells}
    assert by_id["square"] == {"grade": False, "grade_id": "square", "locked": False,
                               "schema_version": 3, "solution": True, "task": False}
    assert by_id["square-check"] == {"grade": True, "grade_id": "square-check", "locked": True,
                                     "points": 2, "schema_version": 3, "solution": False,
                                     "task": False}
    assert by_id["intro"]["locked"] and not by_id["intro"]["solution"]
    assert cells[3].metadata["tags"] == ["nbval-check-output"]


def test_student_cells_carry_what_nbgraders_release_adds(sample, archive):
    """Checksums as nbgrader computes them, so `nbgrader validate` spots an edited test cell."""
    from nbgrader.utils import compute_checksum

    for cell in notebook(sample, archive, "tr").cells:
        meta = cell.metadata["nbgrader"]
        assert meta["checksum"] == compute_checksum(cell)
        assert meta["cell_type"] == cell.cell_type
        assert cell.metadata["deletable"] is False
        assert cell.metadata.get("editable", True) is meta["solution"]
        edited = copy.deepcopy(cell)
        edited.source += "\n"
        assert nbgrader_checksum(edited) != meta["checksum"]
    solution = notebook(sample, archive, "tr", "solution").cells
    assert not any("checksum" in cell.metadata["nbgrader"] or "editable" in cell.metadata
                   for cell in solution)


def test_notebook_is_valid_nbformat_4_5_without_outputs(sample, archive):
    for variant in ("student", "solution"):
        nb = notebook(sample, archive, "tr", variant)
        nbformat.validate(nb)
        assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
        assert all(not cell.get("outputs") for cell in nb.cells)


def test_metadata_names_lesson_language_source_and_marks_generated(sample, archive):
    nb = notebook(sample, archive, "tr", "solution")
    assert nb.metadata["gradient_checking"] == {
        "lesson": "99", "language": "tr", "title": "Örnek ders",
        "source": "99-sample.lesson", "generated_by": "python -m tools.build",
        "do_not_edit": True}
    # nbgrader releases the instructor notebook with its metadata: nothing in
    # it may tell a student notebook apart (no variant: "solution")
    assert notebook(sample, archive, "tr", "student").metadata == nb.metadata
    assert nb.cells[0].source.startswith("<!-- 99-sample.lesson dosyasından `python -m "
                                         "tools.build` ile üretildi")


def test_images_are_inlined_as_data_uris(sample, archive):
    intro = notebook(sample, archive).cells[0].source
    assert "](images/" not in intro
    assert f"![a figure](data:image/png;base64,{base64.b64encode(PNG).decode()})" in intro


def test_serialization_is_byte_identical_with_lf_and_final_newline(sample, archive):
    first = notebook_bytes(notebook(sample, archive))
    second = notebook_bytes(build_notebook(
        parse_lesson(DATA / "99-sample.lesson", DATA, images=IMAGES), "en", "student", IMAGES,
        helpers_archive(ROOT)))
    assert first == second
    assert b"\r" not in first and first.endswith(b"}\n")
    assert json.loads(first)["cells"][0]["id"] == "intro"


def test_rebuilding_the_repository_gives_identical_bytes():
    assert build.build_outputs(ROOT, execute=False) == build.build_outputs(ROOT, execute=False)


def test_notebook_paths_use_the_localized_file_names(sample):
    assert build.notebook_path(sample, "tr", "student") == "notebooks/tr/99-ornek-ders.ipynb"
    assert build.notebook_path(sample, "en", "solution") == (
        "notebooks/solutions/en/99-sample-lesson.ipynb")


@pytest.fixture
def checkout(tmp_path):
    """A copy of the sources in tmp_path, built once without running notebooks."""
    for folder in ("lessons", *HELPER_PACKAGES):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for module in HELPER_MODULES:
        shutil.copy(ROOT / f"{module}.py", tmp_path / f"{module}.py")
    build.write_outputs(build.build_outputs(tmp_path, execute=False), tmp_path)
    return tmp_path


def stale(root):
    return build.stale_files(build.build_outputs(root, execute=False), root)


def test_check_is_quiet_on_a_fresh_build(checkout):
    assert stale(checkout) == []


def test_check_names_a_notebook_whose_lesson_changed(checkout):
    lesson = next((checkout / "lessons").glob("01-*.lesson"))
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "# Gradient checking in 1-D", "# Gradient checking in one dimension"), encoding="utf-8")
    stamp(lesson, checkout)  # the Turkish title still says the same: confirmed
    assert {path for path, _ in stale(checkout)} == {
        "notebooks/en/01-gradient-checking-1d.ipynb",
        "notebooks/solutions/en/01-gradient-checking-1d.ipynb"}


def test_check_notices_a_stale_embedded_helper_copy(checkout):
    with open(checkout / "gc_utils.py", "a", encoding="utf-8") as module:
        module.write("\n# changed\n")
    assert len(stale(checkout)) == 4 * len(list((checkout / "lessons").glob("*.lesson")))


def test_a_helper_only_lesson_03_imports_makes_only_lesson_03_stale(checkout):
    with open(checkout / "gc_checking" / "fast_checks.py", "a", encoding="utf-8") as module:
        module.write("\n# changed\n")
    assert {Path(path).name for path, _ in stale(checkout)} == {
        "03-gradient-checking-in-practice.ipynb", "03-uygulamada-gradyan-kontrolu.ipynb"}
    assert len(stale(checkout)) == 4


def test_check_names_missing_and_orphan_files(checkout):
    (checkout / "images" / "01-centered-difference.png").unlink()
    (checkout / "notebooks" / "en" / "hand-made.ipynb").write_text("{}", encoding="utf-8")
    assert set(stale(checkout)) == {
        ("images/01-centered-difference.png", "missing"),
        ("notebooks/en/hand-made.ipynb", "not produced by any lesson or figure")}


def test_check_ignores_a_different_compression_of_the_same_helpers(checkout):
    path = checkout / "notebooks" / "en" / "01-gradient-checking-1d.ipynb"
    nb = nbformat.read(path, as_version=4)
    setup = next(cell for cell in nb.cells if "embedded=(" in cell.source)
    head, _, _ = setup.source.partition("embedded=(\n")
    lesson = parse_lesson(next((checkout / "lessons").glob("01-*.lesson")), checkout)
    recompressed = helpers_archive(checkout, build.lesson_code(lesson), preset=1)
    assert recompressed != build.lesson_archive(checkout, lesson)
    encoded = base64.b85encode(recompressed).decode()
    setup.source = head + 'embedded=(\n    "' + encoded + '"\n))'
    # as the builder on that machine would write it: checksum of this source
    setup.metadata.nbgrader.checksum = nbgrader_checksum(setup)
    path.write_bytes(notebook_bytes(nb))
    assert stale(checkout) == []
    setup.metadata.nbgrader.checksum = "0" * 32
    path.write_bytes(notebook_bytes(nb))
    assert stale(checkout) == [("notebooks/en/01-gradient-checking-1d.ipynb", "stale")]


def test_malformed_source_stops_the_build_with_file_and_line(checkout):
    lesson = next((checkout / "lessons").glob("01-*.lesson"))
    text = lesson.read_text(encoding="utf-8").replace("%% code id=imports", "%% code id=setup", 1)
    lesson.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tools.build", "--check", "--root",
                             str(checkout)], cwd=ROOT, capture_output=True, text=True)
    line = text.split("\n").index("%% code id=setup") + 1
    assert result.returncode == 2
    assert f"lessons/{lesson.name}:{line}: duplicate cell id 'setup'" in result.stderr


@pytest.mark.slow
def test_committed_notebooks_and_images_are_fresh():
    """python -m tools.build --check passes on this checkout."""
    result = subprocess.run([sys.executable, "-m", "tools.build", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "up to date" in result.stdout


def _fresh_instructor_notebook(language="en"):
    lesson = parse_lesson(next((ROOT / "lessons").glob("01-*.lesson")), ROOT,
                          images=render_all())
    notebook = build_notebook(lesson, language, "solution", render_all(),
                              build.lesson_archive(ROOT, lesson))
    return notebook, ROOT / build.notebook_path(lesson, language, "solution")


def test_recorded_outputs_are_reused_only_for_the_same_content():
    notebook, committed = _fresh_instructor_notebook()
    assert reuse_outputs(notebook, committed)
    assert notebook_bytes(notebook) == committed.read_bytes()

    changed, committed = _fresh_instructor_notebook()
    cell = next(cell for cell in changed.cells if cell.id == "run-example")
    cell.source = cell.source.replace("(2, 4)", "(3, 4)")
    assert not reuse_outputs(changed, committed)
    assert not cell.outputs


def test_check_command_exits_1_and_names_each_stale_file(checkout, monkeypatch, capsys):
    # Structure only: running notebooks is what the slow freshness test covers
    monkeypatch.setattr(build, "build_outputs", lambda root, rerun=False: _structural_build(root))
    (checkout / "images" / "01-error-versus-epsilon.png").write_bytes(b"old")
    assert build.main(["--check", "--root", str(checkout)]) == 1
    err = capsys.readouterr().err
    assert "images/01-error-versus-epsilon.png: stale" in err
    assert "1 generated file(s) out of date; run python -m tools.build" in err
    assert (checkout / "images" / "01-error-versus-epsilon.png").read_bytes() == b"old"


_BUILD_OUTPUTS = build.build_outputs


def _structural_build(root):
    return _BUILD_OUTPUTS(root, execute=False)


UNGRADED_LESSON = """id: 98
title.en: Marks
title.tr: İşaretler
file.en: 98-marks
file.tr: 98-isaretler

%% code id=setup setup

%% code id=imports
import numpy as np

from gc_utils import epsilon_explorer

%% code id=answer solution grade_id=answer
def f(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION

%% code id=explore
epsilon_explorer(f, f, f, x=2, theta=4)

%% code id=explore-kept
from gc_utils import network_epsilon_explorer

network_epsilon_explorer(1, 2, 3, 4, 5, 6)

%% code id=demo
y = f(3)

%% code id=answer-check grade points=1
assert f(2) == 4
network_epsilon_explorer

%% code id=after-the-last-test
print(y)
"""


def test_cells_nothing_graded_depends_on_are_marked_in_both_variants(archive):
    lesson = parse_lesson_text(UNGRADED_LESSON, "98.lesson", ROOT)
    # explorer-only cells and the cells after the last test; not the demo a
    # later cell may read, not an explorer whose name a test reads, never
    # setup, imports, answers or tests
    assert ungraded_cells(lesson) == {"explore", "after-the-last-test"}
    for variant in ("student", "solution"):
        cells = build_notebook(lesson, "en", variant, {}, archive).cells
        assert {cell.id for cell in cells if is_ungraded(cell)} == {
            "explore", "after-the-last-test"}


def test_the_lessons_mark_their_explorers_and_nothing_graded():
    for path in sorted((ROOT / "lessons").glob("*.lesson")):
        lesson = parse_lesson(path, ROOT, images=render_all())
        marked = ungraded_cells(lesson)
        cells = {cell.cell_id: cell for cell in lesson.cells}
        assert not any(cells[i].setup or cells[i].solution or cells[i].grade for i in marked)
        explorers = {c.cell_id for c in lesson.cells if "explorer(" in "\n".join(c.lines)}
        assert explorers <= marked, path.name
