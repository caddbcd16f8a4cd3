"""Can every mistake the checks recognise be named to the student, in both languages?"""

import pytest

from gc_feedback import checks_1d, checks_nd
from gc_feedback.checks_nd import ND_ONLY
from gc_feedback.mistakes import MISTAKE_KINDS

ALL_HINTS = {
    **checks_1d.FORWARD_HINTS, **checks_1d.BACKWARD_HINTS, **checks_1d.GRADIENT_CHECK_HINTS,
    **checks_nd.GRADIENT_CHECK_N_HINTS,
}


def test_lesson_02_can_name_every_gradient_check_mistake():
    """Has gradient_check_n a hint for every replayed mistake, and for a hard-coded answer?"""
    assert set(checks_nd.GRADIENT_CHECK_N_HINTS) == set(MISTAKE_KINDS + ND_ONLY) | {"hard_coded"}


def test_lesson_01_can_name_every_mistake_that_differs_in_one_dimension():
    """Has gradient_check a hint for every mistake except those that need many entries?"""
    expected = {checks_1d.ONE_D_RENAMED.get(kind, kind) for kind in MISTAKE_KINDS}
    assert expected <= set(checks_1d.GRADIENT_CHECK_HINTS)
    assert not set(checks_1d.GRADIENT_CHECK_HINTS) & set(ND_ONLY)


@pytest.mark.parametrize("kind", sorted(ALL_HINTS))
def test_each_hint_reads_differently_in_english_and_turkish(kind):
    """Is each hint there in both languages, and actually translated?"""
    english, turkish = ALL_HINTS[kind].render("en"), ALL_HINTS[kind].render("tr")
    assert english.strip() and turkish.strip() and english != turkish
