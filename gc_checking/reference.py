"""Reference gradients the checks compare a student's results with."""

import numpy as np

from gc_utils import dictionary_to_vector, forward_propagation_n, parameter_keys, validate_epsilon

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
    epsilon = validate_epsilon(epsilon)
    theta = np.array(theta, dtype=np.float64)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        step = np.zeros_like(theta)
        step[i] = epsilon
        gradapprox[i] = (cost(theta + step) - cost(theta - step)) / (2 * epsilon)
    return gradapprox


def fraud_net_gradient(X, Y, parameters, epsilon=REFERENCE_EPSILON):
    """Return the fraud network's cost gradient as a vector, by centered difference.

    Perturbs one entry of θ at a time by ±ε, as ``gradient_check_n`` does
    in lesson 02 (the same sums, so the same numbers), but in place in a
    copy of the dict instead of rolling and unrolling θ for every entry.

    Args:
        X: (n_features, m); Y: (m,); parameters: the network's dict (not modified).
        epsilon: step of the centered difference, > 0.

    Returns:
        gradapprox: np.ndarray (n, 1) in the order of dictionary_to_vector.
        keys: list of n block names.
    """
    epsilon = validate_epsilon(epsilon)
    _, keys = dictionary_to_vector(parameters)
    perturbed = {key: np.array(parameters[key], dtype=np.float64)
                 for key in parameter_keys(parameters)}
    gradapprox = []
    for block in perturbed.values():
        entries = block.reshape(-1)  # a view: writing it perturbs the block
        for j in range(entries.size):
            original = entries[j]
            entries[j] = original + epsilon
            J_plus, _ = forward_propagation_n(X, Y, perturbed)
            entries[j] = original - epsilon
            J_minus, _ = forward_propagation_n(X, Y, perturbed)
            entries[j] = original
            gradapprox.append((J_plus - J_minus) / (2 * epsilon))
    return np.array(gradapprox, dtype=np.float64).reshape(-1, 1), keys
