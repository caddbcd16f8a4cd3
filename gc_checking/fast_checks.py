"""Ways to check a gradient, from the course loop to checks that cost two passes (lesson 03).

Every check compares an analytic gradient ``grad`` (n, 1) with a
numerical one at θ (n, 1) and returns a :class:`GradientCheckResult`:

- :func:`loop_check`: the course's loop, 2 forward passes per coordinate;
- :func:`vectorized_check`: the same centered differences, many
  coordinates per batched forward pass (chunked to bound memory);
- :func:`random_direction_check`: the directional derivative along a few
  random unit vectors u, (J(θ+εu) − J(θ−εu)) / 2ε against gᵀu, the idea
  of PyTorch's ``gradcheck(fast_mode=True)``: 2 passes per direction;
- :func:`sampled_check`: a few random entries from every parameter block;
- :func:`complex_step_check`: Im J(θ + ih·e_i) / h, free of cancellation,
  so h can be 1e-20 and the result is accurate to machine precision
  (smooth costs, or ReLU nets away from their kinks).

The objective is a :class:`gc_checking.network.NetworkObjective` or any
object with ``cost(theta) -> float``; a plain function J(θ) is wrapped
in a :class:`FunctionObjective`. With ``detect_kinks=True`` (needs
``pattern(theta)``) a coordinate whose θ ± ε switches a ReLU on or off is
recorded, and a check that fails only because of such coordinates says
"kink crossed" instead of "bug".
"""

import numbers
from dataclasses import dataclass

import numpy as np

# diagnosis registers err.keys_length, the error sampled_check shares with it,
# and names the reasons of the course's two thresholds
from gc_checking import diagnosis
from gc_checking.network import NetworkObjective, Workspace
from gc_common.i18n import message, register_messages
from gc_common.validation import (
    GradientCheckInputError,
    GradientCheckTypeError,
    as_float_array,
    describe,
    validate_epsilon,
)
from gc_utils import (
    BLOCK_THRESHOLD,
    CHECK_THRESHOLD,
    COURSE_EPSILON,
    relative_difference,
    unit_roundoff,
)

