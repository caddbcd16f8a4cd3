"""Input checks shared by every helper: clear, bilingual errors for bad input.

A helper that receives a wrong shape, a NaN or an ε ≤ 0 stops with an
error that names the argument, what was expected and what came, in the
student's language, instead of returning a quietly wrong number.
"""

import numbers

import numpy as np

from .i18n import message, register_messages

register_messages({
    "err.not_numeric": {
        "en": "`{name}` must be numeric (a number or a NumPy array of numbers), got {got}",
        "tr": "`{name}` sayısal olmalı (bir sayı ya da sayılardan oluşan bir NumPy dizisi), "
              "gelen: {got}",
    },
    "err.not_finite": {
        "en": "`{name}` contains {count} NaN or infinite value(s); "
              "gradient checking needs finite numbers",
        "tr": "`{name}` içinde {count} adet NaN ya da sonsuz değer var; "
              "gradyan kontrolü sonlu sayılar ister",
    },
    "err.shape": {
        "en": "`{name}` must have shape {expected}, got shape {got}",
        "tr": "`{name}` {expected} boyutlu olmalı, gelen boyut: {got}",
    },
    "err.epsilon": {
        "en": "`epsilon` must be a finite number greater than 0 (for example 1e-7), got {got}",
        "tr": "`epsilon` 0'dan büyük, sonlu bir sayı olmalı (örneğin 1e-7), gelen: {got}",
    },
    "desc.array": {
        "en": "an array of shape {shape} and dtype {dtype}",
        "tr": "{shape} boyutlu, {dtype} türünde bir dizi",
    },
    "err.not_dict": {
        "en": "`{name}` must be a dictionary such as {{'W1': ..., 'b1': ...}}, got {got}",
        "tr": "`{name}` {{'W1': ..., 'b1': ...}} biçiminde bir sözlük olmalı, gelen: {got}",
    },
})


class GradientCheckInputError(ValueError):
    """A helper received a value it cannot work with (shape, NaN, ε, keys)."""


class GradientCheckTypeError(TypeError):
    """A helper received a value of the wrong kind (text, None, a list of lists of text)."""


def describe(value):
    """Return a short, readable description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return message("desc.array", shape=value.shape, dtype=value.dtype)
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def as_float_array(value, name, shape=None, allow_nonfinite=False):
    """Convert ``value`` to a float NumPy array, or explain why it cannot be.

    Args:
        value: a number, a sequence of numbers or an array.
        name: the argument's name, used in the error message.
        shape: the required shape, or None to accept any.
        allow_nonfinite: when False, NaN and ±inf are rejected.

    Returns:
        np.ndarray of a floating dtype (float64 unless ``value`` was
        already float32 or another float type), same shape as ``value``.

    Raises:
        GradientCheckTypeError: ``value`` is not numeric (text, None, bool,
            object arrays).
        GradientCheckInputError: wrong shape, or non-finite entries.
    """
    if isinstance(value, (bool, np.bool_)) or value is None or isinstance(value, (str, bytes)):
        raise GradientCheckTypeError(message("err.not_numeric", name=name, got=describe(value)))
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as exc:
        raise GradientCheckTypeError(
            message("err.not_numeric", name=name, got=describe(value))
        ) from exc
    if array.dtype.kind not in "iuf":
        raise GradientCheckTypeError(message("err.not_numeric", name=name, got=describe(value)))
    if array.dtype.kind != "f":
        array = array.astype(np.float64)
    if shape is not None and array.shape != tuple(shape):
        raise GradientCheckInputError(
            message("err.shape", name=name, expected=tuple(shape), got=array.shape)
        )
    if not allow_nonfinite:
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        if bad:
            raise GradientCheckInputError(message("err.not_finite", name=name, count=bad))
    return array


def validate_epsilon(epsilon):
    """Return ``epsilon`` as a float after checking it is finite and > 0.

    Args:
        epsilon: the step of the finite difference.

    Returns:
        float epsilon.

    Raises:
        GradientCheckInputError: ε ≤ 0, NaN, inf, or not a real number.
    """
    is_real = isinstance(epsilon, (numbers.Real, np.floating))
    if isinstance(epsilon, (bool, np.bool_)) or not is_real:
        raise GradientCheckInputError(message("err.epsilon", got=describe(epsilon)))
    value = float(epsilon)
    if not np.isfinite(value) or value <= 0:
        raise GradientCheckInputError(message("err.epsilon", got=describe(epsilon)))
    return value


def validate_dict(value, name):
    """Raise a clear error unless ``value`` is a dict; return it."""
    if not isinstance(value, dict):
        raise GradientCheckTypeError(message("err.not_dict", name=name, got=describe(value)))
    return value
