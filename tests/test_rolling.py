"""Do parameters roll into θ and back exactly, for any network?"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gc_utils import (
    COURSE_SHAPES,
    GradientCheckInputError,
    GradientCheckTypeError,
    dictionary_to_vector,
    gradients_to_vector,
    parameter_shapes,
    vector_to_dictionary,
)
from testCases import gradient_check_n_test_case


def network(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(layer_sizes)):
        parameters[f"W{layer}"] = rng.standard_normal((layer_sizes[layer], layer_sizes[layer - 1]))
        parameters[f"b{layer}"] = rng.standard_normal((layer_sizes[layer], 1))
    return parameters


def test_course_network_rolls_into_47_entries_in_course_order():
    _, _, parameters = gradient_check_n_test_case()
    theta, keys = dictionary_to_vector(parameters)
    assert theta.shape == (47, 1)
    assert list(dict.fromkeys(keys)) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert keys.count("W1") == 20 and keys.count("b3") == 1
    assert theta[0, 0] == parameters["W1"][0, 0] and theta[1, 0] == parameters["W1"][0, 1]
    assert theta[-1, 0] == parameters["b3"][0, 0]


def test_without_template_the_course_shapes_come_back():
    _, _, parameters = gradient_check_n_test_case()
    theta, _ = dictionary_to_vector(parameters)
    back = vector_to_dictionary(theta)
    assert {k: v.shape for k, v in back.items()} == COURSE_SHAPES
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])


def test_insertion_order_of_the_dict_does_not_matter():
    parameters = network([3, 2, 1])
    shuffled = {k: parameters[k] for k in ["b2", "W1", "W2", "b1"]}
    np.testing.assert_array_equal(dictionary_to_vector(shuffled)[0],
                                  dictionary_to_vector(parameters)[0])


def test_unrolled_blocks_do_not_share_memory_with_theta():
    theta, _ = dictionary_to_vector(network([2, 2, 1]))
    back = vector_to_dictionary(theta, template=network([2, 2, 1]))
    back["W1"][0, 0] += 1.0
    assert theta[0, 0] != back["W1"][0, 0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 7), min_size=2, max_size=6), st.integers(0, 2**31 - 1))
def test_round_trip_is_exact_for_any_layer_sizes(layer_sizes, seed):
    parameters = network(layer_sizes, seed)
    theta, keys = dictionary_to_vector(parameters)
    assert theta.shape == (sum(p.size for p in parameters.values()), 1)
    assert len(keys) == theta.shape[0]
    for template in (parameters, parameter_shapes(parameters)):
        back = vector_to_dictionary(theta, template)
        assert list(back) == list(parameter_shapes(parameters))
        for key in parameters:
            np.testing.assert_array_equal(back[key], parameters[key])
    gradients = {"d" + k: v for k, v in parameters.items()}
    np.testing.assert_array_equal(gradients_to_vector(gradients, parameters), theta)


def test_gradients_ignore_intermediate_entries():
    parameters = network([2, 3, 1])
    gradients = {"d" + k: v for k, v in parameters.items()}
    gradients.update({"dZ1": np.ones((3, 4)), "dA1": np.ones((3, 4))})
    assert gradients_to_vector(gradients).shape == (13, 1)


def test_missing_key_is_named():
    parameters = network([2, 3, 1])
    del parameters["b2"]
    with pytest.raises(GradientCheckInputError, match="missing b2; expected keys W1, b1, W2, b2"):
        dictionary_to_vector(parameters)


def test_missing_gradient_is_named():
    gradients = {"dW1": np.ones((2, 2)), "db1": np.ones((2, 1)), "dW2": np.ones((1, 2))}
    with pytest.raises(GradientCheckInputError, match="missing db2"):
        gradients_to_vector(gradients)


def test_unexpected_parameter_key_is_named():
    parameters = network([2, 1])
    parameters["gamma1"] = np.ones(2)
    with pytest.raises(GradientCheckInputError, match="unexpected keys gamma1"):
        dictionary_to_vector(parameters)


def test_empty_dict_says_what_keys_are_expected():
    with pytest.raises(GradientCheckInputError, match="no layer parameters; expected keys W1, b1"):
        dictionary_to_vector({})


def test_not_a_dict_is_a_type_error():
    with pytest.raises(GradientCheckTypeError, match="must be a dictionary"):
        dictionary_to_vector([np.ones(2)])


def test_wrong_vector_length_says_expected_shape():
    with pytest.raises(GradientCheckInputError, match=r"shape \(47, 1\).*got shape \(46, 1\)"):
        vector_to_dictionary(np.zeros((46, 1)))


def test_row_vector_is_rejected():
    with pytest.raises(GradientCheckInputError, match=r"column vector of shape \(47, 1\)"):
        vector_to_dictionary(np.zeros((1, 47)))


def test_nan_in_a_block_is_named():
    parameters = network([2, 2, 1])
    parameters["W2"][0, 1] = np.nan
    with pytest.raises(GradientCheckInputError, match=r"parameters\['W2'\].*NaN"):
        dictionary_to_vector(parameters)


def test_gradient_shape_must_match_parameter():
    parameters = network([2, 3, 1])
    gradients = {"d" + k: v for k, v in parameters.items()}
    gradients["dW2"] = gradients["dW2"].T
    expected = r"gradients\['dW2'\].*\(1, 3\), got \(3, 1\)"
    with pytest.raises(GradientCheckInputError, match=expected):
        gradients_to_vector(gradients, parameters)


def test_text_block_is_a_type_error():
    with pytest.raises(GradientCheckTypeError, match=r"parameters\['W1'\].*numeric"):
        dictionary_to_vector({"W1": "weights", "b1": np.ones((1, 1))})
