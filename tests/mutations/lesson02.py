"""Planted mistakes and harmless variants of lesson 02: gradient_check_n, the fixed backprop.

Each entry changes the solution of one graded function as a student might;
``tests.mutations.engine`` plants it in the lesson source and runs the check.
The fixed backward pass is planted as a student leaves it: the given lines
(seeded bugs included) followed by the solution's two fixed lines, so
"a bug left" removes a fixed line and "the wrong line" edits another one.
"""

from .engine import Mutation

# The lines of the gradient_check_n solution that the entries rewrite
PLUS_COPY = "theta_plus = np.copy(parameters_values)"
MINUS_COPY = "theta_minus = np.copy(parameters_values)"
PLUS_STEP = "theta_plus[i] = theta_plus[i] + epsilon"
MINUS_STEP = "theta_minus[i] = theta_minus[i] - epsilon"
J_PLUS = "J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))"
J_MINUS = ("J_minus[i], _ = forward_propagation_n(X, Y, "
           "vector_to_dictionary(theta_minus, parameters))")
QUOTIENT = "gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)"
BODY = (f"{PLUS_COPY}\n        {PLUS_STEP}\n        {J_PLUS}\n\n"
        f"        {MINUS_COPY}\n        {MINUS_STEP}\n        {J_MINUS}\n\n        {QUOTIENT}")
NUMERATOR = "numerator = np.linalg.norm(grad - gradapprox)"
DENOMINATOR = "denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)"
DIVIDE = "difference = numerator / denominator"
RETURN = "        return difference, gradapprox\n    return difference"

# The lines of the backward pass: the given ones and the solution's fixes
FIX_DW2 = "    dW2 = 1. / m * np.dot(dZ2, A1.T)\n"
FIX_DB1 = "    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)\n    ### END"


def _check_n(old, new, kind, note, also=()):
    return Mutation("02", "gradient_check_n", old, new, kind, note, also)


def _backward_n(old, new, kind, note, also=()):
    return Mutation("02", "backward_propagation_n", old, new, kind, note, also)


def _body(**lines):
    """The loop body with some of its lines replaced (keys: plus_copy, plus_step, j_plus, …)."""
    parts = {"plus_copy": PLUS_COPY, "plus_step": PLUS_STEP, "j_plus": J_PLUS,
             "minus_copy": MINUS_COPY, "minus_step": MINUS_STEP, "j_minus": J_MINUS,
             "quotient": QUOTIENT, **lines}
    return (f"{parts['plus_copy']}\n        {parts['plus_step']}\n        {parts['j_plus']}\n\n"
            f"        {parts['minus_copy']}\n        {parts['minus_step']}\n"
            f"        {parts['j_minus']}\n\n        {parts['quotient']}")


AT_THETA_PLUS = ("J_plus[i], _ = forward_propagation_n(X, Y, "
                 "vector_to_dictionary(parameters_values, parameters))")
AT_THETA_MINUS = ("J_minus[i], _ = forward_propagation_n(X, Y, "
                  "vector_to_dictionary(parameters_values, parameters))")