register_messages({
    "fast.method.loop": {"en": "course loop", "tr": "dersteki döngü"},
    "fast.method.vectorized": {"en": "vectorized", "tr": "vektörleştirilmiş"},
    "fast.method.random_direction": {"en": "random direction", "tr": "rastgele yön"},
    "fast.method.sampled": {"en": "sampled entries", "tr": "örneklenmiş elemanlar"},
    "fast.method.complex_step": {"en": "complex step", "tr": "karmaşık adım"},
    "fast.verdict.ok": {
        "en": "{method}: relative difference of {compared} = {difference:.3e} <= threshold "
              "{threshold:.1e} ({reason}): the gradient is correct ({evaluations} forward passes)",
        "tr": "{method}: {compared} bağıl farkı = {difference:.3e} <= eşik değeri "
              "{threshold:.1e} ({reason}): gradyan doğru ({evaluations} ileri yayılım)",
    },
    "fast.verdict.bug": {
        "en": "{method}: relative difference of {compared} = {difference:.3e} > threshold "
              "{threshold:.1e} ({reason}): there is a mistake in the backward pass "
              "({evaluations} forward passes)",
        "tr": "{method}: {compared} bağıl farkı = {difference:.3e} > eşik değeri "
              "{threshold:.1e} ({reason}): geri yayılımda bir hata var ({evaluations} ileri "
              "yayılım)",
    },
    "fast.verdict.kink": {
        "en": "{method}: relative difference of {compared} = {difference:.3e} > threshold "
              "{threshold:.1e} ({reason}), but only because "
              "θ ± ε crossed a ReLU kink at {count} coordinate(s) {where} (units that switched, "
              "as (layer, unit, example): {units}); without them the difference is "
              "{clean:.3e}: kink crossed, not a bug",
        "tr": "{method}: {compared} bağıl farkı = {difference:.3e} > eşik değeri "
              "{threshold:.1e} ({reason}), ama yalnızca θ ± ε "
              "{count} koordinatta {where} bir ReLU kırılma noktasını geçtiği için (durumu "
              "değişen birimler, (katman, birim, örnek) olarak: {units}); bunlar olmadan "
              "bağıl fark {clean:.3e}: kırılma noktası geçildi, hata değil",
    },
    "fast.compared.entries": {
        "en": "analytic grad and numerical gradapprox (J(θ+ε) − J(θ−ε)) / 2ε",
        "tr": "analitik grad ile sayısal gradapprox (J(θ+ε) − J(θ−ε)) / 2ε değerlerinin",
    },
    "fast.compared.direction": {
        "en": "analytic gᵀu and numerical (J(θ+εu) − J(θ−εu)) / 2ε",
        "tr": "analitik gᵀu ile sayısal (J(θ+εu) − J(θ−εu)) / 2ε değerlerinin",
    },
    "fast.compared.complex": {
        "en": "analytic grad and numerical Im J(θ+ih) / h",
        "tr": "analitik grad ile sayısal Im J(θ+ih) / h değerlerinin",
    },
    "fast.reason.complex": {
        "en": "the complex step is exact to rounding",
        "tr": "karmaşık adım, yuvarlama hatası dışında tam olarak doğrudur",
    },
    "fast.reason.dtype": {
        "en": "300·u^(2/3) of {dtype}",
        "tr": "{dtype} için 300·u^(2/3)",
    },
    "err.objective": {
        "en": "`objective` must be a function J(theta) or an object with a `cost(theta)` "
              "method, got {got}",
        "tr": "`objective` bir J(theta) fonksiyonu ya da `cost(theta)` metodu olan bir nesne "
              "olmalı, gelen: {got}",
    },
    "err.no_pattern": {
        "en": "kink detection needs an objective with a `pattern(theta)` method "
              "(e.g. NetworkObjective), got {got}",
        "tr": "kırılma noktası tespiti `pattern(theta)` metodu olan bir nesne ister "
              "(örneğin NetworkObjective), gelen: {got}",
    },
    "err.positive_int": {
        "en": "`{name}` must be a positive integer, got {got}",
        "tr": "`{name}` pozitif bir tam sayı olmalı, gelen: {got}",
    },
    "err.grad_shape": {
        "en": "`grad` must have shape ({n}, 1) like theta, got shape {got}",
        "tr": "`grad`, theta gibi ({n}, 1) boyutlu olmalı, gelen boyut: {got}",
    },
    "err.sweep_method": {
        "en": "`method` must be 'loop' or 'vectorized', got {got}",
        "tr": "`method` 'loop' ya da 'vectorized' olmalı, gelen: {got}",
    },
    "err.threshold": {
        "en": "`threshold` must be a number greater than 0, got {got}",
        "tr": "`threshold` 0'dan büyük bir sayı olmalı, gelen: {got}",
    },
})

# How many coordinates one call of perturbed_costs moves. A
# NetworkObjective runs them in blocks of BLOCK_NUMBERS numbers whatever
# the chunk, so the chunk sets what each call pays once (checking θ, the
# unperturbed pass: about a fifth of the check at 10,000 parameters with
# chunks of 256) and, with
# detect_kinks, the ReLU states kept: chunk × hidden units × m booleans,
# 6 MB per sign on the 320-256-128-1 net with 16 examples.
DEFAULT_CHUNK = 1024

# The complex step has no subtraction, hence no cancellation: h can be
# tiny and the derivative is exact to rounding (2.5e-14 on the course
# net). 1e-20 keeps the truncation term h² far below rounding.
COMPLEX_STEP = 1e-20
# Its threshold: a hundred times above what the course net reaches, a
# million times below a wrong factor in one block.
COMPLEX_STEP_THRESHOLD = 1e-11

# Rounding noise in the computed cost, relative to the best difference the
# check can reach, u^(2/3) (lesson 03). Measured on the course net: the
# best difference is about 40 u^(2/3) in float64 (1.9e-10 at ε = 1e-4)
# and 100 u^(2/3) in float32 (2.0e-4 at ε = 3e-2); 300 u^(2/3) lets a
# correct gradient pass in both while a wrong block (> 0.1) still fails.
TOLERANCE_FACTOR = 300


def suggested_epsilon(dtype=np.float64):
    """Return ε ≈ u^(1/3), the step that balances truncation O(ε²) and rounding O(u/ε).

    4.8e-06 for float64, 3.9e-03 for float32 (for J and its third
    derivative of order 1; the course net's curve has its minimum near 1e-4).
    """
    return unit_roundoff(dtype) ** (1 / 3)


