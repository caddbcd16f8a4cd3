"""The gradient check as students write it: right, and with the usual mistakes.

The checks of ``gradient_check`` (lesson 01) and ``gradient_check_n``
(lesson 02) compute the difference themselves, with the same floating
point operations as the lessons' solution, so a correct student result
agrees to the last few bits. When it does not, they replay each usual
mistake on the same inputs; a mistake whose result the student's
matches on every failing input is named in the hint. The diagnosis thus
comes from behaviour, never from reading the student's source.

A mistake is a *kind* (its hint is ``hint.<kind>``) with one or more
replays: code that gives the same wrong numbers on every input is one
mistake, whose hint names each cause. Mistakes that need many entries of θ
live in ``checks_nd``.
"""

import numpy as np

from gc_utils import COURSE_EPSILON, relative_difference

# Two results "agree" within this. Correct code written differently
# (`/ (2 * epsilon)` or `/ 2 / epsilon`, `np.copy` or `.copy()`) moves
# each gradapprox entry by about one rounding unit, which moves the
# difference by ~1e-16 absolute; the mistakes move it by 1e-10 or more
# (one-sided on the linear 1-D cost: ~1e-9; precedence: ~1).
AGREE_ATOL = 1e-13
AGREE_RTOL = 1e-9


def agree(got, want):
    """True when two differences agree within AGREE_ATOL + AGREE_RTOL·|want|."""
    return abs(got - want) <= AGREE_ATOL + AGREE_RTOL * abs(want)


class Published(float):
    """A difference the lesson prints: a hard-coded answer copies it, maybe rounded."""


def rounds_to(got, value):
    """True when ``got`` is ``value`` rounded to 1 to 17 significant digits (floats)."""
    return any(float(f"{value:.{digits}g}") == got for digits in range(1, 18))


def matches(got, replayed):
    """:func:`agree` for a replayed mistake, but a replayed 0 needs exactly 0 (squared
    norms give ~1e-19, within AGREE_ATOL of 0), and a :class:`Published` number is
    matched by any rounding of it (0.285 for 0.2850931567761623)."""
    if isinstance(replayed, Published):
        return agree(got, replayed) or rounds_to(got, replayed)
    if replayed == 0.0:
        return got == 0.0
    return agree(got, replayed)


def _centered(plus, minus, eps):
    return (plus - minus) / (2 * eps)


def fresh_loop(points, quotient=_centered):
    """A loop with fresh ``points(θ, i, ε) -> (θ⁺, θ⁻)`` for every i and
    gradapprox[i] = ``quotient(J⁺, J⁻, ε)``."""
    def gradapprox_of(cost, theta, epsilon):
        gradapprox = np.zeros_like(theta)
        for i in range(theta.shape[0]):
            theta_plus, theta_minus = points(theta, i, epsilon)
            gradapprox[i] = quotient(cost(theta_plus), cost(theta_minus), epsilon)
        return gradapprox
    return gradapprox_of


def moved(theta, i, step):
    """Return a copy of θ (n, 1) with entry i moved by ``step``."""
    shifted = np.copy(theta)
    shifted[i] += step
    return shifted


def _centered_points(theta, i, epsilon):
    return moved(theta, i, epsilon), moved(theta, i, -epsilon)


centered = fresh_loop(_centered_points)


def _set_back(cost, theta, epsilon):
    # One copy of θ, each entry moved in place and set back: θᵢ + ε − 2ε + ε
    # is θᵢ only up to rounding, which later entries then see
    work = np.copy(theta)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        work[i] += epsilon
        plus = cost(np.copy(work))
        work[i] -= 2 * epsilon
        minus = cost(np.copy(work))
        work[i] += epsilon
        gradapprox[i] = _centered(plus, minus, epsilon)
    return gradapprox


def rounding_spread(cost, theta, grad, epsilon):
    """How far a correct loop that rounds differently moves the difference (float >= 0).

    The spread is the rounding noise of gradapprox (about 1e-10 on the
    lesson's example, θ moved in place and set back being the other correct
    loop); it matters only where the difference is itself noise (correct
    gradients: 1e-7), and is below 1e-9 of the difference of a wrong gradient.
    """
    other = relative_difference(grad, _set_back(cost, theta, epsilon))
    return abs(other - expected_difference(cost, theta, grad, epsilon))


def centered_gradapprox(cost, theta, epsilon):
    """The lessons' loop: a fresh copy of θ per entry, (J⁺ − J⁻) / (2ε).

    Args:
        cost: function from an (n, 1) array to a float.
        theta: np.ndarray (n, 1); not modified.
        epsilon: the step.

    Returns:
        gradapprox, np.ndarray (n, 1).
    """
    return centered(cost, theta, epsilon)


def _one_sided(direction):
    def gradapprox_of(cost, theta, epsilon):
        centre = cost(np.copy(theta))
        gradapprox = np.zeros_like(theta)
        for i in range(theta.shape[0]):
            step = moved(theta, i, direction * epsilon)
            gradapprox[i] = direction * (cost(step) - centre) / epsilon
        return gradapprox
    return gradapprox_of


def _scaled(replay, factor):
    def gradapprox_of(cost, theta, epsilon):
        return factor * replay(cost, theta, epsilon)
    return gradapprox_of


