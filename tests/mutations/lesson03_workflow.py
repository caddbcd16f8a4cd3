"""Planted mistakes and harmless variants of lesson 03's workflow exercises.

``taylor_test_order`` (Exercise 7), ``same_cost_twice`` (Exercise 8) and
``cheap_first_ratios`` (Exercise 9): each entry changes the solution as a
student following the instructions might; ``tests.mutations.engine`` plants
it in the lesson source and runs the check.
"""

from .engine import Mutation

# The lines of the solutions that the entries rewrite
J = "J = cost(theta)"
SLOPE = "slope = np.sum(grad * u)"
REMAINDERS = "remainders = np.array([abs(cost(theta + h * u) - J - h * slope) for h in hs])"
ORDERS = "orders = np.diff(np.log(remainders)) / np.diff(np.log(hs))"
FIRST = "first = cost(theta)"
SECOND = "second = cost(theta)"
SAME = "same = first == second"
CHEAP = "if not random_direction_check(objective, theta, grad).passed:"
RATIO = "ratios[name] = float(g[inside] @ a / (a @ a))"


def _taylor(old, new, kind, note, also=()):
    return Mutation("03", "taylor_test_order", old, new, kind, note, also)


def _twice(old, new, kind, note, also=()):
    return Mutation("03", "same_cost_twice", old, new, kind, note, also)


def _ratios(old, new, kind, note, also=()):
    return Mutation("03", "cheap_first_ratios", old, new, kind, note, also)


TAYLOR = [
    _taylor(ORDERS, "orders = np.diff(remainders) / np.diff(hs)", "taylor_linear_slope",
            "slope of r against h"),
    _taylor(ORDERS, "orders = np.diff(np.log(remainders)) / np.diff(hs)", "taylor_log_r_only",
            "h instead of log h"),
    _taylor(ORDERS, "orders = np.log2(remainders[:-1] / remainders[1:])",
            "taylor_assumed_halving", "assumes halvings"),
    _taylor(ORDERS, "orders = np.diff(np.log(hs)) / np.diff(np.log(remainders))",
            "taylor_inverted_slope", "run over rise"),
    _taylor(ORDERS, "orders = np.log(remainders[1] / remainders[0]) / np.log(hs[1] / hs[0])",
            "taylor_one_halving", "one halving"),
    _taylor(ORDERS, "orders = remainders", "taylor_returned_remainders", "returns remainders"),
    _taylor(REMAINDERS, "remainders = np.array([abs(cost(theta + h * u) - J) for h in hs])",
            "taylor_no_gradient_term", "no h g'u term"),
    _taylor(SLOPE, "u = u / np.linalg.norm(u)\n    slope = np.sum(grad * u)",
            "taylor_normalized_u", "normalizes u"),
    _taylor(REMAINDERS, "remainders = np.array([cost(theta + h * u) - J - h * slope for h in hs])",
            "taylor_signed", "no absolute value"),
    _taylor(ORDERS, "orders = list(np.diff(np.log(remainders)) / np.diff(np.log(hs)))", None,
            "a list"),
    _taylor(ORDERS, "orders = np.diff(np.log10(remainders)) / np.diff(np.log10(hs))", None,
            "log10"),
    _taylor(SLOPE, "slope = float(np.dot(grad.ravel(), u.ravel()))", None, "np.dot"),
    _taylor(REMAINDERS, "remainders = np.abs(np.array([cost(theta + h * u) for h in hs]) - J "
            "- np.asarray(hs) * slope)", None, "vectorized remainders"),
]

TWICE = [
    _twice(SECOND, "second = first", "twice_once", "evaluates once"),
    _twice(SAME, "same = first is second", "twice_is", "compares with is"),
    _twice(SAME, "same = bool(np.isclose(first, second))", "twice_tolerance", "np.isclose"),
    _twice(SAME, "same = first != second", "twice_inverted", "inverted"),
    _twice(SAME, "same = abs(first - second)", "not_a_bool", "returns the gap"),
    _twice(SAME, "same = bool(first == second)", None, "bool()"),
    _twice(SAME, "same = first - second == 0", None, "difference is zero"),
]

