"""Does the fraud network compute the course's cost, and reject bad input clearly?"""

import numpy as np
import pytest

from gc_utils import GradientCheckInputError, forward_propagation_n
from testCases import gradient_check_n_test_case, random_network_case

pytestmark = pytest.mark.numeric


def test_cost_is_a_positive_float_and_cache_has_twelve_entries():
    X, Y, parameters = gradient_check_n_test_case()
    cost, cache = forward_propagation_n(X, Y, parameters)
    assert float(cost) > 0 and len(cache) == 12
    assert cache[9].shape == (1, 3)


def test_cost_matches_the_logistic_loss_of_the_output():
    X, Y, parameters = random_network_case(np.random.default_rng(3), m=6)
    cost, cache = forward_propagation_n(X, Y, parameters)
    A3 = cache[9].ravel()
    expected = -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    assert cost == pytest.approx(expected, rel=1e-12)


def test_course_case_is_reproducible():
    first = gradient_check_n_test_case()
    second = gradient_check_n_test_case()
    for key in first[2]:
        np.testing.assert_array_equal(first[2][key], second[2][key])


def test_wrong_layer_shape_is_explained():
    X, Y, parameters = gradient_check_n_test_case()
    parameters["W2"] = np.ones((3, 4))
    with pytest.raises(GradientCheckInputError, match=r"`W2` has shape \(3, 4\).*5 inputs"):
        forward_propagation_n(X, Y, parameters)


def test_labels_must_match_examples():
    X, _, parameters = gradient_check_n_test_case()
    with pytest.raises(GradientCheckInputError, match="one label .* 3 examples"):
        forward_propagation_n(X, np.array([1, 0]), parameters)


def test_missing_layer_is_named():
    X, Y, parameters = gradient_check_n_test_case()
    del parameters["b3"]
    with pytest.raises(GradientCheckInputError, match="missing b3"):
        forward_propagation_n(X, Y, parameters)
