"""Is lesson 02's fix-the-bug exercise built on exactly the backward pass it demonstrates?"""

from pathlib import Path

import nbformat
import numpy as np
import pytest

from gc_checking.reference import fraud_net_gradient
from gc_utils import forward_propagation_n, gradients_to_vector
from testCases import gradient_check_n_test_case
from tools.lesson_format import parse_lesson
from tools.variants import localize_lines

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


def view(cell, shown):
    """The cell's lines as the notebooks of one variant show them, markers removed.

    ``shown`` is the region kind that variant keeps: "STUDENT" for the
    student notebooks (solutions dropped), "SOLUTION" for the instructor's.
    """
    dropped = {"STUDENT": "SOLUTION", "SOLUTION": "STUDENT"}[shown]
    hidden = set()
    for region in cell.regions:
        hidden.update({region.begin, region.end})
        if region.kind == dropped:
            hidden.update(range(region.begin, region.end + 1))
    return [line for i, line in enumerate(cell.lines) if i not in hidden]


def region_pairs(cell):
    """(solution lines, student lines) of each solution region with its student region."""
    regions = cell.regions
    inside = [[line.strip() for line in cell.lines[r.begin + 1: r.end]] for r in regions]
    return [(inside[i], inside[i + 1]) for i, region in enumerate(regions)
            if region.kind == "SOLUTION" and i + 1 < len(regions)
            and regions[i + 1].kind == "STUDENT"]


def test_student_version_of_the_fix_cell_is_the_given_cell_verbatim(cells):
    fix, given = cells["backward-propagation-n"], cells["backward-propagation-n-given"]
    assert view(fix, "STUDENT") == given.lines


def test_solution_changes_exactly_the_two_seeded_bugs(cells):
    fix = cells["backward-propagation-n"]
    assert [region.kind for region in fix.regions] == ["SOLUTION", "STUDENT"] * 2
    changes = {}
    for solution, student in region_pairs(fix):
        assert len(solution) == len(student) == 1
        changes[student[0]] = solution[0]
    assert changes == SEEDED_BUGS


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

    grad, (gradapprox, _) = run_backward(view(cells["backward-propagation-n"], "SOLUTION"))
    assert np.allclose(grad, gradapprox, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("notebook", ["en/02-gradient-checking-nd.ipynb",
                                      "tr/02-cok-boyutlu-gradyan-kontrolu.ipynb"])
def test_built_student_notebook_shows_the_given_code_in_the_fix_cell(notebook):
    cells = {cell.id: cell.source
             for cell in nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells}
    assert cells["backward-propagation-n"] == cells["backward-propagation-n-given"]
