"""Is the relative difference symmetric, bounded and never NaN?"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gc_utils import (
    CHECK_THRESHOLD,
    GradientCheckInputError,
    GradientCheckTypeError,
    relative_difference,
)

pytestmark = pytest.mark.numeric

finite = st.floats(-1e6, 1e6, allow_nan=False)


def test_two_zero_gradients_give_zero_not_nan():
    assert relative_difference(np.zeros((3, 1)), np.zeros((3, 1))) == 0.0


def test_opposite_gradients_give_one():
    g = np.array([[1.0], [-2.0]])
    assert relative_difference(g, -g) == pytest.approx(1.0)


def test_double_gradient_gives_one_third():
    g = np.array([1.0, 2.0, 3.0])
    assert relative_difference(2 * g, g) == pytest.approx(1 / 3)


@given(arrays(np.float64, 5, elements=finite), arrays(np.float64, 5, elements=finite))
def test_symmetric_and_bounded(g, a):
    d = relative_difference(g, a)
    assert 0.0 <= d <= 1.0 + 1e-12
    assert d == pytest.approx(relative_difference(a, g))


def test_shapes_with_same_size_are_compared_entrywise():
    assert relative_difference(np.ones((2, 3)), np.ones(6)) == 0.0


def test_different_sizes_are_rejected():
    with pytest.raises(GradientCheckInputError, match="same number of entries, got 3 and 2"):
        relative_difference(np.ones(3), np.ones(2))


@pytest.mark.parametrize("bad", [np.nan, np.inf, [1.0, -np.inf]])
def test_non_finite_is_rejected(bad):
    with pytest.raises(GradientCheckInputError, match="NaN or infinite"):
        relative_difference(bad, 1.0)


@pytest.mark.parametrize("bad", ["1.0", None, True, [["a"]]])
def test_non_numeric_is_rejected(bad):
    with pytest.raises(GradientCheckTypeError, match="must be numeric"):
        relative_difference(bad, 1.0)


def test_threshold_separates_the_course_results():
    # Correct fraud network at ε = 1e-7 gives 1.19e-07; the seeded bugs 0.285
    assert 1.1890913e-07 < CHECK_THRESHOLD < 0.2850931567761623