GRADIENT_CHECK_N = [
    # the difference quotient
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i] - J_minus[i]) / 2 * epsilon", "precedence",
             "precedence"),
    _check_n(QUOTIENT, "gradapprox[i] = J_plus[i] - J_minus[i] / (2 * epsilon)",
             "numerator_parentheses", "numerator parentheses"),
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i] - J_minus[i]) / epsilon", "missing_two",
             "no 2"),
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon ** 2)",
             "epsilon_squared", "epsilon squared in the quotient"),
    _check_n(BODY, _body(plus_step="theta_plus[i] = theta_plus[i] + epsilon ** 2",
                         minus_step="theta_minus[i] = theta_minus[i] - epsilon ** 2"),
             "epsilon_squared", "epsilon squared as the step"),
    _check_n(BODY, _body(j_minus=AT_THETA_MINUS,
                         quotient="gradapprox[i] = (J_plus[i] - J_minus[i]) / epsilon"),
             "one_sided", "one-sided forward"),
    _check_n(BODY, _body(j_plus=AT_THETA_PLUS,
                         quotient="gradapprox[i] = (J_plus[i] - J_minus[i]) / epsilon"),
             "one_sided", "one-sided backward"),
    _check_n("J_plus[i] - J_minus[i]) / (2", "J_minus[i] - J_plus[i]) / (2", "sign_or_zero",
             "sign flipped"),
    _check_n(BODY, _body(j_plus=AT_THETA_PLUS, j_minus=AT_THETA_MINUS), "sign_or_zero",
             "unperturbed twice"),
    # copies and perturbations
    _check_n(MINUS_COPY, "theta_minus = np.copy(theta_plus)", "at_theta",
             "theta_minus from theta_plus"),
    _check_n(BODY, _body(plus_copy="theta_plus = parameters_values",
                         minus_copy="theta_minus = parameters_values"), "at_theta",
             "one array for both"),
    _check_n(J_MINUS, AT_THETA_MINUS, "at_theta", "J_minus unperturbed"),
    _check_n(J_PLUS, AT_THETA_PLUS, "at_theta", "J_plus unperturbed"),
    _check_n(PLUS_COPY, "theta_plus = parameters_values", "no_copy", "no copy of theta_plus"),
    _check_n(PLUS_COPY, "theta_plus = parameters_values[:]", "no_copy",
             "slice is a view"),
    _check_n(MINUS_COPY, "theta_minus = parameters_values", "not_restored",
             "no copy of theta_minus"),
    _check_n(BODY,
             "parameters_values[i] = parameters_values[i] + epsilon\n"
             "        J_plus[i], _ = forward_propagation_n(X, Y, "
             "vector_to_dictionary(parameters_values, parameters))\n"
             "        parameters_values[i] = parameters_values[i] - 2 * epsilon\n"
             "        J_minus[i], _ = forward_propagation_n(X, Y, "
             "vector_to_dictionary(parameters_values, parameters))\n"
             f"        {QUOTIENT}", "not_restored", "in place, not set back"),
    _check_n(BODY, _body(plus_copy="if i == 0:\n            " + PLUS_COPY,
                         minus_copy="if i == 0:\n            " + MINUS_COPY), "copy_once",
             "copies made once"),
    _check_n(BODY, _body(plus_copy="theta_plus = parameters_values + epsilon", plus_step="",
                         minus_copy="theta_minus = parameters_values - epsilon", minus_step=""),
             "all_moved", "every entry moved"),
    # epsilon
    _check_n(BODY, _body(plus_step="theta_plus[i] = theta_plus[i] + 1e-7",
                         minus_step="theta_minus[i] = theta_minus[i] - 1e-7",
                         quotient="gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * 1e-7)"),
             "ignores_epsilon", "epsilon written as 1e-7"),
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * 1e-7)",
             "ignores_epsilon", "fixed quotient"),
    _check_n(BODY, _body(plus_step="theta_plus[i] = theta_plus[i] + 1e-7",
                         minus_step="theta_minus[i] = theta_minus[i] - 1e-7"),
             "ignores_epsilon", "fixed steps"),
    _check_n(PLUS_COPY, "epsilon = 1e-7\n        " + PLUS_COPY, "ignores_epsilon",
             "epsilon overwritten"),
    # the difference
    _check_n(NUMERATOR, "numerator = np.linalg.norm(gradapprox - gradapprox)", "self_compare",
             "gradapprox with itself"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad - grad)", "self_compare",
             "grad with itself"),
    _check_n(f"{NUMERATOR}\n    {DENOMINATOR}",
             "numerator = np.sum(np.abs(grad - gradapprox))\n"
             "    denominator = np.sum(np.abs(grad)) + np.sum(np.abs(gradapprox))", "l1",
             "sums of absolute values"),
    _check_n(f"{NUMERATOR}\n    {DENOMINATOR}",
             "numerator = np.linalg.norm(grad - gradapprox, 1)\n"
             "    denominator = np.linalg.norm(grad, 1) + np.linalg.norm(gradapprox, 1)", "l1",
             "ord=1"),
    _check_n(f"{NUMERATOR}\n    {DENOMINATOR}",
             "numerator = np.linalg.norm(grad - gradapprox) ** 2\n"
             "    denominator = np.linalg.norm(grad) ** 2 + np.linalg.norm(gradapprox) ** 2",
             "squared", "squared norms"),
    _check_n(NUMERATOR, "numerator = np.sum((grad - gradapprox) ** 2)", "squared",
             "squared numerator"),
    _check_n(DIVIDE, "difference = numerator", "no_denominator", "numerator returned"),
    _check_n(DENOMINATOR, "denominator = np.linalg.norm(grad)", "partial_denominator",
             "denominator of grad alone"),
    _check_n(DENOMINATOR, "denominator = np.linalg.norm(gradapprox)", "partial_denominator",
             "denominator of gradapprox alone"),
    _check_n(DIVIDE,
             "difference = numerator / np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
             "denominator_parentheses", "denominator parentheses"),
    _check_n(DENOMINATOR, "denominator = np.linalg.norm(grad + gradapprox)", "norm_of_sum",
             "norm of the sum"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad) - np.linalg.norm(gradapprox)",
             "difference_of_norms", "difference of norms"),
    # shapes and what comes back
    _check_n("grad = gradients_to_vector(gradients)",
             "grad = gradients_to_vector(gradients).ravel()", "broadcast", "grad of shape (n,)"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad - gradapprox.T)", "broadcast",
             "gradapprox transposed"),
    _check_n("J_plus = np.zeros((num_parameters, 1))\n"
             "    J_minus = np.zeros((num_parameters, 1))\n"
             "    gradapprox = np.zeros((num_parameters, 1))",
             "J_plus = np.zeros(num_parameters)\n    J_minus = np.zeros(num_parameters)\n"
             "    gradapprox = np.zeros(num_parameters)", "broadcast", "vectors of shape (n,)"),
    _check_n(DIVIDE, "difference = 0.2850931567761623", "hard_coded", "hard-coded seeded"),
    _check_n(DIVIDE, "difference = 1.1890913024229996e-07", "hard_coded", "hard-coded fixed"),
    _check_n(RETURN, "        return difference, gradapprox\n    return gradapprox",
             "array_instead", "returns gradapprox"),
    _check_n(RETURN, "        return difference, gradapprox\n    return difference, gradapprox",
             "not_a_number", "always a pair"),
    _check_n(RETURN, "        return difference, gradapprox\n    print(difference)",
             "printed_instead", "prints the difference"),
    _check_n(J_PLUS, "J_plus[i], _ = forward_propagation_n(X, Y, theta_plus)", "raised",
             "vector passed as parameters"),
    _check_n(PLUS_COPY, "raise NotImplementedError()\n        " + PLUS_COPY, "not_implemented",
             "stub left"),
    # harmless variants
    _check_n(PLUS_COPY, "theta_plus = parameters_values.copy()", None, "copy method"),
    _check_n(MINUS_COPY, "theta_minus = np.array(parameters_values)", None, "np.array copies"),
    _check_n(PLUS_STEP, "theta_plus[i] += epsilon", None, "augmented step"),
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i] - J_minus[i]) / 2 / epsilon", None,
             "divide twice"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(gradapprox - grad)", None,
             "subtraction order"),
    _check_n(DIVIDE, "difference = float(numerator / denominator)", None, "float"),
    _check_n(J_PLUS, "J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))",
             None, "no template"),
    _check_n("if print_msg:", "if np.bool_(print_msg):", None, "np.bool_"),
    _check_n(f"{NUMERATOR}\n    {DENOMINATOR}",
             "numerator = np.linalg.norm(grad - gradapprox, 2)\n"
             "    denominator = np.linalg.norm(grad, 2) + np.linalg.norm(gradapprox, 2)", None,
             "ord=2"),
    _check_n(("gradapprox = np.zeros((num_parameters, 1))", QUOTIENT),
             ("gradapprox = []",
              "gradapprox.append((J_plus[i] - J_minus[i]) / (2 * epsilon))"), None,
             "a list of entries"),
]

