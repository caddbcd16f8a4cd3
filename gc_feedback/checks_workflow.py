"""The checks of lesson 03's workflow exercises: the Taylor test, cheap first, determinism first.

As in :mod:`gc_feedback.checks_practice`, each ``*_test`` prints the
verdict and raises ``AssertionError`` on failure, and each ``check_*``
returns the :class:`~gc_feedback.report.CheckResult` silently (hidden
tests and the grader pass their own ``seed``). A wrong answer is
replayed against the mistakes the instructions invite, on the same
inputs; the one that explains every wrong answer is named in the hint.
"""

import functools

import numpy as np

from gc_checking.fast_checks import random_direction_check, vectorized_check
from gc_checking.taylor import DEFAULT_STEPS, observed_orders, taylor_remainders
from gc_checking.workflow import block_ratios
from gc_utils import register_messages
from testCases import CHECK_SEED, course_objective, random_objective, seeded_bug_gradient

from .checks_practice import RANDOM_CASES, AnswerCase
from .hints import hints
from .report import Problem, Text, describe, report
from .runner import run_answer_check

register_messages({
    "hint.taylor_linear_slope": {
        "en": "Your orders match the slope of r against h itself. The order is the slope on "
              "a log-log plot: take the logarithm of both r and h before dividing the "
              "differences.",
        "tr": "Mertebeleriniz, r'nin h'ye göre doğrudan eğimiyle aynı. Mertebe, log-log "
              "grafikteki eğimdir: farkları bölmeden önce hem r'nin hem h'nin logaritmasını "
              "alın.",
    },
    "hint.taylor_log_r_only": {
        "en": "Your orders match the change of log r divided by the change of h, not of "
              "log h: the step needs its logarithm too, in the denominator of the slope.",
        "tr": "Mertebeleriniz, log r'deki değişimin log h'deki değişime değil h'deki değişime "
              "bölünmesiyle bulunanla aynı: eğimin paydasında adımın da logaritması olmalı.",
    },
    "hint.taylor_assumed_halving": {
        "en": "Your orders match dividing by log 2, as if every step were half the previous "
              "one. These steps are not all halvings: divide by the logarithm of the actual "
              "ratio of consecutive steps.",
        "tr": "Mertebeleriniz, her adım bir öncekinin yarısıymış gibi log 2'ye bölünmesiyle "
              "bulunanla aynı. Bu adımların hepsi yarılama değil: ardışık adımların gerçek "
              "oranının logaritmasına bölün.",
    },
    "hint.taylor_inverted_slope": {
        "en": "Your orders are the reciprocals of the right ones (0.5 where 2 is expected): "
              "the slope is the change of log r over the change of log h, not the other way.",
        "tr": "Mertebeleriniz doğru olanların tersi (2 beklenen yerde 0.5): eğim, log r'deki "
              "değişimin log h'deki değişime oranıdır, tersi değil.",
    },
    "hint.taylor_one_halving": {
        "en": "You returned one order, from one pair of steps. Return one order for every "
              "pair of consecutive steps: len(hs) − 1 numbers.",
        "tr": "Tek bir adım çiftinden tek bir mertebe döndürdünüz. Ardışık her adım çifti için "
              "bir mertebe döndürün: len(hs) − 1 sayı.",
    },
    "hint.taylor_returned_remainders": {
        "en": "You returned the remainders r(h), one per step. The exercise asks for the "
              "observed orders computed from them: len(hs) − 1 slopes.",
        "tr": "Kalanları, yani adım başına bir r(h) değeri döndürdünüz. Alıştırma bunlardan "
              "hesaplanan gözlenen mertebeleri istiyor: len(hs) − 1 eğim.",
    },
    "hint.taylor_no_gradient_term": {
        "en": "Your orders match r(h) = |J(θ + hu) − J(θ)|, without the term h gᵀu. Without it "
              "the remainder shrinks like h whatever the gradient is: subtract h gᵀu too.",
        "tr": "Mertebeleriniz h gᵀu terimi olmadan bulunan r(h) = |J(θ + hu) − J(θ)| ile "
              "aynı. Bu terim olmadan kalan, gradyan ne olursa olsun h gibi küçülür: h gᵀu'yu "
              "da çıkarın.",
    },
    "hint.taylor_normalized_u": {
        "en": "Your orders match a direction scaled to length 1. Use `u` as it is given: the "
              "steps h are meant along that u.",
        "tr": "Mertebeleriniz, uzunluğu 1'e ölçeklenmiş bir yönle bulunanla aynı. `u`'yu "
              "verildiği gibi kullanın: h adımları o u boyunca alınır.",
    },
    "hint.taylor_signed": {
        "en": "Some of your orders are NaN: the logarithm of a negative remainder. r(h) is "
              "an absolute value.",
        "tr": "Mertebelerinizin bazıları NaN: negatif bir kalanın logaritması. r(h) bir "
              "mutlak değerdir.",
    },
    "hint.ratios_always_full": {
        "en": "You returned the ratios although the random-direction check passed. Cheap "
              "first: when that check passes there is nothing to explain, so return `{{}}` "
              "without running the per-entry check.",
        "tr": "Rastgele yön kontrolü geçtiği hâlde oranları döndürdünüz. Önce ucuz olan: o "
              "kontrol geçtiğinde açıklanacak bir şey yoktur; eleman başına kontrolü "
              "çalıştırmadan `{{}}` döndürün.",
    },
    "hint.ratios_inverted_condition": {
        "en": "Your function explains when the cheap check passes and returns `{{}}` when it "
              "fails: the condition on `.passed` is the wrong way round.",
        "tr": "Fonksiyonunuz ucuz kontrol geçtiğinde açıklama yapıyor, başarısız olduğunda "
              "`{{}}` döndürüyor: `.passed` üzerindeki koşul ters.",
    },
    "hint.ratios_upside_down": {
        "en": "Your ratios are numerical over analytic (0.5 and 0.25 for the seeded bugs). "
              "The exercise asks for analytic over numerical: gᵀg̃ / g̃ᵀg̃.",
        "tr": "Oranlarınız sayısal bölü analitik (kasıtlı yerleştirilmiş hatalar için 0.5 ve "
              "0.25). Alıştırma analitik bölü sayısal istiyor: gᵀg̃ / g̃ᵀg̃.",
    },
    "hint.ratios_norms": {
        "en": "Your ratios match ‖g‖ / ‖g̃‖, which loses the sign: a block whose sign is "
              "flipped reads 1 instead of −1. Use the dot products gᵀg̃ / g̃ᵀg̃.",
        "tr": "Oranlarınız ‖g‖ / ‖g̃‖ ile aynı; bu oran işareti kaybeder: işareti ters dönmüş "
              "bir blok −1 yerine 1 görünür. gᵀg̃ / g̃ᵀg̃ iç çarpımlarını kullanın.",
    },
    "hint.ratios_entrywise": {
        "en": "Your ratios match the mean of g / g̃ entry by entry, which blows up (or is NaN) "
              "where g̃ is 0, as for units that ReLU switched off. Use one ratio of dot products "
              "per block.",
        "tr": "Oranlarınız g / g̃ eleman oranlarının ortalamasıyla aynı; bu ortalama g̃'nin 0 "
              "olduğu yerlerde (ReLU'nun kapattığı birimlerde olduğu gibi) aşırı büyür ya da NaN "
              "olur. Her blok için tek bir iç çarpım oranı kullanın.",
    },
    "hint.ratios_one_for_all": {
        "en": "Every block got the same ratio: the one of the whole vector. Compute the ratio "
              "inside each block, over the entries whose key is that block's name.",
        "tr": "Her blok aynı oranı aldı: tüm vektörün oranını. Oranı her bloğun içinde, "
              "anahtarı o bloğun adı olan elemanlar üzerinden hesaplayın.",
    },
    "hint.twice_once": {
        "en": "Your function says a fresh-mask cost is deterministic: it compares one "
              "evaluation with itself. Call the cost two separate times.",
        "tr": "Fonksiyonunuz yeni maskeli bir maliyetin belirlenimci olduğunu söylüyor: tek bir "
              "hesaplamayı kendisiyle karşılaştırıyor. Maliyeti iki ayrı kez çağırın.",
    },
    "hint.twice_is": {
        "en": "Your function says that even a deterministic cost changes: `is` asks whether "
              "two floats are the same object, and two evaluations give two objects. Compare "
              "their values.",
        "tr": "Fonksiyonunuz belirlenimci bir maliyetin bile değiştiğini söylüyor: `is`, iki "
              "float'un aynı nesne olup olmadığını sorar ve iki hesaplama iki ayrı nesne "
              "verir. Değerlerini karşılaştırın.",
    },
    "hint.twice_tolerance": {
        "en": "Your function calls a cost that drifts by 1e-12 or less deterministic. A "
              "change δ in J moves a centered difference by δ / 2ε (1e-5 at ε = 1e-7): "
              "compare exactly, without a tolerance.",
        "tr": "Fonksiyonunuz 1e-12 ya da daha az kayan bir maliyete belirlenimci diyor. J'deki "
              "bir δ değişimi merkezi farkı δ / 2ε kadar kaydırır (ε = 1e-7'de 1e-5): "
              "toleranssız, tam olarak karşılaştırın.",
    },
    "hint.twice_inverted": {
        "en": "Your answers are the opposite of the right ones: return True when the two "
              "evaluations are equal.",
        "tr": "Cevaplarınız doğru cevapların tersi: iki hesaplama eşit olduğunda True "
              "döndürün.",
    },
    "check.workflow.not_numbers": {
        "en": "`{name}` returned {got} for {case}; expected an array of numbers.",
        "tr": "`{name}`, {case} için {got} döndürdü; sayılardan oluşan bir dizi bekleniyordu.",
    },
    "check.workflow.wrong_orders": {
        "en": "For {case}: expected the orders {expected}, got {got}.",
        "tr": "{case} için beklenen mertebeler {expected}, gelen: {got}.",
    },
    "check.workflow.not_dict": {
        "en": "`{name}` returned {got} for {case}; expected a dict {{block: ratio}} "
              "(empty when the cheap check passes).",
        "tr": "`{name}`, {case} için {got} döndürdü; {{blok: oran}} biçiminde bir sözlük "
              "bekleniyordu (ucuz kontrol geçtiğinde boş).",
    },
    "check.workflow.wrong_ratios": {
        "en": "For {case}: expected {expected}, got {got}.",
        "tr": "{case} için beklenen {expected}, gelen: {got}.",
    },
    "check.workflow.not_bool": {
        "en": "`{name}` returned {got} for {case}; expected True or False.",
        "tr": "`{name}`, {case} için {got} döndürdü; True ya da False bekleniyordu.",
    },
    "check.workflow.wrong_bool": {
        "en": "For {case}: expected {expected}, got {got}.",
        "tr": "{case} için beklenen {expected}, gelen: {got}.",
    },
    "case.workflow.taylor": {
        "en": "the {network} network, {gradient} gradient, {count} steps h from {first} to "
              "{last}",
        "tr": "{network} ağı, {gradient} gradyan, {first} ile {last} arasında {count} h adımı",
    },
    "case.workflow.right": {"en": "a correct", "tr": "doğru bir"},
    "case.workflow.wrong": {"en": "a wrong", "tr": "yanlış bir"},
    "case.workflow.ratios": {
        "en": "the {network} network with {bug}",
        "tr": "{network} ağı ({bug})",
    },
    "case.workflow.no_bug": {"en": "a correct gradient", "tr": "doğru bir gradyan"},
})

