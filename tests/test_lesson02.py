"""Is lesson 02's fix-the-bug exercise built on exactly the backward pass it demonstrates?"""

import difflib
import textwrap
from pathlib import Path

import numpy as np
import pytest

from gc_utils import forward_propagation_n, gradients_to_vector
from testCases import gradient_check_n_test_case
from testCases.reference import fraud_net_gradient
from tools.lesson_format import parse_lesson

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


def region(cell, kind):
    """The lines strictly inside the cell's region of ``kind``, dedented."""
    (found,) = [r for r in cell.regions if r.kind == kind]
    return textwrap.dedent("\n".join(cell.lines[found.begin + 1: found.end])).splitlines()


def body_lines(cell):
    return textwrap.dedent("\n".join(cell.lines)).splitlines()


def test_student_region_is_the_given_backward_pass_verbatim(cells):
    given = body_lines(cells["backward-propagation-n-given"])
    student = region(cells["backward-propagation-n"], "STUDENT")
    stripped = [line.strip() for line in given]
    start = stripped.index(student[0].strip())
    assert [line.strip() for line in student] == stripped[start: start + len(student)]


def test_outside_the_regions_the_fix_cell_equals_the_given_cell(cells):
    fix = cells["backward-propagation-n"]
    solution = next(r for r in fix.regions if r.kind == "SOLUTION")
    student = next(r for r in fix.regions if r.kind == "STUDENT")
    student_view = fix.lines[:solution.begin] + fix.lines[student.begin + 1: student.end] \
        + fix.lines[student.end + 1:]
    assert student_view == cells["backward-propagation-n-given"].lines


def test_solution_changes_exactly_the_two_seeded_bugs(cells):
    fix = cells["backward-propagation-n"]
    student = [line.strip() for line in region(fix, "STUDENT")]
    solution = [line.strip() for line in region(fix, "SOLUTION")]
    diff = [line for line in difflib.ndiff(student, solution) if line[:2] in ("- ", "+ ")]
    assert sorted(diff) == sorted([f"- {bug}" for bug in SEEDED_BUGS]
                                  + [f"+ {fix}" for fix in SEEDED_BUGS.values()])


def run_backward(lines):
    """Define backward_propagation_n from the cell's lines and run it on the course case."""
    namespace = {"np": np}
    exec("\n".join(lines), namespace)  # the lesson's own code, from the repository
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

    fix = cells["backward-propagation-n"]
    student = next(r for r in fix.regions if r.kind == "STUDENT")
    instructor = [line for i, line in enumerate(fix.lines)
                  if not (student.begin <= i <= student.end) and "### " not in line]
    grad, (gradapprox, _) = run_backward(instructor)
    assert np.allclose(grad, gradapprox, rtol=1e-6, atol=1e-9)
