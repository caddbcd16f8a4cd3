"""Is lesson 02's fix-the-bug exercise built on exactly the backward pass it demonstrates?"""

from pathlib import Path

import nbformat
import numpy as np
import pytest

from gc_checking.reference import fraud_net_gradient
from gc_utils import forward_propagation_n, gradients_to_vector
from testCases import gradient_check_n_test_case
from tools.lesson_format import parse_lesson
from tools.variants import code_source, code_stub, localize_lines

pytestmark = pytest.mark.numeric

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "lessons" / "02-gradient-checking-nd.lesson"
# The original assignment's two seeded bugs, and their fixes
SEEDED_BUGS = {
    "dW2 = 1. / m * np.dot(dZ2, A1.T) * 2": "dW2 = 1. / m * np.dot(dZ2, A1.T)",
    "db1 = 4. / m * np.sum(dZ1, axis=1, keepdims=True)":
        "db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)",
}


@pytest.fixture(scope="module")
def cells():
    lesson = parse_lesson(SOURCE, ROOT, images={"images/02-rolling-parameters.png": b""})
    return {cell.cell_id: cell for cell in lesson.cells}


def without_stub(source, language):
    """The lines of a released cell with its one stub taken out (the stub must be there once)."""
    stub = code_stub(language).split("\n")
    lines = source.split("\n")
    starts = [i for i in range(len(lines)) if [t.strip() for t in lines[i:i + 2]] == stub]
    assert len(starts) == 1, f"expected one stub, found {len(starts)}"
    return lines[:starts[0]] + lines[starts[0] + 2:]


@pytest.mark.parametrize("language", ["en", "tr"])
def test_student_version_of_the_fix_cell_is_the_given_cell_plus_a_stub(cells, language):
    """The exercise text says: an exact copy of the given backward pass, two lines added."""
    fix, given = cells["backward-propagation-n"], cells["backward-propagation-n-given"]
    student = code_source(fix, language, "student")
    assert without_stub(student, language) == code_source(given, language, "student").split("\n")
    assert code_stub(language).split("\n")[0] in student


def test_seeded_bugs_stand_outside_the_solution_region_which_fixes_exactly_them(cells):
    """nbgrader releases what is outside a solution region: the bugs must be there."""
    fix, given = cells["backward-propagation-n"], cells["backward-propagation-n-given"]
    [region] = fix.regions
    assert region.kind == "SOLUTION"
    outside = fix.lines[:region.begin] + fix.lines[region.end + 1:]
    assert outside == given.lines
    inside = [line.strip() for line in fix.lines[region.begin + 1: region.end]]
    assert [line for line in inside if not line.startswith("#")] == list(SEEDED_BUGS.values())
    assert all(bug in (line.strip() for line in outside) for bug in SEEDED_BUGS)


def run_backward(lines):
    """Define backward_propagation_n from the cell's lines and run it on the course case."""
    namespace = {"np": np}
    # the lesson's own code, from the repository
    exec("\n".join(localize_lines(lines, "en")), namespace)
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    grad = gradients_to_vector(namespace["backward_propagation_n"](X, Y, cache))
    return grad, fraud_net_gradient(X, Y, parameters)


def test_given_backward_pass_has_the_seeded_bugs_and_the_solution_has_none(cells):
    grad, (gradapprox, keys) = run_backward(cells["backward-propagation-n-given"].lines)
    ratios = {key: float(grad[i, 0] / gradapprox[i, 0]) for i, key in enumerate(keys)
              if abs(gradapprox[i, 0]) > 1e-3}
    assert ratios["W2"] == pytest.approx(2, rel=1e-6)
    assert ratios["b1"] == pytest.approx(4, rel=1e-6)
    for key in ("W1", "b2", "W3", "b3"):
        assert ratios[key] == pytest.approx(1, rel=1e-6)

    solution = code_source(cells["backward-propagation-n"], "en", "solution")
    grad, (gradapprox, _) = run_backward(solution.split("\n"))
    assert np.allclose(grad, gradapprox, rtol=1e-6, atol=1e-9)


def test_fixing_the_released_cell_as_the_text_says_gives_the_right_gradients(cells):
    """Edit the two lines where they stand, delete the stub: is the backward pass right?"""
    released = "\n".join(without_stub(
        code_source(cells["backward-propagation-n"], "en", "student"), "en"))
    for bug, fixed in SEEDED_BUGS.items():
        assert released.count(bug) == 1
        released = released.replace(bug, fixed)
    grad, (gradapprox, _) = run_backward(released.split("\n"))
    assert np.allclose(grad, gradapprox, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("notebook", ["en/02-gradient-checking-nd.ipynb",
                                      "tr/02-cok-boyutlu-gradyan-kontrolu.ipynb"])
def test_built_student_notebook_shows_the_given_code_in_the_fix_cell(notebook):
    cells = {cell.id: cell.source
             for cell in nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells}
    language = "en" if notebook.startswith("en/") else "tr"
    given = cells["backward-propagation-n-given"].split("\n")
    assert without_stub(cells["backward-propagation-n"], language) == given
