"""Test cases of the gradient-checking lessons, and the checks you run on your functions.

The cases are the inputs of the lessons' examples, as the original
assignment defines them (``gradient_check_n_test_case`` is its seeded
fraud network); lesson 03's (a ReLU unit at its kink, the seeded bugs
applied to any network, networks of any size) are named at the end.

The checks run right after each graded function, in its check cell::

    forward_propagation_test(forward_propagation)   # lesson 01
    gradient_check_n_test(gradient_check_n)         # lesson 02

print "All visible tests passed." or raise ``AssertionError``
(``CheckFailedError``) that says what was wrong and the likely mistake, in
the language chosen with ``gc_utils.set_language``, so nbval sees the cell
fail. Hidden tests and the grader call the ``check_*`` twins::

    result = check_gradient_check_n(gradient_check_n, seed=12345)
    assert result.passed, result.render("en")
    result.kinds          # e.g. ["no_copy"], ["wrong_blocks"], ["not_implemented"]

They print nothing; ``seed`` draws random inputs you have not seen (the
lesson's own example is always included). The checks, with the catalogue
of usual mistakes behind their hints, live in the package ``gc_feedback``
and load on first use.
"""

import importlib

import numpy as np

# The seed of the checks' random inputs: every student (and the grader,
# unless it passes its own seed) meets the same inputs
CHECK_SEED = 2024

# The example of lesson 01: J(θ) = θx at x = 2, θ = 4 gives J = 8, dJ/dθ = 2
ONE_D_EXAMPLE = {"x": 2.0, "theta": 4.0}


def forward_propagation_test_case():
    """Return (x, theta) = (2, 4): J = 8 (lesson 01)."""
    return ONE_D_EXAMPLE["x"], ONE_D_EXAMPLE["theta"]


def backward_propagation_test_case():
    """Return (x, theta) = (2, 4): dJ/dθ = 2 (lesson 01)."""
    return ONE_D_EXAMPLE["x"], ONE_D_EXAMPLE["theta"]


def gradient_check_test_case():
    """Return (x, theta) = (2, 4): difference 2.919335883291695e-10 at ε = 1e-7 (lesson 01)."""
    return ONE_D_EXAMPLE["x"], ONE_D_EXAMPLE["theta"]


def one_d_inputs(rng, count):
    """Draw ``count`` (x, theta) pairs for the 1-D checks.

    Args:
        rng: np.random.Generator.
        count: number of pairs.

    Returns:
        list of (float x, float theta), magnitudes between 0.5 and 10 and
        both signs, so a check cannot pass by luck on one number.
    """
    magnitudes = rng.uniform(0.5, 10.0, size=(count, 2))
    signs = rng.choice([-1.0, 1.0], size=(count, 2))
    return [(float(x), float(t)) for x, t in magnitudes * signs]


def gradient_check_n_test_case():
    """Return the course's N-D case: X (4, 3), Y (3,), parameters of the 5-3-1 network.

    Seeded with 1, exactly as the original assignment, so the seeded bugs
    give the published difference 0.2850931567761623.

    Returns:
        X: np.ndarray (4, 3); Y: np.ndarray (3,) = [1, 1, 0];
        parameters: dict W1 (5, 4), b1 (5, 1), W2 (3, 5), b2 (3, 1),
        W3 (1, 3), b3 (1, 1).
    """
    np.random.seed(1)
    x = np.random.randn(4, 3)
    y = np.array([1, 1, 0])
    W1 = np.random.randn(5, 4)
    b1 = np.random.randn(5, 1)
    W2 = np.random.randn(3, 5)
    b2 = np.random.randn(3, 1)
    W3 = np.random.randn(1, 3)
    b3 = np.random.randn(1, 1)
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    return x, y, parameters


