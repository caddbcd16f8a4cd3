"""Planted mistakes and harmless variants of lesson 03's graded functions.

One entry per mistake the exercise text invites (``best_epsilon``,
``dtype_settings``, ``crossed_kink``, ``gradient_check_with_dropout``,
``random_direction_difference``, ``complex_step_derivative``); each names
the kind its check must report, or None for a variant that must pass.
"""

from .engine import Mutation

EPSILON = "epsilon = (3 * u * abs(J) / M) ** (1 / 3)"
U = "u = np.finfo(dtype).eps / 2"
DTYPE_EPSILON = "epsilon = u ** (1 / 3)"
THRESHOLD = "threshold = TOLERANCE_FACTOR * u ** (2 / 3)"
PLUS = "objective.pattern(theta_plus)"
MINUS = "objective.pattern(theta_minus)"
CENTRE = "objective.pattern(theta)"
MOVES = ("theta_plus = np.copy(theta)\n    theta_plus[i] += epsilon\n"
         "    theta_minus = np.copy(theta)\n    theta_minus[i] -= epsilon")
KINK = f"crossed = bool(np.any({PLUS} != {MINUS}))"
NETWORK = 'keep_prob=keep_prob, masks="fixed", seed=seed)'
LOOP = "difference = loop_check(network, theta, grad, epsilon).difference"
NUMERICAL = "numerical = (J_plus - J_minus) / (2 * epsilon)"
ANALYTIC = "analytic = float(np.sum(grad * u))"
DIFFERENCE = "difference = abs(numerical - analytic) / (abs(numerical) + abs(analytic))"
DERIVATIVE = "derivative = float(np.imag(f(x + 1j * h)) / h)"


def _entries(function, rows):
    return [Mutation("03", function, old, new, kind, note, *also)
            for old, new, kind, note, *also in rows]


BEST_EPSILON = _entries("best_epsilon", [
    (EPSILON, "epsilon = (3 * u * abs(J) / M) ** 1 / 3", "eps_precedence", "** 1/3 precedence"),
    (EPSILON, "epsilon = (3 * u * abs(J) / M) ** 0.5", "eps_square_root", "square root"),
    (EPSILON, "epsilon = np.sqrt(3 * u * abs(J) / M)", "eps_square_root", "np.sqrt"),
    (EPSILON, "epsilon = (u * abs(J) / M) ** (1 / 3)", "eps_no_three", "no factor 3"),
    (EPSILON, "epsilon = (6 * u * abs(J) / M) ** (1 / 3)", "eps_wrong_constant", "6 from M/6"),
    (EPSILON, "epsilon = (u * abs(J) / (3 * M)) ** (1 / 3)", "eps_wrong_constant",
     "3 under M"),
    (EPSILON, "epsilon = (M / (3 * u * abs(J))) ** (1 / 3)", "eps_inverted", "inverted"),
    (EPSILON, "epsilon = 3 * u * abs(J) / M", "eps_no_root", "no cube root"),
    (EPSILON, "epsilon = u ** (1 / 3)", "eps_u_only", "u alone"),
    (EPSILON, "epsilon = (3 * u * abs(J) * M) ** (1 / 3)", "eps_times_m", "times M"),
    (EPSILON, "epsilon = (3 * u / M) ** (1 / 3)", "eps_no_j", "J missing"),
    (EPSILON, "epsilon = (3 * u * abs(J)) ** (1 / 3)", "eps_no_m", "M missing"),
    (EPSILON, "epsilon = (3 * abs(J) / M) ** (1 / 3)", "eps_no_u", "u missing"),
    (EPSILON, "epsilon = (3 * u * abs(J) / M) ** (2 / 3)", "eps_two_thirds", "power 2/3"),
    (EPSILON, "epsilon = (3 * unit_roundoff(np.float64) * abs(J) / M) ** (1 / 3)",
     "eps_fixed_u", "u hard-coded to float64"),
    (EPSILON, "epsilon = float(np.cbrt(3 * u * abs(J) / M))", None, "np.cbrt"),
    (EPSILON, "epsilon = (3 * u * J / M) ** (1 / 3)", None, "J without abs"),
    (EPSILON, "epsilon = np.power(3 * u * np.abs(J) / M, 1 / 3)", None, "np.power"),
])

