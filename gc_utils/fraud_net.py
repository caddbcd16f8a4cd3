"""The course's fraud-detection network: LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID.

Lesson 02 imports ``forward_propagation_n`` from here and shows its source;
the student checks (and fixes) the backward pass in the notebook. The
operations follow the original assignment step by step, so its published
figures come out to the last digit.
"""

import numpy as np

from .activations import relu, sigmoid
from .i18n import message, register_messages
from .rolling import parameter_keys
from .validation import GradientCheckInputError, as_float_array

register_messages({
    "err.layer_shape": {
        "en": "`{name}` has shape {got}, but the layer before gives {rows} inputs; "
              "expected {expected}",
        "tr": "`{name}` {got} boyutunda, ancak önceki katman {rows} girdi veriyor; "
              "beklenen: {expected}",
    },
    "err.labels": {
        "en": "`Y` must hold one label (0 or 1) for each of the {m} examples (columns of X), "
              "got {got}",
        "tr": "`Y`, X'in {m} örneğinin (sütununun) her biri için bir etiket (0 ya da 1) "
              "içermeli, gelen: {got}",
    },
})


def _check_network(X, Y, parameters):
    X = as_float_array(X, "X")
    if X.ndim != 2:
        raise GradientCheckInputError(
            message("err.shape", name="X", expected="(n_features, m)", got=X.shape)
        )
    Y = as_float_array(Y, "Y")
    m = X.shape[1]
    if Y.size != m or np.any((Y != 0) & (Y != 1)):
        raise GradientCheckInputError(message("err.labels", m=m, got=f"shape {Y.shape}"))
    keys = parameter_keys(parameters)
    if len(keys) != 6:
        raise GradientCheckInputError(
            message("err.missing_keys", name="parameters", missing=", ".join(keys[6:]) or "-",
                    expected="W1, b1, W2, b2, W3, b3")
        )
    rows = X.shape[0]
    checked = {}
    for layer in (1, 2, 3):
        W = as_float_array(parameters[f"W{layer}"], f"parameters['W{layer}']")
        b = as_float_array(parameters[f"b{layer}"], f"parameters['b{layer}']")
        if W.ndim != 2 or W.shape[1] != rows:
            raise GradientCheckInputError(
                message("err.layer_shape", name=f"W{layer}", got=W.shape, rows=rows,
                        expected=f"(n{layer}, {rows})")
            )
        if b.shape != (W.shape[0], 1):
            raise GradientCheckInputError(
                message("err.shape", name=f"b{layer}", expected=(W.shape[0], 1), got=b.shape)
            )
        checked[f"W{layer}"], checked[f"b{layer}"] = W, b
        rows = W.shape[0]
    if rows != 1:
        raise GradientCheckInputError(
            message("err.shape", name="W3", expected="(1, n2)", got=checked["W3"].shape)
        )
    return X, Y, checked


def forward_propagation_n(X, Y, parameters):
    """Run the 3-layer network forward and return the cross-entropy cost.

    Args:
        X: inputs, shape (n_features, m): one example per column.
        Y: labels 0/1, shape (m,) or (1, m).
        parameters: dict with W1 (n1, n_features), b1 (n1, 1), W2 (n2, n1),
            b2 (n2, 1), W3 (1, n2), b3 (1, 1).

    Returns:
        cost: float, the mean logistic loss over the m examples.
        cache: tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) that
            ``backward_propagation_n`` reads.
    """
    X, Y, p = _check_network(X, Y, parameters)
    m = X.shape[1]
    W1, b1, W2, b2, W3, b3 = (p[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))

    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)

    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1.0 / m * np.sum(log_probs)

    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return cost, cache
