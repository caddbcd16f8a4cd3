"""Does the Taylor test see order 2 for a right gradient and order 1 for a wrong one, without ε?"""

import numpy as np
import pytest

from gc_utils import (
    FunctionObjective,
    GradientCheckInputError,
    observed_orders,
    set_language,
    taylor_remainders,
    taylor_test,
)
from testCases import course_objective, random_objective, seeded_bug_gradient

pytestmark = pytest.mark.numeric


def unit_direction(n, seed=0):
    u = np.random.default_rng(seed).standard_normal((n, 1))
    return u / np.linalg.norm(u)


def test_remainders_are_the_taylor_remainder_point_by_point():
    """Is r(h) exactly |J(θ + hu) − J(θ) − h gᵀu|, computed with one pass per point?"""
    objective, theta = course_objective()
    grad = objective.gradient(theta)
    u = unit_direction(objective.n)
    hs = [1e-2, 3e-3, 1e-3]
    by_hand = [abs(objective.cost(theta + h * u) - objective.cost(theta) - h * (grad.T @ u).item())
               for h in hs]
    np.testing.assert_allclose(taylor_remainders(objective, theta, grad, u, hs), by_hand,
                               rtol=1e-9)


@pytest.mark.parametrize("sizes", [(4, 5, 3, 1), (10, 20, 8, 1)])
def test_right_gradient_has_order_two_and_buggy_one_order_one(sizes):
    """Do the seeded bugs turn the observed order from 2 into 1 on several networks?"""
    objective, theta = random_objective(sizes, m=6, seed=3)
    right = taylor_test(objective, theta, objective.gradient(theta))
    wrong = taylor_test(objective, theta, seeded_bug_gradient(objective, theta))
    assert right.passed and not wrong.passed
    np.testing.assert_allclose(right.orders, 2.0, atol=0.05)
    np.testing.assert_allclose(wrong.orders, 1.0, atol=0.05)


def test_orders_are_log_log_slopes_for_any_step_ratio():
    """Does a pure power law r = c·h^p give the order p for halvings and for other ratios?"""
    for hs in ([1e-1, 5e-2, 2.5e-2], [1e-1, 1e-2, 1e-3, 3e-4]):
        hs = np.array(hs)
        for power in (1.0, 2.0, 3.0):
            np.testing.assert_allclose(observed_orders(hs, 7.0 * hs ** power), power, rtol=1e-12)


def test_plain_function_of_theta_works():
    """Does the test accept a function J(θ) as well as an objective (a quadratic: r = h²uᵀAu/2)?"""
    A = np.diag([1.0, 2.0, 3.0])

    def cost(theta):
        return (0.5 * theta.T @ A @ theta).item()

    theta = np.array([[1.0], [-2.0], [0.5]])
    u = unit_direction(3)
    hs = [1e-1, 5e-2]
    remainders = taylor_remainders(cost, theta, A @ theta, u, hs)
    np.testing.assert_allclose(remainders, 0.5 * np.array(hs) ** 2 * (u.T @ A @ u).item(),
                               rtol=1e-8)
    wrapped = taylor_test(FunctionObjective(cost, 3), theta, A @ theta, u, hs)
    np.testing.assert_allclose(wrapped.remainders, remainders)


def test_u_is_used_as_given():
    """Is u not normalized behind the caller's back (r ∝ |u|² for a right gradient)?"""
    objective, theta = course_objective()
    grad = objective.gradient(theta)
    u = unit_direction(objective.n)
    hs = [1e-3, 5e-4]
    ratio = taylor_remainders(objective, theta, grad, 3 * u, hs) / taylor_remainders(
        objective, theta, grad, u, [3e-3, 1.5e-3])
    np.testing.assert_allclose(ratio, 1.0, rtol=1e-6)


def test_verdict_names_the_remainder_the_order_and_the_rule():
    """Does the printed verdict say what r is, which order it saw and against which rule?"""
    objective, theta = course_objective()
    result = taylor_test(objective, theta, seeded_bug_gradient(objective, theta))
    text = str(result)
    assert "J(θ + hu) − J(θ) − h gᵀu" in text and "< 1.5" in text and "wrong" in text
    assert result.evaluations == len(result.hs) + 1
    set_language("tr")
    try:
        assert "yanlış" in str(result) and "Taylor testi" in str(result)
    finally:
        set_language("en")


@pytest.mark.parametrize("hs", [[1e-2], [1e-2, 1e-2], [1e-2, -1e-3], [1e-2, np.nan]])
def test_bad_steps_raise_a_clear_error(hs):
    """Do fewer than two distinct positive finite steps stop with an error naming `hs`?"""
    objective, theta = course_objective()
    u = unit_direction(objective.n)
    with pytest.raises(GradientCheckInputError, match="hs"):
        taylor_remainders(objective, theta, objective.gradient(theta), u, hs)


def test_zero_remainder_and_wrong_direction_shape_raise():
    """Does a remainder of 0 (rounding ate the terms) or a u of the wrong shape raise?"""
    with pytest.raises(GradientCheckInputError, match="rounding"):
        observed_orders([1e-2, 1e-3], [1e-8, 0.0])
    objective, theta = course_objective()
    with pytest.raises(GradientCheckInputError, match="`u`"):
        taylor_remainders(objective, theta, objective.gradient(theta), np.ones((3, 1)), [1, 2])
