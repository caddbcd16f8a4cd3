"""The gradient check as students write it: right, and with the usual mistakes.

The checks of ``gradient_check`` (lesson 01) and ``gradient_check_n``
(lesson 02) compute the difference themselves, with the same floating
point operations as the lessons' solution, so a correct student result
agrees to the last few bits. When it does not, they replay each usual
mistake on the same inputs; a mistake whose result the student's
matches on every failing input is named in the hint. The diagnosis thus
comes from behaviour, never from reading the student's source.

Each mistake has a *kind* (the key of its hint, ``hint.<kind>``) and one or
more replays: different code that computes the same wrong numbers on
every input (``theta_minus`` built from ``theta_plus`` and one array used
for both are the same mistake to a check, and its hint names both). Kinds
that need more than one entry of θ (piling perturbations, L1 norms,
broadcasting) are in ``ND_ONLY``.
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


def matches(got, replayed):
    """True when a student's result is the one a replayed mistake gives.

    As :func:`agree`, except that a replay giving exactly 0 (the same
    gradient on both sides) needs exactly 0: squared norms of a correct
    check give ~1e-19, within AGREE_ATOL of 0 but a different mistake.
    """
    if replayed == 0.0:
        return got == 0.0
    return agree(got, replayed)


def _fresh(points, divide=lambda gap, eps: gap / (2 * eps), quotient=None):
    """A loop that takes fresh (θ⁺, θ⁻) for every i: ``points(θ, i, ε) -> (θ⁺, θ⁻)``.

    gradapprox[i] is ``divide(J⁺ − J⁻, ε)``, or ``quotient(J⁺, J⁻, ε)`` when given.
    """
    def gradapprox_of(cost, theta, epsilon):
        gradapprox = np.zeros_like(theta)
        for i in range(theta.shape[0]):
            theta_plus, theta_minus = points(theta, i, epsilon)
            j_plus, j_minus = cost(theta_plus), cost(theta_minus)
            gradapprox[i] = (quotient(j_plus, j_minus, epsilon) if quotient is not None
                             else divide(j_plus - j_minus, epsilon))
        return gradapprox
    return gradapprox_of


def _moved(theta, i, step):
    moved = np.copy(theta)
    moved[i] += step
    return moved


def _centered_points(theta, i, epsilon):
    return _moved(theta, i, epsilon), _moved(theta, i, -epsilon)


centered = _fresh(_centered_points)


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
            moved = _moved(theta, i, direction * epsilon)
            gradapprox[i] = direction * (cost(moved) - centre) / epsilon
        return gradapprox
    return gradapprox_of


def _all_moved(cost, theta, epsilon):
    # theta_plus = parameters_values + epsilon: every entry moves at once
    gap = cost(theta + epsilon) - cost(theta - epsilon)
    return np.full_like(theta, gap / (2 * epsilon))


def _no_copy_plus(cost, theta, epsilon):
    # theta_plus = parameters_values (no copy), theta_minus = np.copy(...):
    # each +ε stays in θ, and θ⁻ starts from the moved θ
    values = np.copy(theta)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        values[i] += epsilon
        j_plus = cost(values)
        gradapprox[i] = (j_plus - cost(_moved(values, i, -epsilon))) / (2 * epsilon)
    return gradapprox


def _no_copy_minus(cost, theta, epsilon):
    # theta_minus = parameters_values (no copy), or θᵢ moved in place and
    # not set back: each −ε stays in θ
    values = np.copy(theta)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        j_plus = cost(_moved(values, i, epsilon))
        values[i] -= epsilon
        gradapprox[i] = (j_plus - cost(values)) / (2 * epsilon)
    return gradapprox


def _copy_once(cost, theta, epsilon):
    # theta_plus and theta_minus copied once, before the loop: both pile up
    plus, minus = np.copy(theta), np.copy(theta)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus[i] += epsilon
        minus[i] -= epsilon
        gradapprox[i] = (cost(plus) - cost(minus)) / (2 * epsilon)
    return gradapprox


def _scaled(replay, factor):
    def gradapprox_of(cost, theta, epsilon):
        return factor * replay(cost, theta, epsilon)
    return gradapprox_of


def _fixed_epsilon(step_fixed, divide_fixed):
    """ε written as the number 1e-7 in the steps, the quotient, or both."""
    def gradapprox_of(cost, theta, epsilon):
        step = COURSE_EPSILON if step_fixed else epsilon
        over = COURSE_EPSILON if divide_fixed else epsilon
        return _fresh(lambda t, i, _: _centered_points(t, i, step),
                      lambda gap, _: gap / (2 * over))(cost, theta, epsilon)
    return gradapprox_of


# (kind, how the mistaken code computes gradapprox), in the order a hint is
# preferred when several match
LOOP_MISTAKES = (
    ("precedence", _fresh(_centered_points, lambda gap, eps: gap / 2 * eps)),
    ("numerator_parentheses",
     _fresh(_centered_points, quotient=lambda plus, minus, eps: plus - minus / (2 * eps))),
    ("epsilon_squared", _fresh(_centered_points, lambda gap, eps: gap / (2 * eps ** 2))),
    ("epsilon_squared", _fresh(lambda t, i, eps: _centered_points(t, i, eps ** 2))),
    ("at_theta", _fresh(lambda t, i, eps: (_moved(t, i, eps), np.copy(t)))),
    ("at_theta", _fresh(lambda t, i, eps: (np.copy(t), _moved(t, i, -eps)))),
    ("missing_two", _fresh(_centered_points, lambda gap, eps: gap / eps)),
    ("one_sided", _one_sided(+1)),
    ("one_sided", _one_sided(-1)),
    ("sign_or_zero", _scaled(centered, -1.0)),
    ("sign_or_zero", _scaled(centered, 0.0)),
    ("no_copy", _no_copy_plus),
    ("not_restored", _no_copy_minus),
    ("copy_once", _copy_once),
    ("all_moved", _all_moved),
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
    ("l1", lambda g, a: float(np.sum(np.abs(g - a)) / (np.sum(np.abs(g)) + np.sum(np.abs(a))))),
    ("squared", lambda g, a: float(_norm(g - a) ** 2 / (_norm(g) ** 2 + _norm(a) ** 2))),
    ("squared", lambda g, a: float(_norm(g - a) ** 2 / (_norm(g) + _norm(a)))),
    ("no_denominator", lambda g, a: float(_norm(g - a))),
    ("partial_denominator", lambda g, a: float(_norm(g - a) / _norm(g))),
    ("partial_denominator", lambda g, a: float(_norm(g - a) / _norm(a))),
    ("denominator_parentheses", lambda g, a: float(_norm(g - a) / _norm(g) + _norm(a))),
    ("denominator_parentheses", lambda g, a: float(_norm(g - a) / _norm(a) + _norm(g))),
    ("norm_of_sum", lambda g, a: float(_norm(g - a) / _norm(g + a))),
    ("difference_of_norms", lambda g, a: float((_norm(g) - _norm(a)) / (_norm(g) + _norm(a)))),
    ("difference_of_norms", lambda g, a: float((_norm(a) - _norm(g)) / (_norm(g) + _norm(a)))),
    ("broadcast", lambda g, a: float(_norm(g - a.reshape(-1)) / (_norm(g) + _norm(a)))),
)

# Kinds that need more than one entry: in 1-D they give the correct result
# (one number: L1 = L2, nothing to pile up or broadcast), or coincide
ND_ONLY = frozenset({"no_copy", "not_restored", "copy_once", "all_moved", "l1", "norm_of_sum",
                     "broadcast"})
MISTAKE_KINDS = tuple(dict.fromkeys(
    [kind for kind, _ in LOOP_MISTAKES + FIXED_EPSILON_MISTAKES + NORM_MISTAKES]
))


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


def mistaken_differences(cost, theta, grad, epsilon, kinds=MISTAKE_KINDS, renamed=None):
    """Yield ``(kind, difference)`` for each usual mistake, computed lazily.

    Args:
        cost, theta, grad, epsilon: as :func:`expected_difference`.
        kinds: the kinds to replay (others are skipped).
        renamed: ``{kind: name}`` for kinds a check reports under another
            name (in 1-D, gradapprox twice or half the right one is one
            mistake: the difference is 1/3 either way).

    A kind may come more than once (both one-sided directions, both
    squared forms). ``ignores_epsilon`` comes only when ``epsilon`` differs
    from COURSE_EPSILON.
    """
    renamed = renamed or {}
    replays = LOOP_MISTAKES + (FIXED_EPSILON_MISTAKES if epsilon != COURSE_EPSILON else ())
    for kind, mistaken in replays:
        if kind in kinds:
            yield renamed.get(kind, kind), relative_difference(grad, mistaken(cost, theta, epsilon))
    gradapprox = centered_gradapprox(cost, theta, epsilon)
    for kind, mistaken in NORM_MISTAKES:
        if kind in kinds:
            with np.errstate(divide="ignore", invalid="ignore"):
                yield renamed.get(kind, kind), mistaken(grad, gradapprox)