RATIOS = [
    _ratios(CHEAP, "if True:", "ratios_always_full", "always explains"),
    _ratios(CHEAP, "if random_direction_check(objective, theta, grad).passed:",
            "ratios_inverted_condition", "condition inverted"),
    _ratios(RATIO, "ratios[name] = float(a @ g[inside] / (g[inside] @ g[inside]))",
            "ratios_upside_down", "numerical over analytic"),
    _ratios(RATIO, "ratios[name] = float(np.linalg.norm(g[inside]) / np.linalg.norm(a))",
            "ratios_norms", "ratio of norms"),
    _ratios(RATIO, "ratios[name] = float(np.mean(g[inside] / a))", "ratios_entrywise",
            "mean of entry ratios"),
    _ratios(RATIO, "ratios[name] = float(g @ gradapprox / (gradapprox @ gradapprox))",
            "ratios_one_for_all", "whole vector"),
    _ratios(RATIO, "ratios[name] = float(np.dot(g[inside], a) / np.dot(a, a))", None, "np.dot"),
    _ratios("gradapprox = vectorized_check(objective, theta, grad).gradapprox",
            "gradapprox = loop_check(objective, theta, grad).gradapprox", None, "loop_check"),
]

MUTATIONS = TAYLOR + TWICE + RATIOS

# Red team (held-out spellings of the same mistakes, and rewrites that must pass)
RED_TEAM = [
    _taylor(REMAINDERS, "remainders = np.array([abs(cost(theta + h * u) - J - h ** 2 * slope) "
            "for h in hs])", "not_usual", "h² in the gradient term"),
    _taylor(REMAINDERS, "remainders = np.array([abs(cost(theta + h * u) - J + h * slope) "
            "for h in hs])", "not_usual", "gradient term added"),
    _taylor(SLOPE, "slope = np.sum(grad)", "not_usual", "u left out of the slope"),
    _taylor(ORDERS, "orders = np.diff(np.log(remainders) / np.log(hs))", "not_usual",
            "ratio of logs"),
    _taylor(ORDERS, "orders = np.log(remainders[1:] / remainders[:-1]) / "
            "np.log(np.asarray(hs)[1:] / np.asarray(hs)[:-1])", None, "log of ratios"),
    _taylor(REMAINDERS, "remainders = [abs(cost(theta + h * u) - J - h * slope) for h in hs]",
            None, "a list of remainders"),
    _taylor(SLOPE, "slope = float(np.vdot(grad, u))", None, "np.vdot"),
    _taylor(ORDERS, "orders = -np.diff(np.log(remainders)) / np.diff(np.log(hs))", "not_usual",
            "sign flipped"),
    _taylor(ORDERS, "orders = (np.log(remainders[1:]) - np.log(remainders[:-1])) / "
            "np.diff(np.log(hs))", None, "differences of logs"),
    _twice(SAME, "same = bool(np.allclose(first, second))", "twice_tolerance", "np.allclose"),
    _twice(SAME, "same = abs(first - second) < 1e-12", "twice_tolerance", "small gap"),
    _twice(SAME, "same = first == first", "twice_once", "first with itself"),
    _twice(SAME, "same = np.array_equal(first, second)", None, "np.array_equal"),
    _twice(SAME, "same = float(first) == float(second)", None, "floats"),
    _twice(SAME, "same = repr(first) == repr(second)", None, "reprs"),
    _twice(f"{FIRST}\n    {SECOND}\n    {SAME}", "same = cost(theta) == cost(theta)", None,
           "inline"),
    _ratios(RATIO, "ratios[name] = float(g[inside] @ a / a @ a)", "not_usual",
            "denominator parentheses"),
    _ratios(RATIO, "ratios[name] = float(g[inside] @ a)", "not_usual", "no denominator"),
    _ratios(RATIO, "ratios[name] = float(np.sum(g[inside] * a) / np.sum(a * a))", None,
            "sums of products"),
    _ratios(RATIO, "ratios[name] = float(a @ g[inside] / np.linalg.norm(a) ** 2)", None,
            "squared norm"),
    _ratios(RATIO, "ratios[name] = g[inside] @ a / (a @ a)", None, "numpy scalar"),
    _ratios(CHEAP, "if random_direction_check(objective, theta, grad).passed:\n"
            "        return ratios\n    if True:", None, "early return"),
    _ratios(RATIO, "ratios[name] = float(g[inside] @ a / (g[inside] @ g[inside]))",
            "ratios_upside_down", "g·a over g·g"),
    _ratios("inside = keys == name", "inside = [key == name for key in objective.keys]", None,
            "a list of booleans"),
]

MUTATIONS += RED_TEAM
