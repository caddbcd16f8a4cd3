"""Do lesson 01's checks pass correct code and name each usual mistake, in both languages?

The functions below are student submissions: the lesson's solution, other
correct ways to write it, and the mistakes students make.
"""

import numpy as np
import pytest
from check_failures import failed, failure
from lesson_code import lesson_01_solutions, lesson_namespace
from published import assert_published

from gc_utils import set_language
from testCases import (
    CheckFailedError,
    backward_propagation_test,
    check_backward_propagation,
    check_forward_propagation,
    check_gradient_check,
    forward_propagation_test,
    gradient_check_test,
)

pytestmark = pytest.mark.numeric

# --- the lesson's solution ---------------------------------------------------

forward_propagation, backward_propagation, gradient_check = lesson_01_solutions()


# --- correct, written differently ---------------------------------------------

def forward_propagation_product(x, theta):
    return x * theta


def gradient_check_plain_floats(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (x * (theta + epsilon) - x * (theta - epsilon)) / 2 / epsilon
    grad = x
    return float(abs(grad - gradapprox) / (abs(grad) + abs(gradapprox)))


# --- mistakes -----------------------------------------------------------------

def not_implemented(*args, **kwargs):
    raise NotImplementedError()


def forward_returns_theta(x, theta):
    return theta


def forward_adds(x, theta):
    return theta + x


def backward_returns_theta(x, theta):
    return theta


def backward_returns_cost(x, theta):
    return theta * x


def backward_forgets_return(x, theta):
    dtheta = x  # noqa: F841 (the mistake: no return)


def backward_prints(x, theta):
    print(x)


def backward_returns_array(x, theta):
    return np.array([x])


def forward_crashes(x, theta):
    return theta.dot(x, y=1)


def _difference(grad, gradapprox):
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_precedence(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / 2 * epsilon
    return _difference(backward_propagation(x, theta), gradapprox)


def gradient_check_perturbs_x(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x + epsilon, theta)
    J_minus = forward_propagation(x - epsilon, theta)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    return _difference(backward_propagation(x, theta), gradapprox)


def gradient_check_minus_from_plus(x, theta, epsilon=1e-7, print_msg=False):
    thetaplus = theta + epsilon
    thetaminus = thetaplus - epsilon
    gradapprox = (forward_propagation(x, thetaplus) - forward_propagation(x, thetaminus)) / (
        2 * epsilon)
    return _difference(backward_propagation(x, theta), gradapprox)


def gradient_check_one_sided(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J = forward_propagation(x, theta)
    gradapprox = (J_plus - J) / epsilon
    return _difference(backward_propagation(x, theta), gradapprox)


def _gradapprox(x, theta, epsilon):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    return (J_plus - J_minus) / (2 * epsilon)


def gradient_check_squared_norms(x, theta, epsilon=1e-7, print_msg=False):
    grad, gradapprox = backward_propagation(x, theta), _gradapprox(x, theta, epsilon)
    numerator = np.linalg.norm(grad - gradapprox) ** 2
    return numerator / (np.linalg.norm(grad) ** 2 + np.linalg.norm(gradapprox) ** 2)


def gradient_check_no_denominator(x, theta, epsilon=1e-7, print_msg=False):
    grad, gradapprox = backward_propagation(x, theta), _gradapprox(x, theta, epsilon)
    return np.linalg.norm(grad - gradapprox)


def gradient_check_fixed_epsilon(x, theta, epsilon=1e-7, print_msg=False):
    return gradient_check(x, theta, 1e-7)


def gradient_check_returns_array(x, theta, epsilon=1e-7, print_msg=False):
    return np.array([[gradient_check(x, theta, epsilon)]])


def gradient_check_prints(x, theta, epsilon=1e-7, print_msg=False):
    print("difference =", gradient_check(x, theta, epsilon))


def gradient_check_returns_gradapprox(x, theta, epsilon=1e-7, print_msg=False):
    return _gradapprox(x, theta, epsilon)


def forward_stub(x, theta):
    raise NotImplementedError()


def gradient_check_before_forward_is_written(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_stub(x, theta + epsilon)
    J_minus = forward_stub(x, theta - epsilon)
    return _difference(backward_propagation(x, theta), (J_plus - J_minus) / (2 * epsilon))


def gradient_check_l1_norms(x, theta, epsilon=1e-7, print_msg=False):
    grad, gradapprox = backward_propagation(x, theta), _gradapprox(x, theta, epsilon)
    return np.sum(np.abs(grad - gradapprox)) / (np.sum(np.abs(grad)) + np.sum(np.abs(gradapprox)))


def gradient_check_published_answer(x, theta, epsilon=1e-7, print_msg=False):
    return 2.919335883291695e-10


def gradient_check_with_wrong_forward(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_adds(x, theta + epsilon)
    J_minus = forward_adds(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    return _difference(backward_propagation(x, theta), gradapprox)


# --- the published figures ------------------------------------------------------

def test_lesson_solution_reproduces_the_published_figures():
    assert forward_propagation(2.0, 4.0) == 8
    assert backward_propagation(2.0, 4.0) == 2
    assert_published(gradient_check(2.0, 4.0), "difference_1d")
    assert_published(gradient_check(3.0, 4.0), "difference_1d_x3")


# --- correct code passes ------------------------------------------------------------

@pytest.mark.parametrize("language, verdict", [("en", "All visible tests passed."),
                                               ("tr", "Görünür testlerin tümü geçti.")])
def test_lesson_solution_passes_every_check_with_a_green_verdict(language, verdict, capsys):
    set_language(language)
    for test_function, check, target in (
            (forward_propagation_test, check_forward_propagation, forward_propagation),
            (backward_propagation_test, check_backward_propagation, backward_propagation),
            (gradient_check_test, check_gradient_check, gradient_check)):
        assert test_function(target) is None
        assert capsys.readouterr().out == f"\x1b[92m{verdict}\x1b[0m\n"
        result = check(target)
        assert result.passed and result.cases >= 6


@pytest.mark.parametrize("check, target", [
    (check_forward_propagation, forward_propagation_product),
    (check_gradient_check, gradient_check_plain_floats),
])
def test_correct_code_written_another_way_passes(check, target):
    assert check(target).passed


def test_gradient_check_output_does_not_leak_into_the_verdict(capsys):
    def chatty(x, theta, epsilon=1e-7, print_msg=False):
        return gradient_check(x, theta, epsilon, print_msg=True)

    gradient_check_test(chatty)
    assert capsys.readouterr().out == "\x1b[92mAll visible tests passed.\x1b[0m\n"


# --- failures are loud, explained and raised -------------------------------------------

@pytest.mark.parametrize("test_function, name", [
    (forward_propagation_test, "forward_propagation"),
    (backward_propagation_test, "backward_propagation"),
    (gradient_check_test, "gradient_check"),
])
@pytest.mark.parametrize("language, words", [("en", "is not implemented yet"),
                                             ("tr", "henüz yazılmadı")])
def test_unfilled_stub_is_reported_as_not_implemented(test_function, name, language, words):
    text = failure(test_function, not_implemented, language)
    assert words in text and f"`{name}`" in text


def test_failure_is_raised_once_and_shown_in_red(capsys):
    """Is the verdict raised, not printed too, and red where IPython shows it?"""
    with pytest.raises(CheckFailedError) as raised:
        forward_propagation_test(forward_returns_theta)
    assert capsys.readouterr().out == ""
    assert raised.value._render_traceback_() == [f"\x1b[91m{raised.value}\x1b[0m"]
    assert isinstance(raised.value, AssertionError)
    assert raised.value.result.kinds == ["forward_theta"]


def test_wrong_value_says_what_was_expected_and_what_came():
    text = failure(forward_propagation_test, forward_adds, "en")
    assert "For x = 2.0, θ = 4.0: expected `J` = 8.0, got 6.0." in text
    text = failure(forward_propagation_test, forward_adds, "tr")
    assert "x = 2.0, θ = 4.0 için beklenen `J` = 8.0, gelen: 6.0." in text


def test_a_wrong_value_tells_the_grader_what_was_expected_and_what_came():
    problem = check_gradient_check(gradient_check_precedence).problems[0]
    assert problem.data["expected"] == gradient_check(2.0, 4.0)
    assert problem.data["got"] == gradient_check_precedence(2.0, 4.0)
    assert problem.data["failed"] == check_gradient_check(gradient_check).cases


def test_an_error_inside_the_student_function_is_reported_with_its_traceback():
    text = failure(forward_propagation_test, forward_crashes, "en")
    assert "raised an error for x = 2.0, θ = 4.0: AttributeError" in text
    assert "hata verdi: AttributeError" in failure(forward_propagation_test, forward_crashes, "tr")
    with pytest.raises(AssertionError) as raised:
        forward_propagation_test(forward_crashes)
    assert isinstance(raised.value.__cause__, AttributeError)
    assert raised.value.__cause__.__traceback__.tb_next.tb_frame.f_code.co_name == "forward_crashes"
    line = forward_crashes.__code__.co_firstlineno + 1
    assert f"Your code stopped in `forward_crashes`, at line {line} of its cell: `" in text


@pytest.mark.parametrize("check, target", [
    (check_forward_propagation, lambda x, theta: 8.0),
    (check_backward_propagation, lambda x, theta: 2.0),
    (check_gradient_check, gradient_check_published_answer),
])
def test_the_examples_answer_hard_coded_does_not_pass(check, target):
    result = check(target)
    assert not result.passed and result.cases >= 6


def test_a_hard_coded_difference_is_named():
    """Is the lesson's number written into the code named as such, in both languages?"""
    assert check_gradient_check(gradient_check_published_answer).kinds == ["hard_coded"]
    assert "instead of writing it into the code" in failure(gradient_check_test,
                                                            gradient_check_published_answer, "en")
    assert "koda sabit yazmak yerine" in failure(gradient_check_test,
                                                gradient_check_published_answer, "tr")


def test_gradient_check_with_a_wrong_forward_points_at_the_helpers():
    """When the notebook's forward pass fails its own check, is that where the hint points?"""
    names = lesson_namespace("01", ["forward-propagation", "backward-propagation",
                                    "gradient-check"])
    names["forward_propagation"] = forward_adds
    result = check_gradient_check(names["gradient_check"])
    assert result.kinds == ["wrong_value"]
    assert [hint.key for hint in result.problems[0].hints] == ["hint.use_helpers"]
    assert "fail their own checks (`forward_propagation`)" in result.render("en")
    assert "geçmeyen fonksiyonları çağırıyor (`forward_propagation`)" in result.render("tr")


def test_a_mistake_the_catalogue_does_not_know_is_called_unusual():
    """With correct helpers and an unknown mistake, does the check say so honestly?"""
    result = check_gradient_check(gradient_check_with_wrong_forward)
    assert result.kinds == ["wrong_value"]
    assert "This is not one of the usual mistakes" in result.render("en")
    assert "olağan hatalardan biri değil" in result.render("tr")
    assert "forward_propagation" not in result.render("en").split("Hint:")[1]


# --- the mistake catalogue ------------------------------------------------------------

MISTAKES = [
    # (printed check, submission, kind, English words, Turkish words)
    (forward_propagation_test, forward_returns_theta, "forward_theta",
     "You returned θ; the cost is the product J = θx.",
     "θ'yı döndürdünüz; maliyet, J = θx çarpımıdır."),
    (forward_propagation_test, forward_adds, "forward_sum",
     "You added θ and x", "θ ile x'i topladınız"),
    (backward_propagation_test, backward_returns_theta, "backward_theta",
     "with respect to θ is x", "θ'ya göre türevi x'tir"),
    (backward_propagation_test, backward_returns_cost, "backward_cost",
     "You returned the cost J = θx itself", "Maliyetin kendisini (J = θx) döndürdünüz"),
    (backward_propagation_test, backward_forgets_return, "returned_none",
     "returned None for x = 2.0, θ = 4.0: is the `return` line missing?",
     "None döndürdü: `return` satırı eksik olabilir mi?"),
    (backward_propagation_test, backward_prints, "printed_instead",
     "printed '2.0' but returned None", "'2.0' yazdırdı ama None döndürdü"),
    (backward_propagation_test, backward_returns_array, "array_instead",
     "returned an array of shape (1,)", "(1,) boyutlu bir dizi döndürdü"),
    (gradient_check_test, gradient_check_precedence, "precedence",
     "divides by 2, then MULTIPLIES by ε", "Paydanın tamamını paranteze alın"),
    (gradient_check_test, gradient_check_perturbs_x, "perturb_x",
     "x is perturbed instead of θ", "θ yerine x kaydırılmış"),
    (gradient_check_test, gradient_check_minus_from_plus, "factor_two",
     "theta_minus from theta, not from theta_plus",
     "theta_minus theta_plus'tan değil theta'dan"),
    (gradient_check_test, gradient_check_one_sided, "one_sided",
     "matches a one-sided difference", "tek yönlü bir farkla (ileri fark)"),
    (gradient_check_test, gradient_check_squared_norms, "squared",
     "matches squared L2 norms", "L2 normlarının karesi alınarak"),
    (gradient_check_test, gradient_check_no_denominator, "no_denominator",
     "Divide it by ‖grad‖₂ + ‖gradapprox‖₂", "‖grad‖₂ + ‖gradapprox‖₂ değerine bölün"),
    (gradient_check_test, gradient_check_fixed_epsilon, "ignores_epsilon",
     "ε written as 1e-7", "ε'un 1e-7 olarak yazıldığı"),
    (gradient_check_test, gradient_check_returns_gradapprox, "returned_gradient",
     "You returned a gradient (about dθ = x)", "Bir gradyan döndürdünüz"),
    (gradient_check_test, gradient_check_returns_array, "array_instead",
     "returned an array of shape (1, 1)", "(1, 1) boyutlu bir dizi döndürdü"),
    (gradient_check_test, gradient_check_prints, "printed_instead",
     "return the value (`return ...`) instead of printing it",
     "değeri yazdırmak yerine `return ...` ile döndürün"),
]


@pytest.mark.parametrize("test_function, target, kind, english, turkish", MISTAKES,
                         ids=[mistake[1].__name__ for mistake in MISTAKES])
def test_each_mistake_gets_its_own_hint_in_both_languages(test_function, target, kind,
                                                          english, turkish):
    in_english = failed(test_function, target, "en")
    assert english in str(in_english)
    assert turkish in failure(test_function, target, "tr")
    assert in_english.result.kinds == [kind]


def test_array_result_holding_the_right_number_is_only_told_to_return_a_float():
    assert check_gradient_check(gradient_check_returns_array).kinds == ["array_instead"]


@pytest.mark.parametrize("language, words", [
    ("en", "`gradient_check` stopped because `forward_stub`, which it calls, is not implemented"),
    ("tr", "`gradient_check` durdu, çünkü çağırdığı `forward_stub` henüz yazılmadı"),
])
def test_a_stub_helper_is_blamed_not_the_function_checked(language, words):
    assert words in failure(gradient_check_test, gradient_check_before_forward_is_written,
                            language)
    result = check_gradient_check(gradient_check_before_forward_is_written)
    assert result.kinds == ["helper_not_implemented"]


def test_l1_norm_is_accepted_in_one_dimension_where_it_equals_l2():
    # |a| is both norms of one number, so there is nothing to tell the student here
    assert check_gradient_check(gradient_check_l1_norms).passed


def test_answers_learnt_by_heart_fail_on_the_graders_own_seed():
    seen = {}

    def spy(x, theta):
        seen[(x, theta)] = theta * x
        return theta * x

    assert check_forward_propagation(spy).passed

    def by_heart(x, theta):
        return seen.get((x, theta), 0.0)

    assert check_forward_propagation(by_heart).passed
    assert check_forward_propagation(by_heart, seed=7).kinds == ["wrong_value"]
    assert check_forward_propagation(forward_propagation, seed=7).passed
    assert check_gradient_check(gradient_check, seed=7).passed


def gradient_check_broken_message(x, theta, epsilon=1e-7, print_msg=False):
    difference = gradient_check(x, theta, epsilon)
    if print_msg:
        print("difference = " + difference)
    return difference


@pytest.mark.parametrize("language, words", [
    ("en", "raised an error for x = 2.0, θ = 4.0, ε = 1e-07 and print_msg=True: TypeError"),
    ("tr", "x = 2.0, θ = 4.0, ε = 1e-07 ve print_msg=True için hata verdi: TypeError"),
])
def test_a_crash_when_printing_the_message_is_caught(language, words):
    assert words in failure(gradient_check_test, gradient_check_broken_message, language)
