"""The checks students run after each graded function of lesson 03 (checking in practice).

Each ``*_test`` runs the student's function on several inputs (the
lesson's and seeded random ones), prints "All tests passed." or what was
wrong in the chosen language, and raises ``AssertionError`` on failure.
Each ``check_*`` does the same work silently and returns the
:class:`~gc_feedback.report.CheckResult`, for hidden tests and the grader
(which may pass its own ``seed``). A wrong result is replayed against
the usual mistakes on the same inputs; the one that explains every
wrong value is named in the hint.
"""

import functools
from dataclasses import dataclass

import numpy as np

from gc_checking.fast_checks import TOLERANCE_FACTOR, vectorized_check
from gc_checking.network import NetworkObjective
from gc_utils import register_messages, unit_roundoff, vector_to_dictionary
from testCases import CHECK_SEED, gradient_check_n_test_case, kink_case, random_objective

from .hints import hints
from .report import (
    Problem,
    Text,
    describe,
    number,
    report,
)
from .runner import ScalarCase, run_answer_check, run_scalar_check

register_messages({
    "hint.eps_square_root": {
        "en": "Your ε is a square root: that is the best step of the one-sided difference, "
              "whose truncation error is O(ε). The centered difference's truncation error is "
              "O(ε²), so balancing it with u|J|/ε gives a cube root: (3u|J|/M)^(1/3).",
        "tr": "Bulduğunuz ε bir karekök: bu, kesme hatası O(ε) olan ileri farkın (tek yönlü "
              "fark) en iyi adımıdır. Merkezi farkın kesme hatası O(ε²) olduğundan onu u|J|/ε "
              "ile dengelemek bir küpkök verir: (3u|J|/M)^(1/3).",
    },
    "hint.eps_no_three": {
        "en": "Your ε is (u|J|/M)^(1/3): the factor 3 is missing. Setting the derivative of "
              "ε²M/6 + u|J|/ε to zero gives εM/3 = u|J|/ε², so ε³ = 3u|J|/M.",
        "tr": "Bulduğunuz ε, (u|J|/M)^(1/3): 3 çarpanı eksik. ε²M/6 + u|J|/ε ifadesinin "
              "türevini sıfıra eşitlemek εM/3 = u|J|/ε² verir, yani ε³ = 3u|J|/M.",
    },
    "hint.eps_inverted": {
        "en": "Your ε is the reciprocal of the answer: the ratio is upside down. More rounding "
              "(larger u|J|) must give a LARGER ε: ε³ = 3u|J|/M.",
        "tr": "Bulduğunuz ε, doğru cevabın tersi: oran ters çevrilmiş. Daha fazla yuvarlama "
              "(daha büyük u|J|) DAHA BÜYÜK bir ε gerektirir: ε³ = 3u|J|/M.",
    },
    "hint.eps_no_root": {
        "en": "You returned ε³ = 3u|J|/M; take its cube root: `(3 * u * abs(J) / M) ** (1 / 3)`.",
        "tr": "ε³ = 3u|J|/M değerini döndürdünüz; küpkökünü alın: "
              "`(3 * u * abs(J) / M) ** (1 / 3)`.",
    },
    "hint.eps_u_only": {
        "en": "Your ε depends on u alone. u^(1/3) is the rule of thumb for J and M near 1; "
              "the exercise asks for the full formula with |J| and M.",
        "tr": "Bulduğunuz ε yalnızca u'ya bağlı. u^(1/3), J ve M 1 civarındayken geçerli bir "
              "pratik kuraldır; alıştırma |J| ve M'yi de içeren tam formülü istiyor.",
    },
    "hint.dtype_machine_eps": {
        "en": "You used machine epsilon (`np.finfo(dtype).eps`) as u. The unit roundoff is "
              "half of it: `u = np.finfo(dtype).eps / 2`.",
        "tr": "u olarak makine epsilonunu (`np.finfo(dtype).eps`) kullandınız. Birim yuvarlama "
              "bunun yarısıdır: `u = np.finfo(dtype).eps / 2`.",
    },
    "hint.dtype_swapped": {
        "en": "Your two numbers are in the wrong order: return `(epsilon, threshold)`.",
        "tr": "İki sayının sırası yanlış: `(epsilon, threshold)` döndürün.",
    },
    "hint.dtype_fixed": {
        "en": "You returned the course's float64 settings whatever the dtype. Compute them "
              "from the dtype's unit roundoff, so that float32 gets its own.",
        "tr": "dtype ne olursa olsun dersin float64 ayarlarını döndürdünüz. Onları dtype'a göre "
              "birim yuvarlamadan (unit roundoff) hesaplayın; böylece float32 kendi "
              "ayarlarını alır.",
    },
    "hint.dtype_no_factor": {
        "en": "Your threshold is u^(2/3) without the safety factor: multiply it by "
              "`TOLERANCE_FACTOR` (300), or correct gradients fail on rounding noise.",
        "tr": "Eşik değeriniz güvenlik çarpanı olmadan u^(2/3): `TOLERANCE_FACTOR` (300) ile "
              "çarpın, yoksa doğru gradyanlar yuvarlama gürültüsü yüzünden başarısız olur.",
    },
    "hint.kink_one_sided": {
        "en": "You compared the ReLU states at θ + ε with those at θ. A kink can also lie "
              "between θ − ε and θ: compare `objective.pattern(theta_plus)` with "
              "`objective.pattern(theta_minus)`.",
        "tr": "ReLU durumlarını θ + ε ile θ noktasında karşılaştırdınız. Kırılma noktası θ − ε "
              "ile θ arasında da olabilir: `objective.pattern(theta_plus)` ile "
              "`objective.pattern(theta_minus)` değerlerini karşılaştırın.",
    },
    "hint.kink_inverted": {
        "en": "Your answers are the opposite of the right ones: a kink is crossed when the "
              "two patterns DIFFER somewhere (`np.any(plus != minus)`).",
        "tr": "Cevaplarınız doğru cevapların tersi: iki desen bir yerde FARKLI olduğunda "
              "kırılma noktası geçilmiştir (`np.any(plus != minus)`).",
    },
    "hint.kink_not_bool": {
        "en": "Return one True or False for coordinate i, e.g. `bool(np.any(plus != minus))`, "
              "not the array of unit states.",
        "tr": "i koordinatı için tek bir True ya da False döndürün, örneğin "
              "`bool(np.any(plus != minus))`; birimlerin durum dizisini değil.",
    },
    "hint.dropout_fresh": {
        "en": "Your difference matches masks that change at every forward pass "
              "(`masks='fresh'`): J(θ+ε) and J(θ−ε) then drop different units. Fix the mask: "
              "`masks='fixed'` with the given `seed`.",
        "tr": "Bağıl farkınız, her ileri yayılımda değişen maskelerle (`masks='fresh'`) "
              "bulunanla aynı: o zaman J(θ+ε) ve J(θ−ε) farklı birimleri kapatır. Maskeyi "
              "sabitleyin: verilen `seed` ile `masks='fixed'`.",
    },
    "hint.dropout_off": {
        "en": "Your difference is that of the network without dropout: pass `keep_prob` to "
              "NetworkObjective, so the check covers the dropout you train with.",
        "tr": "Bağıl farkınız dropout olmayan ağınki: `keep_prob` değerini NetworkObjective'e "
              "verin ki kontrol, eğitimde kullandığınız dropout'u da kapsasın.",
    },
    "hint.dropout_seed": {
        "en": "Your difference comes from other masks than the ones asked for: pass "
              "`seed=seed` to NetworkObjective.",
        "tr": "Bağıl farkınız istenenden farklı maskelerle bulunmuş: NetworkObjective'e "
              "`seed=seed` verin.",
    },
    "hint.dropout_epsilon": {
        "en": "Your difference does not follow `epsilon`: pass it on to the check.",
        "tr": "Bağıl farkınız `epsilon` ile değişmiyor: onu kontrole iletin.",
    },
    "hint.direction_precedence": {
        "en": "`(J_plus - J_minus) / 2 * epsilon` multiplies by ε; write "
              "`(J_plus - J_minus) / (2 * epsilon)`.",
        "tr": "`(J_plus - J_minus) / 2 * epsilon` ε ile çarpar; "
              "`(J_plus - J_minus) / (2 * epsilon)` yazın.",
    },
    "hint.direction_one_sided": {
        "en": "Your result matches a one-sided difference along u. Use both sides: "
              "(J(θ + εu) − J(θ − εu)) / (2ε).",
        "tr": "Sonucunuz u yönünde tek yönlü bir farkla bulunanla aynı. İki yönü de kullanın: "
              "(J(θ + εu) − J(θ − εu)) / (2ε).",
    },
    "hint.direction_no_epsilon": {
        "en": "You moved θ by u instead of by εu: `theta + epsilon * u`.",
        "tr": "θ'yı εu yerine u kadar kaydırdınız: `theta + epsilon * u`.",
    },
    "hint.direction_signed": {
        "en": "Your difference is negative: take absolute values, "
              "|a − b| / (|a| + |b|).",
        "tr": "Bağıl farkınız negatif: mutlak değer alın, |a − b| / (|a| + |b|).",
    },
    "hint.complex_real_part": {
        "en": "You took the real part. The derivative sits in the imaginary part: "
              "`np.imag(f(x + 1j * h)) / h`.",
        "tr": "Gerçel kısmı aldınız. Türev sanal kısımdadır: `np.imag(f(x + 1j * h)) / h`.",
    },
    "hint.complex_no_divide": {
        "en": "You returned Im f(x + ih) itself, which is h·f′(x); divide it by h.",
        "tr": "Im f(x + ih) değerinin kendisini, yani h·f′(x) değerini döndürdünüz; h'ye bölün.",
    },
    "hint.complex_finite_difference": {
        "en": "Your result matches a real finite difference with step h, which cancels to 0 "
              "for h = 1e-20. Step into the complex plane: `f(x + 1j * h)`.",
        "tr": "Sonucunuz h adımlı gerçel bir sonlu farkla bulunanla aynı; h = 1e-20 için bu "
              "fark 0'a düşer. Karmaşık düzleme adım atın: `f(x + 1j * h)`.",
    },
    "check.practice.not_pair": {
        "en": "`{name}` returned {got} for {case}; expected a pair of numbers "
              "`(epsilon, threshold)`.",
        "tr": "`{name}`, {case} için {got} döndürdü; `(epsilon, threshold)` biçiminde iki "
              "sayı bekleniyordu.",
    },
    "check.practice.wrong_pair": {
        "en": "For {case}: expected (epsilon, threshold) = ({epsilon}, {threshold}), "
              "got ({got_epsilon}, {got_threshold}).",
        "tr": "{case} için beklenen (epsilon, threshold) = ({epsilon}, {threshold}), "
              "gelen: ({got_epsilon}, {got_threshold}).",
    },
    "check.practice.not_bool": {
        "en": "`{name}` returned {got} for {case}; expected True or False.",
        "tr": "`{name}`, {case} için {got} döndürdü; True ya da False bekleniyordu.",
    },
    "check.practice.wrong_answer": {
        "en": "For {case}: expected {expected}, got {got}.",
        "tr": "{case} için beklenen {expected}, gelen: {got}.",
    },
    "case.practice.coordinate": {
        "en": "coordinate i = {i} ({block}) with ε = {epsilon}",
        "tr": "ε = {epsilon} ile i = {i} koordinatı ({block})",
    },
})

