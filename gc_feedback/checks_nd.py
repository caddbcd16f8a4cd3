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
from gc_checking.network import NetworkObjective
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

from .hints import hint, hints
from .mistakes import (
    MISTAKE_KINDS,
    Published,
    agree,
    expected_difference,
    kinds_of,
    matches,
    mistaken_differences,
    moved,
    rounding_spread,
)
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
        "tr": "dersteki örnek, kasıtlı yerleştirilmiş hatalarla (dW2 × 2, db1 × 4), ε = {epsilon}",
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

# The hints of the mistakes only a gradient of many entries can show
# (mistakes.ND_ONLY and the lesson-02 forms of the 1-D ones), and of the
# wrong blocks of a backward pass
register_messages({
    "hint.at_theta": {
        "en": "Your result matches J_minus (or J_plus) computed at θ itself instead of θ − ε "
              "(θ + ε), which makes gradapprox about half the gradient. That happens when "
              "theta_minus starts from theta_plus (θ + ε − ε = θ), when theta_plus and "
              "theta_minus are one array (no `np.copy`), or when the unperturbed vector is "
              "passed. Give θ⁺ and θ⁻ each its own copy of `parameters_values`.",
        "tr": "Sonucunuz, J_minus'un (ya da J_plus'ın) θ − ε (θ + ε) yerine θ'nın kendisinde "
              "hesaplandığı durumla aynı; bu, gradapprox'u gradyanın yaklaşık yarısı yapar. "
              "Bu durum, theta_minus theta_plus'tan başlatıldığında (θ + ε − ε = θ), theta_plus "
              "ile theta_minus tek bir dizi olduğunda (`np.copy` yoksa) ya da değiştirilmemiş "
              "vektör verildiğinde ortaya çıkar. θ⁺ ve θ⁻'ya ayrı ayrı `parameters_values`'ın "
              "kendi kopyasını verin.",
    },
    "hint.missing_two": {
        "en": "gradapprox comes out twice the gradient: the quotient divides by ε instead of "
              "2ε. Look at the line that computes gradapprox[i].",
        "tr": "gradapprox gradyanın iki katı çıkıyor: fark 2ε yerine ε'a bölünüyor. "
              "gradapprox[i]'yi hesaplayan satıra bakın.",
    },
    "hint.no_copy": {
        "en": "Your result matches theta_plus being `parameters_values` itself (no copy): "
              "each +ε then stays in θ, so every later entry is computed at a shifted point. "
              "Start theta_plus from `np.copy(parameters_values)`.",
        "tr": "Sonucunuz, theta_plus'ın `parameters_values`'ın kendisi olduğu (kopya "
              "alınmadığı) durumla aynı: o zaman her +ε θ'da kalır ve sonraki her eleman "
              "kaymış bir noktada hesaplanır. theta_plus'ı `np.copy(parameters_values)` ile "
              "başlatın.",
    },
    "hint.not_restored": {
        "en": "Your result matches θ changed in place and not set back: after entry i, θᵢ "
              "stays at θᵢ − ε while the next entries are computed. That happens when "
              "theta_minus is `parameters_values` itself (no copy), or when an entry moved in "
              "place is not restored. Give theta_minus its own copy (or undo the change "
              "before the next i).",
        "tr": "Sonucunuz, θ'nın yerinde değiştirilip eski hâline getirilmediği durumla aynı: "
              "i. elemandan sonra, sonraki elemanlar hesaplanırken θᵢ, θᵢ − ε değerinde "
              "kalıyor. Bu durum theta_minus `parameters_values`'ın kendisi olduğunda (kopya "
              "yoksa) ya da yerinde değiştirilen bir eleman geri alınmadığında ortaya çıkar. "
              "theta_minus'a kendi kopyasını verin (ya da bir sonraki i'den önce değişikliği "
              "geri alın).",
    },
    "hint.copy_once": {
        "en": "Your result matches theta_plus and theta_minus copied once, before the loop: "
              "the perturbations of earlier entries pile up. Take the copies inside the loop, "
              "fresh for every i.",
        "tr": "Sonucunuz, theta_plus ile theta_minus'un döngüden önce bir kez kopyalandığı "
              "durumla aynı: önceki elemanlardaki değişiklikler birikiyor. Kopyaları döngünün "
              "içinde, her i için yeniden alın.",
    },
    "hint.all_moved": {
        "en": "Your result matches moving every entry of θ at once (ε added to the whole "
              "vector): each gradapprox entry then holds the same number. Move only entry i.",
        "tr": "Sonucunuz, θ'nın bütün elemanlarının aynı anda kaydırıldığı (vektörün tamamına "
              "ε eklendiği) durumla aynı: o zaman gradapprox'un her elemanı aynı sayıyı tutar. "
              "Yalnızca i. elemanı kaydırın.",
    },
    "hint.l1": {
        "en": "Your result matches L1 norms (sums of absolute values). The difference uses "
              "L2 norms: `np.linalg.norm(...)`.",
        "tr": "Sonucunuz, L1 normlarıyla (mutlak değerlerin toplamıyla) hesaplanan sonuçla "
              "aynı. Bağıl fark L2 normunu kullanır: `np.linalg.norm(...)`.",
    },
    "hint.norm_of_sum": {
        "en": "Your result matches the denominator ‖grad + gradapprox‖₂ (the norm of a sum); "
              "the relative difference divides by the sum of the norms, "
              "‖grad‖₂ + ‖gradapprox‖₂.",
        "tr": "Sonucunuz, paydanın ‖grad + gradapprox‖₂ (bir toplamın normu) olduğu durumla "
              "aynı; bağıl farkta pay, normların toplamına (‖grad‖₂ + ‖gradapprox‖₂) bölünür.",
    },
    "hint.broadcast": {
        "en": "Your result matches subtracting vectors of shapes (n,) and (n, 1): NumPy "
              "broadcasts them to an (n, n) matrix, which is how a difference can come out "
              "above 1 (a relative difference never does). Keep grad and gradapprox both of "
              "shape (n, 1).",
        "tr": "Sonucunuz, (n,) ve (n, 1) boyutlu vektörlerin birbirinden çıkarıldığı durumla "
              "aynı: NumPy bunları (n, n) boyutlu bir matrise genişletir (broadcasting); bağıl "
              "farkın 1'in üzerine çıkması bu yüzdendir (gerçek bir bağıl fark 1'i hiçbir "
              "zaman aşmaz). grad ile gradapprox'u (n, 1) boyutunda tutun.",
    },
    "hint.block_factor": {
        "en": "{keys}: {factor} times the correct value on every input. Look for a stray "
              "factor where you compute it.",
        "tr": "{keys}: her girdide doğru değerin {factor} katı. Onu hesapladığınız satırda "
              "fazladan bir çarpan arayın.",
    },
    "hint.block_per_example": {
        "en": "{keys}: m times the correct value (m = number of examples, X.shape[1]). "
              "The factor 1/m is missing.",
        "tr": "{keys}: doğru değerin m katı (m = örnek sayısı, X.shape[1]). 1/m çarpanı eksik.",
    },
    "hint.block_fixed_m": {
        "en": "{keys}: right only when there are {m} examples. Take m from the data, "
              "`m = X.shape[1]`, instead of writing {m}.",
        "tr": "{keys}: yalnızca {m} örnek olduğunda doğru. m'yi {m} olarak yazmak yerine "
              "veriden alın: `m = X.shape[1]`.",
    },
    "hint.block_other": {
        "en": "{keys}: recompute with the chain rule, step by step from dZ3, and compare "
              "with the diagnosis table (`diagnose_gradients`).",
        "tr": "{keys}: zincir kuralıyla, dZ3'ten başlayarak adım adım yeniden hesaplayın ve "
              "tanı tablosuyla (`diagnose_gradients`) karşılaştırın.",
    },
    "hint.seeded_bug": {
        "en": "{keys}: still {factor} times the correct value, the seeded bug of the given "
              "code. Fix the line that computes it, where it stands.",
        "tr": "{keys}: hâlâ doğru değerin {factor} katı; bu, verilen koddaki kasıtlı "
              "yerleştirilmiş hata. Onu hesaplayan satırı bulunduğu yerde düzeltin.",
    },
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

# A difference that is rounding noise (correct gradients) agrees within this
# many times the noise of a correct loop that rounds differently (θ moved
# in place and set back), as well as within mistakes.AGREE_ATOL
ROUNDING_SLACK = 4

# The random gradient_check_n cases: (m, block scaled, factor, ε). The
# scaled block makes the difference large; the larger ε make one-sided
# and unrestored perturbations stand out from rounding
GRADIENT_CHECK_N_RANDOM = ((5, "W1", 1.5, 1e-5), (4, None, 1.0, 1e-3))
# m of the random backward_propagation_n cases: different m catch a
# missing or hard-coded 1/m
BACKWARD_RANDOM_M = (5, 8, 2)



# The mistakes only a gradient of many entries can show (in 1-D they give
# the correct result: one number has L1 = L2 and nothing to pile up), as
# mistakes.LOOP_MISTAKES and NORM_MISTAKES describe theirs
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
        gradapprox[i] = (j_plus - cost(moved(values, i, -epsilon))) / (2 * epsilon)
    return gradapprox


def _no_copy_minus(cost, theta, epsilon):
    # theta_minus = parameters_values (no copy), or θᵢ moved in place and
    # not set back: each −ε stays in θ
    values = np.copy(theta)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        j_plus = cost(moved(values, i, epsilon))
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


ND_LOOP_MISTAKES = (
    ("no_copy", _no_copy_plus),
    ("not_restored", _no_copy_minus),
    ("copy_once", _copy_once),
    ("all_moved", _all_moved),
)
ND_NORM_MISTAKES = (
    ("l1", lambda g, a: float(np.sum(np.abs(g - a)) / (np.sum(np.abs(g)) + np.sum(np.abs(a))))),
    ("norm_of_sum", lambda g, a: float(np.linalg.norm(g - a) / np.linalg.norm(g + a))),
    # (n, 1) minus (n,) broadcasts to (n, n)
    ("broadcast", lambda g, a: float(np.linalg.norm(g - a.reshape(-1))
                                     / (np.linalg.norm(g) + np.linalg.norm(a)))),
)
ND_ONLY = kinds_of(ND_LOOP_MISTAKES, ND_NORM_MISTAKES)
GRADIENT_CHECK_N_HINTS = hints(*MISTAKE_KINDS, *ND_ONLY, "hard_coded")

# The seeded bugs of the given backward pass: block -> factor
SEEDED_BUGS = {"W2": 2.0, "b1": 4.0}


@dataclass(frozen=True)
class NetworkCase:
    """Inputs of the fraud network and their gradients (never handed out).

    ``gradapprox`` is the reference numerical gradient (ε = 1e-5) that a
    student's backward pass is compared with; ``gradient`` the correct
    backward pass, the ``grad`` that ``gradient_check_n`` is handed, so the
    lesson's example gives the lesson's number (1.1890913024229996e-07).
    """

    X: np.ndarray
    Y: np.ndarray
    parameters: dict
    gradapprox: np.ndarray
    keys: list
    gradient: np.ndarray


def _with_reference(X, Y, parameters):
    gradapprox, keys = fraud_net_gradient(X, Y, parameters)
    theta, _ = dictionary_to_vector(parameters)
    gradient = NetworkObjective(X, Y, parameters).gradient(theta)
    return NetworkCase(X, Y, parameters, gradapprox, keys, gradient)


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
    """The correct gradient with blocks multiplied: ``{"W2": 2.0}``."""
    grad = case.gradient.copy()
    for i, key in enumerate(case.keys):
        grad[i] *= factors.get(key, 1.0)
    return grad


@functools.lru_cache(maxsize=SEEDS_KEPT)
def _gradient_check_n_cases(seed):
    course = _course_case()
    inputs = [
        (course, course.gradient, COURSE_EPSILON, Text(
            "case.nd_course", {"shape": course.X.shape, "epsilon": COURSE_EPSILON})),
        (course, _scaled(course, SEEDED_BUGS), COURSE_EPSILON,
         Text("case.nd_seeded", {"epsilon": COURSE_EPSILON})),
    ]
    for m, block, factor, epsilon in GRADIENT_CHECK_N_RANDOM:
        case = _random_case(seed, m)
        fields = {"shape": case.X.shape, "epsilon": epsilon}
        if block is None:
            label = Text("case.nd_random", fields)
        else:
            label = Text("case.nd_scaled", {**fields, "key": f"d{block}", "factor": factor})
        inputs.append((case, _scaled(case, {block: factor}), epsilon, label))
    # The lesson's published differences, which a hard-coded answer returns
    published = tuple(expected_difference(_cost(case), _theta(case), grad, epsilon)
                      for case, grad, epsilon, _ in inputs[:2])
    cases = [_gradient_check_n_case(*entry, published) for entry in inputs]
    return tuple(cases + [with_printing(cases[1])])


def _theta(case):
    return dictionary_to_vector(case.parameters)[0]


def _cost(case):
    """J as the lesson's loop computes it: course shapes, no template."""
    def cost(vector):
        return forward_propagation_n(case.X, case.Y, vector_to_dictionary(vector))[0]
    return cost


def _gradient_check_n_case(case, grad, epsilon, label, published):
    theta, cost = _theta(case), _cost(case)

    @functools.cache
    def mistakes():
        found = list(mistaken_differences(cost, theta, grad, epsilon, loops=ND_LOOP_MISTAKES,
                                          norms=ND_NORM_MISTAKES))
        return tuple(found + [("hard_coded", Published(value)) for value in published])

    gradients = {f"d{key}": value
                 for key, value in vector_to_dictionary(grad, case.parameters).items()}
    expected = expected_difference(cost, theta, grad, epsilon)
    slack = ROUNDING_SLACK * rounding_spread(cost, theta, grad, epsilon)

    def agrees(got, want):
        return agree(got, want) or abs(got - want) <= slack

    return ScalarCase(
        label=label,
        arguments={"parameters": case.parameters, "gradients": gradients,
                   "X": case.X, "Y": case.Y},
        options={"epsilon": epsilon, "print_msg": False},
        expected=expected, what="difference", agrees=agrees, mistakes=mistakes,
        matches=matches,
    )


def _unusual(case, got):
    """The hint when no usual mistake explains a wrong difference (a Text or a tuple)."""
    return (hint("not_usual"), hint("above_one")) if abs(got) > 1 else hint("not_usual")


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
        explains it (the keys of GRADIENT_CHECK_N_HINTS: ``"precedence"``,
        ``"at_theta"``, ``"no_copy"``, ``"copy_once"``, ``"broadcast"``, …)
        or ``"wrong_value"`` with the hint ``not_usual``; also ``"mutated"``,
        ``"array_instead"``, ``"printed_instead"``, ``"returned_none"``,
        ``"raised"``, ``"not_implemented"``.
    """
    return run_scalar_check(target, "gradient_check_n", list(_gradient_check_n_cases(seed)),
                            GRADIENT_CHECK_N_HINTS, fallback_hint=_unusual)


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
        if kind == "block_factor" and np.isclose(factor, SEEDED_BUGS.get(block, np.nan),
                                                 rtol=FACTOR_TOLERANCE):
            kind = "seeded_bug"
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