def suggested_threshold(dtype=np.float64):
    """Return the relative-difference threshold that follows the dtype: 300·u^(2/3).

    7.0e-09 for float64, 4.6e-03 for float32: a correct gradient checked
    near :func:`suggested_epsilon` passes, a wrong block fails.
    """
    return TOLERANCE_FACTOR * unit_roundoff(dtype) ** (2 / 3)


@dataclass(frozen=True)
class GradientCheckResult:
    """The outcome of one gradient check; prints as a one-line verdict.

    Attributes:
        method: "loop", "vectorized", "random_direction", "sampled" or "complex_step".
        difference: relative difference of the compared values.
        threshold: the check passes when difference <= threshold.
        evaluations: number of forward passes (cost evaluations) spent.
        indices: the coordinates of θ that were checked (None for directions).
        grad, gradapprox: the compared values, (k,) each (entries of the
            gradient, or directional derivatives).
        kinks: coordinates (within ``indices``) where θ ± ε crossed a ReLU
            kink; empty when not detected or none crossed.
        clean_difference: the difference without the kink coordinates.
        kink_units: the ReLU units those coordinates switched, as
            (layer, unit, example) (from the first KINK_COORDINATES_DESCRIBED).
    """

    method: str
    difference: float
    threshold: float
    evaluations: int
    indices: object
    grad: object
    gradapprox: object
    kinks: tuple = ()
    clean_difference: float = float("nan")
    kink_units: tuple = ()

    @property
    def passed(self):
        """True when the difference is at or below the threshold."""
        return self.difference <= self.threshold

    @property
    def verdict(self):
        """"ok", "kink" (fails only at coordinates that crossed a kink) or "bug"."""
        if self.passed:
            return "ok"
        if self.kinks and self.clean_difference <= self.threshold:
            return "kink"
        return "bug"

    def __str__(self):
        fields = {
            "method": message(f"fast.method.{self.method}"),
            "compared": message(f"fast.compared.{COMPARED[self.method]}"),
            "reason": threshold_reason(self.threshold),
            "difference": self.difference,
            "threshold": self.threshold,
            "evaluations": self.evaluations,
        }
        if self.verdict == "kink":
            shown = ", ".join(str(i) for i in self.kinks[:5]) + (", …" if len(self.kinks) > 5
                                                                  else "")
            units = ", ".join(str(unit) for unit in self.kink_units[:5]) + (
                ", …" if len(self.kink_units) > 5 else "")
            return message("fast.verdict.kink", count=len(self.kinks), where=f"[{shown}]",
                           units=units, clean=self.clean_difference, **fields)
        return message(f"fast.verdict.{self.verdict}", **fields)


# What each method compares, for the printed verdict
COMPARED = {"loop": "entries", "vectorized": "entries", "sampled": "entries",
            "random_direction": "direction", "complex_step": "complex"}


def threshold_reason(threshold):
    """Return why a check uses ``threshold``, in the language in force (for verdicts).

    The complex step's and the dtypes' thresholds are named here, the
    course's two lines by :func:`gc_checking.diagnosis.threshold_reason`.
    """
    if threshold == COMPLEX_STEP_THRESHOLD:
        return message("fast.reason.complex")
    for dtype in (np.float64, np.float32):
        if threshold == suggested_threshold(dtype):
            return message("fast.reason.dtype", dtype=np.dtype(dtype).name)
    return diagnosis.threshold_reason(threshold)


class FunctionObjective:
    """Wrap a plain cost function J(θ) so every check can use it.

    Args:
        cost: function from θ (n, 1) to a float; for the complex-step
            check it must also accept a complex θ.
        n: number of parameters.
        pattern: optional function from θ to a bool array (the ReLU
            on/off states) for kink detection.
    """

    def __init__(self, cost, n, pattern=None):
        self._cost = cost
        self.n = n
        if pattern is not None:
            self.pattern = pattern

    def cost(self, theta):
        """Return J(θ) as a float."""
        return float(self._cost(theta))

    def costs(self, thetas):
        """Return J for each column of ``thetas`` (n, k), one call each."""
        return np.array([self._cost(thetas[:, [j]]) for j in range(thetas.shape[1])])

    def perturbed_costs(self, theta, indices, step, patterns=False):
        """Return J(θ + step·e_i) for each i in ``indices`` (one call each)."""
        dtype = np.complex128 if np.iscomplexobj(step) else theta.dtype
        costs = np.empty(len(indices), dtype=dtype)
        states = []
        for position, i in enumerate(indices):
            moved = theta.astype(dtype)
            moved[i] += step
            costs[position] = self._cost(moved)
            if patterns:
                states.append(self.pattern(moved))
        if patterns:
            return costs, np.array(states, dtype=bool)
        return costs


