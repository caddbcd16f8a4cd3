"""Does the general network reproduce the course net, differentiate right and batch faithfully?"""

import numpy as np
import pytest

from gc_checking.reference import centered_difference_gradient, fraud_net_gradient
from gc_utils import (
    GradientCheckInputError,
    GradientCheckTypeError,
    NetworkObjective,
    forward_propagation_n,
    layer_shapes,
    relative_difference,
    vector_to_dictionary,
)
from testCases import (
    course_objective,
    gradient_check_n_test_case,
    random_network_case,
    random_objective,
)

pytestmark = pytest.mark.numeric

SHAPES = [(4, 5, 3, 1), (3, 4, 4, 2, 1), (6, 1), (2, 7, 1)]


def test_course_case_gives_the_course_cost_to_the_last_bit():
    X, Y, parameters = gradient_check_n_test_case()
    objective = NetworkObjective(X, Y, parameters)
    assert objective.cost(objective.theta(parameters)) == forward_propagation_n(X, Y, parameters)[0]


@pytest.mark.parametrize("seed", range(5))
def test_random_course_shaped_cases_give_the_course_cost(seed):
    X, Y, parameters = random_network_case(np.random.default_rng(seed), m=7)
    objective = NetworkObjective(X, Y, (4, 5, 3, 1))
    assert objective.cost(objective.theta(parameters)) == pytest.approx(
        forward_propagation_n(X, Y, parameters)[0], rel=1e-14)


def test_gradient_matches_the_course_reference():
    X, Y, parameters = gradient_check_n_test_case()
    objective = NetworkObjective(X, Y, parameters)
    reference, _ = fraud_net_gradient(X, Y, parameters)
    assert relative_difference(objective.gradient(objective.theta(parameters)), reference) < 1e-8


@pytest.mark.parametrize("sizes", SHAPES)
def test_gradient_of_any_depth_matches_centered_differences(sizes):
    objective, theta = random_objective(sizes, m=5, seed=2)
    numerical = centered_difference_gradient(objective.cost, theta)
    assert relative_difference(objective.gradient(theta), numerical) < 1e-8


def test_gradients_dict_has_the_parameter_shapes():
    objective, theta = random_objective((3, 4, 4, 2, 1))
    grads = objective.gradients(theta)
    assert list(grads) == [f"d{key}" for key in layer_shapes((3, 4, 4, 2, 1))]
    for key, shape in layer_shapes((3, 4, 4, 2, 1)).items():
        assert grads[f"d{key}"].shape == shape


def test_batched_costs_equal_one_pass_each():
    objective, theta = random_objective((3, 4, 4, 2, 1), seed=4)
    thetas = theta + np.random.default_rng(0).standard_normal((objective.n, 6)) * 0.1
    single = [objective.cost(thetas[:, [j]]) for j in range(6)]
    np.testing.assert_allclose(objective.costs(thetas), single, rtol=1e-13)


@pytest.mark.parametrize("sizes", SHAPES)
@pytest.mark.parametrize("keep_prob", [1.0, 0.6])
def test_perturbed_costs_and_patterns_equal_moving_theta(sizes, keep_prob):
    objective, theta = random_objective(sizes, m=6, seed=3, keep_prob=keep_prob)
    step = 0.3  # large, so that many ReLUs switch
    costs, patterns = objective.perturbed_costs(theta, np.arange(objective.n), step,
                                                patterns=True)
    for i in range(objective.n):
        moved = theta.copy()
        moved[i] += step
        assert costs[i] == pytest.approx(objective.cost(moved), rel=1e-13)
        np.testing.assert_array_equal(patterns[i], objective.pattern(moved))
    hidden_units = sum(sizes[1:-1]) * 6
    assert patterns.shape == (objective.n, hidden_units)
    if hidden_units:
        assert patterns.any() and not patterns.all()


@pytest.mark.parametrize("sizes", SHAPES)
@pytest.mark.parametrize("step", [0.3, 1e-20j])
def test_blocks_of_perturbed_passes_do_not_change_a_number(sizes, step, monkeypatch):
    import gc_checking.network as network

    objective, theta = random_objective(sizes, m=6, seed=8, keep_prob=0.7)
    every = np.arange(objective.n)
    costs, patterns = objective.perturbed_costs(theta, every, step, patterns=True)
    # One coordinate per block, then a few: the same passes, so the same
    # numbers up to the order of a matrix product's sums, and the same ReLU states
    for numbers in (1, 40):
        monkeypatch.setattr(network, "BLOCK_NUMBERS", numbers)
        blocked, blocked_patterns = objective.perturbed_costs(theta, every, step,
                                                              patterns=True)
        np.testing.assert_allclose(blocked, costs, rtol=1e-13)
        np.testing.assert_array_equal(blocked_patterns, patterns)