RANDOM_CASES = 4

# A formula evaluated with the same operations is exact to a few rounding
# units; 1e-12 accepts `abs(J)` against `np.abs(J)`, `x ** (1/3)` against
# `np.cbrt(x)` and the like
FORMULA_RTOL = 1e-12

BEST_EPSILON_HINTS = hints("eps_square_root", "eps_no_three", "eps_inverted", "eps_no_root",
                           "eps_u_only")
DTYPE_SETTINGS_HINTS = hints("dtype_machine_eps", "dtype_swapped", "dtype_fixed",
                             "dtype_no_factor")
CROSSED_KINK_HINTS = hints("kink_one_sided", "kink_inverted", "kink_not_bool")
DROPOUT_HINTS = hints("dropout_fresh", "dropout_off", "dropout_seed", "dropout_epsilon")
DIRECTION_HINTS = hints("direction_precedence", "direction_one_sided", "direction_no_epsilon",
                        "direction_signed")
COMPLEX_STEP_HINTS = hints("complex_real_part", "complex_no_divide",
                           "complex_finite_difference")


def _agree_formula(got, expected):
    return bool(np.isclose(got, expected, rtol=FORMULA_RTOL, atol=0.0))


# ----- best_epsilon(u, J, M) ------------------------------------------------

def _best_epsilon_case(u, J, M):
    def mistakes():
        ratio = 3 * u * abs(J) / M
        return (("eps_square_root", ratio ** 0.5), ("eps_no_three", (u * abs(J) / M) ** (1 / 3)),
                ("eps_inverted", (1 / ratio) ** (1 / 3)), ("eps_no_root", ratio),
                ("eps_u_only", u ** (1 / 3)))

    return ScalarCase(
        label=f"u = {u!r}, J = {J!r}, M = {M!r}", arguments={"u": u, "J": J, "M": M},
        options={}, expected=(3 * u * abs(J) / M) ** (1 / 3), what="epsilon",
        agrees=_agree_formula, mistakes=mistakes,
    )


