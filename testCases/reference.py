"""Reference gradients the checks compare a student's results with."""

import numpy as np

from gc_utils import (
    check_epsilon,
    dictionary_to_vector,
    forward_propagation_n,
    vector_to_dictionary,
)

# For a reference (not for teaching): ε = 1e-5 balances truncation
# O(ε²) and rounding O(u/ε) on the fraud network; the result agrees with
# the exact gradient to about 1e-9 relative difference (lesson 03's curve).
REFERENCE_EPSILON = 1e-5


def centered_difference_gradient(cost, theta, epsilon=REFERENCE_EPSILON):
    """Return the centered-difference gradient of ``cost`` at ``theta``.

    Args:
        cost: function from a (n, 1) array to a float.
        theta: np.ndarray of shape (n, 1); it is not modified.
        epsilon: step of the centered difference.

    Returns:
        np.ndarray of shape (n, 1), entry i = (cost(θ + εeᵢ) − cost(θ − εeᵢ)) / 2ε.
    """
    epsilon = check_epsilon(epsilon)
    theta = np.array(theta, dtype=np.float64)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        step = np.zeros_like(theta)
        step[i] = epsilon
        gradapprox[i] = (cost(theta + step) - cost(theta - step)) / (2 * epsilon)
    return gradapprox


def fraud_net_gradient(X, Y, parameters, epsilon=REFERENCE_EPSILON):
    """Return the fraud network's cost gradient as a vector, by centered difference.

    Args:
        X: (n_features, m); Y: (m,); parameters: the network's dict.
        epsilon: step of the centered difference.

    Returns:
        gradapprox: np.ndarray (n, 1) in the order of dictionary_to_vector.
        keys: list of n block names.
    """
    theta, keys = dictionary_to_vector(parameters)

    def cost(vector):
        return forward_propagation_n(X, Y, vector_to_dictionary(vector, parameters))[0]

    return centered_difference_gradient(cost, theta, epsilon), keys
