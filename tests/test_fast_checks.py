"""Do the fast checks agree with the course loop, catch seeded bugs, and tell kinks from bugs?"""

import numpy as np
import pytest
from published import assert_published

from gc_utils import (
    CHECK_THRESHOLD,
    GradientCheckInputError,
    GradientCheckTypeError,
    NetworkObjective,
    complex_step_check,
    crossed_units,
    epsilon_sweep,
    loop_check,
    random_direction_check,
    relative_difference,
    sampled_check,
    set_language,
    suggested_epsilon,
    suggested_threshold,
    vectorized_check,
)
from testCases import (
    course_objective,
    kink_case,
    random_objective,
    seeded_bug_gradient,
)

pytestmark = pytest.mark.numeric

NETWORKS = [(4, 5, 3, 1), (3, 4, 4, 2, 1), (10, 20, 1)]


def run_all(objective, theta, grad):
    return {
        "loop": loop_check(objective, theta, grad),
        "vectorized": vectorized_check(objective, theta, grad),
        "random_direction": random_direction_check(objective, theta, grad, directions=3),
        "sampled": sampled_check(objective, theta, grad, objective.keys),
        "complex_step": complex_step_check(objective, theta, grad),
    }


@pytest.mark.parametrize("sizes", NETWORKS)
def test_every_method_passes_a_correct_gradient(sizes):
    objective, theta = random_objective(sizes, seed=1)
    results = run_all(objective, theta, objective.gradient(theta))
    assert {name: r.verdict for name, r in results.items()} == dict.fromkeys(results, "ok")


def test_every_method_passes_the_course_net():
    objective, theta = course_objective()
    results = run_all(objective, theta, objective.gradient(theta))
    assert all(r.passed for r in results.values())
    assert_published(results["loop"].difference, "difference_fixed")
    assert results["complex_step"].difference < 1e-13


@pytest.mark.parametrize("sizes", NETWORKS)
def test_vectorized_numbers_are_the_loops(sizes):
    objective, theta = random_objective(sizes, seed=6)
    grad = objective.gradient(theta)
    loop = loop_check(objective, theta, grad, epsilon=1e-5)
    fast = vectorized_check(objective, theta, grad, epsilon=1e-5, chunk_size=7)
    assert relative_difference(loop.gradapprox, fast.gradapprox) < 1e-9
    assert fast.evaluations == loop.evaluations == 2 * objective.n


def test_chunk_size_does_not_change_the_result():
    objective, theta = random_objective((3, 4, 4, 2, 1), seed=2)
    grad = objective.gradient(theta)
    one = vectorized_check(objective, theta, grad, chunk_size=1).gradapprox
    np.testing.assert_array_equal(one, vectorized_check(objective, theta, grad).gradapprox)


def test_every_method_flags_the_seeded_bugs():
    objective, theta = course_objective()
    results = run_all(objective, theta, seeded_bug_gradient(objective, theta))
    assert {name: r.verdict for name, r in results.items()} == dict.fromkeys(results, "bug")
    assert results["loop"].difference > 0.1


@pytest.mark.parametrize("block", ["W1", "b1", "W2", "b2", "W3", "b3"])
def test_sampled_and_random_direction_catch_a_wrong_factor_in_any_block(block):
    objective, theta = random_objective((3, 4, 4, 1), seed=3)
    grad = objective.gradient(theta)
    grad[np.array(objective.keys) == block] *= 1.5
    assert sampled_check(objective, theta, grad, objective.keys).verdict == "bug"
    assert random_direction_check(objective, theta, grad, directions=2).verdict == "bug"


def test_random_direction_costs_two_passes_per_direction():
    objective, theta = random_objective((10, 20, 1))
    result = random_direction_check(objective, theta, objective.gradient(theta), directions=4)
    assert result.evaluations == 8 and result.indices is None and len(result.grad) == 4


@pytest.mark.parametrize("directions", [1, 3])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_random_direction_numbers_do_not_depend_on_the_kept_workspace(directions, dtype):
    objective, theta = random_objective((10, 20, 1), m=3, seed=1, dtype=dtype)
    grad = objective.gradient(theta)
    first = random_direction_check(objective, theta, grad, directions=directions)
    # A check with another gradient rewrites the workspace, not the first result
    other = random_direction_check(objective, theta, 1.5 * grad, directions=directions)
    again = random_direction_check(objective, theta, grad, directions=directions)
    # The same network built anew: an empty workspace
    fresh, _ = random_objective((10, 20, 1), m=3, seed=1, dtype=dtype)
    for result in (again, random_direction_check(fresh, theta, grad, directions=directions)):
        np.testing.assert_array_equal(result.grad, first.grad)
        np.testing.assert_array_equal(result.gradapprox, first.gradapprox)
    assert other.difference != first.difference


