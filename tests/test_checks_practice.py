"""Do lesson 03's checks pass right answers, and name the usual wrong ones?"""

import numpy as np
import pytest

from gc_feedback.checks_practice import (
    BEST_EPSILON_HINTS,
    COMPLEX_STEP_HINTS,
    CROSSED_KINK_HINTS,
    DIRECTION_HINTS,
    DROPOUT_HINTS,
    DTYPE_SETTINGS_HINTS,
    best_epsilon_test,
    check_best_epsilon,
    check_complex_step_derivative,
    check_crossed_kink,
    check_dtype_settings,
    check_gradient_check_with_dropout,
    check_random_direction_difference,
)
from gc_feedback.report import CheckFailedError
from gc_utils import (
    TOLERANCE_FACTOR,
    NetworkObjective,
    loop_check,
    set_language,
    unit_roundoff,
    vectorized_check,
)

pytestmark = pytest.mark.numeric

# ----- right answers, written the ways students write them ---------------------


def best_epsilon(u, J, M):
    return (3 * u * abs(J) / M) ** (1 / 3)


def best_epsilon_cbrt(u, J, M):
    return float(np.cbrt(3 * u * np.abs(J) / M))


def dtype_settings(dtype):
    u = np.finfo(dtype).eps / 2
    return u ** (1 / 3), TOLERANCE_FACTOR * u ** (2 / 3)


def dtype_settings_list(dtype):
    u = float(np.finfo(np.dtype(dtype)).eps) / 2
    return [np.cbrt(u), TOLERANCE_FACTOR * np.cbrt(u) ** 2]


def crossed_kink(objective, theta, i, epsilon):
    theta_plus = np.copy(theta)
    theta_plus[i] += epsilon
    theta_minus = np.copy(theta)
    theta_minus[i] -= epsilon
    return bool(np.any(objective.pattern(theta_plus) != objective.pattern(theta_minus)))


