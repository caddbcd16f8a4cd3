"""The checks students run after the graded functions of lesson 02 (the fraud network).

``gradient_check_n_test`` and ``backward_propagation_n_test`` print a pass or
raise ``AssertionError`` carrying the verdict; ``check_gradient_check_n``
and ``check_backward_propagation_n`` return the
:class:`~gc_feedback.report.CheckResult` without printing, for hidden tests
and the grader.
"""

import functools
from dataclasses import dataclass

import numpy as np

from gc_checking.diagnosis import diagnose_gradients
from gc_checking.reference import fraud_net_gradient
from gc_utils import (
    COURSE_EPSILON,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    register_messages,
    vector_to_dictionary,
)
from testCases import CHECK_SEED, gradient_check_n_test_case, random_network_case

from .hints import hints
from .mistakes import agree, expected_difference, mistaken_differences
from .report import (
    CheckResult,
    Problem,
    Text,
    call_problem,
    call_student,
    describe,
    mutation_problem,
    report,
    snapshot,
)
from .runner import ScalarCase, run_scalar_check, with_printing

register_messages({
    "case.nd_course": {
        "en": "the lesson's example (X of shape {shape}), correct gradients, ε = {epsilon}",
        "tr": "dersteki örnek (X, {shape} boyutlu), doğru gradyanlar, ε = {epsilon}",
    },
    "case.nd_seeded": {
        "en": "the lesson's example with the seeded bugs (dW2 × 2, db1 × 4), ε = {epsilon}",
        "tr": "dersteki örnek, kasıtlı eklenmiş hatalarla (dW2 × 2, db1 × 4), ε = {epsilon}",
    },
    "case.nd_random": {
        "en": "a random case (X of shape {shape}), correct gradients, ε = {epsilon}",
        "tr": "rastgele bir örnek (X, {shape} boyutlu), doğru gradyanlar, ε = {epsilon}",
    },
    "case.nd_scaled": {
        "en": "a random case (X of shape {shape}) with `{key}` multiplied by {factor}, "
              "ε = {epsilon}",
        "tr": "rastgele bir örnek (X, {shape} boyutlu), `{key}` {factor} ile çarpılmış, "
              "ε = {epsilon}",
    },
    "case.nd_backward": {
        "en": "X of shape {shape}",
        "tr": "{shape} boyutlu X",
    },
    "check.not_a_dict": {
        "en": "`{name}` returned {got} for {case}; expected a dictionary of gradients "
              "{{'dW1': ..., 'db1': ..., ...}}.",
        "tr": "`{name}`, {case} için {got} döndürdü; gradyanlardan oluşan bir sözlük "
              "{{'dW1': ..., 'db1': ..., ...}} bekleniyordu.",
    },
    "check.bad_gradients": {
        "en": "`{name}` returned gradients that cannot be checked for {case}: {error}",
        "tr": "`{name}`, {case} için kontrol edilemeyen gradyanlar döndürdü: {error}",
    },
    "check.wrong_blocks": {
        "en": "For {case}, these blocks disagree with the numerical gradient (relative "
              "difference after each): {details}. These agree: {right}.",
        "tr": "{case} için şu bloklar sayısal gradyanla uyuşmuyor (yanlarında bağıl farkları): "
              "{details}. Uyuşanlar: {right}.",
    },
    "check.nothing_right": {"en": "none", "tr": "hiçbiri"},
})

# Cases are built once per seed; a grader trying many seeds keeps the last few
SEEDS_KEPT = 16

# A correct backward pass agrees with the reference numerical gradient
# (ε = 1e-5, precise to ~1e-9) within 6e-9 per block on the course case
# and on random cases; a wrong factor in a block gives 0.1 or more. 1e-6
# leaves a margin of 100 on both sides.
BACKPROP_BLOCK_THRESHOLD = 1e-6

# Random cases keep every pre-activation this far from the ReLU kink, so
# the reference's ±1e-5 steps never cross it (lesson 03 shows why it matters)
KINK_MARGIN = 1e-3

# A block is "k times the correct one" when it is within this relative
# distance of k·correct, and k is the same on every failing input
FACTOR_TOLERANCE = 1e-4

