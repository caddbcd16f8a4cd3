"""Does describe_difference read a difference on the lesson's scale, in both languages?"""

import pytest

from gc_utils import (
    GREAT_BELOW,
    LOOK_CLOSER_BELOW,
    WORRY_ABOVE,
    GradientCheckInputError,
    describe_difference,
    set_language,
)


@pytest.mark.parametrize(("difference", "english", "turkish"), [
    (2.919335883291695e-10, "great", "çok iyi"),
    (1.1890913024229996e-07, "look closer", "yakından bakın"),
    (3e-4, "suspicious", "şüpheli"),
    (0.2850931567761623, "worry", "endişelenin"),
])
def test_each_band_has_its_reading(difference, english, turkish):
    assert english in describe_difference(difference, "en")
    assert turkish in describe_difference(difference, "tr")
    assert repr(difference) in describe_difference(difference, "en")


def test_band_edges_follow_the_named_constants():
    assert "great" in describe_difference(GREAT_BELOW * 0.99, "en")
    assert "look closer" in describe_difference(GREAT_BELOW, "en")
    assert "suspicious" in describe_difference(LOOK_CLOSER_BELOW, "en")
    assert "suspicious" in describe_difference(WORRY_ABOVE, "en")
    assert "worry" in describe_difference(WORRY_ABOVE * 1.01, "en")


def test_language_in_force_is_used():
    set_language("tr")
    assert "gradyan doğru" in describe_difference(0.0)


def test_not_a_number_is_refused():
    with pytest.raises(GradientCheckInputError):
        describe_difference(float("nan"))