def test_vectorized_numbers_are_the_loops_across_many_blocks(monkeypatch):
    import gc_checking.network as network

    objective, theta = random_objective((12, 16, 8, 1), m=5, seed=9)
    grad = objective.gradient(theta)
    loop = loop_check(objective, theta, grad, epsilon=1e-5)
    # Blocks of 2 coordinates in the first layer, every layer split several times
    monkeypatch.setattr(network, "BLOCK_NUMBERS", 80)
    blocked = vectorized_check(objective, theta, grad, epsilon=1e-5)
    assert relative_difference(loop.gradapprox, blocked.gradapprox) < 1e-9
    assert blocked.evaluations == loop.evaluations == 2 * objective.n


def test_sampled_check_takes_entries_from_every_block():
    objective, theta = random_objective((3, 4, 4, 1))
    result = sampled_check(objective, theta, objective.gradient(theta), objective.keys,
                           per_block=2)
    blocks = [objective.keys[i] for i in result.indices]
    assert sorted(set(blocks)) == sorted(set(objective.keys))
    assert blocks.count("W1") == 2 and blocks.count("b3") == 1


def test_complex_step_works_on_a_plain_smooth_function():
    theta = np.linspace(-2, 2, 9).reshape(-1, 1)

    def cost(t):
        return np.sum(np.sin(t) * np.exp(t))

    grad = (np.cos(theta) + np.sin(theta)) * np.exp(theta)
    result = complex_step_check(cost, theta, grad)
    assert result.passed and result.difference < 1e-15
    assert loop_check(cost, theta, grad, epsilon=1e-5).passed


def test_kink_crossed_is_reported_as_a_kink_not_a_bug():
    X, Y, parameters = kink_case()
    objective = NetworkObjective(X, Y, parameters)
    theta = objective.theta(parameters)
    grad = objective.gradient(theta)
    for check in (loop_check, vectorized_check):
        result = check(objective, theta, grad, detect_kinks=True)
        assert not result.passed and result.verdict == "kink"
        # b1[0] (index 20) and W1[0, j] for the inputs of example 0 move Z1[0, 0]
        assert 20 in result.kinks and set(result.kinks) <= {0, 1, 2, 3, 20}
        assert result.clean_difference <= CHECK_THRESHOLD
        # unit 0 of layer 1 on example 0 sits at Z = 1e-8: the only one switched
        assert result.kink_units == ((1, 0, 0),)
        assert "kink" in str(result) and "(1, 0, 0)" in str(result)
    assert loop_check(objective, theta, grad).verdict == "bug"
    assert complex_step_check(objective, theta, grad).passed


def test_crossed_units_names_layer_unit_and_example():
    X, Y, parameters = kink_case()
    objective = NetworkObjective(X, Y, parameters)
    theta = objective.theta(parameters)
    assert crossed_units(objective, theta, 20, 1e-7) == ((1, 0, 0),)
    assert crossed_units(objective, theta, 45, 1e-7) == ()


def test_a_real_bug_next_to_a_kink_is_still_a_bug():
    X, Y, parameters = kink_case()
    objective = NetworkObjective(X, Y, parameters)
    theta = objective.theta(parameters)
    result = vectorized_check(objective, theta, seeded_bug_gradient(objective, theta),
                              detect_kinks=True)
    assert result.kinks and result.verdict == "bug"


def test_kink_detection_in_sampled_check():
    X, Y, parameters = kink_case()
    objective = NetworkObjective(X, Y, parameters)
    theta = objective.theta(parameters)
    result = sampled_check(objective, theta, objective.gradient(theta), objective.keys,
                           per_block=5, detect_kinks=True)
    assert result.kinks == (20,) or set(result.kinks) >= {20}


def test_float32_fails_at_the_course_epsilon_and_passes_with_dtype_settings():
    objective, theta = course_objective(dtype=np.float32)
    grad = objective.gradient(theta)
    assert loop_check(objective, theta, grad, epsilon=1e-7).difference > 0.1
    result = vectorized_check(objective, theta, grad, epsilon=suggested_epsilon(np.float32),
                              threshold=suggested_threshold(np.float32))
    assert result.passed
    bug = vectorized_check(objective, theta, seeded_bug_gradient(objective, theta),
                           epsilon=suggested_epsilon(np.float32),
                           threshold=suggested_threshold(np.float32))
    assert not bug.passed


def test_the_same_network_in_float64_passes_with_float64_settings():
    objective, theta = course_objective()
    result = vectorized_check(objective, theta, objective.gradient(theta),
                              epsilon=suggested_epsilon(), threshold=suggested_threshold())
    assert result.passed