# The random gradient_check_n cases: (m, block scaled, factor, ε). The
# scaled block makes the difference large; the larger ε make one-sided
# and unrestored perturbations stand out from rounding
GRADIENT_CHECK_N_RANDOM = ((5, "W1", 1.5, 1e-5), (4, None, 1.0, 1e-3))
# m of the random backward_propagation_n cases: different m catch a
# missing or hard-coded 1/m
BACKWARD_RANDOM_M = (5, 8, 2)

GRADIENT_CHECK_N_HINTS = hints(
    "precedence", "no_copy", "not_restored", "one_sided", "l1", "squared",
    "no_denominator", "ignores_epsilon",
)


@dataclass(frozen=True)
class NetworkCase:
    """Inputs of the fraud network and their reference gradient (never handed out)."""

    X: np.ndarray
    Y: np.ndarray
    parameters: dict
    gradapprox: np.ndarray
    keys: list


def _with_reference(X, Y, parameters):
    gradapprox, keys = fraud_net_gradient(X, Y, parameters)
    return NetworkCase(X, Y, parameters, gradapprox, keys)


@functools.cache
def _course_case():
    return _with_reference(*gradient_check_n_test_case())


@functools.lru_cache(maxsize=4 * SEEDS_KEPT)
def _random_case(seed, m):
    """A course-shaped case with m examples whose pre-activations avoid the ReLU kink."""
    rng = np.random.default_rng([seed, m])
    while True:
        X, Y, parameters = random_network_case(rng, m=m)
        _, cache = forward_propagation_n(X, Y, parameters)
        Z1, Z2 = cache[0], cache[4]
        if min(np.abs(Z1).min(), np.abs(Z2).min()) > KINK_MARGIN:
            return _with_reference(X, Y, parameters)


def _scaled(case, factors):
    """The reference gradient with blocks multiplied: ``{"W2": 2.0}``."""
    grad = case.gradapprox.copy()
    for i, key in enumerate(case.keys):
        grad[i] *= factors.get(key, 1.0)
    return grad


@functools.lru_cache(maxsize=SEEDS_KEPT)
def _gradient_check_n_cases(seed):
    course = _course_case()
    cases = [
        _gradient_check_n_case(course, course.gradapprox, COURSE_EPSILON, Text(
            "case.nd_course", {"shape": course.X.shape, "epsilon": COURSE_EPSILON})),
        _gradient_check_n_case(course, _scaled(course, {"W2": 2.0, "b1": 4.0}), COURSE_EPSILON,
                               Text("case.nd_seeded", {"epsilon": COURSE_EPSILON})),
    ]
    for m, block, factor, epsilon in GRADIENT_CHECK_N_RANDOM:
        case = _random_case(seed, m)
        fields = {"shape": case.X.shape, "epsilon": epsilon}
        if block is None:
            label = Text("case.nd_random", fields)
        else:
            label = Text("case.nd_scaled", {**fields, "key": f"d{block}", "factor": factor})
        cases.append(_gradient_check_n_case(case, _scaled(case, {block: factor}), epsilon, label))
    return tuple(cases + [with_printing(cases[1])])


def _gradient_check_n_case(case, grad, epsilon, label):
    theta, _ = dictionary_to_vector(case.parameters)

    # J as the lesson's loop computes it: course shapes, no template
    def cost(vector):
        return forward_propagation_n(case.X, case.Y, vector_to_dictionary(vector))[0]

    @functools.cache
    def mistakes():
        return tuple(mistaken_differences(cost, theta, grad, epsilon))

    gradients = {f"d{key}": value
                 for key, value in vector_to_dictionary(grad, case.parameters).items()}
    return ScalarCase(
        label=label,
        arguments={"parameters": case.parameters, "gradients": gradients,
                   "X": case.X, "Y": case.Y},
        options={"epsilon": epsilon, "print_msg": False},
        expected=expected_difference(cost, theta, grad, epsilon), what="difference",
        agrees=agree, mistakes=mistakes,
    )


