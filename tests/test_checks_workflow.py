"""Do the workflow exercises' checks pass right answers and name the usual wrong ones?"""

import numpy as np
import pytest

from gc_feedback.checks_workflow import (
    check_cheap_first_ratios,
    check_same_cost_twice,
    check_taylor_test_order,
    same_cost_twice_test,
)
from gc_feedback.report import CheckFailedError
from gc_utils import loop_check, random_direction_check, set_language, vectorized_check

pytestmark = pytest.mark.numeric

# ----- right answers, written the ways students write them ---------------------


def taylor_test_order(cost, theta, grad, u, hs):
    J = cost(theta)
    slope = np.sum(grad * u)
    remainders = np.array([abs(cost(theta + h * u) - J - h * slope) for h in hs])
    return np.diff(np.log(remainders)) / np.diff(np.log(hs))


def taylor_test_order_loop(cost, theta, grad, u, hs):
    orders = []
    for h_big, h_small in zip(hs[:-1], hs[1:], strict=True):
        r_big = abs(cost(theta + h_big * u) - cost(theta) - h_big * (grad.T @ u).item())
        r_small = abs(cost(theta + h_small * u) - cost(theta) - h_small * (grad.T @ u).item())
        orders.append(np.log10(r_small / r_big) / np.log10(h_small / h_big))
    return orders


def cheap_first_ratios(objective, theta, grad):
    if random_direction_check(objective, theta, grad).passed:
        return {}
    gradapprox = vectorized_check(objective, theta, grad).gradapprox
    g = grad.ravel()
    keys = np.array(objective.keys)
    ratios = {}
    for name in dict.fromkeys(objective.keys):
        inside = keys == name
        ratios[name] = g[inside] @ gradapprox[inside] / (gradapprox[inside] @ gradapprox[inside])
    return ratios


def cheap_first_ratios_loop(objective, theta, grad):
    if random_direction_check(objective, theta, grad).passed:
        return {}
    result = loop_check(objective, theta, grad)
    ratios = {}
    for name in objective.shapes:
        mask = np.array(objective.keys) == name
        g, a = result.grad[mask], result.gradapprox[mask]
        ratios[name] = float(np.dot(g, a) / np.dot(a, a))
    return ratios


def same_cost_twice(cost, theta):
    first = cost(theta)
    second = cost(theta)
    return first == second


@pytest.mark.parametrize(
    ("check", "answer"),
    [(check_taylor_test_order, taylor_test_order),
     (check_taylor_test_order, taylor_test_order_loop),
     (check_cheap_first_ratios, cheap_first_ratios),
     (check_cheap_first_ratios, cheap_first_ratios_loop),
     (check_same_cost_twice, same_cost_twice)],
)
@pytest.mark.parametrize("seed", [2024, 7, 123])
def test_right_answers_pass(check, answer, seed):
    """Do right answers, written in several ways, pass on the lesson's and on seeded inputs?"""
    result = check(answer, seed=seed)
    assert result.passed, result.render("en")


# ----- the usual mistakes -------------------------------------------------------

def _remainders(cost, theta, grad, u, hs, absolute=True, gradient_term=True):
    J = cost(theta)
    slope = np.sum(grad * u) if gradient_term else 0.0
    values = np.array([cost(theta + h * u) - J - h * slope for h in hs])
    return np.abs(values) if absolute else values


def taylor_linear_slope(cost, theta, grad, u, hs):
    return np.diff(_remainders(cost, theta, grad, u, hs)) / np.diff(hs)


def taylor_log_r_only(cost, theta, grad, u, hs):
    return np.diff(np.log(_remainders(cost, theta, grad, u, hs))) / np.diff(hs)


def taylor_assumed_halving(cost, theta, grad, u, hs):
    r = _remainders(cost, theta, grad, u, hs)
    return np.log2(r[:-1] / r[1:])


def taylor_inverted_slope(cost, theta, grad, u, hs):
    return np.diff(np.log(hs)) / np.diff(np.log(_remainders(cost, theta, grad, u, hs)))


def taylor_one_halving(cost, theta, grad, u, hs):
    r = _remainders(cost, theta, grad, u, hs)
    return np.log(r[1] / r[0]) / np.log(hs[1] / hs[0])


def taylor_returned_remainders(cost, theta, grad, u, hs):
    return _remainders(cost, theta, grad, u, hs)


def taylor_no_gradient_term(cost, theta, grad, u, hs):
    r = _remainders(cost, theta, grad, u, hs, gradient_term=False)
    return np.diff(np.log(r)) / np.diff(np.log(hs))


def taylor_normalized_u(cost, theta, grad, u, hs):
    return taylor_test_order(cost, theta, grad, u / np.linalg.norm(u), hs)


def taylor_signed(cost, theta, grad, u, hs):
    with np.errstate(invalid="ignore"):
        r = np.log(_remainders(cost, theta, grad, u, hs, absolute=False))
    return np.diff(r) / np.diff(np.log(hs))


def _full_ratios(objective, theta, grad, formula):
    a = vectorized_check(objective, theta, grad).gradapprox
    g = grad.ravel()
    keys = np.array(objective.keys)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {name: float(formula(g[keys == name], a[keys == name]))
                for name in objective.shapes}


