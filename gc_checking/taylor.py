"""The Taylor test: a gradient check that needs no ε and no threshold (lesson 03).

Along a direction u, Taylor's theorem gives

    J(θ + h u) = J(θ) + h ∇J(θ)ᵀu + O(h²),

so the remainder r(h) = |J(θ + h u) − J(θ) − h gᵀu| shrinks like h² when
g is the gradient and only like h when it is not (then r(h) ≈ h |eᵀu|
for the error e = g − ∇J). Halving h divides r by 4 or by 2: the
*observed order*, the slope of log r against log h, is 2 or 1. The
idea comes from scientific computing (dolfin-adjoint's
``taylor_test``, PETSc's ``-snes_test_jacobian``).

- :func:`taylor_remainders`: r(h) for each h, one batched forward pass;
- :func:`observed_orders`: the slopes between consecutive h;
- :func:`taylor_test`: both, with a verdict that prints which order it
  observed and against which rule.
"""

from dataclasses import dataclass

import numpy as np

from gc_checking.fast_checks import _prepare
from gc_checking.network import NetworkObjective
from gc_common.i18n import message, register_messages
from gc_common.validation import GradientCheckInputError, as_float_array, describe

register_messages({
    "taylor.verdict.ok": {
        "en": "Taylor test: observed order {order:.2f} of the remainder "
              "r(h) = |J(θ + hu) − J(θ) − h gᵀu| ({halvings} steps of h) >= {rule:.1f}: "
              "r shrinks like h², the analytic gradient g is correct "
              "({evaluations} forward passes)",
        "tr": "Taylor testi: r(h) = |J(θ + hu) − J(θ) − h gᵀu| kalanının gözlenen mertebesi "
              "{order:.2f} ({halvings} h adımıyla) >= {rule:.1f}: r, h² gibi küçülüyor; "
              "analitik gradyan g doğru ({evaluations} ileri yayılım)",
    },
    "taylor.verdict.bug": {
        "en": "Taylor test: observed order {order:.2f} of the remainder "
              "r(h) = |J(θ + hu) − J(θ) − h gᵀu| ({halvings} steps of h) < {rule:.1f}: "
              "r shrinks only like h, the analytic gradient g is wrong along u "
              "({evaluations} forward passes)",
        "tr": "Taylor testi: r(h) = |J(θ + hu) − J(θ) − h gᵀu| kalanının gözlenen mertebesi "
              "{order:.2f} ({halvings} h adımıyla) < {rule:.1f}: r yalnızca h gibi "
              "küçülüyor; analitik gradyan g, u yönünde yanlış ({evaluations} ileri yayılım)",
    },
    "err.taylor_steps": {
        "en": "`hs` must hold at least two different finite steps h > 0, got {got}",
        "tr": "`hs` en az iki farklı, sonlu ve 0'dan büyük h adımı içermeli, gelen: {got}",
    },
    "err.taylor_remainders": {
        "en": "`remainders` must hold one finite number > 0 per step h ({n} of them), got {got}; "
              "a remainder of 0 means h is so small that rounding hides the Taylor terms",
        "tr": "`remainders` her h adımı için 0'dan büyük, sonlu bir sayı içermeli ({n} tane), "
              "gelen: {got}; 0 olan bir kalan, h'nin yuvarlamanın Taylor terimlerini "
              "gizleyeceği kadar küçük olduğunu gösterir",
    },
})

# The steps of the default test: h = 1e-2, 5e-3, …, 3.1e-4 (five halvings).
# On the course net r(h) at 3.1e-4 is still about 1e-9, seven orders above
# the rounding of J (u|J| ≈ 1e-16), and 1e-2 is small enough that the h³
# term moves the order by less than 0.05
DEFAULT_STEPS = 1e-2 * 0.5 ** np.arange(6)

# Pass rule on the observed order: halfway between the 1 of a wrong
# gradient and the 2 of a right one. A wrong gradient shows 1.0 as soon as
# h|eᵀu| outweighs the h² term; a right one stays near 2 until h is so
# small that rounding (a flat r) pulls the slope down
ORDER_RULE = 1.5


def _steps(hs):
    steps = as_float_array(hs, "hs").reshape(-1).astype(np.float64)
    if steps.size < 2 or np.any(steps <= 0) or np.unique(steps).size != steps.size:
        raise GradientCheckInputError(message("err.taylor_steps", got=describe(hs)))
    return steps