def check_gradient_check_n(target, seed=CHECK_SEED):
    """Check ``gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False)``.

    The student's function must return the float difference of the
    centered-difference check on the course's 5-3-1 network, as the lesson
    computes it, to within rounding: on the lesson's example with correct
    and with seeded-bug gradients (ε = 1e-7), and on seeded random X (4, m)
    with a scaled block or correct gradients at ε = 1e-5 and 1e-3; once
    with ``print_msg=True``, which must not change the result. Its inputs
    must come back unchanged.

    Args:
        target: the student's function.
        seed: seed of the random cases (the grader may pass its own).

    Returns:
        CheckResult; a wrong value carries the kind of mistake that
        explains it (``"precedence"``, ``"no_copy"``, ``"not_restored"``,
        ``"one_sided"``, ``"l1"``, ``"squared"``, ``"no_denominator"``,
        ``"ignores_epsilon"``) or ``"wrong_value"``; also ``"mutated"``,
        ``"array_instead"``, ``"printed_instead"``, ``"returned_none"``,
        ``"raised"``, ``"not_implemented"``.
    """
    return run_scalar_check(target, "gradient_check_n", list(_gradient_check_n_cases(seed)),
                            GRADIENT_CHECK_N_HINTS)


def check_backward_propagation_n(target, seed=CHECK_SEED):
    """Check ``backward_propagation_n(X, Y, cache)`` -> gradients dict.

    ``cache`` comes from ``gc_utils.forward_propagation_n``. On the
    lesson's example and on seeded random cases (X (4, m), m = 5, 8, 2)
    every block dW1, db1, …, db3 must have its parameter's shape and agree
    with the numerical gradient within BACKPROP_BLOCK_THRESHOLD. Other
    entries (dZ1, dA2, …) are not checked. X, Y and cache must come back
    unchanged.

    Args:
        target: the student's function.
        seed: seed of the random cases (the grader may pass its own).

    Returns:
        CheckResult; kinds ``"wrong_blocks"`` (its ``.data["blocks"]`` lists
        the wrong blocks, e.g. ``["db1", "dW2"]``, and ``.data["factors"]``
        the factor found for a block, a number or ``"m"``), ``"not_a_dict"``,
        ``"bad_gradients"`` (missing keys, wrong shapes, NaN), ``"mutated"``,
        ``"returned_none"``, ``"printed_instead"``, ``"raised"``,
        ``"not_implemented"``.
    """
    name = "backward_propagation_n"
    problems = []
    failures = []
    cases = [_course_case()] + [_random_case(seed, m) for m in BACKWARD_RANDOM_M]
    for count, case in enumerate(cases, start=1):
        _, cache = forward_propagation_n(case.X, case.Y, case.parameters)
        label = Text("case.nd_backward", {"shape": case.X.shape})
        passed = {"X": snapshot(case.X), "Y": snapshot(case.Y), "cache": snapshot(cache)}
        call = call_student(target, passed["X"], passed["Y"], passed["cache"])
        stop = call_problem(name, call, label)
        if stop is not None:
            return CheckResult(name, tuple(problems + [stop]), count)
        changed = mutation_problem(name, passed, {"X": case.X, "Y": case.Y, "cache": cache},
                                   label)
        if changed is not None and not problems:
            problems.append(changed)
        stop = _gradients_problem(name, call.value, case.parameters, label)
        if stop is not None:
            return CheckResult(name, tuple(problems + [stop]), count)
        grad = gradients_to_vector(call.value)
        diagnosis = diagnose_gradients(grad, case.gradapprox, case.keys,
                                       threshold=BACKPROP_BLOCK_THRESHOLD)
        if diagnosis.suspects:
            failures.append((label, case.X.shape[1], diagnosis, grad, case.gradapprox,
                             case.keys))
    if failures:
        problems.append(_wrong_blocks(failures))
    return CheckResult(name, tuple(problems), len(cases))


def _gradients_problem(name, value, parameters, label):
    """A Problem when ``value`` is not a gradients dict that can be checked, else None.

    The wording is gc_utils' own (err.missing_keys, err.gradient_shape, …),
    kept as :class:`Text` so the verdict renders in any language.
    """
    if not isinstance(value, dict):
        return Problem("not_a_dict", Text("check.not_a_dict",
                                          {"name": name, "case": label, "got": describe(value)}))
    error = _gradients_error(value, parameters)
    if error is None:
        return None
    return Problem("bad_gradients", Text("check.bad_gradients",
                                         {"name": name, "case": label, "error": error}))