def gradient_check_with_dropout(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
    objective = NetworkObjective(X, Y, parameters, keep_prob=keep_prob, masks="fixed", seed=seed)
    theta = objective.theta(parameters)
    return vectorized_check(objective, theta, objective.gradient(theta), epsilon).difference


def gradient_check_with_dropout_loop(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
    objective = NetworkObjective(X, Y, parameters, keep_prob=keep_prob, seed=seed)
    theta = objective.theta(parameters)
    return loop_check(objective, theta, objective.gradient(theta), epsilon).difference


def random_direction_difference(cost, theta, grad, u, epsilon=1e-6):
    J_plus = cost(theta + epsilon * u)
    J_minus = cost(theta - epsilon * u)
    numerical = (J_plus - J_minus) / (2 * epsilon)
    analytic = (grad.T @ u).item()
    return abs(numerical - analytic) / (abs(numerical) + abs(analytic))


def complex_step_derivative(f, x, h=1e-20):
    return float(np.imag(f(x + 1j * h)) / h)


@pytest.mark.parametrize(
    ("check", "answer"),
    [(check_best_epsilon, best_epsilon), (check_best_epsilon, best_epsilon_cbrt),
     (check_dtype_settings, dtype_settings), (check_dtype_settings, dtype_settings_list),
     (check_crossed_kink, crossed_kink),
     (check_gradient_check_with_dropout, gradient_check_with_dropout),
     (check_gradient_check_with_dropout, gradient_check_with_dropout_loop),
     (check_random_direction_difference, random_direction_difference),
     (check_complex_step_derivative, complex_step_derivative)],
)
@pytest.mark.parametrize("seed", [2024, 7])
def test_right_answers_pass(check, answer, seed):
    result = check(answer, seed=seed)
    assert result.passed, result.render()


# ----- the usual mistakes ----------------------------------------------------


def eps_square_root(u, J, M):
    return (3 * u * abs(J) / M) ** 0.5


def eps_no_three(u, J, M):
    return (u * abs(J) / M) ** (1 / 3)


def eps_inverted(u, J, M):
    return (M / (3 * u * abs(J))) ** (1 / 3)


def eps_no_root(u, J, M):
    return 3 * u * abs(J) / M


def eps_u_only(u, J, M):
    return u ** (1 / 3)


def dtype_machine_eps(dtype):
    u = np.finfo(dtype).eps
    return u ** (1 / 3), TOLERANCE_FACTOR * u ** (2 / 3)


def dtype_swapped(dtype):
    return dtype_settings(dtype)[::-1]


def dtype_fixed(dtype):
    return 1e-7, 2e-7


def dtype_no_factor(dtype):
    u = np.finfo(dtype).eps / 2
    return u ** (1 / 3), u ** (2 / 3)


def kink_one_sided(objective, theta, i, epsilon):
    theta_plus = np.copy(theta)
    theta_plus[i] += epsilon
    return bool(np.any(objective.pattern(theta_plus) != objective.pattern(theta)))


def kink_inverted(objective, theta, i, epsilon):
    return not crossed_kink(objective, theta, i, epsilon)


def kink_pattern_array(objective, theta, i, epsilon):
    theta_plus = np.copy(theta)
    theta_plus[i] += epsilon
    theta_minus = np.copy(theta)
    theta_minus[i] -= epsilon
    return objective.pattern(theta_plus) != objective.pattern(theta_minus)


def kink_in_place(objective, theta, i, epsilon):
    theta[i] += epsilon
    plus = objective.pattern(theta)
    theta[i] -= 2 * epsilon
    return bool(np.any(plus != objective.pattern(theta)))


def dropout_fresh(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
    objective = NetworkObjective(X, Y, parameters, keep_prob=keep_prob, masks="fresh", seed=seed)
    theta = objective.theta(parameters)
    return loop_check(objective, theta, objective.gradient(theta), epsilon).difference


def dropout_off(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
    return gradient_check_with_dropout(X, Y, parameters, 1.0, seed, epsilon)


def dropout_seed(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
    return gradient_check_with_dropout(X, Y, parameters, keep_prob, 0, epsilon)


def dropout_epsilon(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
    return gradient_check_with_dropout(X, Y, parameters, keep_prob, seed)


def direction_precedence(cost, theta, grad, u, epsilon=1e-6):
    numerical = (cost(theta + epsilon * u) - cost(theta - epsilon * u)) / 2 * epsilon
    analytic = np.sum(grad * u)
    return abs(numerical - analytic) / (abs(numerical) + abs(analytic))


def direction_one_sided(cost, theta, grad, u, epsilon=1e-6):
    numerical = (cost(theta + epsilon * u) - cost(theta)) / epsilon
    analytic = np.sum(grad * u)
    return abs(numerical - analytic) / (abs(numerical) + abs(analytic))


def direction_no_epsilon(cost, theta, grad, u, epsilon=1e-6):
    numerical = (cost(theta + u) - cost(theta - u)) / (2 * epsilon)
    analytic = np.sum(grad * u)
    return abs(numerical - analytic) / (abs(numerical) + abs(analytic))


def direction_signed(cost, theta, grad, u, epsilon=1e-6):
    numerical = (cost(theta + epsilon * u) - cost(theta - epsilon * u)) / (2 * epsilon)
    analytic = np.sum(grad * u)
    return (numerical - analytic) / (abs(numerical) + abs(analytic))


def complex_real_part(f, x, h=1e-20):
    return float(np.real(f(x + 1j * h)) / h)


def complex_no_divide(f, x, h=1e-20):
    return float(np.imag(f(x + 1j * h)))


def complex_finite_difference(f, x, h=1e-20):
    return float((f(x + h) - f(x)) / h)


@pytest.mark.parametrize(
    ("check", "mistake", "kind"),
    [(check_best_epsilon, eps_square_root, "eps_square_root"),
     (check_best_epsilon, eps_no_three, "eps_no_three"),
     (check_best_epsilon, eps_inverted, "eps_inverted"),
     (check_best_epsilon, eps_no_root, "eps_no_root"),
     (check_best_epsilon, eps_u_only, "eps_u_only"),
     (check_dtype_settings, dtype_machine_eps, "dtype_machine_eps"),
     (check_dtype_settings, dtype_swapped, "dtype_swapped"),
     (check_dtype_settings, dtype_fixed, "dtype_fixed"),
     (check_dtype_settings, dtype_no_factor, "dtype_no_factor"),
     (check_crossed_kink, kink_one_sided, "kink_one_sided"),
     (check_crossed_kink, kink_inverted, "kink_inverted"),
     (check_crossed_kink, kink_pattern_array, "kink_not_bool"),
     (check_crossed_kink, kink_in_place, "mutated"),
     (check_gradient_check_with_dropout, dropout_fresh, "dropout_fresh"),
     (check_gradient_check_with_dropout, dropout_off, "dropout_off"),
     (check_gradient_check_with_dropout, dropout_seed, "dropout_seed"),
     (check_gradient_check_with_dropout, dropout_epsilon, "dropout_epsilon"),
     (check_random_direction_difference, direction_precedence, "direction_precedence"),
     (check_random_direction_difference, direction_one_sided, "direction_one_sided"),
     (check_random_direction_difference, direction_no_epsilon, "direction_no_epsilon"),
     (check_random_direction_difference, direction_signed, "direction_signed"),
     (check_complex_step_derivative, complex_real_part, "complex_real_part"),
     (check_complex_step_derivative, complex_no_divide, "complex_no_divide"),
     (check_complex_step_derivative, complex_finite_difference, "complex_finite_difference")],
)
def test_usual_mistakes_fail_with_their_hint(check, mistake, kind):
    result = check(mistake)
    assert not result.passed
    assert kind in result.kinds, result.render()
    if kind != "mutated":
        assert all(problem.hints for problem in result.problems if problem.kind == kind)


def test_a_stub_is_reported_as_not_implemented():
    def best_epsilon_stub(u, J, M):
        raise NotImplementedError()

    assert check_best_epsilon(best_epsilon_stub).kinds == ["not_implemented"]


def test_an_unexplained_wrong_answer_is_a_wrong_value():
    assert check_complex_step_derivative(lambda f, x, h=1e-20: 0.5).kinds == ["wrong_value"]


def test_a_pair_check_rejects_one_number():
    assert check_dtype_settings(lambda dtype: 1e-7).kinds == ["not_a_pair"]


def test_the_printed_verdict_is_in_turkish_and_raises(capsys):
    set_language("tr")
    with pytest.raises(CheckFailedError) as raised:
        best_epsilon_test(eps_square_root)
    assert "küpkök" in str(raised.value) and capsys.readouterr().out == ""
    best_epsilon_test(best_epsilon)
    assert "Görünür testlerin tümü geçti." in capsys.readouterr().out


def test_checks_draw_new_inputs_for_another_seed():
    # A function that memorised the default inputs' answers fails elsewhere
    answers = {}
    check_best_epsilon(lambda u, J, M: answers.setdefault((u, J, M), best_epsilon(u, J, M)))

    def memorised(u, J, M):
        return answers.get((u, J, M), 1e-7)

    assert check_best_epsilon(memorised).passed
    assert not check_best_epsilon(memorised, seed=99).passed


# ----- the catalogue of every exercise (issue 11) -------------------------------


def dtype_name_as_float64(dtype):
    u = np.finfo(np.float32 if dtype == np.float32 else np.float64).eps / 2
    return u ** (1 / 3), TOLERANCE_FACTOR * u ** (2 / 3)


def kink_np_all(objective, theta, i, epsilon):
    theta_plus = np.copy(theta)
    theta_plus[i] += epsilon
    theta_minus = np.copy(theta)
    theta_minus[i] -= epsilon
    return bool(np.all(objective.pattern(theta_plus) != objective.pattern(theta_minus)))


def kink_minus_side(objective, theta, i, epsilon):
    theta_minus = np.copy(theta)
    theta_minus[i] -= epsilon
    return bool(np.any(objective.pattern(theta) != objective.pattern(theta_minus)))


def kink_every_coordinate(objective, theta, i, epsilon):
    return bool(np.any(objective.pattern(theta + epsilon) != objective.pattern(theta - epsilon)))


def dropout_hard_coded(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
    return gradient_check_with_dropout_loop(X, Y, parameters, keep_prob, 1, epsilon)


def dropout_report(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
    objective = NetworkObjective(X, Y, parameters, keep_prob=keep_prob, seed=seed)
    theta = objective.theta(parameters)
    return loop_check(objective, theta, objective.gradient(theta), epsilon)


def direction_with(analytic_of, *, step=None, same_point=False):
    """random_direction_difference with b = analytic_of(grad, u) and, optionally, one mistake."""
    def mistaken(cost, theta, grad, u, epsilon=1e-6):
        moved = epsilon if step is None else step
        J_plus = cost(theta + moved * u)
        J_minus = cost(theta + (1 if same_point else -1) * moved * u)
        numerical = (J_plus - J_minus) / (2 * moved)
        analytic = float(analytic_of(grad, u))
        return abs(numerical - analytic) / (abs(numerical) + abs(analytic))
    return mistaken


def gradient_times_u(grad, u):
    return np.sum(grad * u)


CATALOGUE = [
    (check_best_epsilon, lambda u, J, M: (3 * u * abs(J) / M) ** 1 / 3, "eps_precedence"),
    (check_best_epsilon, lambda u, J, M: (6 * u * abs(J) / M) ** (1 / 3), "eps_wrong_constant"),
    (check_best_epsilon, lambda u, J, M: (3 * u * abs(J) * M) ** (1 / 3), "eps_times_m"),
    (check_best_epsilon, lambda u, J, M: (3 * u / M) ** (1 / 3), "eps_no_j"),
    (check_best_epsilon, lambda u, J, M: (3 * u * abs(J)) ** (1 / 3), "eps_no_m"),
    (check_best_epsilon, lambda u, J, M: (3 * abs(J) / M) ** (1 / 3), "eps_no_u"),
    (check_best_epsilon, lambda u, J, M: (3 * u * abs(J) / M) ** (2 / 3), "eps_two_thirds"),
    (check_best_epsilon, lambda u, J, M: best_epsilon(2 ** -53, J, M), "eps_fixed_u"),
    (check_dtype_settings, dtype_name_as_float64, "dtype_name_ignored"),
    (check_dtype_settings, lambda dtype: dtype_settings(np.float64), "dtype_ignored"),
    (check_dtype_settings,
     lambda dtype: (dtype_settings(dtype)[0], TOLERANCE_FACTOR * unit_roundoff(dtype) ** 2 / 3),
     "dtype_precedence"),
    (check_dtype_settings,
     lambda dtype: (dtype_settings(dtype)[0], TOLERANCE_FACTOR * dtype_settings(dtype)[0]),
     "dtype_threshold_power"),
    (check_crossed_kink, kink_np_all, "kink_all"),
    (check_crossed_kink, kink_minus_side, "kink_one_sided_minus"),
    (check_crossed_kink, kink_every_coordinate, "kink_all_coordinates"),
    (check_crossed_kink, lambda objective, theta, i, epsilon: False, "kink_same_point"),
    (check_gradient_check_with_dropout, dropout_hard_coded, "dropout_seed"),
    (check_gradient_check_with_dropout, dropout_report, "dropout_report"),
    (check_gradient_check_with_dropout,
     lambda X, Y, parameters, keep_prob, seed, epsilon=1e-7:
     gradient_check_with_dropout(X, Y, parameters, 1 - keep_prob, seed, epsilon),
     "dropout_keep_prob"),
    (check_random_direction_difference, direction_with(lambda grad, u: np.linalg.norm(grad)),
     "direction_grad_norm"),
    (check_random_direction_difference, direction_with(lambda grad, u: np.sum(grad)),
     "direction_no_u"),
    (check_random_direction_difference, direction_with(gradient_times_u, step=1e-6),
     "direction_epsilon_ignored"),
    (check_random_direction_difference, direction_with(gradient_times_u, same_point=True),
     "direction_same_point"),
    (check_complex_step_derivative,
     lambda f, x, h=1e-20: complex_step_derivative(f, x, 1e-20), "complex_ignores_h"),
    (check_complex_step_derivative, lambda f, x, h=1e-20: float(abs(f(x + 1j * h)) / h),
     "complex_modulus"),
    (check_complex_step_derivative, lambda f, x, h=1e-20: float(np.imag(f(x) + 1j * h) / h),
     "complex_step_outside"),
    (check_complex_step_derivative, lambda f, x, h=1e-20: complex_step_derivative(f, 0.0, h),
     "complex_no_x"),
    (check_complex_step_derivative, lambda f, x, h=1e-20: f(x + 1j * h) / h, "complex_not_real"),
]


@pytest.mark.parametrize("seed", [2024, 31])
@pytest.mark.parametrize(("check", "mistake", "kind"), CATALOGUE, ids=[row[2] for row in CATALOGUE])
def test_each_mistake_is_named_alone_with_its_hint(check, mistake, kind, seed):
    """Does each mistake fail on the default and a hidden test's inputs, named by its kind only?"""
    result = check(mistake, seed=seed)
    assert result.kinds == [kind], result.render("en")
    (problem,) = result.problems
    assert problem.hints


def test_np_all_is_not_called_the_opposite_answers():
    """Is a mistake that would change an answer the student got right left unnamed?

    `np.all` gives False where a kink is crossed, as the opposite answers
    would; but it also gives False where none is crossed, which the
    opposite answers would not.
    """
    result = check_crossed_kink(kink_np_all)
    assert result.kinds == ["kink_all"]
    assert "kink_inverted" not in result.kinds


def test_two_mistakes_at_once_name_neither():
    """Is a seed and an ε both hard-coded a plain wrong value, not one of the two names?"""
    def both(X, Y, parameters, keep_prob, seed, epsilon=1e-7):
        return gradient_check_with_dropout_loop(X, Y, parameters, keep_prob, 1, 1e-7)

    assert check_gradient_check_with_dropout(both).kinds == ["wrong_value"]


def test_the_name_float32_is_checked():
    """Is "float32" given by name among the dtype cases (not only float64 names)?"""
    result = check_dtype_settings(dtype_name_as_float64)
    assert not result.passed
    assert "float32" in result.render("en")


def test_complex_step_with_a_large_h_is_not_the_derivative():
    """Does a correct complex step pass at h = 0.5, where it is not the exact derivative?"""
    assert check_complex_step_derivative(complex_step_derivative).passed
    assert complex_step_derivative(np.sin, 1.0, 0.5) != pytest.approx(np.cos(1.0), rel=1e-3)


@pytest.mark.parametrize("hints", [BEST_EPSILON_HINTS, DTYPE_SETTINGS_HINTS, CROSSED_KINK_HINTS,
                                   DROPOUT_HINTS, DIRECTION_HINTS, COMPLEX_STEP_HINTS])
def test_every_hint_reads_in_both_languages(hints):
    """Does every hint of lesson 03 exist in English and in Turkish, and differ between them?"""
    for kind, text in hints.items():
        english, turkish = text.render("en"), text.render("tr")
        assert english and turkish and english != turkish, kind