def taylor_remainders(cost, theta, grad, u, hs=DEFAULT_STEPS):
    """Return r(h) = |J(θ + h u) − J(θ) − h gᵀu| for each step h.

    Args:
        cost: a NetworkObjective (or any object with ``cost`` and ``costs``)
            or a function J(θ) -> float.
        theta: parameters, shape (n, 1).
        grad: the analytic gradient to test, shape (n, 1).
        u: the direction, shape (n, 1); used as given (not normalized).
        hs: the steps h > 0, at least two, e.g. ``DEFAULT_STEPS``.

    Returns:
        np.ndarray (len(hs),) of remainders, float64. The moved points
        θ + h u go through one batched pass (len(hs) + 1 evaluations).
    """
    objective, theta, g = _prepare(cost, theta, grad)
    direction = as_float_array(u, "u")
    if direction.shape != theta.shape:
        raise GradientCheckInputError(
            message("err.shape", name="u", expected=f"({theta.shape[0]}, 1)",
                    got=direction.shape))
    steps = _steps(hs)
    direction = direction.astype(np.float64)
    moved = (theta + direction * steps).astype(theta.dtype)
    if isinstance(objective, NetworkObjective):
        costs = objective.costs(moved, validate=False)
    else:
        costs = objective.costs(moved)
    costs = np.asarray(costs, dtype=np.float64)
    centre = float(objective.cost(theta))
    slope = float(g @ direction.ravel())
    return np.abs(costs - centre - steps * slope)


def observed_orders(hs, remainders):
    """Return the observed orders: slopes of log r against log h between consecutive steps.

    order_i = log(r_{i+1} / r_i) / log(h_{i+1} / h_i): 2 when the gradient is
    right (r ∝ h²), 1 when it is wrong (r ∝ h). Any ratio of steps works,
    not only halvings; the base of the logarithm cancels.

    Args:
        hs: the steps, (k,), k >= 2, distinct and > 0.
        remainders: r(h) for each step, (k,), finite and > 0.

    Returns:
        np.ndarray (k − 1,) of orders.
    """
    steps = _steps(hs)
    values = as_float_array(remainders, "remainders").reshape(-1).astype(np.float64)
    if values.size != steps.size or np.any(values <= 0):
        raise GradientCheckInputError(
            message("err.taylor_remainders", n=steps.size, got=describe(remainders)))
    return np.diff(np.log(values)) / np.diff(np.log(steps))


@dataclass(frozen=True)
class TaylorResult:
    """The outcome of a Taylor test; prints as a one-line verdict with its rule.

    Attributes:
        hs: the steps (k,). remainders: r(h) (k,). orders: (k − 1,).
        rule: the test passes when the order at the smallest steps is at
            least this (``ORDER_RULE``).
        evaluations: forward passes spent (k + 1).
    """

    hs: np.ndarray
    remainders: np.ndarray
    orders: np.ndarray
    rule: float
    evaluations: int

    @property
    def order(self):
        """The order observed between the two smallest steps: the one Taylor's theorem is about."""
        return float(self.orders[int(np.argmin(self.hs[1:] + self.hs[:-1]))])

    @property
    def passed(self):
        """True when the observed order is at least ``rule``."""
        return self.order >= self.rule

    def __str__(self):
        return message("taylor.verdict.ok" if self.passed else "taylor.verdict.bug",
                       order=self.order, halvings=len(self.orders), rule=self.rule,
                       evaluations=self.evaluations)


def taylor_test(cost, theta, grad, u=None, hs=DEFAULT_STEPS, seed=0, rule=ORDER_RULE):
    """Run the Taylor test along u (a random unit direction if None).

    Args:
        cost, theta, grad, hs: as :func:`taylor_remainders`.
        u: direction (n, 1); None draws a Gaussian unit vector from ``seed``.
        seed: seed of that direction.
        rule: the pass rule on the observed order (default 1.5).

    Returns:
        TaylorResult.
    """
    n = np.shape(theta)[0]
    if u is None:
        u = np.random.default_rng(seed).standard_normal((n, 1))
        u /= np.linalg.norm(u)
    steps = _steps(hs)
    remainders = taylor_remainders(cost, theta, grad, u, steps)
    orders = observed_orders(steps, remainders)
    return TaylorResult(steps, remainders, orders, float(rule), steps.size + 1)
