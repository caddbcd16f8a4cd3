"""Cheap first, explain on failure: the checking workflow of lesson 03.

1. Determinism (:func:`cost_is_deterministic` for a cost alone): J(θ)
   evaluated twice must give the same number; if not (dropout with fresh
   masks, an unseeded sampler), every finite difference measures the
   randomness, so the workflow stops and says so instead of blaming the
   gradient.
2. :func:`~gc_checking.fast_checks.random_direction_check`: two forward
   passes per direction whatever n is (the workflow evaluates J(θ) twice
   in the same batched pass). On a correct gradient it ends here.
3. Only when that fails, the per-entry check
   (:func:`~gc_checking.fast_checks.vectorized_check`) and its split by
   block (:func:`~gc_checking.diagnosis.diagnose_gradients`): how many
   entries are over tolerance, the worst entries by block and index, and
   the analytic/numerical ratio of each block (a constant ×2 or ×4 points
   at a scaling bug, as the two seeded bugs are).

:func:`cheap_first_check` runs the three and returns a :class:`WorkflowResult`.
"""

from dataclasses import dataclass, field

import numpy as np

from gc_checking.diagnosis import diagnose_gradients
from gc_checking.fast_checks import (
    _prepare,
    prepared_random_direction,
    suggested_epsilon,
    suggested_threshold,
    vectorized_check,
)
from gc_common.i18n import message, register_messages
from gc_common.validation import GradientCheckTypeError, describe
from gc_utils import BLOCK_THRESHOLD

register_messages({
    "workflow.stage.determinism": {"en": "determinism", "tr": "belirlenimcilik"},
    "workflow.stage.random_direction": {"en": "random direction", "tr": "rastgele yön"},
    "workflow.stage.per_entry": {"en": "per entry", "tr": "eleman başına"},
    "workflow.nondeterministic": {
        "en": "Stopped before checking: J(θ) evaluated twice at the same θ gave {first!r} and "
              "{second!r}. The cost is not deterministic (dropout with fresh masks? an unseeded "
              "random number?), so a finite difference would measure the randomness, not the "
              "gradient. Fix the seed or the mask, then check.",
        "tr": "Kontrole başlamadan durdu: aynı θ noktasında iki kez hesaplanan J(θ) {first!r} "
              "ve {second!r} verdi. Maliyet belirlenimci (deterministic) değil (yeni maskeli "
              "dropout? tohumu sabitlenmemiş bir rastgele sayı?); bu yüzden bir sonlu fark "
              "gradyanı değil rastgeleliği ölçer. Tohumu ya da maskeyi sabitleyin, sonra "
              "kontrol edin.",
    },
    "workflow.cheap_ok": {
        "en": "Cheap check passed: {check}. No per-entry check needed.",
        "tr": "Ucuz kontrol geçti: {check}. Eleman başına kontrole gerek yok.",
    },
    "workflow.cheap_failed": {
        "en": "Cheap check failed: {check}. Explaining with the per-entry check:",
        "tr": "Ucuz kontrol başarısız: {check}. Eleman başına kontrolle açıklanıyor:",
    },
    "workflow.entries_over": {
        "en": "{count} of {n} entries over tolerance (|analytic − numerical| > {threshold:.0e} × "
              "(|analytic| + |numerical|) and > {floor:.1e}, the rounding noise of the numerical "
              "gradient at ε = {epsilon:.1e})",
        "tr": "{n} elemandan {count} tanesi toleransın üzerinde (|analitik − sayısal| > "
              "{threshold:.0e} × (|analitik| + |sayısal|) ve > {floor:.1e}, sayısal gradyanın "
              "ε = {epsilon:.1e} değerindeki yuvarlama gürültüsü)",
    },
    "workflow.ratio_title": {
        "en": "analytic / numerical ratio per block (gᵀg̃ / g̃ᵀg̃; 1 when right, a constant such "
              "as 2 or 4 points at a scaling bug):",
        "tr": "blok başına analitik / sayısal oranı (gᵀg̃ / g̃ᵀg̃; doğruysa 1, 2 ya da 4 gibi "
              "sabit bir değer bir ölçekleme hatasına işaret eder):",
    },
    "err.workflow_problem": {
        "en": "`problem` must be an objective with `cost(theta)` (and `gradient(theta)` when "
              "`grad` is not given) or a pair (cost, gradient function), got {got}",
        "tr": "`problem`, `cost(theta)` metodu olan (`grad` verilmediğinde `gradient(theta)` "
              "metodu da olan) bir nesne ya da (maliyet, gradyan fonksiyonu) çifti olmalı, "
              "gelen: {got}",
    },
})

