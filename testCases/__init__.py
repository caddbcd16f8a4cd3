"""Test cases and the checks students run right after each graded function."""

from .cases import (
    backward_propagation_test_case,
    forward_propagation_test_case,
    gradient_check_n_test_case,
    gradient_check_test_case,
    one_d_inputs,
    random_network_case,
)

__all__ = [
    "backward_propagation_test_case",
    "forward_propagation_test_case",
    "gradient_check_n_test_case",
    "gradient_check_test_case",
    "one_d_inputs",
    "random_network_case",
]
