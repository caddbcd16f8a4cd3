"""Do the out-of-kernel check's calls and tolerances tell the right method from look-alikes?

Each look-alike is computed here by real code and judged exactly as the
grader judges the student's returned value (probes.call_agrees) on the
calls probes.draw_calls draws; the right method must agree on every call
and each look-alike must disagree on at least one. With the old
tolerances (relative 1e-6 / 1e-3, any difference below the threshold)
every look-alike below scored full marks.
"""

import numpy as np
import pytest

from autograde import probes
from gc_utils import (
    TOLERANCE_FACTOR,
    NetworkObjective,
    dictionary_to_vector,
    forward_propagation_n,
)

SEED = 11


def calls_of(lesson, function):
    return [call for call in probes.draw_calls(lesson, SEED) if call.function == function]


def argument(value):
    """Build an Expr argument as the worker does (the lesson's imports: numpy, gc_utils)."""
    if isinstance(value, probes.Expr):
        return eval(value.code, {"np": np, "NetworkObjective": NetworkObjective},  # noqa: S307
                    dict(value.bind))
    return value


def judged(lesson, function, right, lookalike):
    """(right agrees on every call, look-alike agrees on every call)."""
    calls = calls_of(lesson, function)
    assert calls
    outcomes = []
    for method in (right, lookalike):
        outcomes.append(all(
            probes.call_agrees(call, method(*map(argument, call.args),
                                            **{k: argument(v) for k, v in call.kwargs.items()}),
                               right(*map(argument, call.args),
                                     **{k: argument(v) for k, v in call.kwargs.items()}))
            for call in calls))
    return tuple(outcomes)


def test_a_complex_step_done_as_a_finite_difference_loses():
    def complex_step(f, x, h=1e-20):
        return float(np.imag(f(x + 1j * h)) / h)

    def centered(f, x, h=1e-20):
        step = 1e-5
        return float(np.real(f(x + step) - f(x - step)) / (2 * step))

    assert judged("03", "complex_step_derivative", complex_step, centered) == (True, False)


def test_a_random_direction_check_that_ignores_epsilon_loses():
    def right(cost, theta, grad, u, epsilon=1e-6):
        numerical = (cost(theta + epsilon * u) - cost(theta - epsilon * u)) / (2 * epsilon)
        analytic = float(np.sum(grad * u))
        return abs(numerical - analytic) / (abs(numerical) + abs(analytic))

    def fixed_epsilon(cost, theta, grad, u, epsilon=1e-6):
        return right(cost, theta, grad, u)

    assert judged("03", "random_direction_difference", right, fixed_epsilon) == (True, False)


def dtype_settings(dtype):
    u = np.finfo(dtype).eps / 2
    return u ** (1 / 3), TOLERANCE_FACTOR * u ** (2 / 3)


def test_a_float64_threshold_off_by_one_percent_loses():
    def off(dtype):
        epsilon, threshold = dtype_settings(dtype)
        return epsilon, threshold * (1.01 if np.dtype(dtype) == np.float64 else 1.0)

    assert judged("03", "dtype_settings", dtype_settings, off) == (True, False)


def test_a_backprop_that_returns_the_numerical_gradient_loses():
    from gc_checking.reference import fraud_net_gradient

    calls = calls_of("02", "backward_propagation_n")
    assert calls
    for call in calls:
        X, Y, cache = call.args
        parameters = {"W1": cache[2], "b1": cache[3], "W2": cache[6], "b2": cache[7],
                      "W3": cache[10], "b3": cache[11]}
        analytic = NetworkObjective(X, Y, parameters).gradient(
            dictionary_to_vector(parameters)[0])
        gradapprox, _ = fraud_net_gradient(X, Y, parameters)
        assert probes.same_numbers(analytic, analytic * (1 + 1e-15), "values")
        assert not probes.same_numbers(gradapprox, analytic, "values")
        assert forward_propagation_n(X, Y, parameters)[0] > 0


@pytest.mark.parametrize("lesson", ["01", "02", "03"])
def test_every_call_has_a_tolerance_no_looser_than_the_old_one(lesson):
    for call in probes.draw_calls(lesson, SEED):
        rtol = call.rtol if call.rtol is not None else (
            probes.VALUE_RTOL if call.judge == "values" else probes.DIFFERENCE_RTOL)
        assert rtol <= (1e-6 if call.judge == "values" else 1e-4), call


def taylor_orders(cost, theta, grad, u, hs):
    J = cost(theta)
    slope = float(np.sum(grad * u))
    remainders = np.array([abs(cost(theta + h * u) - J - h * slope) for h in hs])
    return np.diff(np.log(remainders)) / np.diff(np.log(hs))


def test_a_taylor_test_written_otherwise_agrees_and_one_on_plain_h_loses():
    def rearranged(cost, theta, grad, u, hs):
        J = cost(theta)
        remainders = [abs(cost(theta + h * u) - (J + h * float(grad.ravel() @ u.ravel())))
                      for h in hs]
        return np.array([np.log(remainders[k + 1] / remainders[k]) / np.log(hs[k + 1] / hs[k])
                         for k in range(len(hs) - 1)])

    def plain_h(cost, theta, grad, u, hs):
        J = cost(theta)
        slope = float(np.sum(grad * u))
        remainders = np.array([abs(cost(theta + h * u) - J - h * slope) for h in hs])
        return np.diff(np.log(remainders)) / np.diff(hs)

    assert judged("03", "taylor_test_order", taylor_orders, rearranged) == (True, True)
    assert judged("03", "taylor_test_order", taylor_orders, plain_h) == (True, False)


def test_a_determinism_check_that_evaluates_once_loses():
    def twice(cost, theta):
        return cost(theta) == cost(theta)

    def once(cost, theta):
        J = cost(theta)
        return J == J

    assert judged("03", "same_cost_twice", twice, once) == (True, False)


def block_ratio_answer(objective, theta, grad, norms=False, always=False):
    from gc_utils import random_direction_check, vectorized_check

    ratios = {}
    if always or not random_direction_check(objective, theta, grad).passed:
        gradapprox = vectorized_check(objective, theta, grad).gradapprox
        g, keys = grad.ravel(), np.array(objective.keys)
        for name in objective.shapes:
            inside = keys == name
            a = gradapprox[inside]
            ratios[name] = float(np.linalg.norm(g[inside]) / np.linalg.norm(a) if norms
                                 else g[inside] @ a / (a @ a))
    return ratios


def test_ratios_of_norms_and_explaining_a_passing_check_lose():
    def norms(objective, theta, grad):
        return block_ratio_answer(objective, theta, grad, norms=True)

    def always(objective, theta, grad):
        return block_ratio_answer(objective, theta, grad, always=True)

    assert judged("03", "cheap_first_ratios", block_ratio_answer, norms) == (True, False)
    assert judged("03", "cheap_first_ratios", block_ratio_answer, always) == (True, False)
