"""Planted mistakes and harmless variants of lesson 01 (forward, backward, gradient_check).

Each entry changes the solution of one graded function as a student might;
``tests.mutations.engine`` plants it in the lesson source and runs the check.
"""

from .engine import Mutation

# The lines of the gradient_check solution that the entries rewrite
PLUS = "theta_plus = theta + epsilon"
MINUS = "theta_minus = theta - epsilon"
J_PLUS = "J_plus = forward_propagation(x, theta_plus)"
J_MINUS = "J_minus = forward_propagation(x, theta_minus)"
QUOTIENT = "gradapprox = (J_plus - J_minus) / (2 * epsilon)"
NUMERATOR = "numerator = np.linalg.norm(grad - gradapprox)"
DENOMINATOR = "denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)"
DIVIDE = "difference = numerator / denominator"
RETURN = "return difference"


def _forward(old, new, kind, note, also=()):
    return Mutation("01", "forward_propagation", old, new, kind, note, also)


def _backward(old, new, kind, note, also=()):
    return Mutation("01", "backward_propagation", old, new, kind, note, also)


def _check(old, new, kind, note, also=()):
    return Mutation("01", "gradient_check", old, new, kind, note, also)


FORWARD = [
    _forward("J = theta * x", "J = theta", "forward_theta", "returns theta"),
    _forward("J = theta * x", "J = x", "forward_x", "returns x"),
    _forward("J = theta * x", "J = theta + x", "forward_sum", "adds"),
    _forward("J = theta * x", "J = np.array([theta * x])", "array_instead", "array of one"),
    _forward("J = theta * x", "J = [theta * x]", "array_instead", "list of one"),
    _forward("J = theta * x", "J = str(theta * x)", "not_a_number", "string"),
    _forward("J = theta * x", "print(theta * x)\n    J = None", "printed_instead", "prints"),
    _forward("    return J", "    J", "returned_none", "no return"),
    _forward("J = theta * x", "J = theta * x * x", "not_usual", "squares x"),
    _forward("J = theta * x", "J = x * theta", None, "factors swapped"),
    _forward("J = theta * x", "J = np.dot(theta, x)", None, "np.dot"),
    _forward("J = theta * x", "J = float(theta * x)", None, "float"),
    _forward("J = theta * x", "J = np.multiply(theta, x)", None, "numpy scalar"),
]

BACKWARD = [
    _backward("dtheta = x", "dtheta = theta", "backward_theta", "returns theta"),
    _backward("dtheta = x", "dtheta = theta * x", "backward_cost", "returns the cost"),
    _backward("dtheta = x", "dtheta = forward_propagation(x, theta)", "backward_cost",
              "calls the forward pass"),
    _backward("dtheta = x", "dtheta = theta + x", "backward_sum", "adds"),
    _backward("dtheta = x", "dtheta = np.array([[x]])", "array_instead", "array"),
    _backward("dtheta = x", "print(x)\n    dtheta = None", "printed_instead", "prints"),
    _backward("dtheta = x", "dtheta = 1", "not_usual", "constant one"),
    _backward("dtheta = x", "dtheta = x.derivative()", "raised", "raises"),
    _backward("dtheta = x", "dtheta = float(x)", None, "float"),
    _backward("dtheta = x", "dtheta = np.float64(x)", None, "numpy scalar"),
]