STAGES = ("determinism", "random direction", "per entry")


def cost_is_deterministic(cost, theta):
    """Return True when J(θ) evaluated twice at the same θ gives exactly the same number.

    Exact equality, not a tolerance: a change δ in J moves a centered
    difference by δ / 2ε, so even a 1e-12 relative wobble is 1e-5 in the
    gradient at ε = 1e-7.

    Args:
        cost: an objective with ``cost(theta)`` or a function J(θ) -> float.
        theta: parameters, shape (n, 1).

    Returns:
        bool.
    """
    evaluate = cost.cost if hasattr(cost, "cost") else cost
    return _two_costs(evaluate, theta)[0]


def _two_costs(evaluate, theta):
    first, second = float(evaluate(theta)), float(evaluate(theta))
    return first == second, first, second


def block_ratios(grad, gradapprox, keys):
    """Return the analytic/numerical ratio gᵀg̃ / g̃ᵀg̃ of each parameter block.

    The least-squares factor c with g ≈ c·g̃ in the block: 1 when the
    block is right, exactly 2 when the analytic block is doubled, −1 when
    its sign is flipped (a ratio of norms would say 1 there).

    Args:
        grad: analytic gradient, (n, 1) or (n,). gradapprox: numerical, same size.
        keys: the block name of each of the n entries.

    Returns:
        dict {block: float} in θ's order; 1.0 for a block whose two
        gradients are both 0, inf (signed) when only the numerical one is.
    """
    g = np.asarray(grad, dtype=np.float64).reshape(-1)
    a = np.asarray(gradapprox, dtype=np.float64).reshape(-1)
    names = np.array([str(k) for k in keys])
    ratios = {}
    for name in dict.fromkeys(str(k) for k in keys):
        inside = names == name
        cross, square = float(g[inside] @ a[inside]), float(a[inside] @ a[inside])
        if square:
            ratios[name] = cross / square
        else:
            ratios[name] = 1.0 if not np.any(g[inside]) else float(np.copysign(np.inf, cross))
    return ratios


@dataclass(frozen=True)
class WorkflowResult:
    """What :func:`cheap_first_check` found; prints every stage it ran, each with its rule.

    Attributes:
        passed: True when the cost is deterministic and the random-direction
            check passed (the per-entry stage runs only after a failure,
            and ``passed`` is then False).
        stage: the last stage run: "determinism", "random direction" or "per entry".
        deterministic: False when J(θ) differed between two evaluations.
        costs: the two evaluations of J(θ).
        cheap: the random-direction GradientCheckResult (None if stopped before).
        full: the per-entry GradientCheckResult (None unless the cheap check failed).
        diagnosis: the GradientDiagnosis of the per-entry stage, or None.
        entries_over: number of entries over tolerance (0 before the per-entry stage).
        worst: the worst entries (EntryResult: block, index, grad, gradapprox).
        ratio_by_block: {block: analytic/numerical ratio} ({} before the per-entry stage).
        entry_floor: the absolute noise below which an entry's gap is not counted.
        evaluations: forward passes spent by all stages.
        epsilon: the step of the per-entry stage (None before it).
    """

    passed: bool
    stage: str
    deterministic: bool
    costs: tuple
    cheap: object = None
    full: object = None
    diagnosis: object = None
    entries_over: int = 0
    worst: tuple = ()
    ratio_by_block: dict = field(default_factory=dict)
    entry_floor: float = 0.0
    evaluations: int = 0
    epsilon: float = None

    def __str__(self):
        if not self.deterministic:
            return message("workflow.nondeterministic", first=self.costs[0],
                           second=self.costs[1])
        if self.full is None:
            return message("workflow.cheap_ok", check=str(self.cheap))
        lines = [message("workflow.cheap_failed", check=str(self.cheap)), str(self.full),
                 message("workflow.entries_over", count=self.entries_over, n=self.full.grad.size,
                         threshold=self.diagnosis.threshold, floor=self.entry_floor,
                         epsilon=self.epsilon),
                 message("workflow.ratio_title")]
        lines += [f"  {name}: {ratio:+.4f}" for name, ratio in self.ratio_by_block.items()]
        lines += ["", str(self.diagnosis)]
        return "\n".join(lines)


