"""Do lesson 02's checks pass correct code and name each usual mistake, in both languages?

The functions below are student submissions: the lesson's solutions, the
course's buggy backward pass, and the mistakes students make.
"""

import numpy as np
import pytest
from check_failures import failed, failure
from lesson_code import lesson_namespace
from published import assert_published

from gc_utils import (
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    set_language,
    vector_to_dictionary,
)
from testCases import (
    backward_propagation_n_test,
    check_backward_propagation_n,
    check_gradient_check_n,
    gradient_check_n_test,
    gradient_check_n_test_case,
)

pytestmark = pytest.mark.numeric

# --- backward passes ------------------------------------------------------------


def backward_propagation_n(X, Y, cache, factors=None):
    """The lesson's fixed backward pass; ``factors`` plants the course's bugs."""
    factors = factors or {}
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = factors.get("dW2", 1.) / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = factors.get("db1", 1.) / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3,
            "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def backward_propagation_n_course_bugs(X, Y, cache):
    """The course's buggy version: dW2 = 1/m · … · 2 and db1 = 4/m · …."""
    return backward_propagation_n(X, Y, cache, {"dW2": 2., "db1": 4.})


def backward_fixed_only_dW2(X, Y, cache):
    return backward_propagation_n(X, Y, cache, {"db1": 4.})


def backward_fixed_only_db1(X, Y, cache):
    return backward_propagation_n(X, Y, cache, {"dW2": 2.})


def backward_without_one_over_m(X, Y, cache):
    gradients = backward_propagation_n(X, Y, cache)
    gradients["dW3"] = gradients["dW3"] * X.shape[1]
    return gradients


def backward_with_m_fixed_at_3(X, Y, cache):
    gradients = backward_propagation_n(X, Y, cache)
    return {key: value * X.shape[1] / 3 for key, value in gradients.items()}


def backward_changes_the_cache(X, Y, cache):
    cache[1][cache[1] < 0] = 0.0
    cache[0][:] = 0.0
    return backward_propagation_n(X, Y, cache)


def backward_transposes_dW1(X, Y, cache):
    gradients = backward_propagation_n(X, Y, cache)
    gradients["dW1"] = gradients["dW1"].T
    return gradients


def backward_without_db3(X, Y, cache):
    gradients = backward_propagation_n(X, Y, cache)
    del gradients["db3"]
    return gradients


def backward_returns_nan(X, Y, cache):
    gradients = backward_propagation_n(X, Y, cache)
    gradients["db2"] = np.full_like(gradients["db2"], np.nan)
    return gradients


def backward_returns_a_tuple(X, Y, cache):
    gradients = backward_propagation_n(X, Y, cache)
    return tuple(gradients.values())


def not_implemented(*args, **kwargs):
    raise NotImplementedError()


# --- gradient checks ----------------------------------------------------------------

# The lesson's solution, taken from the lesson source
gradient_check_n = lesson_namespace("02", ["gradient-check-n"])["gradient_check_n"]


def _cost(X, Y, theta):
    return forward_propagation_n(X, Y, vector_to_dictionary(theta))[0]


def _gradapprox(parameters, X, Y, epsilon, perturbed):
    """Loop over θ; ``perturbed(values, i, sign)`` returns the θ to evaluate."""
    values, _ = dictionary_to_vector(parameters)
    gradapprox = np.zeros_like(values)
    for i in range(values.shape[0]):
        J_plus = _cost(X, Y, perturbed(values, i, +1, epsilon))
        J_minus = _cost(X, Y, perturbed(values, i, -1, epsilon))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return gradapprox


def _fresh_copy(values, i, sign, epsilon):
    theta = values.copy()
    theta[i] += sign * epsilon
    return theta


