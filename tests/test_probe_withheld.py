"""An answer to "implement the check" that calls the course's own check earns nothing for it.

The worker runs here directly (no jail: the code is the course's and this
test's own), on the calls the grader draws.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from autograde import probes
from autograde.catalog import Catalog
from autograde.grade import Exercise, Item, _score
from autograde.rebuild import is_solution
from autograde.report import feedback

ROOT = Path(__file__).resolve().parent.parent

DELEGATING_N = '''
from gc_utils import NetworkObjective, dictionary_to_vector, loop_check, vector_to_dictionary

def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False,
                     return_gradapprox=False):
    objective = NetworkObjective(X, Y, parameters)
    theta, _ = dictionary_to_vector(parameters)
    grad = dictionary_to_vector({key[1:]: gradients[key] for key in
                                 ("dW1", "db1", "dW2", "db2", "dW3", "db3")})[0]
    return loop_check(objective, theta, grad, epsilon=epsilon).difference
'''


def instructor(lesson):
    return Catalog(ROOT).get(lesson, "en").instructor


def run(lesson, cells, calls):
    """Run ``cells`` then ``calls`` in probe_worker; return the call results."""
    task = {"prelude": probes.import_cells(instructor(lesson)), "cells": cells,
            "calls": [call.task() for call in calls], "skip": []}
    done = subprocess.run([sys.executable, "-m", "autograde.probe_worker"], cwd=ROOT,
                          input=json.dumps(task), capture_output=True, text=True, timeout=300)
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(cells) + len(calls), done.stderr
    return results[len(cells):]


def answers(lesson):
    return [cell.source for cell in instructor(lesson).cells if is_solution(cell)]


def test_gradient_check_n_that_calls_loop_check_is_refused_and_honest_code_is_not():
    calls = [call for call in probes.draw_calls("02", 3) if call.function == "gradient_check_n"]
    assert calls and all("loop_check" in call.withhold for call in calls)
    honest = run("02", answers("02"), calls)
    assert all(result["ok"] for result in honest)
    delegating = run("02", answers("02") + [DELEGATING_N], calls)
    assert {result["error"] for result in delegating} == {probes.WITHHELD_ERROR}


def test_the_reference_comes_back_after_a_withheld_call():
    calls = [call for call in probes.draw_calls("02", 3) if call.function == "gradient_check_n"]
    plain = probes.Call("gradient_check_n", calls[0].args, calls[0].kwargs, judge="difference")
    results = run("02", answers("02") + [DELEGATING_N], [calls[0], plain])
    assert not results[0]["ok"] and results[1]["ok"]


def test_lesson_03_dropout_check_keeps_loop_check():
    calls = [call for call in probes.draw_calls("03", 3)
             if call.function == "gradient_check_with_dropout"]
    assert calls and not any(call.withhold for call in calls)
    assert "loop_check" in "".join(answers("03"))
    assert all(result["ok"] for result in run("03", answers("03"), calls))


@pytest.mark.parametrize(("language", "words"), [("en", "ready-made gradient check"),
                                                 ("tr", "hazır gradyan kontrolünü")])
def test_the_feedback_says_why_in_both_languages(language, words):
    from autograde.grade import Graded

    exercise = Exercise("gradient_check_n", ["a"], ["gradient_check_n"],
                        [Item("t", "gradient_check_n_test", 2.0)])
    flags = []
    verdict = (False, f"out-of-kernel: 0/3 calls right ({probes.WITHHELD_ERROR})")
    row = _score(exercise.items[0], exercise, {"outcome": "passed"}, verdict, None, flags,
                 hints={})
    assert row.status == "uses-reference" and row.points == 0
    assert flags == ["uses-reference:gradient_check_n_test"]
    text = feedback(Graded("alice/02.ipynb", "02", language, [row], flags, [exercise]))
    assert words in text


def with_magics(cells):
    """The answers as a student might keep them: timed, with shell lines and help."""
    first, *rest = cells
    return ["%%time\n" + first] + ["!pip install numpy\nfiles = !ls\n%timeit 1 + 1\n"
                                   "%time warm = 1\nnp.zeros?\n" + cell for cell in rest]


def test_answer_cells_with_ipython_magics_run_as_ipython_would():
    calls = probes.draw_calls("01", 4)
    expected = run("01", answers("01"), calls)
    task = {"prelude": probes.import_cells(instructor("01")), "skip": [],
            "cells": with_magics(answers("01")) + ["assert warm == 1 and files == []"],
            "calls": [call.task() for call in calls]}
    done = subprocess.run([sys.executable, "-m", "autograde.probe_worker"], cwd=ROOT,
                          input=json.dumps(task), capture_output=True, text=True, timeout=300)
    results = [json.loads(line) for line in done.stdout.splitlines()]
    cells = results[:len(task["cells"])]
    assert all(result["ok"] for result in cells), cells
    assert cells[0]["magics"] == ["%%time"] and "!" in cells[1]["magics"]
    assert [r["value"] for r in results[len(cells):]] == [r["value"] for r in expected]
