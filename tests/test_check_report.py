"""Do the checks' building blocks report faithfully: language, mutation, output, errors?"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gc_feedback.hints import hint
from gc_feedback.report import (
    CheckFailedError,
    CheckResult,
    Problem,
    Text,
    call_student,
    report,
    same,
    scalar_problem,
    snapshot,
)
from gc_utils import set_language


def stub_result():
    detail = Text("check.wrong_value", {"case": "x = 2.0, θ = 4.0", "what": "J",
                                        "expected": "8.0", "got": "6.0"})
    return CheckResult("forward_propagation",
                       (Problem("forward_sum", detail, hint("forward_sum")),), 6)


def test_a_verdict_renders_in_the_language_asked_whatever_is_in_force():
    set_language("en")
    result = stub_result()
    assert result.render("tr") == (
        "Test başarısız: `forward_propagation`\n"
        "- x = 2.0, θ = 4.0 için beklenen `J` = 8.0, gelen: 6.0.\n"
        "  İpucu: θ ile x'i topladınız; maliyet bunların çarpımıdır: J = θx."
    )
    assert str(result).startswith("Test failed: `forward_propagation`\n- For x = 2.0")


def test_report_raises_an_assertion_error_that_carries_the_result(capsys):
    """Does a failure raise the verdict as its message, with nothing printed before it?"""
    result = stub_result()
    with pytest.raises(AssertionError) as raised:
        report(result)
    assert isinstance(raised.value, CheckFailedError) and raised.value.result is result
    assert str(raised.value) == result.render()
    assert capsys.readouterr().out == ""


def test_ipython_shows_the_red_verdict_instead_of_a_traceback():
    """Does IPython show the verdict once, in red, with no frame inside the helpers?"""
    result = stub_result()
    with pytest.raises(CheckFailedError) as raised:
        report(result)
    shown = "\n".join(raised.value._render_traceback_())
    assert shown == f"\x1b[91m{result.render()}\x1b[0m"
    assert shown.count("Test failed") == 1 and "report.py" not in shown


@pytest.mark.parametrize("language, verdict", [("en", "All visible tests passed."),
                                               ("tr", "Görünür testlerin tümü geçti.")])
def test_passing_report_prints_only_the_verdict(language, verdict, capsys):
    """Does a pass print only that the visible tests passed (hidden ones run at grading)?"""
    set_language(language)
    passed = CheckResult("forward_propagation", (), 6)
    assert report(passed) is None and passed.kinds == []
    assert capsys.readouterr().out == f"\x1b[92m{verdict}\x1b[0m\n"


def test_snapshot_sees_a_change_deep_inside_nested_inputs():
    cache = ({"W1": np.ones((2, 2))}, [np.zeros(3)], 4.0)
    before = snapshot(cache)
    assert same(before, cache)
    cache[1][0][2] = 1e-300
    assert not same(before, cache)
    assert not same({"W1": np.ones(2)}, {"W1": np.ones(2), "b1": np.ones(1)})
    assert not same({"W1": np.ones(2)}, {"W1": np.ones((2, 1))})


def test_call_student_keeps_prints_out_of_the_notebook(capsys):
    call = call_student(lambda: print("hello") or 3)
    assert (call.value, call.printed, call.error) == (3, "hello\n", None)
    assert capsys.readouterr().out == ""


def test_call_student_tells_its_own_error_from_a_helpers():
    def helper():
        raise NotImplementedError()

    def uses_helper():
        return helper()

    def stub():
        raise NotImplementedError()

    assert call_student(uses_helper).raised_in == "helper"
    assert call_student(stub).raised_in is None
    assert isinstance(call_student(stub).error, NotImplementedError)


@pytest.mark.parametrize("value, number, kind", [
    (2.5, 2.5, None),
    (np.float64(2.5), 2.5, None),
    (np.array(2.5), 2.5, None),
    (7, 7.0, None),
    (np.array([[2.5]]), 2.5, "array_instead"),
    (np.arange(3.0), None, "array_instead"),
    (True, None, "not_a_number"),
    ("0.5", None, "not_a_number"),
    ([], None, "not_a_number"),
])
def test_scalar_problem_accepts_one_number_only(value, number, kind):
    got, problem = scalar_problem("f", value, "x = 1")
    assert got == number
    assert (problem.kind if problem else None) == kind


IPYTHON_SESSION = """
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance(colors="nocolor")
shell.run_cell("from testCases import forward_propagation_test")
shell.run_cell("def forward_propagation(x, theta):\\n    return theta.dot(x, y=1)\\n")
result = shell.run_cell("forward_propagation_test(forward_propagation)")
print("FAILED" if not result.success else "PASSED", type(result.error_in_exec).__name__)
"""


def test_in_ipython_a_failing_check_cell_shows_the_verdict_once_and_the_student_line():
    """In a real IPython shell: does the cell fail, the verdict appear once, no helper frame?"""
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-c", IPYTHON_SESSION], cwd=root, capture_output=True,
                         text=True, check=True)
    shown = run.stdout
    assert shown.count("Test failed: `forward_propagation`") == 1
    assert "at line 2 of its cell: `return theta.dot(x, y=1)`" in shown
    assert "gc_feedback" not in shown and "Traceback" not in shown
    assert shown.rstrip().endswith("FAILED CheckFailedError")


@pytest.mark.parametrize("language", ["en", "tr"])
def test_not_implemented_names_the_stub_lines_as_the_student_notebook_shows_them(language):
    """Does the message quote the stub exactly as the builder writes it, in that language?"""
    from gc_feedback.report import call_problem
    from tools.variants import STUB_COMMENT, STUB_RAISE

    def stub():
        raise NotImplementedError()

    problem = call_problem("gradient_check", call_student(stub), "x = 2.0")
    text = problem.detail.render(language)
    assert problem.kind == "not_implemented"
    assert f"`{STUB_RAISE}`" in text and f"`{STUB_COMMENT[language]}`" in text
