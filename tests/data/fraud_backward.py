"""Test double of lesson 02's backward pass: the fixed one and the one with the seeded bugs.

The lessons teach these (the student fixes the buggy one); the explorer
tests need real analytic gradients to reproduce the published figures,
so they carry their own copy rather than importing a notebook.
"""

import numpy as np

from gc_utils import (
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)


def backward_propagation_n(X, Y, cache, seeded_bugs=False):
    """Return the gradients of the fraud network's cost (dW1, db1, …, db3 and friends).

    Args:
        X: inputs (n_features, m); Y: labels (m,).
        cache: the cache of ``gc_utils.forward_propagation_n``.
        seeded_bugs: True for the course's buggy version (dW2 twice too
            large, db1 four times too large).

    Returns:
        dict of gradients shaped like the parameters.
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) * (2 if seeded_bugs else 1)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = (4.0 if seeded_bugs else 1.0) / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Lesson 02's gradient_check_n, written as a student would (rolling θ for every entry)."""
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        print(f"difference = {difference}")
    return difference