def _least_squares(g, a):
    return g @ a / (a @ a)


def ratios_always_full(objective, theta, grad):
    return _full_ratios(objective, theta, grad, _least_squares)


def ratios_inverted_condition(objective, theta, grad):
    if not random_direction_check(objective, theta, grad).passed:
        return {}
    return _full_ratios(objective, theta, grad, _least_squares)


def _when_failing(formula):
    def ratios(objective, theta, grad):
        if random_direction_check(objective, theta, grad).passed:
            return {}
        return _full_ratios(objective, theta, grad, formula)

    return ratios


ratios_upside_down = _when_failing(lambda g, a: a @ g / (g @ g))
ratios_norms = _when_failing(lambda g, a: np.linalg.norm(g) / np.linalg.norm(a))
ratios_entrywise = _when_failing(lambda g, a: np.mean(g / a))


def ratios_one_for_all(objective, theta, grad):
    if random_direction_check(objective, theta, grad).passed:
        return {}
    a = vectorized_check(objective, theta, grad).gradapprox
    whole = grad.ravel() @ a / (a @ a)
    return dict.fromkeys(objective.shapes, whole)


def twice_once(cost, theta):
    J = cost(theta)
    return J == J


def twice_is(cost, theta):
    return cost(theta) is cost(theta)


def twice_tolerance(cost, theta):
    return bool(np.isclose(cost(theta), cost(theta)))


def twice_inverted(cost, theta):
    return cost(theta) != cost(theta)


@pytest.mark.parametrize(
    ("check", "mistake", "kind"),
    [(check_taylor_test_order, taylor_linear_slope, "taylor_linear_slope"),
     (check_taylor_test_order, taylor_log_r_only, "taylor_log_r_only"),
     (check_taylor_test_order, taylor_assumed_halving, "taylor_assumed_halving"),
     (check_taylor_test_order, taylor_inverted_slope, "taylor_inverted_slope"),
     (check_taylor_test_order, taylor_one_halving, "taylor_one_halving"),
     (check_taylor_test_order, taylor_returned_remainders, "taylor_returned_remainders"),
     (check_taylor_test_order, taylor_no_gradient_term, "taylor_no_gradient_term"),
     (check_taylor_test_order, taylor_normalized_u, "taylor_normalized_u"),
     (check_taylor_test_order, taylor_signed, "taylor_signed"),
     (check_cheap_first_ratios, ratios_always_full, "ratios_always_full"),
     (check_cheap_first_ratios, ratios_inverted_condition, "ratios_inverted_condition"),
     (check_cheap_first_ratios, ratios_upside_down, "ratios_upside_down"),
     (check_cheap_first_ratios, ratios_norms, "ratios_norms"),
     (check_cheap_first_ratios, ratios_entrywise, "ratios_entrywise"),
     (check_cheap_first_ratios, ratios_one_for_all, "ratios_one_for_all"),
     (check_same_cost_twice, twice_once, "twice_once"),
     (check_same_cost_twice, twice_is, "twice_is"),
     (check_same_cost_twice, twice_tolerance, "twice_tolerance"),
     (check_same_cost_twice, twice_inverted, "twice_inverted")],
)
def test_usual_mistakes_fail_with_their_hint(check, mistake, kind):
    """Is each mistake the instructions invite named, with a hint in both languages?"""
    result = check(mistake)
    assert result.kinds == [kind], result.render("en")
    problem = result.problems[0]
    assert problem.hints
    assert all(hint.render("en") != hint.render("tr") for hint in problem.hints)


def test_wrong_forms_are_named():
    """Are a non-array, a non-dict and a non-bool answer reported as such?"""
    assert check_taylor_test_order(lambda cost, theta, grad, u, hs: "2").kinds == ["not_numbers"]
    assert check_cheap_first_ratios(lambda objective, theta, grad: 2.0).kinds == ["not_a_dict"]
    assert check_same_cost_twice(lambda cost, theta: 0.0).kinds == ["not_a_bool"]


def test_a_stub_is_reported_as_not_implemented():
    """Does the student notebook's stub read as not implemented?"""
    def stub(cost, theta):
        raise NotImplementedError()

    assert check_same_cost_twice(stub).kinds == ["not_implemented"]


def test_an_unexplained_wrong_answer_is_a_wrong_value():
    """Does a wrong answer no mistake explains come out as a plain wrong value?"""
    result = check_taylor_test_order(lambda cost, theta, grad, u, hs: np.full(len(hs) - 1, 1.7))
    assert result.kinds == ["wrong_value"]


def test_the_printed_verdict_is_in_turkish_and_raises(capsys):
    """Does the printing twin speak Turkish and raise on failure?"""
    set_language("tr")
    try:
        with pytest.raises(CheckFailedError) as failed:
            same_cost_twice_test(twice_is)
        assert "nesne" in str(failed.value)
        assert capsys.readouterr().out == ""  # the verdict is shown once, by the error
        same_cost_twice_test(same_cost_twice)
        assert "Görünür testlerin tümü geçti." in capsys.readouterr().out
    finally:
        set_language("en")
