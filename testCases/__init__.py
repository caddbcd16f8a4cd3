"""Test cases and the checks students run right after each graded function.

``forward_propagation_test(forward_propagation)`` and its siblings print
"All tests passed." (or what was wrong, in the chosen language) and raise
``AssertionError`` on failure; the ``check_*`` functions return the
verdict as a :class:`CheckResult` without printing, for hidden tests and
the autograder.
"""

from .cases import (
    backward_propagation_test_case,
    forward_propagation_test_case,
    gradient_check_n_test_case,
    gradient_check_test_case,
    one_d_inputs,
    random_network_case,
)
from .checks_1d import (
    backward_propagation_test,
    check_backward_propagation,
    check_forward_propagation,
    check_gradient_check,
    forward_propagation_test,
    gradient_check_test,
)
from .checks_nd import (
    backward_propagation_n_test,
    check_backward_propagation_n,
    check_gradient_check_n,
    gradient_check_n_test,
)
from .report import CheckFailedError, CheckResult, Problem

__all__ = [
    "CheckFailedError",
    "CheckResult",
    "Problem",
    "backward_propagation_n_test",
    "backward_propagation_test",
    "backward_propagation_test_case",
    "check_backward_propagation",
    "check_backward_propagation_n",
    "check_forward_propagation",
    "check_gradient_check",
    "check_gradient_check_n",
    "forward_propagation_test",
    "forward_propagation_test_case",
    "gradient_check_n_test",
    "gradient_check_n_test_case",
    "gradient_check_test",
    "gradient_check_test_case",
    "one_d_inputs",
    "random_network_case",
]
