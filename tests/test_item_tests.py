"""Does the feedback name each test of an item and its outcome, and never a hidden test's code?

A graded cell holds a visible check and a hidden block; nbval reports one
outcome per cell, and the error class tells which part failed. The named
mistakes are found by the fixed text of the course's hints in the message
a failed check raised, in either language, even when the grader cut it.
"""

import pytest

from autograde import item_tests
from autograde.grade import Exercise, Graded, Item, Row
from autograde.item_tests import ItemTestNames
from autograde.report import feedback
from gc_utils import message

CELL = '''"""Check that gradient_check returns the relative difference"""
gradient_check_test(gradient_check)
### BEGIN HIDDEN TESTS
from testCases import check_gradient_check

result = check_gradient_check(gradient_check, seed=8103)
assert result.passed, result.render()
### END HIDDEN TESTS
'''
NAMES = ItemTestNames(("gradient_check_test",), ("check_gradient_check",))


def test_a_graded_cell_splits_into_its_visible_and_hidden_tests():
    visible, hidden = item_tests.split_hidden(CELL)
    assert "gradient_check_test(gradient_check)" in visible and "seed=8103" not in visible
    assert "seed=8103" in hidden and "HIDDEN TESTS" not in hidden
    assert item_tests.tests_of_cell(CELL) == NAMES


def test_a_cell_without_hidden_tests_has_a_visible_part_only():
    assert item_tests.tests_of_cell("f_test(f)\nprint(f(1))") == ItemTestNames(
        ("f_test", "print", "f"), ())
    assert item_tests.tests_of_cell("def broken(:") == ItemTestNames((), ())


@pytest.mark.parametrize(("status", "ename", "expected"), [
    ("passed", "", ["passed", "passed"]),
    ("failed", "CheckFailedError", ["failed", "not-run"]),
    ("failed", "AssertionError", ["passed", "failed"]),
    ("error", "NameError", ["stopped", "stopped"]),
    ("timeout", "KeyboardInterrupt", ["stopped", "stopped"]),
    ("kernel-died", "", ["stopped", "stopped"]),
    ("not-run", "", ["not-run", "not-run"]),
])
def test_the_error_class_tells_which_part_failed(status, ename, expected):
    found = item_tests.outcomes(NAMES, status, ename)
    assert [part for part, _, _ in found] == ["visible", "hidden"]
    assert [name for _, name, _ in found] == ["gradient_check_test", "check_gradient_check"]
    assert [outcome for _, _, outcome in found] == expected


def test_an_assertion_in_a_cell_without_hidden_tests_is_a_failed_visible_test():
    only = ItemTestNames(("f_test",), ())
    assert item_tests.outcomes(only, "failed", "AssertionError") == [
        ("visible", "f_test", "failed")]


@pytest.fixture(scope="module")
def catalogue():
    return item_tests.hint_catalogue()


@pytest.mark.parametrize("language", ["en", "tr"])
def test_a_hint_in_a_failed_checks_message_names_its_mistake(catalogue, language):
    hint = message("hint.one_sided", language)
    evalue = (f"{message('check.failed', language, name='gradient_check')}\n- For x = 2: "
              f"expected 1e-10, got 3e-08.\n  {message('check.hint', language, text=hint)}")
    assert item_tests.named_mistakes(evalue, catalogue) == ["one_sided"]


def test_a_message_cut_inside_the_hint_still_names_it(catalogue):
    hint = message("hint.no_copy", "en")
    start = "Test failed: `gradient_check_n`\n- " + "x" * 350 + "\n  Hint: "
    evalue = (start + hint)[:500]
    assert len(start) + item_tests.HINT_PREFIX_CHARS < 500 < len(start + hint)
    assert item_tests.named_mistakes(evalue, catalogue) == ["no_copy"]


def test_a_hint_with_fields_is_found_by_its_fixed_text(catalogue):
    evalue = message("check.not_implemented", "tr", name="gradient_check")
    assert item_tests.named_mistakes(evalue, catalogue) == ["not_implemented"]
    assert item_tests.named_mistakes("Test failed: wrong value", catalogue) == []


def graded(language, rows):
    exercise = Exercise("gradient_check", ["answer"], ["gradient_check"],
                        [Item("check-1", "check-1", 1.0, NAMES),
                         Item("check-2", "check-2", 2.0, NAMES)])
    return Graded("a.ipynb", "01", language, rows, [], [exercise])


def test_feedback_lists_each_item_with_its_tests_and_partial_credit():
    rows = [Row("check-1", 1.0, 1.0, "passed", "nbval: passed; out-of-kernel: 3/3 calls right",
                "gradient_check", item_tests.outcomes(NAMES, "passed", "")),
            Row("check-2", 0.0, 2.0, "failed", "nbval: failed (AssertionError); out-of-kernel: "
                "1/5 calls right (wrong value)", "gradient_check",
                item_tests.outcomes(NAMES, "failed", "AssertionError"))]
    text = feedback(graded("en", rows))
    assert "- `check-1`: 1 / 1 points\n  - visible test `gradient_check_test`: passed\n" \
           "  - hidden test `check_gradient_check`: passed\n" \
           "  - the grader's own calls of your functions: 3 of 3 right" in text
    assert "- `check-2`: 0 / 2 points\n  - visible test `gradient_check_test`: passed\n" \
           "  - hidden test `check_gradient_check`: failed\n" \
           "  - the grader's own calls of your functions: 1 of 5 right" in text
    assert "Partial credit: 1 of 3 points. No points for `check-2`" in text
    assert "A test failed: your function runs but returns a wrong result." in text
    # the hidden test is named, never shown
    assert "seed=8103" not in text and "assert result" not in text


def test_feedback_in_turkish_names_the_tests_in_turkish():
    rows = [Row("check-1", 0.0, 1.0, "timeout", "nbval: timeout (KeyboardInterrupt)",
                "gradient_check", item_tests.outcomes(NAMES, "timeout", "KeyboardInterrupt")),
            Row("check-2", 0.0, 2.0, "not-run", "nbval: not run", "gradient_check",
                item_tests.outcomes(NAMES, "not-run", ""))]
    text = feedback(graded("tr", rows))
    assert "  - görünür test `gradient_check_test`: sonuç yok (hücre durdu, aşağıya bakın)" in text
    assert "  - gizli test `check_gradient_check`: çalıştırılmadı (hücre ondan önce durdu)" in text
    assert "Kısmi puan" not in text, "no points at all is no partial credit"
    assert "Kodunuz süre sınırı içinde bitmedi" in text
