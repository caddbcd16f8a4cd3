"""The checks students run after each graded function of lesson 01 (J(θ) = θx).

Each ``*_test`` runs the student's function on the lesson's example and on
inputs drawn with a fixed seed, prints "All visible tests passed." or raises
``AssertionError`` saying what was wrong (in the chosen language).
Each ``check_*`` does the same work silently and returns the
:class:`~gc_feedback.report.CheckResult`, for hidden tests and the grader
(which may pass its own ``seed`` to draw inputs the student never saw).
"""

import functools

import numpy as np

from gc_utils import relative_difference
from testCases import CHECK_SEED, ONE_D_EXAMPLE, one_d_inputs

from .hints import hint, hints
from .mistakes import (
    COURSE_EPSILON,
    MISTAKE_KINDS,
    Published,
    agree,
    centered_gradapprox,
    expected_difference,
    matches,
    mistaken_differences,
)
from .report import report
from .runner import ScalarCase, run_scalar_check, with_printing

RANDOM_CASES = 5
# Cases are built once per seed; a grader trying many seeds keeps the last few
SEEDS_KEPT = 16

# The published second example of lesson 01: x = 3, θ = 4
SECOND_EXAMPLE = {"x": 3.0, "theta": 4.0}

# ε beyond the lesson's 1e-7, so a student who ignores `epsilon` is caught
EPSILONS = (1e-7, 1e-5, 1e-3, 1e-2)

# θx is one rounded product, so a correct J or dθ is exact; 1e-12 only
# absorbs the student writing it another way (np.dot, np.multiply, x * θ)
VALUE_RTOL = 1e-12

FORWARD_HINTS = hints("forward_theta", "forward_x", "forward_sum")
BACKWARD_HINTS = hints("backward_theta", "backward_cost", "backward_sum")
# With one number, gradapprox twice or half the derivative gives the same
# difference (1/3) for every input: one mistake, whose hint names the causes
ONE_D_RENAMED = {"at_theta": "factor_two", "missing_two": "factor_two"}
GRADIENT_CHECK_HINTS = hints(
    *dict.fromkeys(ONE_D_RENAMED.get(kind, kind) for kind in MISTAKE_KINDS),
    "perturb_x", "returned_gradient", "hard_coded",
)


def _agree_exactly(got, expected):
    return bool(np.isclose(got, expected, rtol=VALUE_RTOL, atol=0.0))


@functools.lru_cache(maxsize=SEEDS_KEPT)
def _inputs(seed):
    """The lesson's example (x, θ) = (2, 4), then RANDOM_CASES seeded pairs."""
    example = (ONE_D_EXAMPLE["x"], ONE_D_EXAMPLE["theta"])
    return tuple([example] + one_d_inputs(np.random.default_rng(seed), RANDOM_CASES))


def _label(x, theta, epsilon=None):
    text = f"x = {x!r}, θ = {theta!r}"
    return text if epsilon is None else f"{text}, ε = {epsilon!r}"


def _value_case(x, theta, what, expected, mistakes):
    return ScalarCase(
        label=_label(x, theta), arguments={"x": x, "theta": theta}, options={},
        expected=expected, what=what, agrees=_agree_exactly, mistakes=lambda: mistakes,
    )


def check_forward_propagation(target, seed=CHECK_SEED):
    """Check ``forward_propagation(x, theta)`` -> J = θx (a number), without printing.

    Args:
        target: the student's function.
        seed: seed of the random (x, θ) tried after the lesson's example.

    Returns:
        CheckResult: ``.passed``, ``.kinds``, ``.problems``. Kinds:
        ``"forward_theta"``, ``"forward_x"``, ``"forward_sum"`` (returned
        θ, x, θ + x), ``"wrong_value"``, ``"returned_none"``,
        ``"printed_instead"``, ``"array_instead"``, ``"not_a_number"``,
        ``"raised"``, ``"not_implemented"``.
    """
    cases = [
        _value_case(x, theta, "J", theta * x,
                    (("forward_theta", theta), ("forward_x", x), ("forward_sum", theta + x)))
        for x, theta in _inputs(seed)
    ]
    return run_scalar_check(target, "forward_propagation", cases, FORWARD_HINTS)


def check_backward_propagation(target, seed=CHECK_SEED):
    """Check ``backward_propagation(x, theta)`` -> dθ = x (a number), without printing.

    Returns:
        CheckResult, as :func:`check_forward_propagation`, with the kinds
        ``"backward_theta"``, ``"backward_cost"``, ``"backward_sum"``
        (returned θ, θx, θ + x) for a wrong value.
    """
    cases = [
        _value_case(x, theta, "dtheta", x,
                    (("backward_theta", theta), ("backward_cost", theta * x),
                     ("backward_sum", theta + x)))
        for x, theta in _inputs(seed)
    ]
    return run_scalar_check(target, "backward_propagation", cases, BACKWARD_HINTS)