def as_objective(objective, n=None):
    """Return ``objective`` if it has ``cost``, or wrap a function J(θ) for n parameters."""
    if hasattr(objective, "cost") and hasattr(objective, "n"):
        return objective
    if callable(objective) and n is not None:
        return FunctionObjective(objective, n)
    raise GradientCheckTypeError(message("err.objective", got=describe(objective)))


def _positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise GradientCheckInputError(message("err.positive_int", name=name, got=describe(value)))
    return int(value)


def _check_threshold(threshold):
    ok = isinstance(threshold, numbers.Real) and not isinstance(threshold, bool)
    if not ok or not np.isfinite(threshold) or threshold <= 0:
        raise GradientCheckInputError(message("err.threshold", got=describe(threshold)))
    return float(threshold)


def _prepare(objective, theta, grad):
    """Validate the common arguments; return (objective, θ (n, 1), grad (n,) float64)."""
    if hasattr(objective, "check_theta"):
        # The objective knows n and its dtype: validate θ once, there
        theta_array = objective.check_theta(theta)
    else:
        theta_array = as_float_array(theta, "theta")
        if theta_array.ndim != 2 or theta_array.shape[1] != 1:
            raise GradientCheckInputError(
                message("err.shape", name="theta", expected="(n, 1)", got=theta_array.shape))
        objective = as_objective(objective, theta_array.shape[0])
    n = theta_array.shape[0]
    grad_array = as_float_array(grad, "grad")
    if grad_array.shape != (n, 1):
        raise GradientCheckInputError(message("err.grad_shape", n=n, got=grad_array.shape))
    # Read only from here on: a float64 grad is used in place, not copied
    return objective, theta_array, grad_array.astype(np.float64, copy=False).ravel()


def _needs_pattern(objective):
    if not hasattr(objective, "pattern"):
        raise GradientCheckTypeError(message("err.no_pattern", got=describe(objective)))


# Kink coordinates whose switched units the verdict names (each costs two passes)
KINK_COORDINATES_DESCRIBED = 5


def crossed_units(objective, theta, index, epsilon):
    """Return the ReLU units that θ + ε·e_i and θ − ε·e_i leave in different states.

    Args:
        objective: has ``pattern(theta)``; with ``describe_unit`` (as
            NetworkObjective) units come as (layer, unit, example).
        theta: (n, 1). index: the coordinate i. epsilon: the step.

    Returns:
        tuple of (layer, unit, example), or of positions in the pattern
        when the objective cannot describe them; empty when none switched.
    """
    _needs_pattern(objective)
    step = np.zeros_like(theta)
    step[index] = epsilon
    switched = np.flatnonzero(objective.pattern(theta + step) != objective.pattern(theta - step))
    describe_unit = getattr(objective, "describe_unit", None)
    return tuple(describe_unit(int(p)) if describe_unit else int(p) for p in switched)


def _result(method, grad, gradapprox, threshold, evaluations, indices, kink_mask=None,
            kink_context=None):
    difference = relative_difference(grad, gradapprox)
    kinks, units = (), ()
    clean = float("nan")
    if kink_mask is not None and np.any(kink_mask):
        kinks = tuple(int(i) for i in np.asarray(indices)[kink_mask])
        keep = ~kink_mask
        clean = relative_difference(grad[keep], gradapprox[keep]) if keep.any() else 0.0
        objective, theta, epsilon = kink_context
        found = (unit for i in kinks[:KINK_COORDINATES_DESCRIBED]
                 for unit in crossed_units(objective, theta, i, epsilon))
        units = tuple(dict.fromkeys(found))
    return GradientCheckResult(method, difference, threshold, int(evaluations), indices,
                       np.asarray(grad), np.asarray(gradapprox), kinks, clean, units)


