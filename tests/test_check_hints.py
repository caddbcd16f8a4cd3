"""Can every mistake the checks recognise be named to the student, in both languages?"""

import pytest

from gc_feedback import checks_1d, checks_nd
from gc_feedback.mistakes import MISTAKE_KINDS

# In one dimension these give exactly the correct result (one entry, one
# norm), or are renamed to what a 1-D student actually writes
SAME_AS_CORRECT_IN_1D = {"l1", "not_restored"}
RENAMED_IN_1D = {"no_copy": "minus_from_plus"}

ALL_HINTS = {
    **checks_1d.FORWARD_HINTS, **checks_1d.BACKWARD_HINTS, **checks_1d.GRADIENT_CHECK_HINTS,
    **checks_nd.GRADIENT_CHECK_N_HINTS,
}


def test_lesson_02_can_name_every_gradient_check_mistake():
    assert set(MISTAKE_KINDS) == set(checks_nd.GRADIENT_CHECK_N_HINTS)


def test_lesson_01_can_name_every_mistake_that_differs_in_one_dimension():
    expected = {RENAMED_IN_1D.get(kind, kind) for kind in MISTAKE_KINDS} - SAME_AS_CORRECT_IN_1D
    assert expected <= set(checks_1d.GRADIENT_CHECK_HINTS)


@pytest.mark.parametrize("kind", sorted(ALL_HINTS))
def test_each_hint_reads_differently_in_english_and_turkish(kind):
    english, turkish = ALL_HINTS[kind].render("en"), ALL_HINTS[kind].render("tr")
    assert english.strip() and turkish.strip() and english != turkish
