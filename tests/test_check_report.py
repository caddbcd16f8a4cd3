"""Do the checks' building blocks report faithfully: language, mutation, output, errors?"""

import numpy as np
import pytest

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
                       (Problem("forward_sum", detail, Text("hint.forward_sum")),), 6)


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
    result = stub_result()
    with pytest.raises(AssertionError) as raised:
        report(result)
    assert isinstance(raised.value, CheckFailedError) and raised.value.result is result
    assert str(raised.value) in capsys.readouterr().out


def test_passing_report_prints_only_the_verdict(capsys):
    """A check cell that passes must not echo a CheckResult repr under the verdict."""
    passed = CheckResult("forward_propagation", (), 6)
    assert report(passed) is None and passed.kinds == []
    assert "All tests passed." in capsys.readouterr().out


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