@functools.cache
def _best_epsilon_cases(seed):
    inputs = [(unit_roundoff(np.float64), 1.0, 1.0), (unit_roundoff(np.float32), 1.0, 1.0),
              (unit_roundoff(np.float64), 2.4, 0.05)]
    rng = np.random.default_rng(seed)
    for _ in range(RANDOM_CASES):
        inputs.append((float(10 ** rng.uniform(-17, -6)), float(10 ** rng.uniform(-2, 2)),
                       float(10 ** rng.uniform(-3, 3))))
    return tuple(_best_epsilon_case(*values) for values in inputs)


def check_best_epsilon(target, seed=CHECK_SEED):
    """Check ``best_epsilon(u, J, M)`` -> (3u|J|/M)^(1/3), without printing.

    Returns:
        CheckResult; a wrong value carries the kind that explains it:
        ``"eps_square_root"``, ``"eps_no_three"``, ``"eps_inverted"``,
        ``"eps_no_root"``, ``"eps_u_only"``, else ``"wrong_value"``.
    """
    return run_scalar_check(target, "best_epsilon", list(_best_epsilon_cases(seed)),
                            BEST_EPSILON_HINTS)


def best_epsilon_test(target):
    """Run :func:`check_best_epsilon`, print the verdict, raise AssertionError on failure."""
    report(check_best_epsilon(target))