TAYLOR_HINTS = hints("taylor_linear_slope", "taylor_log_r_only", "taylor_assumed_halving",
                     "taylor_inverted_slope", "taylor_one_halving", "taylor_returned_remainders",
                     "taylor_no_gradient_term", "taylor_normalized_u", "taylor_signed")
RATIO_HINTS = hints("ratios_always_full", "ratios_inverted_condition", "ratios_upside_down",
                    "ratios_norms", "ratios_entrywise", "ratios_one_for_all")
TWICE_HINTS = hints("twice_tolerance", "twice_once", "twice_is", "twice_inverted")

# Orders from the same formula agree to rounding: r(h) is at least 1e-9
# on every case while J's rounding is 1e-16, so a student's cost calls one
# at a time (instead of the reference's batched pass) move an order by
# about 1e-7; the mistakes move it by 1e-3 or more
ORDER_ATOL = 1e-5


def _orders_agree(got, expected):
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    return got.shape == expected.shape and bool(
        np.allclose(got, expected, rtol=0.0, atol=ORDER_ATOL, equal_nan=True))


# ----- taylor_test_order(cost, theta, grad, u, hs) -----------------------------

def _read_orders(name, value, label):
    try:
        array = np.asarray(value, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        array = None
    if array is None or isinstance(value, (bool, np.bool_, str)):
        text = Text("check.workflow.not_numbers", {"name": name, "case": label,
                                                   "got": describe(value)})
        return None, Problem("not_numbers", text)
    return array, None


def _taylor_mistakes(cost, theta, grad, u, hs):
    steps = np.asarray(hs, dtype=np.float64)
    slope = float(np.sum(grad * u))
    moved = np.array([cost(theta + h * u) for h in steps])
    centre = cost(theta)
    signed = moved - centre - steps * slope
    r = np.abs(signed)
    log_r, log_h = np.log(r), np.log(steps)
    unit = u / np.linalg.norm(u)
    normalized = np.abs(np.array([cost(theta + h * unit) for h in steps]) - centre
                        - steps * float(np.sum(grad * unit)))
    with np.errstate(invalid="ignore"):
        signed_orders = np.diff(np.log(signed)) / np.diff(log_h)
    return (
        ("taylor_linear_slope", np.diff(r) / np.diff(steps)),
        ("taylor_log_r_only", np.diff(log_r) / np.diff(steps)),
        ("taylor_assumed_halving", -np.diff(log_r) / np.log(2)),
        ("taylor_inverted_slope", np.diff(log_h) / np.diff(log_r)),
        ("taylor_one_halving", observed_orders(steps, r)[:1]),
        ("taylor_returned_remainders", r),
        ("taylor_no_gradient_term", observed_orders(steps, np.abs(moved - centre))),
        ("taylor_normalized_u", observed_orders(steps, normalized)),
        ("taylor_signed", signed_orders),
    )


def _taylor_case(objective, theta, grad, u, hs, network, right):
    label = Text("case.workflow.taylor", {
        "network": network, "count": len(hs), "first": f"{hs[0]:.1e}", "last": f"{hs[-1]:.1e}",
        "gradient": Text("case.workflow.right" if right else "case.workflow.wrong")})
    expected = observed_orders(hs, taylor_remainders(objective, theta, grad, u, hs))
    mistakes = functools.cache(lambda: _taylor_mistakes(objective.cost, theta, grad, u, hs))
    return AnswerCase(label=label, options={},
                      arguments={"cost": objective.cost, "theta": theta, "grad": grad, "u": u,
                                 "hs": hs},
                      expected=expected, mistakes=mistakes)


@functools.cache
def _taylor_cases(seed):
    objective, theta = course_objective()
    rng = np.random.default_rng(seed)
    u = rng.standard_normal(theta.shape)
    u /= np.linalg.norm(u)
    halvings = DEFAULT_STEPS.copy()
    cases = [_taylor_case(objective, theta, objective.gradient(theta), u, halvings, "5-3-1", True),
             _taylor_case(objective, theta, seeded_bug_gradient(objective, theta), u, halvings,
                          "5-3-1", False)]
    # Not every ratio of steps is 2, and u is not always of length 1
    spacings = (np.array([1e-2, 3e-3, 1e-3, 5e-4]), np.array([2e-2, 1e-2, 2e-3, 1e-3]))
    for count in range(RANDOM_CASES):
        sizes = ((4, 6, 3, 1), (3, 5, 1))[count % 2]
        other, other_theta = random_objective(sizes, m=5, seed=int(rng.integers(1000)))
        grad = other.gradient(other_theta)
        right = count % 2 == 0
        if not right:
            grad = grad * np.where(np.array(other.keys)[:, None] == "b1", 1.5, 1.0)
        direction = rng.standard_normal(other_theta.shape) * float(rng.uniform(0.3, 3.0))
        network = "-".join(str(s) for s in sizes[1:])
        cases.append(_taylor_case(other, other_theta, grad, direction, spacings[count % 2],
                                  network, right))
    return tuple(cases)


def _wrong_orders(case, got):
    return Text("check.workflow.wrong_orders", {
        "case": case.label, "expected": np.array2string(case.expected, precision=4),
        "got": np.array2string(np.asarray(got), precision=4)})


def check_taylor_test_order(target, seed=CHECK_SEED):
    """Check ``taylor_test_order(cost, theta, grad, u, hs)`` -> observed orders, silently.

    The answer is the len(hs) − 1 slopes of log r(h) against log h, with
    r(h) = |J(θ + hu) − J(θ) − h gᵀu|, on the course network (right and
    seeded-bug gradients, halvings) and seeded networks (steps that are
    not all halvings, directions that are not of length 1).

    Returns:
        CheckResult; kinds ``"taylor_linear_slope"``, ``"taylor_log_r_only"``,
        ``"taylor_assumed_halving"``, ``"taylor_inverted_slope"``,
        ``"taylor_one_halving"``, ``"taylor_returned_remainders"``,
        ``"taylor_no_gradient_term"``, ``"taylor_normalized_u"``,
        ``"taylor_signed"``, ``"not_numbers"``, else ``"wrong_value"``.
    """
    return run_answer_check(target, "taylor_test_order", list(_taylor_cases(seed)), TAYLOR_HINTS,
                            _read_orders,
                            lambda case, got, reference: _orders_agree(got, reference),
                            _wrong_orders)


def taylor_test_order_test(target):
    """Run :func:`check_taylor_test_order`, print the verdict, raise AssertionError on failure."""
    report(check_taylor_test_order(target))


# ----- cheap_first_ratios(objective, theta, grad) -------------------------------

# Ratios from any centered-difference check agree to about 1e-7 relative
# (ε = 1e-7 or the balanced ε, the loop or the vectorized check); the
# mistakes are off by a factor, a sign or a NaN
RATIO_RTOL = 1e-5


def _ratios_agree(got, expected):
    if set(got) != set(expected):
        return False
    return all(bool(np.isclose(float(got[name]), expected[name], rtol=RATIO_RTOL, atol=0.0,
                               equal_nan=True)) for name in expected)


def _read_ratios(name, value, label):
    if isinstance(value, dict):
        try:
            return {str(key): float(ratio) for key, ratio in value.items()}, None
        except (TypeError, ValueError):
            pass
    text = Text("check.workflow.not_dict", {"name": name, "case": label, "got": describe(value)})
    return None, Problem("not_a_dict", text)


def _ratio_mistakes(g, a, keys, passed):
    names = np.array(keys)
    blocks = list(dict.fromkeys(keys))

    def per_block(formula):
        return {name: float(formula(g[names == name], a[names == name])) for name in blocks}

    full = block_ratios(g, a, keys)
    with np.errstate(divide="ignore", invalid="ignore"):
        entrywise = per_block(lambda gb, ab: np.mean(gb / ab))
    whole = float(g @ a / (a @ a))
    # Always explaining is wrong only where the cheap check passed
    found = [("ratios_always_full", full),
             ("ratios_inverted_condition", full if passed else {})]
    if not passed:
        found += [("ratios_upside_down", per_block(lambda gb, ab: ab @ gb / (gb @ gb))),
                  ("ratios_norms", per_block(lambda gb, ab: np.linalg.norm(gb)
                                             / np.linalg.norm(ab))),
                  ("ratios_entrywise", entrywise),
                  ("ratios_one_for_all", dict.fromkeys(blocks, whole))]
    return tuple(found)


def _ratio_case(objective, theta, grad, network, bug):
    passed = random_direction_check(objective, theta, grad).passed
    g = grad.ravel()
    a = vectorized_check(objective, theta, grad).gradapprox
    expected = {} if passed else block_ratios(g, a, objective.keys)
    label = Text("case.workflow.ratios", {"network": network, "bug": bug})
    return AnswerCase(label=label, options={},
                      arguments={"objective": objective, "theta": theta, "grad": grad},
                      expected=expected,
                      mistakes=functools.cache(lambda: _ratio_mistakes(g, a, objective.keys,
                                                                       passed)))


def _scaled(objective, theta, block, factor):
    grad = objective.gradient(theta)
    grad[np.array(objective.keys) == block] *= factor
    return grad


def _healthy(objective, theta):
    # Every block's gradient well above the rounding of its ratio: a block
    # whose gradient is (nearly) 0 would make its ratio noise
    grad = objective.gradient(theta).ravel()
    keys = np.array(objective.keys)
    return all(np.linalg.norm(grad[keys == name]) > 1e-3 * np.linalg.norm(grad)
               for name in objective.shapes)


@functools.cache
def _ratio_cases(seed):
    objective, theta = course_objective()
    cases = [
        _ratio_case(objective, theta, seeded_bug_gradient(objective, theta), "5-3-1",
                    "W2 × 2, b1 × 4"),
        _ratio_case(objective, theta, objective.gradient(theta), "5-3-1",
                    Text("case.workflow.no_bug")),
    ]
    rng = np.random.default_rng(seed)
    bugs = (("b2", -1.0), ("W1", 0.5), (None, 1.0), ("W3", 3.0))
    for block, factor in bugs[:RANDOM_CASES]:
        other, other_theta = random_objective((4, 6, 3, 1), m=6, seed=int(rng.integers(1000)))
        while not _healthy(other, other_theta):
            other, other_theta = random_objective((4, 6, 3, 1), m=6,
                                                  seed=int(rng.integers(1000)))
        if block is None:
            bug = Text("case.workflow.no_bug")
            grad = other.gradient(other_theta)
        else:
            bug = f"{block} × {factor}"
            grad = _scaled(other, other_theta, block, factor)
        cases.append(_ratio_case(other, other_theta, grad, "6-3-1", bug))
    return tuple(cases)


def _wrong_ratios(case, got):
    def shown(ratios):
        return "{" + ", ".join(f"{name}: {value:.4g}" for name, value in ratios.items()) + "}"

    return Text("check.workflow.wrong_ratios", {"case": case.label,
                                                "expected": shown(case.expected),
                                                "got": shown(got)})


def check_cheap_first_ratios(target, seed=CHECK_SEED):
    """Check ``cheap_first_ratios(objective, theta, grad)`` -> {} or {block: ratio}, silently.

    The answer is ``{{}}`` when ``random_direction_check`` passes, else the
    analytic/numerical ratio gᵀg̃ / g̃ᵀg̃ of every block, g̃ from the
    per-entry check; on the course network (seeded bugs, correct) and
    seeded networks with a block scaled by −1, 0.5 or 3, or correct.

    Returns:
        CheckResult; kinds ``"ratios_always_full"``,
        ``"ratios_inverted_condition"``, ``"ratios_upside_down"``,
        ``"ratios_norms"``, ``"ratios_entrywise"``, ``"ratios_one_for_all"``,
        ``"not_a_dict"``, else ``"wrong_value"``.
    """
    return run_answer_check(target, "cheap_first_ratios", list(_ratio_cases(seed)), RATIO_HINTS,
                            _read_ratios,
                            lambda case, got, reference: _ratios_agree(got, reference),
                            _wrong_ratios)


def cheap_first_ratios_test(target):
    """Run :func:`check_cheap_first_ratios`, print the verdict, raise AssertionError on failure."""
    report(check_cheap_first_ratios(target))


# ----- same_cost_twice(cost, theta) ---------------------------------------------

# Costs that change by this much relative at every call: deterministic to
# np.isclose, yet the first moves a centered difference at ε = 1e-7 by
# 1e-5·|J|; the second, a few rounding units, catches an absolute
# tolerance as small as `abs(first - second) < 1e-12`
DRIFT = 1e-12
TINY_DRIFT = 1e-15


def _drifting(cost, drift):
    calls = []

    def drifting_cost(theta):
        calls.append(None)
        return cost(theta) * (1 + drift * len(calls))

    return drifting_cost


def _read_twice(name, value, label):
    if isinstance(value, (bool, np.bool_)):
        return bool(value), None
    text = Text("check.workflow.not_bool", {"name": name, "case": label, "got": describe(value)})
    return None, Problem("not_a_bool", text)


def _twice_case(cost, theta, label, expected, drifts=False):
    def mistakes():
        return (("twice_tolerance", expected or drifts), ("twice_once", True),
                ("twice_is", False), ("twice_inverted", not expected))

    return AnswerCase(label=label, options={},
                      arguments={"cost": cost, "theta": theta}, expected=expected,
                      mistakes=mistakes)


def _twice_cases(seed):
    fixed, theta = course_objective(keep_prob=0.8, masks="fixed", seed=seed)
    # The course net has so few live units that two fresh masks can drop
    # only switched-off ones and repeat a cost; these seeds' first two
    # draws differ, and the larger net's masks practically never coincide
    fresh, _ = course_objective(keep_prob=0.8, masks="fresh", seed=0)
    plain, _ = course_objective()
    other, other_theta = random_objective((6, 10, 8, 1), m=8, seed=seed % 1000,
                                          keep_prob=0.7, masks="fresh")
    return [
        _twice_case(fixed.cost, theta, "keep_prob = 0.8, masks = 'fixed'", True),
        _twice_case(fresh.cost, theta, "keep_prob = 0.8, masks = 'fresh'", False),
        _twice_case(plain.cost, theta, "keep_prob = 1", True),
        *(_twice_case(_drifting(plain.cost, drift), theta, f"J(θ)·(1 + {drift:.0e}·calls)",
                      False, drifts=True) for drift in (DRIFT, TINY_DRIFT)),
        _twice_case(other.cost, other_theta, "6-10-8-1, keep_prob = 0.7, masks = 'fresh'",
                    False),
    ]


def _wrong_twice(case, got):
    return Text("check.workflow.wrong_bool", {"case": case.label, "expected": case.expected,
                                              "got": got})


def check_same_cost_twice(target, seed=CHECK_SEED):
    """Check ``same_cost_twice(cost, theta)`` -> True when J(θ) twice gives the same number.

    Runs fixed and fresh dropout masks, no dropout, and a cost that drifts
    by 1e-12 at every call (not deterministic, though np.isclose says so).

    Returns:
        CheckResult; kinds ``"twice_once"``, ``"twice_is"``,
        ``"twice_tolerance"``, ``"twice_inverted"``, ``"not_a_bool"``, else
        ``"wrong_value"``.
    """
    return run_answer_check(target, "same_cost_twice", _twice_cases(seed), TWICE_HINTS,
                            _read_twice, lambda case, got, reference: got == reference,
                            _wrong_twice)


def same_cost_twice_test(target):
    """Run :func:`check_same_cost_twice`, print the verdict, raise AssertionError on failure."""
    report(check_same_cost_twice(target))


__all__ = [
    "check_cheap_first_ratios", "cheap_first_ratios_test",
    "check_same_cost_twice", "same_cost_twice_test",
    "check_taylor_test_order", "taylor_test_order_test",
]