DTYPE_SETTINGS = _entries("dtype_settings", [
    (U, "u = np.finfo(dtype).eps", "dtype_machine_eps", "machine epsilon as u"),
    ("return epsilon, threshold", "return threshold, epsilon", "dtype_swapped", "swapped"),
    ("return epsilon, threshold", "return 1e-7, 2e-7", "dtype_fixed", "course settings"),
    (THRESHOLD, "threshold = u ** (2 / 3)", "dtype_no_factor", "no TOLERANCE_FACTOR"),
    (U, "u = np.finfo(np.float32 if dtype == np.float32 else np.float64).eps / 2",
     "dtype_name_ignored", 'the name "float32" read as float64'),
    (U, "u = np.finfo(np.float64).eps / 2", "dtype_ignored", "always float64"),
    (U, "u = np.finfo(float).eps / 2", "dtype_ignored", "np.finfo(float)"),
    (DTYPE_EPSILON, "epsilon = u ** 1 / 3", "dtype_precedence", "** 1/3 precedence"),
    (THRESHOLD, "threshold = TOLERANCE_FACTOR * u ** 2 / 3", "dtype_precedence",
     "** 2/3 precedence"),
    (THRESHOLD, "threshold = TOLERANCE_FACTOR * epsilon", "dtype_threshold_power",
     "threshold from epsilon unsquared"),
    (DTYPE_EPSILON, "epsilon = u ** (1 / 2)", "eps_square_root", "square-root epsilon"),
    ("return epsilon, threshold", 'return {"epsilon": epsilon, "threshold": threshold}',
     "not_a_pair", "a dict"),
    (THRESHOLD, "threshold = TOLERANCE_FACTOR * epsilon ** 2", None, "threshold from epsilon"),
    ("return epsilon, threshold", "return suggested_epsilon(dtype), suggested_threshold(dtype)",
     None, "the gc_utils helpers"),
    (DTYPE_EPSILON, "epsilon = np.cbrt(u)", None, "np.cbrt"),
    (U, "u = unit_roundoff(dtype)", None, "unit_roundoff helper"),
    ("return epsilon, threshold", "return [epsilon, threshold]", None, "a list"),
])

CROSSED_KINK = _entries("crossed_kink", [
    (KINK, f"crossed = bool(np.any({PLUS} != {CENTRE}))", "kink_one_sided", "plus side only"),
    (KINK, f"crossed = bool(np.any({CENTRE} != {MINUS}))", "kink_one_sided_minus",
     "minus side only"),
    (KINK, f"crossed = bool(np.all({PLUS} != {MINUS}))", "kink_all", "np.all instead of np.any"),
    (KINK, f"crossed = bool(np.all({PLUS} == {MINUS}))", "kink_inverted", "all equal"),
    (KINK, f"crossed = bool(np.any({PLUS} == {MINUS}))", "kink_any_equal", "== instead of !="),
    (KINK, f"crossed = {PLUS} != {MINUS}", "kink_not_bool", "array returned"),
    ("theta_plus = np.copy(theta)\n", "theta_plus = theta\n", "mutated", "no copy for plus",
     ("kink_one_sided", "kink_same_point")),
    (MOVES, "theta_plus = theta + epsilon\n    theta_minus = theta - epsilon",
     "kink_all_coordinates", "every coordinate moved"),
    (KINK, f"crossed = bool(np.any({PLUS} != {PLUS}))", "kink_same_point",
     "plus compared with itself"),
    (MOVES, "theta[i] += epsilon\n    theta_plus = np.copy(theta)\n"
            "    theta[i] -= 2 * epsilon\n    theta_minus = np.copy(theta)",
     "mutated", "theta moved in place"),
    (KINK, f"crossed = not np.array_equal({PLUS}, {MINUS})", None, "not array_equal"),
    (KINK, f"crossed = np.any({PLUS} != {MINUS})", None, "np.bool_"),
    (KINK, f"crossed = ({PLUS} ^ {MINUS}).sum() > 0", None, "xor count"),
])