# ----- cases with any kind of answer ------------------------------------------

@dataclass(frozen=True)
class AnswerCase:
    """One input to a student function whose answer is not a single number.

    Attributes:
        label: the inputs as the student reads them (str or Text).
        arguments: ``{name: value}`` passed positionally; mutation is detected.
        options: ``{name: value}`` passed by keyword.
        expected: the correct answer, in the form ``read`` returns.
        mistakes: zero-argument callable giving ``(kind, answer)`` pairs.
    """

    label: object
    arguments: dict
    options: dict
    expected: object
    mistakes: object


# ----- dtype_settings(dtype) --------------------------------------------------

def _settings(u, factor=TOLERANCE_FACTOR):
    return (u ** (1 / 3), factor * u ** (2 / 3))


def _read_pair(name, value, label):
    try:
        pair = tuple(float(v) for v in value)
    except (TypeError, ValueError):
        pair = ()
    if len(pair) != 2 or isinstance(value, (str, bytes, dict)):
        text = Text("check.practice.not_pair", {"name": name, "case": label,
                                                "got": describe(value)})
        return None, Problem("not_a_pair", text)
    return pair, None


# `np.finfo(np.float32).eps` is a float32, so a correct answer may be
# computed in float32: good to ~1e-7 relative. The mistakes are off by
# at least 2^(1/3) (machine epsilon instead of u).
PAIR_RTOL = 1e-6