CHECK = [
    # the difference quotient
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / 2 * epsilon", "precedence",
           "precedence"),
    _check(QUOTIENT, "gradapprox = J_plus - J_minus / (2 * epsilon)", "numerator_parentheses",
           "numerator parentheses"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / epsilon", "factor_two", "no 2"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / (2 * epsilon ** 2)", "epsilon_squared",
           "epsilon squared in the quotient"),
    _check(f"{PLUS}\n    {MINUS}",
           "theta_plus = theta + epsilon ** 2\n    theta_minus = theta - epsilon ** 2",
           "epsilon_squared", "epsilon squared as the step"),
    _check(f"{J_MINUS}\n    {QUOTIENT}",
           "J_minus = forward_propagation(x, theta)\n"
           "    gradapprox = (J_plus - J_minus) / epsilon", "one_sided", "one-sided forward"),
    _check(f"{J_PLUS}\n    {J_MINUS}\n    {QUOTIENT}",
           "J_plus = forward_propagation(x, theta)\n    " + J_MINUS +
           "\n    gradapprox = (J_plus - J_minus) / epsilon", "one_sided", "one-sided backward"),
    _check(J_MINUS, "J_minus = forward_propagation(x, theta)", "factor_two",
           "J_minus at theta"),
    _check(J_PLUS, "J_plus = forward_propagation(x, theta)", "factor_two", "J_plus at theta"),
    _check(MINUS, "theta_minus = theta_plus - epsilon", "factor_two",
           "theta_minus from theta_plus"),
    _check("J_plus - J_minus) / (2", "J_minus - J_plus) / (2", "sign_or_zero", "sign flipped"),
    _check(J_PLUS, "J_plus = forward_propagation(x, theta_minus)", "sign_or_zero",
           "same point twice"),
    # epsilon
    _check(f"{PLUS}\n    {MINUS}", "theta_plus = theta + 1e-7\n    theta_minus = theta - 1e-7",
           "ignores_epsilon", "fixed step"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / (2 * 1e-7)", "ignores_epsilon",
           "fixed quotient"),
    _check(f"{PLUS}\n    {MINUS}", "epsilon = 1e-7\n    " + PLUS + "\n    " + MINUS,
           "ignores_epsilon", "epsilon overwritten"),
    # x and theta
    _check(f"{PLUS}\n    {MINUS}\n    {J_PLUS}\n    {J_MINUS}",
           "J_plus = forward_propagation(x + epsilon, theta)\n"
           "    J_minus = forward_propagation(x - epsilon, theta)", "perturb_x", "perturbs x"),
    _check("grad = backward_propagation(x, theta)", "grad = backward_propagation(theta, x)",
           "perturb_x", "swapped arguments of the backward pass"),
    # the difference
    _check(DIVIDE, "difference = numerator", "no_denominator", "numerator returned"),
    _check(DENOMINATOR, "denominator = np.linalg.norm(grad)", "partial_denominator",
           "denominator of grad alone"),
    _check(DENOMINATOR, "denominator = np.linalg.norm(gradapprox)", "partial_denominator",
           "denominator of gradapprox alone"),
    _check(DIVIDE, "difference = numerator / np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
           "denominator_parentheses", "denominator parentheses"),
    _check(f"{NUMERATOR}\n    {DENOMINATOR}",
           "numerator = np.linalg.norm(grad - gradapprox) ** 2\n"
           "    denominator = np.linalg.norm(grad) ** 2 + np.linalg.norm(gradapprox) ** 2",
           "squared", "squared norms"),
    _check(NUMERATOR, "numerator = np.linalg.norm(grad - gradapprox) ** 2", "squared",
           "squared numerator"),
    _check(NUMERATOR, "numerator = np.linalg.norm(gradapprox - gradapprox)", "self_compare",
           "gradapprox with itself"),
    _check(NUMERATOR, "numerator = np.linalg.norm(grad - grad)", "self_compare",
           "grad with itself"),
    _check("grad = backward_propagation(x, theta)",
           "grad = backward_propagation(x, theta)\n    gradapprox = grad", "self_compare",
           "gradapprox overwritten with grad"),
    _check(NUMERATOR, "numerator = np.linalg.norm(grad) - np.linalg.norm(gradapprox)",
           "difference_of_norms", "difference of norms"),
    # what comes back
    _check(RETURN, "return gradapprox", "returned_gradient", "returns gradapprox"),
    _check(RETURN, "return grad", "returned_gradient", "returns grad"),
    _check(DIVIDE, "difference = 2.919335883291695e-10", "hard_coded", "hard-coded difference"),
    _check(RETURN, "print(difference)", "printed_instead", "prints the difference"),
    _check(RETURN, "return describe_difference(difference)", "not_a_number",
           "returns the reading"),
    _check(RETURN, "return difference < 1e-7", "not_a_number", "returns a verdict"),
    _check(RETURN, "return np.array([difference])", "array_instead", "array of one"),
    _check(DIVIDE, "difference = numerator / denominator\n    theta = theta_plus", None,
           "dead assignment"),
    # harmless variants
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / 2 / epsilon", None, "divide twice"),
    _check(NUMERATOR, "numerator = np.linalg.norm(gradapprox - grad)", None,
           "subtraction order"),
    _check(f"{NUMERATOR}\n    {DENOMINATOR}",
           "numerator = np.abs(grad - gradapprox)\n"
           "    denominator = np.abs(grad) + np.abs(gradapprox)", None, "abs in 1-D"),
    _check(DENOMINATOR, "denominator = np.linalg.norm(grad + gradapprox)", None,
           "norm of the sum in 1-D"),
    _check(DIVIDE, "difference = float(numerator / denominator)", None, "float"),
    _check(DIVIDE, "difference = np.float64(numerator) / np.float64(denominator)", None,
           "numpy scalar"),
    _check("if print_msg:", "if np.bool_(print_msg):", None, "np.bool_"),
    _check(J_PLUS, "J_plus = forward_propagation(theta_plus, x)", None,
           "arguments swapped in a product"),
    _check(f"{PLUS}\n    {MINUS}\n    {J_PLUS}\n    {J_MINUS}",
           "J_plus = forward_propagation(x, theta + epsilon)\n"
           "    J_minus = forward_propagation(x, theta - epsilon)", None, "inline steps"),
]