BACKWARD_N = [
    _backward_n(FIX_DW2, "", "seeded_bug", "dW2 bug left"),
    _backward_n(FIX_DB1, "    ### END", "seeded_bug", "db1 bug left"),
    _backward_n(FIX_DW2 + FIX_DB1, "    ### END", "seeded_bug", "both bugs left"),
    _backward_n(FIX_DW2, "    dW1 = dW1 / 2\n", "seeded_bug", "dW2 fixed on the dW1 line",
                also=("block_factor",)),
    _backward_n(FIX_DB1, "    db2 = db2 / 4\n    ### END", "seeded_bug",
                "db1 fixed on the db2 line", also=("block_factor",)),
    _backward_n("dW3 = 1. / m * np.dot(dZ3, A2.T)", "dW3 = np.dot(dZ3, A2.T)",
                "block_per_example", "no 1/m in dW3"),
    _backward_n("    m = X.shape[1]", "    m = 3", "block_fixed_m", "m written as 3"),
    _backward_n("dZ3 = A3 - Y", "dZ3 = Y - A3", "block_factor", "dZ3 sign"),
    _backward_n("np.int64(A2 > 0)", "np.int64(A2 >= 0)", "block_other", "relu derivative"),
    _backward_n("dW3 = 1. / m * np.dot(dZ3, A2.T)", "dW3 = 1. / m * np.dot(A2, dZ3.T)",
                "bad_gradients", "dW3 transposed"),
    _backward_n("db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)",
                "db3 = 1. / m * np.sum(dZ3, axis=1)", "bad_gradients", "no keepdims"),
    _backward_n("db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)",
                "db2 = 1. / m * np.sum(dZ2, axis=0, keepdims=True)", "bad_gradients",
                "sum over the wrong axis"),
    _backward_n('"dW3": dW3, "db3": db3,', '"dW3": dW3,', "bad_gradients", "db3 missing"),
    _backward_n("    return gradients", "    gradients", "returned_none", "no return"),
    _backward_n("    gradients = {", "    raise NotImplementedError()\n    gradients = {",
                "not_implemented", "stub left"),
    _backward_n("dZ3 = A3 - Y", "A3 -= Y\n    dZ3 = A3", "mutated", "cache changed in place"),
    _backward_n(FIX_DW2, "    dW2 = dW2 / 2\n", None, "dW2 halved"),
    _backward_n("np.int64(A2 > 0)", "(A2 > 0)", None, "boolean mask"),
    _backward_n(FIX_DW2, "    dW2 = np.dot(dZ2, A1.T) / m\n", None, "divide by m"),
]