def _fixed_epsilon(step_fixed, divide_fixed):
    # ε written as 1e-7 in the steps, the quotient, or both
    def gradapprox_of(cost, theta, epsilon):
        step = COURSE_EPSILON if step_fixed else epsilon
        over = COURSE_EPSILON if divide_fixed else epsilon
        return fresh_loop(lambda t, i, _: _centered_points(t, i, step),
                          lambda plus, minus, _: _centered(plus, minus, over))(cost, theta, epsilon)
    return gradapprox_of


# (kind, how the mistaken code computes gradapprox), in the order a hint is
# preferred when several match
LOOP_MISTAKES = (
    ("precedence", fresh_loop(_centered_points, lambda p, m, eps: (p - m) / 2 * eps)),
    ("numerator_parentheses", fresh_loop(_centered_points, lambda p, m, eps: p - m / (2 * eps))),
    ("epsilon_squared", fresh_loop(_centered_points, lambda p, m, eps: (p - m) / (2 * eps ** 2))),
    ("epsilon_squared", fresh_loop(lambda t, i, eps: _centered_points(t, i, eps ** 2))),
    ("at_theta", fresh_loop(lambda t, i, eps: (moved(t, i, eps), np.copy(t)))),
    ("at_theta", fresh_loop(lambda t, i, eps: (np.copy(t), moved(t, i, -eps)))),
    ("missing_two", fresh_loop(_centered_points, lambda p, m, eps: (p - m) / eps)),
    # ε left out of the quotient: gradapprox ε times the derivative, as with the step ε²
    ("epsilon_squared", fresh_loop(_centered_points, lambda p, m, eps: (p - m) / 2)),
    ("one_sided", _one_sided(+1)),
    ("one_sided", _one_sided(-1)),
    ("sign_or_zero", _scaled(centered, -1.0)),
    ("sign_or_zero", _scaled(centered, 0.0)),
)
# Replays that only differ from the correct loop when ε is not the course's
FIXED_EPSILON_MISTAKES = (
    ("ignores_epsilon", _fixed_epsilon(True, True)),
    ("ignores_epsilon", _fixed_epsilon(True, False)),
    ("ignores_epsilon", _fixed_epsilon(False, True)),
)


def _norm(vector):
    return np.linalg.norm(vector)


# (kind, how the mistaken code turns grad and gradapprox (n, 1) into a difference)
NORM_MISTAKES = (
    ("self_compare", lambda g, a: float(_norm(a - a) / (_norm(g) + _norm(a)))),
    ("self_compare", lambda g, a: float(_norm(g - g) / (_norm(g) + _norm(a)))),
    ("squared", lambda g, a: float(_norm(g - a) ** 2 / (_norm(g) ** 2 + _norm(a) ** 2))),
    ("squared", lambda g, a: float(_norm(g - a) ** 2 / (_norm(g) + _norm(a)))),
    ("no_denominator", lambda g, a: float(_norm(g - a))),
    ("partial_denominator", lambda g, a: float(_norm(g - a) / _norm(g))),
    ("partial_denominator", lambda g, a: float(_norm(g - a) / _norm(a))),
    ("denominator_parentheses", lambda g, a: float(_norm(g - a) / _norm(g) + _norm(a))),
    ("denominator_parentheses", lambda g, a: float(_norm(g - a) / _norm(a) + _norm(g))),
    ("difference_of_norms", lambda g, a: float((_norm(g) - _norm(a)) / (_norm(g) + _norm(a)))),
    ("difference_of_norms", lambda g, a: float((_norm(a) - _norm(g)) / (_norm(g) + _norm(a)))),
)


def kinds_of(*tables):
    """The kinds of the given (kind, replay) tables, in order, once each."""
    return tuple(dict.fromkeys(kind for table in tables for kind, _ in table))


MISTAKE_KINDS = kinds_of(LOOP_MISTAKES, FIXED_EPSILON_MISTAKES, NORM_MISTAKES)


def expected_difference(cost, theta, grad, epsilon):
    """Return the difference a correct ``gradient_check`` gives on these inputs.

    It is ``relative_difference(grad, gradapprox)`` with gradapprox from
    :func:`centered_gradapprox` at the same ε.

    Args:
        cost: function from an (n, 1) array to a float (J).
        theta: np.ndarray (n, 1), the point.
        grad: np.ndarray (n, 1), the analytic gradient handed to the check.
        epsilon: the step.

    Returns:
        float.
    """
    return relative_difference(grad, centered_gradapprox(cost, theta, epsilon))


def mistaken_differences(cost, theta, grad, epsilon, renamed=None, loops=(), norms=()):
    """Yield ``(kind, difference)`` for each usual mistake, lazily; a kind may repeat.

    Args:
        cost, theta, grad, epsilon: as :func:`expected_difference`.
        renamed: ``{kind: name}``, kinds a check names otherwise.
        loops, norms: more ``(kind, replay)`` pairs, tried after this module's.
    """
    renamed = renamed or {}
    replays = LOOP_MISTAKES + tuple(loops)
    if epsilon != COURSE_EPSILON:
        replays += FIXED_EPSILON_MISTAKES
    for kind, mistaken in replays:
        yield renamed.get(kind, kind), relative_difference(grad, mistaken(cost, theta, epsilon))
    gradapprox = centered_gradapprox(cost, theta, epsilon)
    for kind, mistaken in NORM_MISTAKES + tuple(norms):
        with np.errstate(divide="ignore", invalid="ignore"):
            yield renamed.get(kind, kind), mistaken(grad, gradapprox)