def test_dtype_settings_follow_the_unit_roundoff():
    assert suggested_epsilon() == pytest.approx((2.0 ** -53) ** (1 / 3))
    assert suggested_epsilon(np.float32) == pytest.approx((2.0 ** -24) ** (1 / 3))
    assert suggested_threshold(np.float32) > 1e5 * suggested_threshold()


def test_dropout_with_fresh_masks_fails_and_with_a_fixed_mask_passes():
    fresh, theta = course_objective(keep_prob=0.8, masks="fresh", seed=2)
    assert vectorized_check(fresh, theta, fresh.gradient(theta)).verdict == "bug"
    assert loop_check(fresh, theta, fresh.gradient(theta)).verdict == "bug"
    fixed, _ = course_objective(keep_prob=0.8, masks="fixed", seed=2)
    assert vectorized_check(fixed, theta, fixed.gradient(theta)).passed
    assert loop_check(fixed, theta, fixed.gradient(theta)).passed
    off, _ = course_objective()
    assert loop_check(off, theta, off.gradient(theta)).passed


def test_epsilon_sweep_is_v_shaped_with_its_minimum_near_1e_4():
    objective, theta = course_objective()
    epsilons = np.logspace(-1, -9, 17)
    differences = epsilon_sweep(objective, theta, objective.gradient(theta), epsilons)
    best = int(np.argmin(differences))
    assert 1e-5 <= epsilons[best] <= 1e-3 and differences[best] < 1e-9
    assert differences[0] > differences[best] < differences[-1]
    assert_published(differences[list(epsilons).index(1e-7)], "difference_fixed")


def test_result_prints_in_turkish():
    objective, theta = course_objective()
    set_language("tr")
    assert "gradyan doğru" in str(vectorized_check(objective, theta, objective.gradient(theta)))


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda o, t, g: loop_check(o, t, g, epsilon=0), GradientCheckInputError, "epsilon"),
        (lambda o, t, g: loop_check(o, t, g[:-1]), GradientCheckInputError, r"\(47, 1\)"),
        (lambda o, t, g: loop_check(o, t.ravel(), g), GradientCheckInputError, r"\(47, 1\)"),
        (lambda o, t, g: loop_check(lambda v: 0.0, t.ravel(), g), GradientCheckInputError,
         r"\(n, 1\)"),
        (lambda o, t, g: loop_check(o, t, g, threshold=-1), GradientCheckInputError,
         "threshold"),
        (lambda o, t, g: vectorized_check(o, t, g, chunk_size=0), GradientCheckInputError,
         "chunk_size"),
        (lambda o, t, g: random_direction_check(o, t, g, directions=0),
         GradientCheckInputError, "directions"),
        (lambda o, t, g: sampled_check(o, t, g, ["W1"]), GradientCheckInputError, "47"),
        (lambda o, t, g: loop_check("J", t, g), GradientCheckTypeError, "cost"),
        (lambda o, t, g: loop_check(lambda v: 0.0, t, g, detect_kinks=True),
         GradientCheckTypeError, "pattern"),
        (lambda o, t, g: epsilon_sweep(o, t, g, [1e-7], method="fast"),
         GradientCheckInputError, "loop"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, match):
    objective, theta = course_objective()
    with pytest.raises(error, match=match):
        call(objective, theta, objective.gradient(theta))


def test_loading_the_explorers_keeps_epsilon_sweep_a_function():
    """A submodule named like a public function would replace it on first import."""
    import gc_explorers.explorer  # noqa: F401
    import gc_explorers.network_explorer  # noqa: F401
    import gc_utils

    assert callable(gc_utils.epsilon_sweep) and gc_utils.epsilon_sweep is epsilon_sweep


@pytest.mark.parametrize("language", ["en", "tr"])
def test_every_verdict_labels_both_sides_and_its_rule(language):
    """Does each verdict name the analytic and the numerical side, and why its threshold?"""
    objective, theta = course_objective()
    grad = objective.gradient(theta)
    set_language(language)
    words = {"en": ("analytic", "numerical", "threshold"),
             "tr": ("analitik", "sayısal", "eşik değeri")}[language]
    reasons = {loop_check: ("1e-7", "ε = 1e-7"), random_direction_check: ("rounding", "yuvarlama"),
               complex_step_check: ("exact", "doğrudur")}
    for check, reason in reasons.items():
        text = str(check(objective, theta, grad))
        assert all(word in text for word in words), text
        assert reason[language == "tr"] in text, text
    custom = str(loop_check(objective, theta, grad, threshold=3e-7))
    assert ("passed in", "verilen")[language == "tr"] in custom