def test_the_workspace_reuses_an_array_and_grows_it_on_demand():
    workspace = network_workspace()
    first = workspace.array("Z2", (3, 4), np.float64)
    smaller = workspace.array("Z2", (2, 5), np.float64)
    assert np.shares_memory(first, smaller) and smaller.shape == (2, 5)
    column_major = workspace.array("Z2", (4, 3), np.float64, order="F")
    assert np.shares_memory(first, column_major) and column_major.flags.f_contiguous
    assert not np.shares_memory(first, workspace.array("Z2", (4, 4), np.float64))
    assert workspace.array("Z2", (2, 2), np.complex128).dtype == np.complex128
    assert not np.shares_memory(workspace.array("thetas", (3, 4), np.float64),
                                workspace.array("Z2", (3, 4), np.float64))


def network_workspace():
    from gc_checking.network import Workspace

    return Workspace()


def test_complex_step_through_the_network_gives_the_gradient():
    objective, theta = random_objective((3, 4, 4, 2, 1), seed=5)
    costs = objective.perturbed_costs(theta, np.arange(objective.n), 1e-20j)
    assert relative_difference(objective.gradient(theta), costs.imag[:, None] / 1e-20) < 1e-13


def test_float32_computes_in_float32():
    objective64, theta = course_objective()
    objective32, theta32 = course_objective(dtype=np.float32)
    assert theta32.dtype == np.float32 and objective32.gradient(theta32).dtype == np.float32
    cost64, cost32 = objective64.cost(theta), objective32.cost(theta32)
    assert cost32 != cost64 and cost32 == pytest.approx(cost64, rel=1e-6)


def test_fixed_masks_give_the_same_cost_every_time_and_change_it():
    plain, theta = course_objective()
    fixed, _ = course_objective(keep_prob=0.8, seed=1)
    assert fixed.cost(theta) == fixed.cost(theta) != plain.cost(theta)


def test_fresh_masks_change_the_cost_between_passes():
    fresh, theta = course_objective(keep_prob=0.5, masks="fresh", seed=1)
    costs = {fresh.cost(theta) for _ in range(10)}
    assert len(costs) > 1


def test_keep_prob_one_is_no_dropout():
    plain, theta = course_objective()
    same, _ = course_objective(keep_prob=1.0, masks="fresh")
    assert plain.cost(theta) == same.cost(theta)


def test_pattern_reports_units_and_examples():
    objective, theta = course_objective()
    pattern = objective.pattern(theta)
    Z1 = np.dot(vector_to_dictionary(theta)["W1"], objective.X) + vector_to_dictionary(theta)["b1"]
    assert pattern.shape == ((5 + 3) * 3,)
    np.testing.assert_array_equal(pattern[:15], (Z1 > 0).ravel())
    assert objective.describe_unit(16) == (2, 0, 1)


@pytest.mark.parametrize("sizes", [(4,), (4, 3), (4, 0, 1), (4.0, 1), "41", None, (4, True, 1)])
def test_bad_layer_sizes_are_rejected(sizes):
    X, Y, _ = gradient_check_n_test_case()
    with pytest.raises((GradientCheckInputError, GradientCheckTypeError), match="layer_sizes"):
        NetworkObjective(X, Y, sizes)


@pytest.mark.parametrize(
    ("options", "match"),
    [({"dtype": np.float16}, "float64 or float32"), ({"dtype": "text"}, "float64 or float32"),
     ({"keep_prob": 0}, "keep_prob"), ({"keep_prob": 1.5}, "keep_prob"),
     ({"masks": "random"}, "'fixed' or 'fresh'")],
)
def test_bad_options_are_rejected(options, match):
    X, Y, parameters = gradient_check_n_test_case()
    with pytest.raises((GradientCheckInputError, GradientCheckTypeError), match=match):
        NetworkObjective(X, Y, parameters, **options)


def test_data_that_does_not_fit_is_rejected():
    X, Y, parameters = gradient_check_n_test_case()
    with pytest.raises(GradientCheckInputError, match=r"\(4, m\)"):
        NetworkObjective(X.T, Y, parameters)
    with pytest.raises(GradientCheckInputError, match="one label"):
        NetworkObjective(X, np.array([0, 2, 1]), parameters)


def test_wrong_theta_and_indices_are_rejected():
    objective, theta = course_objective()
    with pytest.raises(GradientCheckInputError, match=r"\(47, 1\)"):
        objective.cost(theta[:-1])
    with pytest.raises(GradientCheckInputError, match=r"\[0, 47\)"):
        objective.perturbed_costs(theta, [47], 1e-7)
    with pytest.raises(GradientCheckInputError, match="thetas"):
        objective.costs(np.ones((46, 2)))