def _problem(problem, grad):
    """Return (objective or cost function, grad) from an objective or a (cost, grad fn) pair."""
    if isinstance(problem, tuple) and len(problem) == 2 and all(map(callable, problem)):
        cost, gradient = problem
        return cost, gradient
    if not hasattr(problem, "cost") and not callable(problem):
        raise GradientCheckTypeError(message("err.workflow_problem", got=describe(problem)))
    gradient = getattr(problem, "gradient", None)
    if grad is None and gradient is None:
        raise GradientCheckTypeError(message("err.workflow_problem", got=describe(problem)))
    return problem, gradient


def cheap_first_check(problem, theta, grad=None, keys=None, shapes=None, directions=1, seed=0,
                      threshold=BLOCK_THRESHOLD, epsilon=None, top=5):
    """Check determinism, then one cheap random direction, and explain per entry only on failure.

    Args:
        problem: a NetworkObjective (or object with ``cost``, and
            ``gradient`` when ``grad`` is None), a function J(θ), or a pair
            (cost function, gradient function).
        theta: parameters, (n, 1).
        grad: the analytic gradient to check, (n, 1); None computes it
            with the problem's gradient function.
        keys: the block of each entry (default: the objective's ``keys``,
            else one block "theta"). shapes: ``{block: shape}`` to report
            entries as (row, column) (default: the objective's ``shapes``).
        directions: random directions of the cheap stage (each costs two passes).
        seed: seed of those directions.
        threshold: relative-difference threshold of the random direction,
            of each block and of each entry (BLOCK_THRESHOLD, 1e-5: few
            numbers do not average rounding out).
        epsilon: step of the per-entry stage (default ``suggested_epsilon``
            of θ's dtype, where the centered difference is most accurate).
        top: how many worst entries to report.

    Returns:
        WorkflowResult.
    """
    cost, gradient = _problem(problem, grad)
    if grad is None:
        grad = gradient(theta)
    objective, theta, g = _prepare(cost, theta, grad)
    # J(θ) twice rides in the random direction's batched pass: one pass for
    # all four costs; the determinism verdict still comes first
    cheap, (first, second) = prepared_random_direction(
        objective, theta, g, threshold=threshold, directions=directions, seed=seed, repeats=2)
    if first != second:
        return WorkflowResult(False, "determinism", False, (first, second),
                              evaluations=2 + cheap.evaluations)
    spent = 2 + cheap.evaluations
    if cheap.passed:
        return WorkflowResult(True, "random direction", True, (first, second), cheap,
                              evaluations=spent)
    step = suggested_epsilon(theta.dtype) if epsilon is None else epsilon
    full = vectorized_check(objective, theta, grad, step, threshold)
    names = list(getattr(objective, "keys", None) or ["theta"] * g.size) if keys is None else keys
    if shapes is None:
        shapes = getattr(objective, "shapes", None)
    diagnosis = diagnose_gradients(g, full.gradapprox, names, shapes, threshold, top)
    gap = np.abs(g - full.gradapprox)
    # The numerical gradient's own error at the balanced ε is of order
    # u^(2/3)·(|J| + M); the dtype's threshold 300·u^(2/3) times |J| bounds
    # it, so an entry near 0 is not counted for its rounding noise alone
    floor = suggested_threshold(theta.dtype) * max(1.0, abs(first))
    over = (gap > threshold * (np.abs(g) + np.abs(full.gradapprox))) & (gap > floor)
    return WorkflowResult(False, "per entry", True, (first, second), cheap, full, diagnosis,
                          int(np.count_nonzero(over)), diagnosis.worst,
                          block_ratios(g, full.gradapprox, names), float(floor),
                          spent + full.evaluations, float(step))