def loop_check(objective, theta, grad, epsilon=COURSE_EPSILON, threshold=CHECK_THRESHOLD,
               indices=None, detect_kinks=False):
    """The course's check: for each coordinate, copy θ, move it by ±ε, run two forward passes.

    Args:
        objective: NetworkObjective, object with ``cost``, or function J(θ).
        theta: (n, 1). grad: analytic gradient (n, 1).
        epsilon: the step (the course uses 1e-7).
        threshold: pass when the relative difference is at or below it.
        indices: coordinates to check (default all); a sample lets the
            benchmark time the loop on a large network.
        detect_kinks: record coordinates whose θ ± ε switches a ReLU.

    Returns:
        GradientCheckResult with 2 × (number of coordinates) evaluations.
    """
    objective, theta, g = _prepare(objective, theta, grad)
    epsilon = validate_epsilon(epsilon)
    threshold = _check_threshold(threshold)
    if detect_kinks:
        _needs_pattern(objective)
    indices = _indices(objective, theta, indices)
    gradapprox = np.zeros(indices.size)
    kink_mask = np.zeros(indices.size, dtype=bool)
    for position, i in enumerate(indices):
        thetaplus = np.copy(theta)
        thetaplus[i] += epsilon
        thetaminus = np.copy(theta)
        thetaminus[i] -= epsilon
        J_plus = objective.cost(thetaplus)
        J_minus = objective.cost(thetaminus)
        gradapprox[position] = (J_plus - J_minus) / (2 * epsilon)
        if detect_kinks:
            kink_mask[position] = np.any(objective.pattern(thetaplus)
                                         != objective.pattern(thetaminus))
    return _result("loop", g[indices], gradapprox, threshold, 2 * indices.size, indices,
                   kink_mask if detect_kinks else None, (objective, theta, epsilon))


def _indices(objective, theta, indices):
    n = theta.shape[0]
    if hasattr(objective, "check_indices"):
        return objective.check_indices(indices)
    if indices is None:
        return np.arange(n)
    array = np.asarray(indices)
    if array.dtype.kind not in "iu" or array.ndim > 1 or (
            array.size and (array.min() < 0 or array.max() >= n)):
        raise GradientCheckInputError(message("err.indices", n=n, got=describe(indices)))
    return array.reshape(-1).astype(np.int64)


def _centered(objective, theta, indices, epsilon, chunk_size, detect_kinks):
    """Centered differences at ``indices``, ``chunk_size`` coordinates per batched pass."""
    gradapprox = np.zeros(indices.size)
    kink_mask = np.zeros(indices.size, dtype=bool)
    for start in range(0, indices.size, chunk_size):
        chunk = indices[start:start + chunk_size]
        part = slice(start, start + chunk.size)
        if detect_kinks:
            plus, on_plus = objective.perturbed_costs(theta, chunk, epsilon, patterns=True)
            minus, on_minus = objective.perturbed_costs(theta, chunk, -epsilon, patterns=True)
            kink_mask[part] = np.any(on_plus != on_minus, axis=1)
        else:
            plus = objective.perturbed_costs(theta, chunk, epsilon)
            minus = objective.perturbed_costs(theta, chunk, -epsilon)
        gradapprox[part] = (plus.astype(np.float64) - minus.astype(np.float64)) / (2 * epsilon)
    return gradapprox, kink_mask


def vectorized_check(objective, theta, grad, epsilon=COURSE_EPSILON, threshold=CHECK_THRESHOLD,
                     indices=None, chunk_size=DEFAULT_CHUNK, detect_kinks=False):
    """The course's centered differences, ``chunk_size`` coordinates per batched forward pass.

    Same numbers as :func:`loop_check` (to rounding), the same 2n cost
    evaluations, but run as a few large array operations instead of 2n
    Python-level passes; a NetworkObjective also reuses the layers
    before the moved one.

    Args:
        as :func:`loop_check`, plus ``chunk_size``: coordinates per pass
            (bounds memory to chunk × layer width × m numbers).

    Returns:
        GradientCheckResult.
    """
    objective, theta, g = _prepare(objective, theta, grad)
    epsilon = validate_epsilon(epsilon)
    threshold = _check_threshold(threshold)
    chunk_size = _positive_int(chunk_size, "chunk_size")
    if detect_kinks:
        _needs_pattern(objective)
    indices = _indices(objective, theta, indices)
    gradapprox, kink_mask = _centered(objective, theta, indices, epsilon, chunk_size,
                                      detect_kinks)
    return _result("vectorized", g[indices], gradapprox, threshold, 2 * indices.size, indices,
                   kink_mask if detect_kinks else None, (objective, theta, epsilon))