def _agree_pair(got, expected):
    return all(np.isclose(g, e, rtol=PAIR_RTOL, atol=0.0)
               for g, e in zip(got, expected, strict=True))


def _wrong_pair(case, got):
    return Text("check.practice.wrong_pair", {
        "case": case.label, "epsilon": number(case.expected[0]),
        "threshold": number(case.expected[1]), "got_epsilon": number(got[0]),
        "got_threshold": number(got[1])})


def _dtype_case(dtype):
    u = unit_roundoff(dtype)

    def mistakes():
        epsilon, threshold = _settings(u)
        return (("dtype_machine_eps", _settings(2 * u)), ("dtype_swapped", (threshold, epsilon)),
                ("dtype_fixed", (1e-7, 2e-7)), ("dtype_no_factor", _settings(u, 1)))

    return AnswerCase(label=f"dtype = {dtype!r}", arguments={"dtype": dtype}, options={},
                      expected=_settings(u), mistakes=mistakes)


def check_dtype_settings(target, seed=CHECK_SEED):
    """Check ``dtype_settings(dtype)`` -> (u^(1/3), 300·u^(2/3)) with u = eps/2, silently.

    Runs float64 and float32, given as NumPy types, dtype objects and
    strings (``seed`` only shuffles their order).

    Returns:
        CheckResult; kinds ``"dtype_machine_eps"``, ``"dtype_swapped"``,
        ``"dtype_fixed"``, ``"dtype_no_factor"``, ``"not_a_pair"``, else
        ``"wrong_value"``.
    """
    dtypes = [np.float64, np.float32, np.dtype("float32"), "float64"]
    order = np.random.default_rng(seed).permutation(len(dtypes))
    cases = [_dtype_case(dtypes[0])] + [_dtype_case(dtypes[i]) for i in order if i != 0]
    return run_answer_check(target, "dtype_settings", cases, DTYPE_SETTINGS_HINTS, _read_pair,
                            lambda case, got, reference: _agree_pair(got, reference), _wrong_pair)


def dtype_settings_test(target):
    """Run :func:`check_dtype_settings`, print the verdict, raise AssertionError on failure."""
    report(check_dtype_settings(target))


# ----- crossed_kink(objective, theta, i, epsilon) ------------------------------

def _read_bool(name, value, label):
    if isinstance(value, (bool, np.bool_)):
        return bool(value), None
    kind = "kink_not_bool" if isinstance(value, np.ndarray) else "not_a_bool"
    text = Text("check.practice.not_bool", {"name": name, "case": label, "got": describe(value)})
    return None, Problem(kind, text, CROSSED_KINK_HINTS.get(kind))


def _moved(theta, i, step):
    moved = np.copy(theta)
    moved[i] += step
    return moved


def _kink_case(objective, theta, i, epsilon):
    plus = objective.pattern(_moved(theta, i, epsilon))
    minus = objective.pattern(_moved(theta, i, -epsilon))
    crossed = bool(np.any(plus != minus))

    def mistakes():
        one_sided = bool(np.any(plus != objective.pattern(theta)))
        return (("kink_one_sided", one_sided), ("kink_inverted", not crossed))

    label = Text("case.practice.coordinate", {"i": int(i), "block": objective.keys[i],
                                              "epsilon": repr(epsilon)})
    return AnswerCase(label=label, options={},
                      arguments={"objective": objective, "theta": theta, "i": int(i),
                                 "epsilon": epsilon},
                      expected=crossed, mistakes=mistakes)


@functools.cache
def _crossed_kink_cases(seed):
    X, Y, parameters = kink_case()
    objective = NetworkObjective(X, Y, parameters)
    theta = objective.theta(parameters)
    # b1[0] crosses only on the minus side; W1[0, 0] crosses; b2[0] and W3 do not
    cases = [_kink_case(objective, theta, i, 1e-7) for i in (20, 0, 45, 41)]
    rng = np.random.default_rng(seed)
    other, other_theta = random_objective((3, 6, 4, 1), m=5, seed=int(rng.integers(1000)))
    for i in rng.choice(other.n, size=RANDOM_CASES, replace=False):
        cases.append(_kink_case(other, other_theta, int(i), 0.5))
    return tuple(cases)