@functools.lru_cache(maxsize=SEEDS_KEPT)
def _gradient_check_cases(seed):
    inputs = [(ONE_D_EXAMPLE["x"], ONE_D_EXAMPLE["theta"], COURSE_EPSILON),
              (SECOND_EXAMPLE["x"], SECOND_EXAMPLE["theta"], COURSE_EPSILON)]
    inputs += [(x, theta, EPSILONS[i % len(EPSILONS)])
               for i, (x, theta) in enumerate(_inputs(seed)[1:])]
    # The lesson's published differences, which a hard-coded answer returns
    published = tuple(expected_difference(*_cost_point_grad(x, theta), epsilon)
                      for x, theta, epsilon in inputs[:2])
    cases = [_gradient_check_case(x, theta, epsilon, published) for x, theta, epsilon in inputs]
    return tuple(cases + [with_printing(cases[0])])


def _cost_point_grad(x, theta):
    """J(θ) = θx as the lesson computes it, θ held in a (1, 1) array; the point; dθ."""
    def cost(vector):
        return np.dot(vector[0, 0], x)

    return cost, np.array([[theta]]), np.array([[x]])


def _gradient_check_case(x, theta, epsilon, published):
    cost, point, grad = _cost_point_grad(x, theta)

    # J as a student who perturbs x instead (or swaps x and θ) computes it
    def cost_of_x(vector):
        return np.dot(theta, vector[0, 0])

    @functools.cache
    def mistakes():
        found = list(mistaken_differences(cost, point, grad, epsilon, ONE_D_RENAMED))
        at_x = np.array([[x]])
        gradapprox = centered_gradapprox(cost, point, epsilon)
        # x perturbed instead of θ, or x and θ swapped in the backward pass
        found[1:1] = [("perturb_x", expected_difference(cost_of_x, at_x, grad, epsilon)),
                      ("perturb_x", relative_difference(point, gradapprox))]
        found += [("returned_gradient", float(gradapprox[0, 0])), ("returned_gradient", x)]
        found += [("hard_coded", Published(value)) for value in published]
        return tuple(found)

    return ScalarCase(
        label=_label(x, theta, epsilon), arguments={"x": x, "theta": theta},
        options={"epsilon": epsilon, "print_msg": False},
        expected=expected_difference(cost, point, grad, epsilon), what="difference",
        agrees=agree, mistakes=mistakes, matches=matches,
    )


def _gradient_check_fallback(target):
    """The hint when no usual mistake explains a wrong difference: the notebook's
    forward or backward pass when one fails its own check, else ``not_usual``."""
    def fallback(case, got):
        helpers = getattr(target, "__globals__", {})
        failing = [f"`{name}`" for name, check in (
            ("forward_propagation", check_forward_propagation),
            ("backward_propagation", check_backward_propagation))
            if callable(helpers.get(name)) and not check(helpers[name]).passed]
        if failing:
            return hint("use_helpers", names=", ".join(failing))
        return (hint("not_usual"), hint("above_one")) if abs(got) > 1 else hint("not_usual")
    return fallback


def check_gradient_check(target, seed=CHECK_SEED):
    """Check ``gradient_check(x, theta, epsilon=1e-7, print_msg=False)`` -> difference.

    The student's function uses the notebook's ``forward_propagation`` and
    ``backward_propagation``; it runs at the lesson's two examples (ε = 1e-7)
    and at seeded random (x, θ) with ε from 1e-7 to 1e-2 (once with
    ``print_msg=True``, which must not change the result), and must return
    the float relative_difference(grad, gradapprox) of the centered
    difference, as the lesson computes it, to within rounding
    (``mistakes.AGREE_ATOL``).

    Returns:
        CheckResult, as :func:`check_forward_propagation`; a wrong value has
        the kind that explains it (a key of GRADIENT_CHECK_HINTS), else
        ``"wrong_value"`` with the hint ``use_helpers`` or ``not_usual``.
    """
    return run_scalar_check(target, "gradient_check", list(_gradient_check_cases(seed)),
                            GRADIENT_CHECK_HINTS, fallback_hint=_gradient_check_fallback(target))


def forward_propagation_test(target):
    """Run :func:`check_forward_propagation`: print the pass, or raise the verdict."""
    __tracebackhide__ = True  # IPython and pytest show the verdict, not this frame
    report(check_forward_propagation(target))


def backward_propagation_test(target):
    """Run :func:`check_backward_propagation`: print the pass, or raise the verdict."""
    __tracebackhide__ = True  # IPython and pytest show the verdict, not this frame
    report(check_backward_propagation(target))


def gradient_check_test(target):
    """Run :func:`check_gradient_check`: print the pass, or raise the verdict."""
    __tracebackhide__ = True  # IPython and pytest show the verdict, not this frame
    report(check_gradient_check(target))
