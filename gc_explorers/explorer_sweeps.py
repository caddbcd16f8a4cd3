"""The numbers behind the ε explorers: finite differences over a range of ε.

Lesson 01 compares the centered difference (J(θ+ε) − J(θ−ε)) / 2ε with the
one-sided one (J(θ+ε) − J(θ)) / ε on 1-D costs; lesson 02 takes the
numerical gradient of the fraud network. Both sweep ε over a log grid
once, so a slider move only looks values up or computes one point.
"""

from dataclasses import dataclass

import numpy as np

from gc_utils import unit_roundoff

# The slider's range, as powers of ten: below 1e-12 every difference is
# rounding noise, above 1e-1 the step is as large as θ's neighbourhood
EPSILON_MIN_EXPONENT = -12
EPSILON_MAX_EXPONENT = -1

# Unit roundoff of float64: the relative error of one rounded operation
UNIT_ROUNDOFF = unit_roundoff(np.float64)

# log-scale plots cannot show 0; an exact match is drawn on this floor
DIFFERENCE_FLOOR = 1e-18


def epsilon_grid(step=0.1, low=EPSILON_MIN_EXPONENT, high=EPSILON_MAX_EXPONENT):
    """Return ε values 10**low … 10**high, ``step`` apart in the exponent.

    Args:
        step: distance of neighbouring exponents (0.1 gives 10 points a decade).
        low, high: exponents of the first and last ε.

    Returns:
        np.ndarray of shape (k,), increasing, float64.
    """
    count = int(round((high - low) / step)) + 1
    # Rounded exponents make the decades exact (1e-05, not 9.999999999999999e-06)
    return 10.0 ** np.round(np.linspace(low, high, count), 9)


@dataclass(frozen=True)
class OneDCost:
    """A 1-D cost J(θ) = f(θ, x) with its first three derivatives in θ.

    The derivatives give the exact gradient and the size of the truncation
    error: centered ≈ |J'''| ε² / 6, one-sided ≈ |J''| ε / 2.
    """

    key: str
    formula: str
    value: object
    derivative: object
    second: object
    third: object


LINEAR_COST = OneDCost(
    key="linear",
    formula="J(θ) = θx",
    value=lambda x, theta: theta * x,
    derivative=lambda x, theta: x,
    second=lambda x, theta: 0.0,
    third=lambda x, theta: 0.0,
)

CUBIC_COST = OneDCost(
    key="cubic",
    formula="J(θ) = θ³x",
    value=lambda x, theta: theta**3 * x,
    derivative=lambda x, theta: 3 * theta**2 * x,
    second=lambda x, theta: 6 * theta * x,
    third=lambda x, theta: 6 * x,
)

ONE_D_COSTS = {cost.key: cost for cost in (LINEAR_COST, CUBIC_COST)}


def centered_difference(forward, x, theta, epsilon):
    """Return (J(θ+ε) − J(θ−ε)) / 2ε, the centered difference of lesson 01.

    Args:
        forward: function (x, theta) -> J, a float.
        x, theta: floats.
        epsilon: the step, > 0.

    Returns:
        float.
    """
    J_plus = forward(x, theta + epsilon)
    J_minus = forward(x, theta - epsilon)
    return float((J_plus - J_minus) / (2 * epsilon))


def one_sided_difference(forward, x, theta, epsilon):
    """Return (J(θ+ε) − J(θ)) / ε, the one-sided (forward) difference.

    Args:
        forward: function (x, theta) -> J, a float.
        x, theta: floats.
        epsilon: the step, > 0.

    Returns:
        float.
    """
    return float((forward(x, theta + epsilon) - forward(x, theta)) / epsilon)


def error_crossover(cost, x, theta, method):
    """Return the ε where the truncation error overtakes the rounding error.

    Rounding in J(θ±ε) contributes about u·|J|/ε; truncation contributes
    |J'''| ε² / 6 (centered) or |J''| ε / 2 (one-sided). They are equal at
    the ε returned, which is also close to the best ε.

    Args:
        cost: a OneDCost.
        x, theta: floats.
        method: ``"centered"`` or ``"one_sided"``.

    Returns:
        float ε, or None when the cost has no truncation error for this
        method (J = θx is linear, so both differences are exact in theory).
    """
    value = abs(cost.value(x, theta)) or 1.0
    if method == "centered":
        third = abs(cost.third(x, theta))
        return (6 * UNIT_ROUNDOFF * value / third) ** (1 / 3) if third else None
    second = abs(cost.second(x, theta))
    return (2 * UNIT_ROUNDOFF * value / second) ** (1 / 2) if second else None