def check_crossed_kink(target, seed=CHECK_SEED):
    """Check ``crossed_kink(objective, theta, i, epsilon)`` -> bool, without printing.

    Runs the lesson's kink case at ε = 1e-7 (coordinates that cross on one
    side, on the other, and not at all) and seeded coordinates of a random
    network at ε = 0.5, where many units switch.

    Returns:
        CheckResult; kinds ``"kink_one_sided"``, ``"kink_inverted"``,
        ``"kink_not_bool"``, ``"mutated"``, else ``"wrong_value"``.
    """
    def wrong(case, got):
        return Text("check.practice.wrong_answer", {"case": case.label,
                                                    "expected": case.expected, "got": got})

    return run_answer_check(target, "crossed_kink", list(_crossed_kink_cases(seed)),
                            CROSSED_KINK_HINTS, _read_bool,
                            lambda case, got, reference: got == reference, wrong)


def crossed_kink_test(target):
    """Run :func:`check_crossed_kink`, print the verdict, raise AssertionError on failure."""
    report(check_crossed_kink(target))


# ----- gradient_check_with_dropout(X, Y, parameters, keep_prob, seed, epsilon) --

# ε of the dropout cases: large enough that truncation, not rounding,
# sets the difference, so a correct answer reproduces it to ~1e-6 relative
# whichever centered-difference check computes it (the loop or the
# vectorized one), while another mask or no dropout changes it by far more.
# At 1e-4 rounding already moves it by 1e-3 relative between the two.
DROPOUT_EPSILONS = (1e-2, 1e-3)
DROPOUT_RTOL = 1e-4


def _dropout_difference(X, Y, parameters, epsilon, **options):
    objective = NetworkObjective(X, Y, parameters, **options)
    theta = objective.theta(parameters)
    return vectorized_check(objective, theta, objective.gradient(theta), epsilon).difference


# With a fresh mask at every pass, J(θ+ε) and J(θ−ε) drop different units:
# their gap is O(1), divided by 2ε, so gradapprox is huge and the difference
# lands near 1, at a value that changes with every draw
FRESH_MASK_ABOVE = 0.5


@dataclass(frozen=True)
class _AtLeast:
    """A mistake known only by a bound: any difference at or above ``value``."""

    value: float


def _agree_dropout(got, expected):
    if isinstance(expected, _AtLeast):
        return got >= expected.value
    return bool(np.isclose(got, expected, rtol=DROPOUT_RTOL, atol=1e-14))


def _dropout_case(X, Y, parameters, keep_prob, seed, epsilon):
    def mistakes():
        return (
            ("dropout_fresh", _AtLeast(FRESH_MASK_ABOVE)),
            ("dropout_off", _dropout_difference(X, Y, parameters, epsilon)),
            ("dropout_seed", _dropout_difference(X, Y, parameters, epsilon, keep_prob=keep_prob)),
            ("dropout_epsilon", _dropout_difference(X, Y, parameters, 1e-7, keep_prob=keep_prob,
                                                    seed=seed)),
        )

    label = f"keep_prob = {keep_prob!r}, seed = {seed!r}, ε = {epsilon!r}"
    expected = _dropout_difference(X, Y, parameters, epsilon, keep_prob=keep_prob, seed=seed)
    return ScalarCase(label=label, options={"epsilon": epsilon},
                      arguments={"X": X, "Y": Y, "parameters": parameters,
                                 "keep_prob": keep_prob, "seed": seed},
                      expected=expected, what="difference", agrees=_agree_dropout,
                      mistakes=functools.cache(mistakes))