MUTATIONS = FORWARD + BACKWARD + CHECK

# Red team (held-out spellings of the same mistakes, and rewrites that must pass)
SIGNATURE = "def gradient_check(x, theta, epsilon=1e-7, print_msg=False):"

RED_TEAM = [
    _forward("J = theta * x", "J = -theta * x", "not_usual", "sign flipped"),
    _forward("J = theta * x", "J = theta / x", "not_usual", "divides"),
    _forward("J = theta * x", "J = theta ** x", "not_a_number", "power (complex for θ < 0)"),
    _forward("J = theta * x", "J = [theta * x][0]", None, "first of a list"),
    _forward("J = theta * x", "J = (theta) * (x) + 0", None, "plus zero"),
    _forward("    J = theta * x\n    ### END SOLUTION\n    return J",
             "    return theta * x\n    ### END SOLUTION", None, "returned directly"),
    _backward("dtheta = x", "dtheta = -x", "not_usual", "sign flipped"),
    _backward("dtheta = x", "dtheta = 2 * x", "not_usual", "doubled"),
    _backward("dtheta = x", "dtheta = [x]", "array_instead", "list of one"),
    _backward("dtheta = x", "dtheta = x * 1.0", None, "times one"),
    _backward("dtheta = x", "dtheta = np.array(x).item()", None, ".item()"),
    _check(QUOTIENT, "gradapprox = (J_plus-J_minus)/2*epsilon", "precedence",
           "precedence, no spaces"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / 2*epsilon", "precedence",
           "precedence, spaced as if grouped"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) * 0.5 * epsilon", "precedence",
           "multiplied by epsilon"),
    _check(QUOTIENT, "gradapprox = J_plus - J_minus / 2 / epsilon", "numerator_parentheses",
           "numerator parentheses, divided twice"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / (2 * epsilon * epsilon)",
           "epsilon_squared", "epsilon times epsilon"),
    _check(MINUS, "theta_minus = theta + epsilon", "sign_or_zero", "theta_minus plus epsilon"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / (2 * 1e-07)", "ignores_epsilon",
           "fixed quotient spelled 1e-07"),
    _check(PLUS, "epsilon = 0.0000001\n    " + PLUS, "ignores_epsilon",
           "epsilon reset in decimals"),
    _check(DIVIDE, "difference = numerator // denominator", "self_compare", "integer division"),
    _check(DIVIDE, "difference = denominator / numerator", "not_usual", "inverted ratio",
           ("above_one",)),
    _check(DENOMINATOR, "denominator = np.linalg.norm(grad) * np.linalg.norm(gradapprox)",
           "not_usual", "product of norms"),
    _check(NUMERATOR, "numerator = np.linalg.norm(grad + gradapprox)", "sign_or_zero",
           "sum in the numerator"),
    _check(RETURN, "return difference > 2e-7", "not_a_number", "returns a comparison"),
    _check(RETURN, "return numerator", "no_denominator", "returns the numerator"),
    _check(RETURN, "print(difference)\n    return None", "printed_instead", "prints, returns None"),
    _check(RETURN, "return str(difference)", "not_a_number", "returns a string"),
    _check(RETURN, "return [difference]", "array_instead", "list of one"),
    _check(NUMERATOR, "numerator = abs(np.linalg.norm(grad) - np.linalg.norm(gradapprox))",
           None, "absolute difference of norms, the same in 1-D"),
    _check(DIVIDE, "difference = 3e-10", "hard_coded", "rounded hard-coded difference"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / 2", "epsilon_squared", "epsilon left out"),
    _check(DIVIDE, "difference = 1 - numerator / denominator", "not_usual", "one minus"),
    _check(DIVIDE, "difference = numerator / denominator * 100", "not_usual", "a percentage"),
    _check(J_MINUS, "J_minus = forward_propagation(x, theta_plus)", "sign_or_zero",
           "J_minus at theta_plus"),
    _check(RETURN, "return difference, gradapprox", "array_instead", "returns a pair"),
    # harmless
    _check(DENOMINATOR, "denominator = np.linalg.norm(grad + gradapprox)\n"
           "    denominator = abs(denominator)", None, "abs of the norm of the sum"),
    _check("grad = backward_propagation(x, theta)", "grad = backward_propagation(x, theta_plus)",
           None, "grad at theta_plus, the same for a linear cost"),
    _check("    if print_msg:\n        print(describe_difference(difference))\n", "", None,
           "no verdict printed"),
    _check(NUMERATOR, "numerator = np.linalg.norm(grad - gradapprox, 1)", "raised",
           "ord=1 of a number"),
    _check(f"{NUMERATOR}\n    {DENOMINATOR}",
           "numerator = abs(grad - gradapprox)\n"
           "    denominator = abs(grad) + abs(gradapprox)", None, "built-in abs"),
    _check(NUMERATOR, "numerator = np.sqrt(np.sum(np.square(grad - gradapprox)))", None,
           "sqrt of a sum of squares"),
    _check(NUMERATOR, "numerator = np.linalg.norm(np.subtract(grad, gradapprox))", None,
           "np.subtract"),
    _check(QUOTIENT, "gradapprox = (J_plus - J_minus) / (epsilon + epsilon)", None,
           "epsilon plus epsilon"),
    _check(QUOTIENT, "gradapprox = 0.5 * (J_plus - J_minus) / epsilon", None, "times one half"),
    _check(DIVIDE, "difference = (numerator / denominator).item()", None, ".item()"),
    _check(PLUS, "theta_plus = np.add(theta, epsilon)", None, "np.add"),
    _check(QUOTIENT, "gradapprox = np.divide(J_plus - J_minus, 2 * epsilon)", None, "np.divide"),
    _check("grad = backward_propagation(x, theta)", "grad = float(backward_propagation(x, theta))",
           None, "float grad"),
    _check(NUMERATOR, "numerator = np.linalg.norm([grad - gradapprox])", None, "norm of a list"),
    _check(DIVIDE, "difference = np.abs(numerator / denominator)", None, "np.abs"),
    _check(RETURN, "return float(difference)", None, "float returned"),
    _check(SIGNATURE, "def gradient_check(x: float, theta: float, epsilon: float = 1e-7,\n"
           "                   print_msg: bool = False) -> float:", None, "type hints"),
    _check(f"{PLUS}\n    {MINUS}\n    {J_PLUS}\n    {J_MINUS}\n    {QUOTIENT}",
           "cost_up = forward_propagation(x, theta + epsilon)\n"
           "    cost_down = forward_propagation(x, theta - epsilon)\n"
           "    gradapprox = (cost_up - cost_down) / (2 * epsilon)", None, "own names"),
    _check(DIVIDE, "difference = numerator / denominator\n"
           "    print(f\"numerator={numerator}, denominator={denominator}\")", None,
           "extra f-string print"),
]

MUTATIONS += RED_TEAM