def random_direction_check(objective, theta, grad, epsilon=1e-6, threshold=BLOCK_THRESHOLD,
                           directions=1, seed=0):
    """Compare directional derivatives along random unit vectors u with gᵀu.

    The directions have entries ±1/√n with random signs.

    (J(θ + εu) − J(θ − εu)) / 2ε ≈ ∇J(θ)ᵀu for each direction: two forward
    passes per direction whatever n is. A wrong entry of ``grad`` shows
    up in gᵀu unless u happens to be orthogonal to the error, which has
    probability 0. One number per direction: it says *that* something
    is wrong, not *where*.

    Args:
        objective, theta, grad: as :func:`loop_check`.
        epsilon: the step along u (1e-6, as PyTorch's gradcheck).
        threshold: on the relative difference of the directional
            derivatives (1e-5: one number does not average rounding out).
        directions: how many random directions.
        seed: seed of the directions' generator.

    Returns:
        GradientCheckResult comparing ``directions`` values of gᵀu.
    """
    objective, theta, g = _prepare(objective, theta, grad)
    return prepared_random_direction(objective, theta, g, epsilon, threshold, directions, seed)


def prepared_random_direction(objective, theta, g, epsilon=1e-6, threshold=BLOCK_THRESHOLD,
                              directions=1, seed=0, repeats=0):
    """:func:`random_direction_check` on arguments already checked by ``_prepare``.

    For a workflow that checked θ and the gradient once and runs several
    checks on them: on 100,000 parameters a second look at every entry
    costs about as much as a forward pass.

    Args:
        objective: the objective ``_prepare`` returned.
        theta: θ as ``_prepare`` returned it, (n, 1), finite.
        g: the gradient as ``_prepare`` returned it, (n,) float64.
        epsilon, threshold, directions, seed: as :func:`random_direction_check`.
        repeats: also evaluate J(θ) itself this many times in the same
            batched pass (the cheap-first workflow's determinism check: a
            NetworkObjective draws fresh dropout masks per column).

    Returns:
        GradientCheckResult, as :func:`random_direction_check`; with
        ``repeats``, the pair (result, the ``repeats`` costs J(θ) as floats).
    """
    epsilon = validate_epsilon(epsilon)
    threshold = _check_threshold(threshold)
    directions = _positive_int(directions, "directions")
    n = theta.shape[0]
    # Kept between calls by a NetworkObjective: in a fresh kernel the
    # θ-sized array below would otherwise be page-faulted in on every call
    network = isinstance(objective, NetworkObjective)
    workspace = objective.workspace if network else Workspace()
    # Both signs of every direction go through one batched forward pass;
    # column-major, so each θ ± εu is one contiguous vector
    thetas = workspace.array("thetas", (n, 2 * directions + repeats), theta.dtype, order="F")
    plus, minus = thetas[:, :directions], thetas[:, directions:2 * directions]
    thetas[:, 2 * directions:] = theta
    # Random signs ±1/√n give unit vectors that point everywhere at once;
    # drawn as random bits, they cost far less than Gaussian directions
    # on 100,000 parameters, where these vector operations rival the
    # two forward passes themselves. 2·step·bit − step is ±step exactly.
    # One float64 direction is written where θ + step goes, then added to
    # θ in place: one θ-sized array fewer for the CPU cache to hold (more
    # directions keep their own row-major array, so gᵀu sums as before)
    rng = np.random.default_rng(seed)
    bits = np.unpackbits(rng.integers(0, 256, size=-(-n * directions // 8), dtype=np.uint8),
                         count=n * directions)
    step = epsilon / np.sqrt(n)
    in_place = directions == 1 and theta.dtype == np.float64
    steps = plus if in_place else workspace.array("steps", (n, directions), np.float64)
    np.multiply(bits.reshape(n, directions), 2 * step, out=steps)
    np.subtract(steps, step, out=steps)
    analytic = g @ steps / epsilon
    np.subtract(theta, steps, out=minus, casting="unsafe")
    np.add(theta, steps, out=plus, casting="unsafe")
    # θ and ε are checked, so every θ ± εu is finite: no second look at 2n numbers
    costs = objective.costs(thetas, validate=False) if network else objective.costs(thetas)
    costs = np.asarray(costs, dtype=np.float64)
    numerical = (costs[:directions] - costs[directions:2 * directions]) / (2 * epsilon)
    result = _result("random_direction", analytic, numerical, threshold, 2 * directions, None)
    if repeats:
        return result, [float(cost) for cost in costs[2 * directions:]]
    return result


def sampled_check(objective, theta, grad, keys, per_block=3, epsilon=COURSE_EPSILON,
                  threshold=BLOCK_THRESHOLD, seed=0, detect_kinks=False):
    """Check a few random entries of every parameter block (W1, b1, …).

    A bug usually sits in one block's formula and spoils most of its
    entries, so a handful per block finds it for a fraction of the cost.

    Args:
        objective, theta, grad, epsilon, detect_kinks: as :func:`loop_check`.
        keys: the block name of each of the n entries (``dictionary_to_vector``).
        per_block: entries drawn from each block (all of a smaller block).
        threshold: few entries do not average rounding out, so the
            per-block threshold (1e-5) by default.
        seed: seed of the sample.

    Returns:
        GradientCheckResult over the sampled coordinates (``indices``).
    """
    objective, theta, g = _prepare(objective, theta, grad)
    epsilon = validate_epsilon(epsilon)
    threshold = _check_threshold(threshold)
    per_block = _positive_int(per_block, "per_block")
    names = [str(k) for k in keys]
    if len(names) != theta.shape[0]:
        raise GradientCheckInputError(
            message("err.keys_length", n=theta.shape[0], got=len(names)))
    if detect_kinks:
        _needs_pattern(objective)
    rng = np.random.default_rng(seed)
    positions = {}
    for i, name in enumerate(names):
        positions.setdefault(name, []).append(i)
    chosen = [np.sort(rng.choice(block, size=min(per_block, len(block)), replace=False))
              for block in positions.values()]
    indices = np.concatenate(chosen).astype(np.int64)
    gradapprox, kink_mask = _centered(objective, theta, indices, epsilon, DEFAULT_CHUNK,
                                      detect_kinks)
    return _result("sampled", g[indices], gradapprox, threshold, 2 * indices.size, indices,
                   kink_mask if detect_kinks else None, (objective, theta, epsilon))


def complex_step_check(objective, theta, grad, step=COMPLEX_STEP,
                       threshold=COMPLEX_STEP_THRESHOLD, indices=None, chunk_size=DEFAULT_CHUNK):
    """Check with the complex-step derivative Im J(θ + i·h·e_i) / h.

    For a cost that is analytic near θ, J(θ + ih) = J(θ) + ihJ′(θ) − h²J″/2 + …,
    so the imaginary part gives J′ with error O(h²) and no subtraction of
    nearly equal numbers: h = 1e-20 is fine and the result matches the
    exact gradient to about 1e-15. ReLU nets qualify away from their
    kinks (the step is imaginary, so no unit changes sign).

    Args:
        objective: must accept a complex θ (NetworkObjective does).
        theta, grad, indices, chunk_size: as :func:`vectorized_check`.
        step: h, real and > 0.
        threshold: 1e-11 (the course net reaches 2.5e-14).

    Returns:
        GradientCheckResult with one evaluation per coordinate.
    """
    objective, theta, g = _prepare(objective, theta, grad)
    step = validate_epsilon(step)
    threshold = _check_threshold(threshold)
    chunk_size = _positive_int(chunk_size, "chunk_size")
    indices = _indices(objective, theta, indices)
    gradapprox = np.zeros(indices.size)
    for start in range(0, indices.size, chunk_size):
        chunk = indices[start:start + chunk_size]
        costs = objective.perturbed_costs(theta, chunk, 1j * step)
        gradapprox[start:start + chunk.size] = np.imag(costs) / step
    return _result("complex_step", g[indices], gradapprox, threshold, indices.size, indices)


def epsilon_sweep(objective, theta, grad, epsilons, method="loop"):
    """Return the relative difference of the centered-difference check for each ε (the V-curve).

    Args:
        objective, theta, grad: as :func:`loop_check`.
        epsilons: sequence of steps, e.g. ``np.logspace(-1, -10, 37)``.
        method: "loop" (the course's numbers, bit for bit) or "vectorized".

    Returns:
        np.ndarray of differences, one per ε.
    """
    checks = {"loop": loop_check, "vectorized": vectorized_check}
    if method not in checks:
        raise GradientCheckInputError(message("err.sweep_method", got=describe(method)))
    values = as_float_array(epsilons, "epsilons").ravel()
    return np.array([checks[method](objective, theta, grad, float(eps)).difference
                     for eps in values])