def _gradients_error(gradients, parameters):
    expected = [f"d{key}" for key in parameters]
    missing = [key for key in expected if key not in gradients]
    if missing:
        return Text("err.missing_keys", {"name": "gradients", "missing": ", ".join(missing),
                                         "expected": ", ".join(expected)})
    for key in expected:
        entry, name = gradients[key], f"gradients['{key}']"
        try:
            array = np.asarray(entry)
        except (TypeError, ValueError):
            array = None
        if array is None or array.dtype.kind not in "iuf":
            return Text("err.not_numeric", {"name": name, "got": describe(entry)})
        if array.shape != parameters[key[1:]].shape:
            return Text("err.gradient_shape", {"key": key, "param": key[1:],
                                               "expected": parameters[key[1:]].shape,
                                               "got": array.shape})
        bad = int(array.size - np.count_nonzero(np.isfinite(array)))
        if bad:
            return Text("err.not_finite", {"name": name, "count": bad})
    return None


def _block_factor(grad, gradapprox, keys, block):
    """The k with grad ≈ k·gradapprox on ``block``, or None when it is not a multiple."""
    rows = [i for i, key in enumerate(keys) if key == block]
    g, a = grad[rows].ravel(), gradapprox[rows].ravel()
    if not np.any(a):
        return None
    k = float(np.dot(g, a) / np.dot(a, a))
    residual = np.linalg.norm(g - k * a) / max(np.linalg.norm(g), np.linalg.norm(a))
    return k if residual <= FACTOR_TOLERANCE else None


def _wrong_blocks(failures):
    """One problem naming the blocks that are wrong, with one hint per kind of error.

    Args:
        failures: list of ``(label, m, diagnosis, grad, gradapprox, keys)``,
            one per failing input.
    """
    label, _, diagnosis, _, _, _ = failures[0]
    suspects = diagnosis.suspects
    right = [f"d{b.name}" for b in diagnosis.blocks if b.passed]
    detail = Text("check.wrong_blocks", {
        "case": label,
        "details": ", ".join(f"d{b}: {diagnosis.difference(b):.3g}" for b in suspects),
        "right": ", ".join(right) if right else Text("check.nothing_right"),
    })
    factors = {}
    groups = {}
    for block in suspects:
        found = [(_block_factor(grad, approx, keys, block), m)
                 for _, m, _, grad, approx, keys in failures]
        kind, fields, factor = _classify_factors(found)
        factors[f"d{block}"] = factor
        groups.setdefault((kind, tuple(fields.items())), []).append(f"`d{block}`")
    block_hints = tuple(Text(f"hint.{kind}", {"keys": ", ".join(keys), **dict(fields)})
                        for (kind, fields), keys in groups.items())
    return Problem("wrong_blocks", detail, block_hints,
                   data={"blocks": [f"d{b}" for b in suspects], "factors": factors})


def _classify_factors(found):
    """Name the error of one block from its factors ``[(k or None, m), …]`` on each input.

    Returns:
        (hint kind, hint fields, factor for ``data``: a number, "m", "m/3" or None).
    """
    ks = [k for k, _ in found]
    if None in ks:
        return "block_other", {}, None
    if all(np.isclose(k, ks[0], rtol=FACTOR_TOLERANCE) for k in ks):
        return "block_factor", {"factor": f"{ks[0]:.6g}"}, ks[0]
    if all(np.isclose(k, m, rtol=FACTOR_TOLERANCE) for k, m in found):
        return "block_per_example", {}, "m"
    # 1/m written as 1/m0 for a fixed m0 gives k = m/m0 on every input
    fixed = [m / k for k, m in found]
    m0 = round(fixed[0])
    if m0 >= 1 and all(np.isclose(value, m0, rtol=FACTOR_TOLERANCE) for value in fixed):
        return "block_fixed_m", {"m": m0}, f"m/{m0}"
    return "block_other", {}, None


def gradient_check_n_test(target):
    """Run :func:`check_gradient_check_n`: print the pass, or raise the verdict."""
    __tracebackhide__ = True  # IPython and pytest show the verdict, not this frame
    report(check_gradient_check_n(target))


def backward_propagation_n_test(target):
    """Run :func:`check_backward_propagation_n`: print the pass, or raise the verdict."""
    __tracebackhide__ = True  # IPython and pytest show the verdict, not this frame
    report(check_backward_propagation_n(target))
