"""Inputs for lesson 03 (checking in practice): kinks, seeded bugs, networks of any size."""

import numpy as np

from gc_checking.network import NetworkObjective, initialize_parameters
from testCases import gradient_check_n_test_case

# Where lesson 03 puts a ReLU unit: this far above its kink, so that a
# step of ε = 1e-7 on its weights or bias switches it off on one side
KINK_OFFSET = 1e-8


def kink_case(offset=KINK_OFFSET):
    """Return the course's case with unit 0 of layer 1 sitting just above its kink on example 0.

    b1[0] is changed so that Z1[0, 0] = offset; everything else is the
    course's (seed 1). With ε = 1e-7 the centered differences of b1[0]
    and of W1[0, :] straddle the kink.

    Returns:
        X (4, 3), Y (3,), parameters dict of the 5-3-1 network.
    """
    X, Y, parameters = gradient_check_n_test_case()
    parameters["b1"][0, 0] = offset - parameters["W1"][0] @ X[:, 0]
    return X, Y, parameters


def course_objective(dtype=np.float64, keep_prob=1.0, masks="fixed", seed=0):
    """Return (objective, theta) of the course's fraud net (seed 1) with the given options."""
    X, Y, parameters = gradient_check_n_test_case()
    objective = NetworkObjective(X, Y, parameters, dtype=dtype, keep_prob=keep_prob, masks=masks,
                                 seed=seed)
    return objective, objective.theta(parameters)


def seeded_bug_gradient(objective, theta):
    """Return the gradient (n, 1) with the two bugs of lesson 02: dW2 doubled, db1 times 4.

    The course's buggy backward pass multiplies dW2 by 2 and uses 4/m
    instead of 1/m in db1; here the same factors are applied to the
    correct gradient of any network with at least two layers.
    """
    grad = objective.gradient(theta).copy()
    keys = np.array(objective.keys)
    grad[keys == "W2"] *= 2
    grad[keys == "b1"] *= 4
    return grad


def random_objective(layer_sizes, m=8, seed=0, **options):
    """Return (objective, theta) of a network with ``layer_sizes`` on m random examples.

    Args:
        layer_sizes: (n0, n1, …, 1).
        m: number of examples; both labels are present.
        seed: seeds the data and He-initialized parameters.
        **options: passed to NetworkObjective (dtype, keep_prob, masks).
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_sizes[0], m))
    Y = np.array([1, 0] + list(rng.integers(0, 2, size=m - 2)))
    objective = NetworkObjective(X, Y, layer_sizes, **options)
    return objective, objective.theta(initialize_parameters(layer_sizes, seed))
