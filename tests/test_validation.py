"""Does bad input get an error that says what was expected and what came?"""

import numpy as np
import pytest

from gc_utils import GradientCheckInputError, as_float_array, set_language, validate_epsilon


@pytest.mark.parametrize("eps", [0, -1e-7, np.nan, np.inf, "1e-7", None, True])
def test_bad_epsilon_is_rejected(eps):
    with pytest.raises(GradientCheckInputError, match="greater than 0"):
        validate_epsilon(eps)


@pytest.mark.parametrize("eps", [1e-7, 1, np.float32(1e-3)])
def test_good_epsilon_is_returned_as_float(eps):
    assert isinstance(validate_epsilon(eps), float)


def test_error_is_in_turkish_when_turkish_is_chosen():
    set_language("tr")
    with pytest.raises(GradientCheckInputError, match="0'dan büyük"):
        validate_epsilon(0)


def test_shape_error_names_both_shapes():
    with pytest.raises(GradientCheckInputError, match=r"shape \(2, 1\), got shape \(3,\)"):
        as_float_array(np.ones(3), "theta", shape=(2, 1))


def test_integer_input_becomes_float():
    assert as_float_array([1, 2], "x").dtype == np.float64


def test_float32_is_kept():
    assert as_float_array(np.ones(2, np.float32), "x").dtype == np.float32


def test_array_description_follows_the_language():
    set_language("tr")
    with pytest.raises(Exception, match=r"\(2,\) boyutlu, <U1 türünde bir dizi"):
        as_float_array(np.array(["a", "b"]), "x")
