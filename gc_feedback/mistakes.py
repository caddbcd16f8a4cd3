"""The gradient check as students write it: right, and with the usual mistakes.

The checks of ``gradient_check`` (lesson 01) and ``gradient_check_n``
(lesson 02) compute the difference themselves, with the same floating
point operations as the lessons' solution, so a correct student result
agrees to the last few bits. When it does not, they replay each usual
mistake on the same inputs; a mistake whose result the student's
matches on every failing input is named in the hint. The diagnosis thus
comes from behaviour, never from reading the student's source.
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


def _fresh_copies(cost, theta, epsilon, divide):
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        theta_minus = np.copy(theta)
        theta_minus[i] -= epsilon
        gradapprox[i] = divide(cost(theta_plus) - cost(theta_minus), epsilon)
    return gradapprox


def centered_gradapprox(cost, theta, epsilon):
    """The lessons' loop: a fresh copy of θ per entry, (J⁺ − J⁻) / (2ε).

    Args:
        cost: function from an (n, 1) array to a float.
        theta: np.ndarray (n, 1); not modified.
        epsilon: the step.

    Returns:
        gradapprox, np.ndarray (n, 1).
    """
    return _fresh_copies(cost, theta, epsilon, lambda gap, eps: gap / (2 * eps))


def _precedence(cost, theta, epsilon):
    # (J_plus - J_minus) / 2 * epsilon: multiplies by ε instead of dividing
    return _fresh_copies(cost, theta, epsilon, lambda gap, eps: gap / 2 * eps)


def _no_copy(cost, theta, epsilon):
    # theta_plus = theta_minus = parameters_values (one array): J_minus is
    # taken at θ itself, so gradapprox ≈ grad / 2 and the difference ≈ 1/3
    values = np.copy(theta)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        values[i] += epsilon
        j_plus = cost(values)
        values[i] -= epsilon
        j_minus = cost(values)
        gradapprox[i] = (j_plus - j_minus) / (2 * epsilon)
    return gradapprox


def _not_restored(cost, theta, epsilon):
    # One copy made before the loop: earlier entries stay perturbed
    theta_plus = np.copy(theta)
    theta_minus = np.copy(theta)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        gradapprox[i] = (cost(theta_plus) - cost(theta_minus)) / (2 * epsilon)
    return gradapprox


def _one_sided(direction):
    def gradapprox_of(cost, theta, epsilon):
        centre = cost(np.copy(theta))
        gradapprox = np.zeros_like(theta)
        for i in range(theta.shape[0]):
            moved = np.copy(theta)
            moved[i] += direction * epsilon
            gradapprox[i] = direction * (cost(moved) - centre) / epsilon
        return gradapprox
    return gradapprox_of


def _l1(grad, gradapprox):
    numerator = np.sum(np.abs(grad - gradapprox))
    return float(numerator / (np.sum(np.abs(grad)) + np.sum(np.abs(gradapprox))))


def _squared(grad, gradapprox):
    numerator = np.linalg.norm(grad - gradapprox) ** 2
    return float(numerator / (np.linalg.norm(grad) ** 2 + np.linalg.norm(gradapprox) ** 2))


def _squared_numerator(grad, gradapprox):
    numerator = np.linalg.norm(grad - gradapprox) ** 2
    return float(numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))


def _no_denominator(grad, gradapprox):
    return float(np.linalg.norm(grad - gradapprox))


# (kind, how the mistaken code computes gradapprox or the difference),
# in the order a hint is preferred when several match
_LOOP_MISTAKES = (
    ("precedence", _precedence),
    ("no_copy", _no_copy),
    ("not_restored", _not_restored),
    ("one_sided", _one_sided(+1)),
    ("one_sided", _one_sided(-1)),
)
_NORM_MISTAKES = (
    ("l1", _l1),
    ("squared", _squared),
    ("squared", _squared_numerator),
    ("no_denominator", _no_denominator),
)
MISTAKE_KINDS = tuple(dict.fromkeys(
    [kind for kind, _ in _LOOP_MISTAKES] + [kind for kind, _ in _NORM_MISTAKES]
    + ["ignores_epsilon"]
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


def mistaken_differences(cost, theta, grad, epsilon):
    """Yield ``(kind, difference)`` for each usual mistake, computed lazily.

    Kinds are those of MISTAKE_KINDS; a kind may come more than once (both
    one-sided directions, both squared forms). ``ignores_epsilon`` comes
    only when ``epsilon`` differs from COURSE_EPSILON.
    """
    for kind, mistaken in _LOOP_MISTAKES:
        yield kind, relative_difference(grad, mistaken(cost, theta, epsilon))
    gradapprox = centered_gradapprox(cost, theta, epsilon)
    for kind, mistaken in _NORM_MISTAKES:
        yield kind, mistaken(grad, gradapprox)
    if epsilon != COURSE_EPSILON:
        yield "ignores_epsilon", expected_difference(cost, theta, grad, COURSE_EPSILON)