def _difference(grad, gradapprox):
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_n_written_differently(parameters, gradients, X, Y, epsilon=1e-7,
                                         print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(values)
    for i in range(len(values)):
        step = np.zeros_like(values)
        step[i] = epsilon
        gradapprox[i] = (_cost(X, Y, values + step) - _cost(X, Y, values - step)) / 2 / epsilon
    return float(np.linalg.norm(gradapprox - grad)
                 / (np.linalg.norm(gradapprox) + np.linalg.norm(grad)))


def gradient_check_n_vectorized(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    steps = epsilon * np.eye(values.shape[0])
    J_plus = np.array([_cost(X, Y, values + steps[:, [i]]) for i in range(len(values))])
    J_minus = np.array([_cost(X, Y, values - steps[:, [i]]) for i in range(len(values))])
    gradapprox = ((J_plus - J_minus) / (2 * epsilon)).reshape(-1, 1)
    grad = gradients_to_vector(gradients)
    return np.sqrt(np.sum((grad - gradapprox) ** 2)) / (np.linalg.norm(grad, ord=2)
                                                         + np.linalg.norm(gradapprox, ord=2))


def gradient_check_n_precedence(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    gradapprox = np.zeros_like(values)
    for i in range(values.shape[0]):
        J_plus = _cost(X, Y, _fresh_copy(values, i, +1, epsilon))
        J_minus = _cost(X, Y, _fresh_copy(values, i, -1, epsilon))
        gradapprox[i] = (J_plus - J_minus) / 2 * epsilon
    return _difference(gradients_to_vector(gradients), gradapprox)


def gradient_check_n_no_copy(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    gradapprox = np.zeros_like(parameters_values)
    for i in range(parameters_values.shape[0]):
        theta_plus = parameters_values
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus = _cost(X, Y, theta_plus)
        theta_minus = parameters_values
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus = _cost(X, Y, theta_minus)
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return _difference(gradients_to_vector(gradients), gradapprox)


def gradient_check_n_not_restored(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    theta_plus = np.copy(parameters_values)
    theta_minus = np.copy(parameters_values)
    gradapprox = np.zeros_like(parameters_values)
    for i in range(parameters_values.shape[0]):
        theta_plus[i] = theta_plus[i] + epsilon
        theta_minus[i] = theta_minus[i] - epsilon
        gradapprox[i] = (_cost(X, Y, theta_plus) - _cost(X, Y, theta_minus)) / (2 * epsilon)
    return _difference(gradients_to_vector(gradients), gradapprox)


def gradient_check_n_one_sided(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    J = _cost(X, Y, values)
    gradapprox = np.zeros_like(values)
    for i in range(values.shape[0]):
        gradapprox[i] = (_cost(X, Y, _fresh_copy(values, i, +1, epsilon)) - J) / epsilon
    return _difference(gradients_to_vector(gradients), gradapprox)


def _correct_gradapprox(parameters, X, Y, epsilon):
    return _gradapprox(parameters, X, Y, epsilon, _fresh_copy)


def gradient_check_n_l1(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad = gradients_to_vector(gradients)
    gradapprox = _correct_gradapprox(parameters, X, Y, epsilon)
    return (np.linalg.norm(grad - gradapprox, 1)
            / (np.linalg.norm(grad, 1) + np.linalg.norm(gradapprox, 1)))


def gradient_check_n_squared(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad = gradients_to_vector(gradients)
    gradapprox = _correct_gradapprox(parameters, X, Y, epsilon)
    return (np.sum((grad - gradapprox) ** 2)
            / (np.sum(grad ** 2) + np.sum(gradapprox ** 2)))


def gradient_check_n_no_denominator(parameters, gradients, X, Y, epsilon=1e-7,
                                    print_msg=False):
    grad = gradients_to_vector(gradients)
    return np.linalg.norm(grad - _correct_gradapprox(parameters, X, Y, epsilon))


def gradient_check_n_published_answer(parameters, gradients, X, Y, epsilon=1e-7,
                                      print_msg=False):
    return 0.2850931567761623


def gradient_check_n_fixed_epsilon(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return gradient_check_n(parameters, gradients, X, Y)


def gradient_check_n_returns_array(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return np.array([gradient_check_n(parameters, gradients, X, Y, epsilon)])


def gradient_check_n_prints(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    gradient_check_n(parameters, gradients, X, Y, epsilon, print_msg=True)


def gradient_check_n_perturbs_the_parameters(parameters, gradients, X, Y, epsilon=1e-7,
                                             print_msg=False):
    """Perturbs the caller's arrays in place and forgets to undo the last step."""
    grad = gradients_to_vector(gradients)
    gradapprox = []
    for key in ("W1", "b1", "W2", "b2", "W3", "b3"):
        block = parameters[key]
        for index in np.ndindex(block.shape):
            block[index] += epsilon
            J_plus, _ = forward_propagation_n(X, Y, parameters)
            block[index] -= 2 * epsilon
            J_minus, _ = forward_propagation_n(X, Y, parameters)
            gradapprox.append((J_plus - J_minus) / (2 * epsilon))
    return _difference(grad, np.array(gradapprox).reshape(-1, 1))


# --- the published figures ---------------------------------------------------------

def test_course_bugs_and_the_fix_reproduce_the_published_differences():
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    buggy = backward_propagation_n_course_bugs(X, Y, cache)
    fixed = backward_propagation_n(X, Y, cache)
    assert_published(gradient_check_n(parameters, buggy, X, Y), "difference_buggy")
    assert_published(gradient_check_n(parameters, fixed, X, Y), "difference_fixed")


# --- correct code passes -------------------------------------------------------------

@pytest.mark.parametrize("language, verdict", [("en", "All visible tests passed."),
                                               ("tr", "Görünür testlerin tümü geçti.")])
def test_lesson_solutions_pass_with_a_green_verdict(language, verdict, capsys):
    set_language(language)
    assert gradient_check_n_test(gradient_check_n) is None
    assert backward_propagation_n_test(backward_propagation_n) is None
    assert capsys.readouterr().out == f"\x1b[92m{verdict}\x1b[0m\n" * 2


@pytest.mark.parametrize("target", [gradient_check_n_written_differently,
                                    gradient_check_n_vectorized])
def test_correct_gradient_check_n_written_differently_passes(target):
    assert check_gradient_check_n(target).passed


def test_a_student_who_changes_the_inputs_leaves_the_next_check_intact():
    assert "mutated" in check_gradient_check_n(gradient_check_n_perturbs_the_parameters).kinds
    assert "mutated" in check_backward_propagation_n(backward_changes_the_cache).kinds
    assert check_gradient_check_n(gradient_check_n).passed
    assert check_backward_propagation_n(backward_propagation_n).passed


def test_checks_run_on_more_than_the_lessons_example():
    assert check_gradient_check_n(gradient_check_n).cases >= 4
    assert check_backward_propagation_n(backward_propagation_n).cases >= 4
    assert check_gradient_check_n(gradient_check_n_published_answer).kinds == ["hard_coded"]


def test_correct_code_passes_on_the_graders_own_seed():
    assert check_gradient_check_n(gradient_check_n, seed=7).passed
    assert check_backward_propagation_n(backward_propagation_n, seed=7).passed
    assert check_backward_propagation_n(backward_fixed_only_db1, seed=7).kinds == ["wrong_blocks"]


# --- the backward pass: which block is wrong? --------------------------------------------

@pytest.mark.parametrize("target, blocks, factors", [
    (backward_propagation_n_course_bugs, ["db1", "dW2"], {"db1": 4, "dW2": 2}),
    (backward_fixed_only_dW2, ["db1"], {"db1": 4}),
    (backward_fixed_only_db1, ["dW2"], {"dW2": 2}),
])
def test_backward_names_the_blocks_still_wrong_and_their_factor(target, blocks, factors):
    result = check_backward_propagation_n(target)
    assert result.kinds == ["wrong_blocks"]
    problem = result.problems[0]
    assert problem.data["blocks"] == blocks
    assert problem.data["factors"] == pytest.approx(factors, rel=1e-6)


def test_backward_with_only_db1_left_says_so_in_both_languages():
    english = failure(backward_propagation_n_test, backward_fixed_only_dW2, "en")
    assert "these blocks disagree with the numerical gradient (relative difference after " \
           "each): db1: 0.6. These agree: dW1, dW2, db2, dW3, db3." in english
    assert "Hint: `db1`: still 4 times the correct value, the seeded bug" in english
    turkish = failure(backward_propagation_n_test, backward_fixed_only_dW2, "tr")
    assert "şu bloklar sayısal gradyanla uyuşmuyor" in turkish and "db1: 0.6." in turkish
    assert "İpucu: `db1`: hâlâ doğru değerin 4 katı; bu, verilen koddaki kasıtlı" in turkish


BACKWARD_MISTAKES = [
    (backward_without_one_over_m, "wrong_blocks",
     "`dW3`: m times the correct value", "`dW3`: doğru değerin m katı"),
    (backward_with_m_fixed_at_3, "wrong_blocks",
     "`dW1`, `db1`, `dW2`, `db2`, `dW3`, `db3`: right only when there are 3 examples",
     "`dW1`, `db1`, `dW2`, `db2`, `dW3`, `db3`: yalnızca 3 örnek olduğunda doğru"),
    (backward_changes_the_cache, "mutated",
     "changed its input `cache`", "girdisi olan `cache` değerini değiştirdi"),
    (backward_transposes_dW1, "bad_gradients",
     "`gradients['dW1']` must have the shape of `parameters['W1']` (5, 4), got (4, 5)",
     "`gradients['dW1']`, `parameters['W1']` ile aynı boyutta (5, 4) olmalı"),
    (backward_without_db3, "bad_gradients", "is missing db3", "db3 eksik"),
    (backward_returns_a_tuple, "not_a_dict",
     "returned a tuple of 11 items for X of shape (4, 3); expected a dictionary of gradients",
     "11 elemanlı bir tuple döndürdü; gradyanlardan oluşan bir sözlük"),
    (backward_returns_nan, "bad_gradients",
     "`gradients['db2']` contains 3 NaN or infinite value(s)",
     "`gradients['db2']` içinde 3 adet NaN ya da sonsuz değer var"),
    (not_implemented, "not_implemented", "is not implemented yet", "henüz yazılmadı"),
]


@pytest.mark.parametrize("target, kind, english, turkish", BACKWARD_MISTAKES,
                         ids=[mistake[0].__name__ for mistake in BACKWARD_MISTAKES])
def test_each_backward_mistake_gets_its_own_hint(target, kind, english, turkish):
    in_english = failed(backward_propagation_n_test, target, "en")
    assert english in str(in_english)
    assert turkish in failure(backward_propagation_n_test, target, "tr")
    assert in_english.result.kinds[0] == kind


# --- the gradient check: the mistake catalogue ------------------------------------------

GRADIENT_CHECK_MISTAKES = [
    (gradient_check_n_precedence, "precedence",
     "divides by 2, then MULTIPLIES by ε", "Paydanın tamamını paranteze alın"),
    (gradient_check_n_no_copy, "at_theta",
     "theta_plus and theta_minus are one array (no `np.copy`)",
     "theta_plus ile theta_minus tek bir dizi olduğunda"),
    (gradient_check_n_not_restored, "copy_once",
     "copied once, before the loop", "döngüden önce bir kez kopyalandığı"),
    (gradient_check_n_one_sided, "one_sided",
     "matches a one-sided difference", "tek yönlü bir farkla (ileri fark)"),
    (gradient_check_n_l1, "l1",
     "matches L1 norms", "L1 normlarıyla (mutlak değerlerin toplamıyla)"),
    (gradient_check_n_squared, "squared",
     "matches squared L2 norms", "L2 normlarının karesi alınarak"),
    (gradient_check_n_no_denominator, "no_denominator",
     "Divide it by ‖grad‖₂ + ‖gradapprox‖₂", "‖grad‖₂ + ‖gradapprox‖₂ değerine bölün"),
    (gradient_check_n_fixed_epsilon, "ignores_epsilon",
     "ε written as 1e-7", "ε'un 1e-7 olarak yazıldığı"),
    (gradient_check_n_returns_array, "array_instead",
     "returned an array of shape (1,)", "(1,) boyutlu bir dizi döndürdü"),
    (gradient_check_n_prints, "printed_instead",
     "but returned None", "ama None döndürdü"),
    (gradient_check_n_perturbs_the_parameters, "mutated",
     "changed its input `parameters`", "girdisi olan `parameters` değerini değiştirdi"),
    (not_implemented, "not_implemented", "is not implemented yet", "henüz yazılmadı"),
]


@pytest.mark.parametrize("target, kind, english, turkish", GRADIENT_CHECK_MISTAKES,
                         ids=[mistake[0].__name__ for mistake in GRADIENT_CHECK_MISTAKES])
def test_each_gradient_check_mistake_gets_its_own_hint(target, kind, english, turkish):
    in_english = failed(gradient_check_n_test, target, "en")
    assert english in str(in_english)
    assert turkish in failure(gradient_check_n_test, target, "tr")
    assert in_english.result.kinds[0] == kind


def test_no_copy_gives_a_third_on_correct_gradients():
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    difference = gradient_check_n_no_copy(parameters, backward_propagation_n(X, Y, cache), X, Y)
    assert difference == pytest.approx(1 / 3, abs=1e-3)


def test_precedence_gives_a_difference_of_about_one():
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    assert gradient_check_n_precedence(parameters, gradients, X, Y) == pytest.approx(1, abs=1e-12)


# --- the examples of issue 11 ---------------------------------------------------------------

def test_the_lessons_example_expects_the_number_the_lesson_prints():
    """Does the check's first case expect what the lesson's fixed network prints (run-fixed)?"""
    names = lesson_namespace("02", ["imports", "gradient-check-n", "backward-propagation-n"])
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = names["backward_propagation_n"](X, Y, cache)
    lesson = names["gradient_check_n"](parameters, gradients, X, Y, 1e-7)
    result = check_gradient_check_n(lambda *args, **kwargs: 0.5)
    assert result.problems[0].data["expected"] == pytest.approx(lesson, rel=1e-9)


def test_vectors_of_shape_n_are_named_and_the_difference_above_one_explained():
    """Is a difference above 1 from (n,) against (n, 1) named, saying it cannot exceed 1?"""
    def flat(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
        grad = gradients_to_vector(gradients).ravel()
        return float(np.linalg.norm(grad - _correct_gradapprox(parameters, X, Y, epsilon))
                     / (np.linalg.norm(grad) + np.linalg.norm(
                         _correct_gradapprox(parameters, X, Y, epsilon))))

    result = check_gradient_check_n(flat)
    assert result.kinds == ["broadcast"] and result.problems[0].data["got"] > 1
    assert "a relative difference never does" in result.render("en")
    assert "1'i hiçbir zaman aşmaz" in result.render("tr")


def test_a_rounded_published_difference_is_matched_and_nothing_near_it():
    """Does a hard-coded 0.285 match the published 0.2850931567761623, but 0.29 not 0.28509?"""
    from gc_feedback.mistakes import Published, matches, rounds_to

    published = Published(0.2850931567761623)
    assert matches(0.285, published) and matches(0.2850931567761623, published)
    assert rounds_to(3e-10, 2.919335883291695e-10)
    assert not matches(0.2852, published)
    # a plain replayed value is not matched by a rounding of it
    assert not matches(0.285, 0.2850931567761623)


def test_rounding_spread_is_noise_for_correct_gradients_only():
    """Is the spread of two correct loops a small share of a rounding-noise difference, and
    negligible beside the difference of a wrong gradient?"""
    from gc_feedback.mistakes import expected_difference, rounding_spread

    X, Y, parameters = gradient_check_n_test_case()
    theta, _ = dictionary_to_vector(parameters)

    def cost(vector):
        return forward_propagation_n(X, Y, vector_to_dictionary(vector))[0]

    gradients = backward_propagation_n(X, Y, forward_propagation_n(X, Y, parameters)[1])
    grad = gradients_to_vector(gradients)
    noise = rounding_spread(cost, theta, grad, 1e-7)
    assert 0 < noise < 1e-3 * expected_difference(cost, theta, grad, 1e-7)
    wrong = 2 * grad
    assert rounding_spread(cost, theta, wrong, 1e-7) < 1e-9 * expected_difference(
        cost, theta, wrong, 1e-7)
