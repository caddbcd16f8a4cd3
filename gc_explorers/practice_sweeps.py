"""The numbers behind lesson 03's ε × dtype explorer, computed once per setting.

A setting is one choice of the explorer's toggles: the dtype the fraud
network computes in, its dropout (none, a fixed mask, fresh masks) and
whether a ReLU unit sits next to its kink. For each setting the centered
difference check runs over the whole ε grid once; a slider move then only
looks a value up.

Beside the measured curve it gives the two error models of lesson 03,
section 1, as relative differences: truncation ε²‖J'''‖₂/6 and rounding
u|J|/ε in each of the n entries of g̃, both divided by ‖g‖₂ + ‖g̃‖₂ ≈ 2‖g‖₂.
"""

from dataclasses import dataclass

import numpy as np

from gc_checking.fast_checks import suggested_threshold, vectorized_check
from gc_checking.network import NetworkObjective
from gc_utils import unit_roundoff
from testCases import gradient_check_n_test_case, kink_case

from .explorer_sweeps import epsilon_grid

DTYPES = ("float64", "float32")
DROPOUTS = ("off", "fixed", "fresh")

# The dropout of lesson 03, section 4: keep 80 % of the hidden units,
# masks drawn from seed 1
KEEP_PROB = 0.8
DROPOUT_SEED = 1

# Step of the fourth-order difference that measures J‴ per coordinate, in
# float64: its own truncation (∝ h²) and rounding (∝ u/h³ ≈ 1e-10) stay
# far below the third derivatives of the fraud network (order 0.1 to 10)
THIRD_DERIVATIVE_STEP = 1e-2


@dataclass(frozen=True)
class Setting:
    """One position of the explorer's toggles.

    Attributes:
        dtype: ``"float64"`` or ``"float32"``.
        dropout: ``"off"``, ``"fixed"`` (one mask drawn from a seed) or
            ``"fresh"`` (a new mask at every forward pass).
        kink: True for lesson 03's kink case (a ReLU unit at z = 1e-8).
    """

    dtype: str = "float64"
    dropout: str = "off"
    kink: bool = False


@dataclass(frozen=True)
class PracticeCurve:
    """The centered difference check of one setting over the ε grid.

    Attributes:
        setting: the Setting.
        grid: ε values, shape (k,), increasing.
        differences: relative difference at each ε, shape (k,).
        kinks: True where θ ± ε crossed a ReLU kink at that ε, shape (k,).
        truncation: the truncation model ε²‖J'''‖₂ / (12‖g‖₂), shape (k,);
            NaN with the kink (J''' does not exist there).
        rounding: the rounding model √n·u|J|/ε / (2‖g‖₂), shape (k,).
        threshold: the pass line of the dtype, 300·u^(2/3).
        unit_roundoff: u of the dtype.
        deterministic: False when two calls of J at the same θ differ.
        cost_twice: those two values of J(θ), floats.
    """

    setting: Setting
    grid: np.ndarray
    differences: np.ndarray
    kinks: np.ndarray
    truncation: np.ndarray
    rounding: np.ndarray
    threshold: float
    unit_roundoff: float
    deterministic: bool
    cost_twice: tuple

    def index(self, epsilon):
        """Return the position of the grid value nearest to ``epsilon`` (log scale)."""
        return int(np.argmin(np.abs(np.log10(self.grid) - np.log10(epsilon))))

    def best(self):
        """Return (ε, difference) at the bottom of the measured curve."""
        position = int(np.argmin(self.differences))
        return float(self.grid[position]), float(self.differences[position])


def make_objective(setting):
    """Return (objective, theta) of the fraud network for a Setting.

    Returns:
        a NetworkObjective and θ of shape (47, 1) in the setting's dtype.
    """
    X, Y, parameters = kink_case() if setting.kink else gradient_check_n_test_case()
    options = {"dtype": np.dtype(setting.dtype)}
    if setting.dropout != "off":
        options.update(keep_prob=KEEP_PROB, masks=setting.dropout, seed=DROPOUT_SEED)
    objective = NetworkObjective(X, Y, parameters, **options)
    return objective, objective.theta(parameters)


def third_derivatives(objective, theta):
    """Return ∂³J/∂θᵢ³ for every coordinate, shape (n,), by a fourth-order difference.

    (J(θ+2h eᵢ) − 2J(θ+h eᵢ) + 2J(θ−h eᵢ) − J(θ−2h eᵢ)) / 2h³, with
    h = THIRD_DERIVATIVE_STEP; 4n forward passes of ``objective``.
    """
    h = THIRD_DERIVATIVE_STEP
    indices = np.arange(objective.n)
    plus2, plus1, minus1, minus2 = (objective.perturbed_costs(theta, indices, step)
                                    for step in (2 * h, h, -h, -2 * h))
    return (plus2 - 2 * plus1 + 2 * minus1 - minus2) / (2 * h**3)


def error_models(grid, n, cost, grad_norm, third_norm, u):
    """Return the truncation and rounding models of lesson 03 as relative differences.

    Args:
        grid: ε values, shape (k,).
        n: number of parameters.
        cost: |J(θ)|.
        grad_norm: ‖g‖₂.
        third_norm: ‖J'''‖₂ over the coordinates.
        u: unit roundoff of the dtype J is computed in.

    Returns:
        (truncation, rounding), each shape (k,): ε²‖J'''‖₂/6 and √n·u|J|/ε,
        divided by ‖g‖₂ + ‖g̃‖₂ ≈ 2‖g‖₂.
    """
    grid = np.asarray(grid, dtype=np.float64)
    truncation = grid**2 * third_norm / 6 / (2 * grad_norm)
    rounding = np.sqrt(n) * u * abs(cost) / grid / (2 * grad_norm)
    return truncation, rounding


def practice_curve(setting, step=0.1):
    """Run the check of one Setting over the ε grid (1e-12 … 1e-1).

    Args:
        setting: a Setting.
        step: distance of neighbouring exponents of the grid.

    Returns:
        PracticeCurve.
    """
    objective, theta = make_objective(setting)
    grad = objective.gradient(theta)
    grid = epsilon_grid(step)
    results = [vectorized_check(objective, theta, grad, float(epsilon),
                                detect_kinks=setting.kink) for epsilon in grid]
    cost_twice = (float(objective.cost(theta)), float(objective.cost(theta)))
    # J''' is a property of the cost, not of its rounding: measure it in
    # float64 on the same network and masks. Across a kink it does not exist
    third_norm = np.nan
    if not setting.kink:
        exact, exact_theta = make_objective(Setting("float64", setting.dropout))
        third_norm = float(np.linalg.norm(third_derivatives(exact, exact_theta)))
    u = unit_roundoff(setting.dtype)
    truncation, rounding = error_models(grid, objective.n, cost_twice[0],
                                        float(np.linalg.norm(grad.astype(np.float64))),
                                        third_norm, u)
    return PracticeCurve(
        setting=setting,
        grid=grid,
        differences=np.array([result.difference for result in results]),
        kinks=np.array([bool(result.kinks) for result in results]),
        truncation=truncation,
        rounding=rounding,
        threshold=float(suggested_threshold(setting.dtype)),
        unit_roundoff=float(u),
        deterministic=cost_twice[0] == cost_twice[1],
        cost_twice=cost_twice,
    )