MUTATIONS = GRADIENT_CHECK_N + BACKWARD_N

# Red team (held-out spellings of the same mistakes, and rewrites that must pass)
LOOP = "for i in range(num_parameters):"
ZEROS = ("J_plus = np.zeros((num_parameters, 1))\n"
         "    J_minus = np.zeros((num_parameters, 1))\n"
         "    gradapprox = np.zeros((num_parameters, 1))")

RED_TEAM = [
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i]-J_minus[i])/2*epsilon", "precedence",
             "precedence, no spaces"),
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i] - J_minus[i]) / 2*epsilon", "precedence",
             "precedence, spaced as if grouped"),
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon * epsilon)",
             "epsilon_squared", "epsilon times epsilon"),
    _check_n(PLUS_COPY, "theta_plus = parameters_values.view()", "no_copy", "a view"),
    _check_n(MINUS_COPY, "theta_minus = parameters_values[:]", "not_restored",
             "theta_minus a slice"),
    _check_n(MINUS_COPY, "theta_minus = theta_plus", "at_theta", "theta_minus aliases theta_plus"),
    _check_n(MINUS_STEP, "theta_minus[i] = theta_plus[i] - epsilon", "at_theta",
             "theta_minus entry from theta_plus"),
    _check_n(LOOP, "for i in range(num_parameters - 1):", "not_usual", "last entry skipped"),
    _check_n(LOOP, "for i in range(1, num_parameters):", "not_usual", "first entry skipped"),
    _check_n(BODY, _body(plus_step="theta_plus[0] = theta_plus[0] + epsilon",
                         minus_step="theta_minus[0] = theta_minus[0] - epsilon"),
             "not_usual", "always entry 0"),
    _check_n(BODY, _body(plus_step="theta_plus[i] = epsilon",
                         minus_step="theta_minus[i] = -epsilon"),
             "not_usual", "entry set to epsilon"),
    _check_n(ZEROS, ZEROS.replace("1))", "1), dtype=int)"), "sign_or_zero",
             "integer arrays round gradapprox to 0"),
    _check_n(f"{NUMERATOR}\n    {DENOMINATOR}",
             "numerator = sum(abs(grad - gradapprox))\n"
             "    denominator = sum(abs(grad)) + sum(abs(gradapprox))", "l1",
             "built-in sum of abs", ("array_instead",)),
    _check_n(f"{NUMERATOR}\n    {DENOMINATOR}",
             "numerator = np.linalg.norm(grad - gradapprox, np.inf)\n"
             "    denominator = np.linalg.norm(grad, np.inf) + np.linalg.norm(gradapprox, np.inf)",
             "not_usual", "max norms"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad - gradapprox, 1)", "not_usual",
             "ord=1 in the numerator only"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad - gradapprox) ** 2", "squared",
             "squared numerator only"),
    _check_n(DENOMINATOR, "denominator = np.linalg.norm(grad) * np.linalg.norm(gradapprox)",
             "not_usual", "product of norms"),
    _check_n(NUMERATOR, "numerator = abs(np.linalg.norm(grad) - np.linalg.norm(gradapprox))",
             "difference_of_norms", "absolute difference of norms"),
    _check_n(DIVIDE, "difference = numerator // denominator", "self_compare",
             "integer division"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad + gradapprox)", "sign_or_zero",
             "sum in the numerator"),
    _check_n(DIVIDE, "difference = denominator / numerator", "not_usual", "inverted ratio",
             ("above_one",)),
    _check_n(RETURN, "        return difference, gradapprox\n    return difference > 2e-7",
             "not_a_number", "returns a comparison"),
    _check_n(RETURN, "        return difference, gradapprox\n    return numerator",
             "no_denominator", "returns the numerator"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad.T - gradapprox)", "broadcast",
             "grad transposed"),
    _check_n(J_PLUS, "J_plus[i] = forward_propagation_n(X, Y, "
             "vector_to_dictionary(theta_plus, parameters))", "raised", "pair not unpacked"),
    _check_n(DIVIDE, "difference = 0.285", "hard_coded", "rounded hard-coded seeded"),
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus[i] - J_minus[i]) / 2", "epsilon_squared",
             "epsilon left out"),
    _check_n(DIVIDE, "difference = 1 - numerator / denominator", "not_usual", "one minus"),
    _check_n(MINUS_STEP, "theta_minus[i] = theta_minus[i] + epsilon", "sign_or_zero",
             "theta_minus moved up"),
    _check_n(J_PLUS, "J_plus[i], _ = forward_propagation_n(X, Y, "
             "vector_to_dictionary(theta_minus, parameters))", "raised",
             "J_plus from theta_minus before it exists"),
    _check_n("grad = gradients_to_vector(gradients)", "grad = gradients_to_vector(gradients).T",
             "broadcast", "grad transposed once"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad - gradapprox, axis=0)", "array_instead",
             "norm along axis 0"),
    _check_n(f"\n\n        {QUOTIENT}", f"\n\n    {QUOTIENT}", "not_usual",
             "quotient after the loop"),
    _check_n(J_MINUS, "J_minus[i], _ = forward_propagation_n(X, Y, "
             "vector_to_dictionary(theta_plus, parameters))", "sign_or_zero",
             "J_minus from theta_plus"),
    # harmless
    _check_n(PLUS_STEP, "theta_plus[i] = parameters_values[i] + epsilon", None,
             "step from parameters_values"),
    _check_n(BODY,
             "parameters_values[i] += epsilon\n"
             "        J_plus[i], _ = forward_propagation_n(X, Y, "
             "vector_to_dictionary(parameters_values, parameters))\n"
             "        parameters_values[i] -= 2 * epsilon\n"
             "        J_minus[i], _ = forward_propagation_n(X, Y, "
             "vector_to_dictionary(parameters_values, parameters))\n"
             "        parameters_values[i] += epsilon\n"
             f"        {QUOTIENT}", None, "in place, set back"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad - gradapprox, ord=2)", None, "ord=2"),
    _check_n(BODY, _body(plus_copy="theta_plus = np.array(parameters_values, copy=True)",
                         j_minus="Jm, _ = forward_propagation_n(X, Y, "
                                 "vector_to_dictionary(theta_minus, parameters))",
                         quotient="gradapprox[i] = (J_plus[i] - Jm) / (2 * epsilon)"), None,
             "a scalar J_minus"),
    _check_n(DIVIDE, "difference = numerator / denominator\n    print(difference)", None,
             "prints and returns"),
    _check_n(BODY, "theta_plus = np.copy(parameters_values)\n"
             "        theta_plus[i] += epsilon\n"
             "        J_plus[i], _ = forward_propagation_n(X, Y, "
             "vector_to_dictionary(theta_plus, parameters))\n"
             "        theta_plus[i] -= 2 * epsilon\n"
             "        J_minus[i], _ = forward_propagation_n(X, Y, "
             "vector_to_dictionary(theta_plus, parameters))\n"
             f"        {QUOTIENT}", None, "one copy per entry, moved down by 2ε"),
    _check_n(PLUS_COPY, "import copy\n        theta_plus = copy.deepcopy(parameters_values)", None,
             "copy.deepcopy"),
    _check_n(BODY, _body(plus_copy="e_i = np.zeros_like(parameters_values)\n"
                                   "        e_i[i] = 1\n"
                                   "        theta_plus = parameters_values + epsilon * e_i",
                         plus_step="",
                         minus_copy="theta_minus = parameters_values - epsilon * e_i",
                         minus_step=""), None, "unit vector"),
    _check_n(BODY, "thetaplus = np.copy(parameters_values)\n"
             "        thetaplus[i] += epsilon\n"
             "        J_plus[i] = forward_propagation_n(X, Y, "
             "vector_to_dictionary(thetaplus, parameters))[0]\n"
             "        thetaminus = np.copy(parameters_values)\n"
             "        thetaminus[i] -= epsilon\n"
             "        J_minus[i] = forward_propagation_n(X, Y, "
             "vector_to_dictionary(thetaminus, parameters))[0]\n"
             "        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)", None,
             "own names, [0] of the pair"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(np.subtract(grad, gradapprox))", None,
             "np.subtract"),
    _check_n(f"{NUMERATOR}\n    {DENOMINATOR}",
             "import math\n"
             "    numerator = math.sqrt(np.sum((grad - gradapprox) ** 2))\n"
             "    denominator = math.sqrt(np.sum(grad ** 2)) + math.sqrt(np.sum(gradapprox ** 2))",
             None, "math.sqrt of sums of squares"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad.T - gradapprox.T)", None,
             "both transposed"),
    _check_n(DIVIDE, "difference = (numerator / denominator).item()", None, ".item()"),
    _check_n(DIVIDE, "difference = np.abs(numerator / denominator)", None, "np.abs"),
    _check_n(ZEROS, "J_plus = np.zeros_like(parameters_values)\n"
             "    J_minus = np.zeros_like(parameters_values)\n"
             "    gradapprox = np.zeros_like(parameters_values)", None, "zeros_like"),
    _check_n(QUOTIENT, "gradapprox[i] = (J_plus - J_minus)[i] / (2 * epsilon)", None,
             "index after subtracting"),
    _check_n(NUMERATOR, "numerator = np.linalg.norm(grad - gradapprox, 'fro')", None, "'fro'"),
    _check_n(LOOP, "for i in list(range(len(parameters_values))):", None, "len"),
    _check_n(DIVIDE, "difference = numerator / denominator\n"
             "    print(f\"difference = {difference:.3e}\")", None, "extra f-string print"),
    # the backward pass
    _backward_n("db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)",
                "db2 = 1. / m * np.sum(dZ2, axis=1)", "bad_gradients", "db2 without keepdims"),
    _backward_n("dW1 = 1. / m * np.dot(dZ1, X.T)", "dW1 = 1. / m * np.dot(X, dZ1.T)",
                "bad_gradients", "dW1 transposed"),
    _backward_n('"dW2": dW2, "db2": db2,', '"dW2": dW1, "db2": db2,', "bad_gradients",
                "dW1 stored as dW2"),
    _backward_n("    m = X.shape[1]", "    m = X.shape[0]", "block_fixed_m", "m from the rows"),
    _backward_n("dZ1 = np.multiply(dA1, np.int64(A1 > 0))", "dZ1 = dA1", "block_other",
                "ReLU derivative left out"),
    _backward_n("dW3 = 1. / m * np.dot(dZ3, A2.T)", "dW3 = 1. / m * np.dot(dZ3, A2)", "raised",
                "A2 not transposed"),
    _backward_n(FIX_DB1, "    db1 = 1. / m * np.sum(dZ1, axis=0, keepdims=True)\n    ### END",
                "bad_gradients", "db1 fixed over the wrong axis"),
    _backward_n(FIX_DW2, "    dW2 = dW2 * 0.5\n", None, "dW2 times one half"),
    _backward_n("db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)",
                "db3 = np.mean(dZ3, axis=1, keepdims=True)", None, "np.mean"),
    _backward_n("dZ1 = np.multiply(dA1, np.int64(A1 > 0))", "dZ1 = dA1 * np.heaviside(Z1, 0)",
                None, "np.heaviside"),
    _backward_n("    m = X.shape[1]", "    m = Y.shape[-1]", None, "m from Y"),
    _backward_n(FIX_DB1, "    db1 = db1 / 4\n    ### END", None, "db1 quartered"),
    _backward_n("dZ2 = np.multiply(dA2, np.int64(A2 > 0))", "dZ2 = dA2 * (Z2 > 0)", None,
                "mask from Z2"),
    _backward_n("dW3 = 1. / m * np.dot(dZ3, A2.T)", "dW3 = (dZ3 @ A2.T) / m", None, "@ and /m"),
    _backward_n('    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,',
                '    gradients = {"dW3": dW3, "db3": db3, "dZ3": dZ3,', None, "key order"),
]

MUTATIONS += RED_TEAM
