"""Activation functions of the fraud-detection network (lesson 02)."""

import numpy as np

from .validation import as_float_array


def sigmoid(x):
    """Return 1 / (1 + e^(−x)) elementwise.

    Args:
        x: a number or an array of any shape.

    Returns:
        np.ndarray of the same shape, values in (0, 1).
    """
    z = as_float_array(x, "x")
    return 1 / (1 + np.exp(-z))


def relu(x):
    """Return max(0, x) elementwise (the kink at 0 is discussed in lesson 03).

    Args:
        x: a number or an array of any shape.

    Returns:
        np.ndarray of the same shape.
    """
    z = as_float_array(x, "x")
    return np.maximum(0, z)