DROPOUT = _entries("gradient_check_with_dropout", [
    (NETWORK, 'keep_prob=keep_prob, masks="fresh", seed=seed)', "dropout_fresh", "fresh masks"),
    (NETWORK, ")", "dropout_off", "no dropout"),
    (NETWORK, 'keep_prob=keep_prob, masks="fixed")', "dropout_seed", "seed ignored"),
    (NETWORK, 'keep_prob=keep_prob, masks="fixed", seed=1)', "dropout_seed", "seed hard-coded"),
    (LOOP, "difference = loop_check(network, theta, grad).difference", "dropout_epsilon",
     "epsilon ignored"),
    (LOOP, "difference = loop_check(network, theta, grad, 1e-7).difference", "dropout_epsilon",
     "epsilon hard-coded"),
    (NETWORK, 'keep_prob=1 - keep_prob, masks="fixed", seed=seed)', "dropout_keep_prob",
     "drop probability as keep_prob"),
    (LOOP, "difference = loop_check(network, theta, grad, epsilon)", "dropout_report",
     "the report returned"),
    (LOOP, "difference = vectorized_check(network, theta, grad, epsilon).difference", None,
     "vectorized_check"),
    (LOOP, "difference = float(loop_check(network, theta, grad, epsilon=epsilon).difference)",
     None, "float() and keyword"),
])

DIRECTION = _entries("random_direction_difference", [
    (NUMERICAL, "numerical = (J_plus - J_minus) / 2 * epsilon", "direction_precedence",
     "precedence"),
    ("J_minus = cost(theta - epsilon * u)", "J_minus = cost(theta)", "direction_one_sided",
     "one-sided plus"),
    ("J_plus = cost(theta + epsilon * u)", "J_plus = cost(theta)", "direction_one_sided",
     "one-sided minus"),
    ("J_plus = cost(theta + epsilon * u)\n    J_minus = cost(theta - epsilon * u)",
     "J_plus = cost(theta + u)\n    J_minus = cost(theta - u)", "direction_no_epsilon",
     "moved by u"),
    (DIFFERENCE, "difference = (numerical - analytic) / (abs(numerical) + abs(analytic))",
     "direction_signed", "no abs"),
    (ANALYTIC, "analytic = float(np.linalg.norm(grad))", "direction_grad_norm", "norm of grad"),
    (ANALYTIC, "analytic = float(np.sum(grad))", "direction_no_u", "u left out of gᵀu"),
    ("J_plus = cost(theta + epsilon * u)\n    J_minus = cost(theta - epsilon * u)\n"
     "    numerical = (J_plus - J_minus) / (2 * epsilon)",
     "J_plus = cost(theta + 1e-6 * u)\n    J_minus = cost(theta - 1e-6 * u)\n"
     "    numerical = (J_plus - J_minus) / (2 * 1e-6)", "direction_epsilon_ignored",
     "epsilon hard-coded"),
    (DIFFERENCE, "difference = abs(numerical - analytic) / abs(analytic)",
     "direction_partial_denominator", "denominator |b| only"),
    (DIFFERENCE, "difference = abs(numerical - analytic)", "direction_no_denominator",
     "no denominator"),
    (DIFFERENCE, "difference = abs(numerical - analytic) / abs(numerical) + abs(analytic)",
     "direction_parentheses", "denominator without parentheses"),
    (DIFFERENCE, "difference = numerical", "direction_returned_numerical",
     "returned the directional derivative"),
    ("J_minus = cost(theta - epsilon * u)", "J_minus = cost(theta + epsilon * u)",
     "direction_same_point", "both costs at θ + εu"),
    (ANALYTIC, "analytic = grad.T @ u", "array_instead", "gᵀu left a (1, 1) array"),
    (DIFFERENCE, "difference = abs(analytic - numerical) / (abs(analytic) + abs(numerical))",
     None, "other order"),
    (ANALYTIC, "analytic = (grad.T @ u).item()", None, "gᵀu with .item()"),
    (NUMERICAL, "numerical = (J_plus - J_minus) / 2 / epsilon", None, "divide twice"),
])

COMPLEX_STEP = _entries("complex_step_derivative", [
    (DERIVATIVE, "derivative = float(np.real(f(x + 1j * h)) / h)", "complex_real_part",
     "real part"),
    (DERIVATIVE, "derivative = float(np.imag(f(x + 1j * h)))", "complex_no_divide",
     "no division by h"),
    (DERIVATIVE, "derivative = float((f(x + h) - f(x)) / h)", "complex_finite_difference",
     "real forward difference"),
    (DERIVATIVE, "derivative = float((f(x + h) - f(x - h)) / (2 * h))",
     "complex_finite_difference", "real centered difference"),
    (DERIVATIVE, "derivative = float(np.imag(f(x + 1j * 1e-20)) / 1e-20)", "complex_ignores_h",
     "h hard-coded"),
    (DERIVATIVE, "derivative = float(abs(f(x + 1j * h)) / h)", "complex_modulus", "abs"),
    (DERIVATIVE, "derivative = float(np.imag(f(x) + 1j * h) / h)", "complex_step_outside",
     "ih added to f(x)"),
    (DERIVATIVE, "derivative = float(np.imag(f(1j * h)) / h)", "complex_no_x", "x left out"),
    (DERIVATIVE, "derivative = f(x + 1j * h) / h", "complex_not_real", "complex returned"),
    (DERIVATIVE, "derivative = np.imag(f(x + h * 1j)) / h", None, "numpy scalar"),
    (DERIVATIVE, "derivative = f(complex(x, h)).imag / h", None, "complex() and .imag"),
    (DERIVATIVE, "derivative = float(np.imag(f(x + 1j * h) / h))", None, "divide inside"),
])