@functools.cache
def _dropout_cases(seed):
    X, Y, parameters = gradient_check_n_test_case()
    cases = [_dropout_case(X, Y, parameters, 0.8, 1, DROPOUT_EPSILONS[1])]
    rng = np.random.default_rng(seed)
    for count in range(RANDOM_CASES - 1):
        objective, theta = random_objective((4, 6, 3, 1), m=6, seed=int(rng.integers(1000)))
        parameters = vector_to_dictionary(theta, objective.shapes)
        cases.append(_dropout_case(objective.X, objective.Y.ravel(), parameters,
                                   float(rng.choice([0.5, 0.7, 0.9])), int(rng.integers(100)),
                                   DROPOUT_EPSILONS[count % 2]))
    return tuple(cases)


def check_gradient_check_with_dropout(target, seed=CHECK_SEED):
    """Check ``gradient_check_with_dropout(X, Y, parameters, keep_prob, seed, epsilon)``.

    The answer is the relative difference of the centered-difference check
    of a NetworkObjective with that ``keep_prob`` and masks fixed by
    ``seed``; checked silently on the course case and seeded networks.

    Returns:
        CheckResult; kinds ``"dropout_fresh"``, ``"dropout_off"``,
        ``"dropout_seed"``, ``"dropout_epsilon"``, else ``"wrong_value"``.
    """
    return run_scalar_check(target, "gradient_check_with_dropout", list(_dropout_cases(seed)),
                            DROPOUT_HINTS)


def gradient_check_with_dropout_test(target):
    """Run :func:`check_gradient_check_with_dropout`, print the verdict, raise on failure."""
    report(check_gradient_check_with_dropout(target))


# ----- random_direction_difference(cost, theta, grad, u, epsilon) ---------------

def _direction_difference(cost, theta, grad, u, epsilon, side=0, precedence=False, move=None):
    step = epsilon * u if move is None else move * u
    plus = cost(theta + step)
    minus = cost(theta - step)
    if side:
        centre = cost(theta)
        numerical = (plus - centre) / epsilon if side > 0 else (centre - minus) / epsilon
    elif precedence:
        numerical = (plus - minus) / 2 * epsilon
    else:
        numerical = (plus - minus) / (2 * epsilon)
    analytic = float(np.sum(grad * u))
    return abs(numerical - analytic) / (abs(numerical) + abs(analytic)), numerical, analytic


def _direction_case(cost, theta, grad, u, epsilon, label):
    expected, numerical, analytic = _direction_difference(cost, theta, grad, u, epsilon)

    @functools.cache
    def mistakes():
        found = [("direction_precedence",
                  _direction_difference(cost, theta, grad, u, epsilon, precedence=True)[0])]
        for side in (1, -1):
            found.append(("direction_one_sided",
                          _direction_difference(cost, theta, grad, u, epsilon, side=side)[0]))
        found.append(("direction_no_epsilon",
                      _direction_difference(cost, theta, grad, u, epsilon, move=1.0)[0]))
        found.append(("direction_signed", (numerical - analytic) / (abs(numerical)
                                                                    + abs(analytic))))
        return tuple(found)

    def agrees(got, want):
        return abs(got - want) <= 1e-13 + 1e-6 * abs(want)

    return ScalarCase(label=label, options={"epsilon": epsilon},
                      arguments={"cost": cost, "theta": theta, "grad": grad, "u": u},
                      expected=expected, what="difference", agrees=agrees, mistakes=mistakes)


@functools.cache
def _direction_cases(seed):
    rng = np.random.default_rng(seed)
    cases = []
    networks = [((4, 5, 3, 1), 1e-6), ((3, 6, 4, 1), 1e-5), ((5, 8, 1), 1e-4), ((4, 5, 3, 1), 1e-3)]
    for number_of, (sizes, epsilon) in enumerate(networks):
        objective, theta = random_objective(sizes, m=5, seed=int(rng.integers(1000)))
        grad = objective.gradient(theta)
        if number_of % 2:
            # a wrong gradient too: the exercise must measure, not assume
            grad = grad * np.where(np.array(objective.keys)[:, None] == "W1", 1.5, 1.0)
        u = rng.standard_normal(theta.shape)
        u /= np.linalg.norm(u)
        label = f"layer_sizes = {sizes}, ε = {epsilon!r}"
        cases.append(_direction_case(objective.cost, theta, grad, u, epsilon, label))
    return tuple(cases)


