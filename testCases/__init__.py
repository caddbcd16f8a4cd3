"""Test cases and the checks students run right after each graded function.

In a lesson's check cell::

    forward_propagation_test(forward_propagation)   # lesson 01
    gradient_check_n_test(gradient_check_n)         # lesson 02

prints "All tests passed." (or what was wrong and the likely mistake, in
the language chosen with ``gc_utils.set_language``) and raises
``AssertionError`` (:class:`CheckFailedError`) on failure, so nbval sees
the cell fail. In hidden tests and the autograder::

    result = check_gradient_check_n(gradient_check_n, seed=12345)
    assert result.passed, result.render("en")
    result.kinds          # e.g. ["no_copy"], ["wrong_blocks"], ["not_implemented"]

The ``check_*`` functions print nothing; ``seed`` draws random inputs the
student has not seen (the lesson's own example is always included).
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