def random_network_case(rng, n_features=4, layer_sizes=(5, 3, 1), m=3):
    """Draw a fresh case for the N-D checks, shaped like the course's network.

    Args:
        rng: np.random.Generator.
        n_features: rows of X.
        layer_sizes: units of the three layers; the last must be 1.
        m: number of examples.

    Returns:
        X (n_features, m), Y (m,) with both labels present, parameters dict.
    """
    X = rng.standard_normal((n_features, m))
    Y = np.array([1, 0] + list(rng.integers(0, 2, size=m - 2)))
    parameters = {}
    rows = n_features
    for layer, units in enumerate(layer_sizes, start=1):
        parameters[f"W{layer}"] = rng.standard_normal((units, rows))
        parameters[f"b{layer}"] = rng.standard_normal((units, 1))
        rows = units
    return X, Y, parameters


# --------------------------------------------------------------------------
# Lesson 03's cases and the checks, loaded from gc_feedback on first use
# --------------------------------------------------------------------------

# gc_feedback reads the cases above, so it cannot be imported here first;
# lesson 03's cases need its network, which lessons 01-02 do not carry
_CHECKS = {
    "KINK_OFFSET": "gc_feedback.practice_cases",
    "course_objective": "gc_feedback.practice_cases",
    "kink_case": "gc_feedback.practice_cases",
    "random_objective": "gc_feedback.practice_cases",
    "seeded_bug_gradient": "gc_feedback.practice_cases",
    "CheckFailedError": "gc_feedback.report",
    "CheckResult": "gc_feedback.report",
    "Problem": "gc_feedback.report",
    # lesson 01
    "forward_propagation_test": "gc_feedback.checks_1d",
    "backward_propagation_test": "gc_feedback.checks_1d",
    "gradient_check_test": "gc_feedback.checks_1d",
    "check_forward_propagation": "gc_feedback.checks_1d",
    "check_backward_propagation": "gc_feedback.checks_1d",
    "check_gradient_check": "gc_feedback.checks_1d",
    # lesson 02
    "gradient_check_n_test": "gc_feedback.checks_nd",
    "backward_propagation_n_test": "gc_feedback.checks_nd",
    "check_gradient_check_n": "gc_feedback.checks_nd",
    "check_backward_propagation_n": "gc_feedback.checks_nd",
    # lesson 03
    "best_epsilon_test": "gc_feedback.checks_practice",
    "dtype_settings_test": "gc_feedback.checks_practice",
    "crossed_kink_test": "gc_feedback.checks_practice",
    "gradient_check_with_dropout_test": "gc_feedback.checks_practice",
    "random_direction_difference_test": "gc_feedback.checks_practice",
    "complex_step_derivative_test": "gc_feedback.checks_practice",
    "check_best_epsilon": "gc_feedback.checks_practice",
    "check_dtype_settings": "gc_feedback.checks_practice",
    "check_crossed_kink": "gc_feedback.checks_practice",
    "check_gradient_check_with_dropout": "gc_feedback.checks_practice",
    "check_random_direction_difference": "gc_feedback.checks_practice",
    "check_complex_step_derivative": "gc_feedback.checks_practice",
    "taylor_test_order_test": "gc_feedback.checks_workflow",
    "cheap_first_ratios_test": "gc_feedback.checks_workflow",
    "same_cost_twice_test": "gc_feedback.checks_workflow",
    "check_taylor_test_order": "gc_feedback.checks_workflow",
    "check_cheap_first_ratios": "gc_feedback.checks_workflow",
    "check_same_cost_twice": "gc_feedback.checks_workflow",
}


def __getattr__(name):
    if name in _CHECKS:
        return getattr(importlib.import_module(_CHECKS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# What `from testCases import *` gives: the cases above and the checks
__all__ = [
    "CHECK_SEED",
    "ONE_D_EXAMPLE",
    "backward_propagation_test_case",
    "forward_propagation_test_case",
    "gradient_check_n_test_case",
    "gradient_check_test_case",
    "one_d_inputs",
    "random_network_case",
]
__all__ += sorted(_CHECKS)