def check_random_direction_difference(target, seed=CHECK_SEED):
    """Check ``random_direction_difference(cost, theta, grad, u, epsilon)``, without printing.

    The answer is |a − b| / (|a| + |b|) with a = (J(θ+εu) − J(θ−εu)) / (2ε)
    and b = gᵀu, on seeded networks, correct and wrong gradients.

    Returns:
        CheckResult; kinds ``"direction_precedence"``,
        ``"direction_one_sided"``, ``"direction_no_epsilon"``,
        ``"direction_signed"``, else ``"wrong_value"``.
    """
    return run_scalar_check(target, "random_direction_difference",
                            list(_direction_cases(seed)), DIRECTION_HINTS)


def random_direction_difference_test(target):
    """Run :func:`check_random_direction_difference`, print the verdict, raise on failure."""
    report(check_random_direction_difference(target))


# ----- complex_step_derivative(f, x, h) ---------------------------------------

def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


# (name, f, f′) of smooth functions that accept complex input
SMOOTH_FUNCTIONS = (
    ("sin", np.sin, np.cos),
    ("exp(x)·sin(x)", lambda x: np.exp(x) * np.sin(x),
     lambda x: np.exp(x) * (np.sin(x) + np.cos(x))),
    ("x³ − 2x", lambda x: x ** 3 - 2 * x, lambda x: 3 * x ** 2 - 2),
    ("log(1 + x²)", lambda x: np.log(1 + x ** 2), lambda x: 2 * x / (1 + x ** 2)),
    ("sigmoid", _sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
)


def _complex_case(name, f, derivative, x, h):
    def mistakes():
        moved = f(x + 1j * h)
        return (("complex_real_part", float(np.real(moved)) / h),
                ("complex_no_divide", float(np.imag(moved))),
                ("complex_finite_difference", float((f(x + h) - f(x)) / h)))

    # Relative only: Im f(x + ih) without the division by h is h·f′(x),
    # tiny but not 0, and must not pass for the 0 of a cancelled difference
    def agrees(got, want):
        return abs(got - want) <= 1e-13 * abs(want)

    return ScalarCase(label=f"f = {name}, x = {x!r}, h = {h!r}", arguments={"f": f, "x": x},
                      options={"h": h}, expected=float(derivative(x)), what="derivative",
                      agrees=agrees, mistakes=mistakes)


@functools.cache
def _complex_cases(seed):
    rng = np.random.default_rng(seed)
    cases = []
    for count, (name, f, derivative) in enumerate(SMOOTH_FUNCTIONS):
        x = round(float(rng.uniform(-2, 2)), 3)
        cases.append(_complex_case(name, f, derivative, x, 1e-20 if count % 2 == 0 else 1e-30))
    return tuple(cases)


def check_complex_step_derivative(target, seed=CHECK_SEED):
    """Check ``complex_step_derivative(f, x, h)`` -> Im f(x + ih) / h, without printing.

    The answer must equal the exact derivative of five smooth functions at
    seeded points to 1e-13 (the complex step's accuracy).

    Returns:
        CheckResult; kinds ``"complex_real_part"``, ``"complex_no_divide"``,
        ``"complex_finite_difference"``, else ``"wrong_value"``.
    """
    return run_scalar_check(target, "complex_step_derivative", list(_complex_cases(seed)),
                            COMPLEX_STEP_HINTS)


def complex_step_derivative_test(target):
    """Run :func:`check_complex_step_derivative`, print the verdict, raise on failure."""
    report(check_complex_step_derivative(target))


__all__ = [
    "best_epsilon_test", "check_best_epsilon",
    "check_complex_step_derivative", "complex_step_derivative_test",
    "check_crossed_kink", "crossed_kink_test",
    "check_dtype_settings", "dtype_settings_test",
    "check_gradient_check_with_dropout", "gradient_check_with_dropout_test",
    "check_random_direction_difference", "random_direction_difference_test",
]