MUTATIONS = BEST_EPSILON + DTYPE_SETTINGS + CROSSED_KINK + DROPOUT + DIRECTION + COMPLEX_STEP

# Red team (held-out spellings of the same mistakes, and rewrites that must pass)
RED_TEAM = _entries("best_epsilon", [
    (EPSILON, "epsilon = (3*u*abs(J)/M)**1/3", "eps_precedence", "** 1/3, no spaces"),
    (EPSILON, "epsilon = (3 * u * abs(J) / M) ** (1 // 3)", "not_usual", "integer division 1//3"),
    (EPSILON, "epsilon = (3 * u * abs(J) / M) ** (-1 / 3)", "eps_inverted", "power -1/3"),
    (EPSILON, "epsilon = 3 * u * abs(J) / M ** (1 / 3)", "not_usual", "root of M only"),
    (EPSILON, "epsilon = (3 * u * J ** 2 / M) ** (1 / 3)", "not_usual", "J squared"),
    (EPSILON, "epsilon = (3 * u * abs(J) / M) ** (1. / 3)", None, "1./3"),
    (EPSILON, "epsilon = (3 * u * abs(J) / M) ** 0.3333333333333333", None, "1/3 written out"),
    (EPSILON, "epsilon = (3 * u * np.abs(J) / np.abs(M)) ** (1 / 3)", None, "np.abs"),
    (EPSILON, "import math\n    epsilon = math.pow(3 * u * abs(J) / M, 1 / 3)", None, "math.pow"),
    (EPSILON, "ratio = 3 * u * abs(J) / M\n    epsilon = ratio ** (1 / 3)", None, "own name"),
]) + _entries("dtype_settings", [
    (U, "u = np.finfo(dtype).eps // 2", "not_usual", "integer division"),
    (U, "u = np.finfo(dtype).resolution", "not_usual", "resolution as u"),
    (DTYPE_EPSILON, "epsilon = np.finfo(dtype).eps ** (1 / 3)", "not_usual",
     "machine epsilon in epsilon only"),
    (THRESHOLD, "threshold = TOLERANCE_FACTOR * u ** (1 / 3)", "dtype_threshold_power",
     "threshold power 1/3"),
    (DTYPE_EPSILON, "epsilon = u**1/3", "dtype_precedence", "** 1/3, no spaces"),
    (U, "u = np.finfo(np.dtype(dtype)).eps / 2", None, "np.dtype of it"),
    (U, "u = 0.5 * np.finfo(dtype).eps", None, "times one half"),
    (U, "u = np.finfo(np.dtype(dtype).type).eps / 2", None, "the scalar type"),
    (THRESHOLD, "threshold = TOLERANCE_FACTOR * (u ** 2) ** (1 / 3)", None, "cube root of u²"),
    ("return epsilon, threshold", "return (epsilon, threshold)", None, "parenthesized"),
    ("return epsilon, threshold", "return float(epsilon), float(threshold)", None, "floats"),
]) + _entries("crossed_kink", [
    ("theta_plus = np.copy(theta)\n", "theta_plus = theta[:]\n", "mutated", "slice is a view",
     ("kink_one_sided", "kink_same_point")),
    ("theta_plus[i] += epsilon", "theta_plus[0] += epsilon", "not_usual", "always entry 0 (plus)"),
    (MOVES, "theta_plus = np.copy(theta)\n    theta_plus[i] = epsilon\n"
            "    theta_minus = np.copy(theta)\n    theta_minus[i] = -epsilon",
     "not_usual", "entry set to epsilon"),
    (KINK, f"crossed = bool(np.sum({PLUS} != {MINUS}) > 1)", "not_usual", "more than one unit"),
    (KINK, f"crossed = bool(({PLUS} != {MINUS}).any())", None, ".any()"),
    (KINK, f"crossed = not np.all({PLUS} == {MINUS})", None, "not all equal"),
    (KINK, f"crossed = bool(np.any({PLUS}) != np.any({MINUS}))", "not_usual",
     "any of each pattern compared"),
    (MOVES, "e_i = np.zeros_like(theta)\n    e_i[i] = 1\n"
            "    theta_plus = theta + epsilon * e_i\n    theta_minus = theta - epsilon * e_i",
     None, "unit vector"),
    (MOVES, "import copy\n    theta_plus = copy.deepcopy(theta)\n    theta_plus[i] += epsilon\n"
            "    theta_minus = theta.copy()\n    theta_minus[i] -= epsilon", None,
     "deepcopy and .copy()"),
]) + _entries("gradient_check_with_dropout", [
    (NETWORK, 'keep_prob=keep_prob, masks="fixed", seed=seed + 1)', "not_usual",
     "seed shifted"),
    (NETWORK, 'keep_prob=keep_prob, masks="fixed", seed=0)', "dropout_seed", "seed 0"),
    (NETWORK, 'keep_prob=0.5, masks="fixed", seed=seed)', "not_usual", "keep_prob fixed"),
    (NETWORK, 'masks="fixed", seed=seed)', "dropout_off", "keep_prob left out"),
    (LOOP, "difference = loop_check(network, theta, grad, epsilon=1e-7).difference",
     "dropout_epsilon", "epsilon hard-coded by keyword"),
    (NETWORK, 'keep_prob, "fixed", seed)', "raised", "keep_prob passed as the dtype"),
    (LOOP, "difference = loop_check(network, theta, network.gradient(theta), epsilon).difference",
     None, "gradient inline"),
    ("grad = network.gradient(theta)", "grad = network.gradient(network.theta(parameters))",
     None, "theta again"),
]) + _entries("random_direction_difference", [
    (NUMERICAL, "numerical = (J_plus-J_minus)/2*epsilon", "direction_precedence",
     "precedence, no spaces"),
    (NUMERICAL, "numerical = (J_plus - J_minus) / epsilon", "not_usual", "no 2"),
    (DIFFERENCE, "difference = abs(numerical - analytic) / max(abs(numerical), abs(analytic))",
     "direction_partial_denominator", "max in the denominator"),
    (ANALYTIC, "analytic = float(np.sum(grad * grad))", "not_usual", "gᵀg"),
    (ANALYTIC, "analytic = float(np.sum(grad) * np.sum(u))", "not_usual", "product of sums"),
    (ANALYTIC, "analytic = float(np.sum(grad * u)) / float(np.linalg.norm(u))", None,
     "gᵀu over ‖u‖, u a unit vector as the lesson draws it"),
    (DIFFERENCE, "difference = abs(numerical - analytic) / (abs(numerical) + abs(analytic)) > 1e-7",
     "not_a_number", "returns a comparison"),
    (ANALYTIC, "analytic = float(np.dot(grad.ravel(), u.ravel()))", None, "np.dot"),
    (ANALYTIC, "analytic = float((grad * u).sum())", None, ".sum()"),
    (ANALYTIC, "analytic = float(np.vdot(grad, u))", None, "np.vdot"),
    ("J_plus = cost(theta + epsilon * u)",
     "u = u / np.linalg.norm(u)\n    J_plus = cost(theta + epsilon * u)", None,
     "u normalized first"),
    (DIFFERENCE, "difference = np.abs(numerical - analytic) / "
                 "(np.abs(numerical) + np.abs(analytic))", None, "np.abs"),
]) + _entries("complex_step_derivative", [
    (DERIVATIVE, "derivative = float(np.imag(f(x + 1j * h)) / (2 * h))", "not_usual",
     "divided by 2h"),
    (DERIVATIVE, "derivative = float(np.imag(f(x + h)) / h)", "not_usual", "real step"),
    (DERIVATIVE, "derivative = float(np.imag(f(x - 1j * h)) / h)", "not_usual", "minus ih"),
    (DERIVATIVE, "derivative = float(np.imag(f(x + 1j * h))) / h", None, "float then divide"),
    (DERIVATIVE, "derivative = f(x + 1j * h).imag / h", None, ".imag"),
    (DERIVATIVE, "derivative = float(f(x + 1j * h).imag) / h", None, "float of .imag"),
    (DERIVATIVE, "step = x + h * 1j\n    derivative = float(np.imag(f(step)) / h)", None,
     "own name"),
])

MUTATIONS += RED_TEAM
