"""Does lesson 01 teach and check what the course promises, with the published numbers?"""

import re

import pytest
from notebook_runner import NOTEBOOKS, read

from tools.figures import registry

LESSON = "01"
PUBLISHED = ("J = 8", "dtheta = 2", "2.919335883291695e-10", "7.814075313343006e-11")
GRADED = ("forward_propagation", "backward_propagation", "gradient_check")


def lesson_notebooks(folder):
    return [path for path in sorted((NOTEBOOKS / folder).glob("*/01-*.ipynb"))
            if read(path).metadata["gradient_checking"]["lesson"] == LESSON]


INSTRUCTOR = lesson_notebooks("solutions")
STUDENT = [path for path in sorted(NOTEBOOKS.glob("[et][nr]/01-*.ipynb"))]


def test_lesson_01_exists_in_both_languages():
    assert len(INSTRUCTOR) == 2 and len(STUDENT) == 2


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda path: path.parent.name)
def test_recorded_output_shows_the_published_figures(path):
    cell = next(cell for cell in read(path).cells if cell.id == "run-example")
    assert "nbval-check-output" in cell.metadata["tags"]
    text = "".join(output["text"] for output in cell.outputs)
    for figure in PUBLISHED:
        assert figure in text


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda path: path.parent.name)
def test_graded_functions_have_the_course_signatures_and_points(path):
    cells = read(path).cells
    source = "\n".join(cell.source for cell in cells)
    assert "def forward_propagation(x, theta):" in source
    assert "def backward_propagation(x, theta):" in source
    assert "def gradient_check(x, theta, epsilon=1e-7, print_msg=False):" in source
    points = {cell.id: cell.metadata["nbgrader"].get("points") for cell in cells
              if cell.metadata["nbgrader"]["grade"]}
    assert set(points) == {"forward-check", "backward-check", "gradient-check-check"}
    assert all(value > 0 for value in points.values())
    for name in GRADED:
        check = next(cell for cell in cells if f"{name}_test({name})" in cell.source)
        assert "### BEGIN HIDDEN TESTS" in check.source and f"check_{name}(" in check.source


@pytest.mark.parametrize("path", STUDENT, ids=lambda path: path.parent.name)
def test_lesson_has_goals_summary_exercises_and_expected_output(path):
    cells = {cell.id: cell.source for cell in read(path).cells}
    language = read(path).metadata["gradient_checking"]["language"]
    summary, exercises = {"en": ("## Summary", "## Exercises"),
                          "tr": ("## Özet", "## Alıştırmalar")}[language]
    assert cells["summary"].startswith(summary) and cells["exercises"].startswith(exercises)
    assert cells["title"].count("\n- ") >= 4, "learning goals"
    for figure in ("`8`", "`2`", "`2.919335883291695e-10`"):
        assert figure in cells["expected-output"]
    for constant in ("GREAT_BELOW", "LOOK_CLOSER_BELOW", "WORRY_ABOVE"):
        assert constant in cells["thresholds"] and constant in cells["thresholds-demo"]
    assert re.search(r"O\(\\varepsilon\^2\)", cells["derivative-limit"])


def test_lesson_figures_are_drawn_by_code_with_the_lesson_number():
    figures = [path for path in registry() if path.startswith("images/01-")]
    assert len(figures) >= 2
    lesson = (NOTEBOOKS.parent / "lessons" / "01-gradient-checking-1d.lesson").read_text(
        encoding="utf-8")
    for figure in figures:
        assert f"]({figure})" in lesson
