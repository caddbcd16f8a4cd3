"""Rolling parameter dictionaries into one column vector θ and back (lesson 02).

The order is always W1, b1, W2, b2, …, WL, bL, each block flattened row
by row (NumPy's C order), for any number of layers and any shapes.
"""

import re

import numpy as np

from .i18n import message, register_messages
from .validation import GradientCheckInputError, as_float_array, check_dict

register_messages({
    "err.no_layers": {
        "en": "`{name}` holds no layer parameters; expected keys {expected}",
        "tr": "`{name}` hiç katman parametresi içermiyor; beklenen anahtarlar: {expected}",
    },
    "err.missing_keys": {
        "en": "`{name}` is missing {missing}; expected keys {expected}",
        "tr": "`{name}` içinde {missing} eksik; beklenen anahtarlar: {expected}",
    },
    "err.unexpected_keys": {
        "en": "`{name}` has unexpected keys {unexpected}; expected keys {expected}",
        "tr": "`{name}` içinde beklenmeyen anahtarlar var: {unexpected}; "
              "beklenen anahtarlar: {expected}",
    },
    "err.vector_shape": {
        "en": "`theta` must be a column vector of shape ({size}, 1) for these shapes, "
              "got shape {got}",
        "tr": "`theta` bu boyutlar için ({size}, 1) boyutlu bir sütun vektörü olmalı, "
              "gelen boyut: {got}",
    },
    "err.gradient_shape": {
        "en": "`gradients['{key}']` must have the shape of `parameters['{param}']` {expected}, "
              "got {got}",
        "tr": "`gradients['{key}']`, `parameters['{param}']` ile aynı boyutta {expected} olmalı, "
              "gelen: {got}",
    },
})

# The shapes of the course's 5-3-1 fraud-detection network on 4 features;
# used when vector_to_dictionary gets no template, as in the original code.
COURSE_SHAPES = {
    "W1": (5, 4), "b1": (5, 1),
    "W2": (3, 5), "b2": (3, 1),
    "W3": (1, 3), "b3": (1, 1),
}

_LAYER_KEY = re.compile(r"^([Wb])([1-9][0-9]*)$")


def _expected_keys(n_layers):
    return [f"{kind}{layer}" for layer in range(1, n_layers + 1) for kind in "Wb"]


def _show(keys):
    return ", ".join(keys)


def parameter_keys(parameters, name="parameters", prefix=""):
    """Return the keys of a parameter (or gradient) dict in rolling order.

    Args:
        parameters: dict with keys ``{prefix}W1, {prefix}b1, …`` (other
            keys are allowed only when ``prefix`` is given: a gradients
            dict also holds dZ1, dA1, …, which are not rolled).
        name: the argument's name for error messages.
        prefix: ``""`` for parameters, ``"d"`` for gradients.

    Returns:
        list of str, e.g. ``["W1", "b1", "W2", "b2"]`` (with the prefix).

    Raises:
        GradientCheckInputError: no layers, a layer without its W or b, or
            (for parameters) keys that are not layer parameters.
    """
    check_dict(parameters, name)
    layers = {}
    unexpected = []
    for key in parameters:
        text = str(key)
        match = _LAYER_KEY.match(text[len(prefix):]) if text.startswith(prefix) else None
        if match:
            layers.setdefault(int(match.group(2)), set()).add(match.group(1))
        else:
            unexpected.append(text)
    n_layers = max(layers) if layers else 0
    expected = [prefix + key for key in _expected_keys(max(n_layers, 1))]
    if not layers:
        expected_text = _show(expected) + ", …"
        raise GradientCheckInputError(message("err.no_layers", name=name, expected=expected_text))
    present = {f"{prefix}{kind}{layer}" for layer, kinds in layers.items() for kind in kinds}
    missing = [key for key in expected if key not in present]
    if missing:
        raise GradientCheckInputError(
            message("err.missing_keys", name=name, missing=_show(missing), expected=_show(expected))
        )
    if unexpected and not prefix:
        raise GradientCheckInputError(
            message("err.unexpected_keys", name=name, unexpected=_show(sorted(unexpected)),
                    expected=_show(expected))
        )
    return expected


def dictionary_to_vector(parameters):
    """Roll a parameter dict into one column vector.

    Args:
        parameters: dict ``{"W1": (n1, n0), "b1": (n1, 1), …, "WL", "bL"}``
            of numeric arrays, any number of layers.

    Returns:
        theta: np.ndarray of shape (n, 1), n the total number of entries,
            blocks in the order W1, b1, W2, b2, ….
        keys: list of n str, the block each entry of theta comes from
            (``keys[i] == "W2"`` means theta[i] is an entry of W2).

    Raises:
        GradientCheckInputError: missing or unexpected keys, NaN or inf.
        GradientCheckTypeError: not a dict, or non-numeric blocks.
    """
    blocks = []
    keys = []
    for key in parameter_keys(parameters):
        block = as_float_array(parameters[key], f"parameters['{key}']")
        blocks.append(block.reshape(-1, 1))
        keys.extend([key] * block.size)
    return np.concatenate(blocks, axis=0), keys


def parameter_shapes(template):
    """Return ``{key: shape}`` in rolling order from a template.

    Args:
        template: a parameter dict of arrays, or a dict of shape tuples.

    Returns:
        dict of tuples, ordered W1, b1, W2, b2, ….
    """
    shapes = {}
    for key in parameter_keys(template, name="template"):
        entry = template[key]
        if isinstance(entry, tuple) and all(isinstance(n, (int, np.integer)) for n in entry):
            shapes[key] = tuple(int(n) for n in entry)
        else:
            shapes[key] = np.shape(entry)
    return shapes


def vector_to_dictionary(theta, template=None):
    """Unroll a column vector back into a parameter dict (inverse of dictionary_to_vector).

    Args:
        theta: np.ndarray of shape (n, 1).
        template: None for the course's 5-3-1 network (W1 5×4 … b3 1×1,
            n = 47), or a parameter dict (arrays or shape tuples) giving
            the shapes of any network.

    Returns:
        dict ``{"W1": …, "b1": …, …}`` of new arrays with the template's
        shapes; ``dictionary_to_vector`` of it gives theta back exactly.

    Raises:
        GradientCheckInputError: theta has the wrong length or is not a
            column vector, or holds NaN or inf.
    """
    shapes = COURSE_SHAPES if template is None else parameter_shapes(template)
    size = sum(int(np.prod(shape)) for shape in shapes.values())
    vector = as_float_array(theta, "theta")
    if vector.shape != (size, 1):
        raise GradientCheckInputError(message("err.vector_shape", size=size, got=vector.shape))
    parameters = {}
    start = 0
    for key, shape in shapes.items():
        stop = start + int(np.prod(shape))
        parameters[key] = vector[start:stop].reshape(shape).copy()
        start = stop
    return parameters


def gradients_to_vector(gradients, parameters=None):
    """Roll a gradients dict into one column vector, in the order of dictionary_to_vector.

    Args:
        gradients: dict with dW1, db1, …, dWL, dbL (other entries such as
            dZ1 or dA2 are ignored).
        parameters: optional parameter dict; when given, each gradient
            must have its parameter's shape.

    Returns:
        np.ndarray of shape (n, 1).

    Raises:
        GradientCheckInputError: missing dW/db keys, shape mismatch with
            ``parameters``, NaN or inf.
    """
    keys = parameter_keys(gradients, name="gradients", prefix="d")
    blocks = []
    for key in keys:
        block = as_float_array(gradients[key], f"gradients['{key}']")
        if parameters is not None:
            param = key[1:]
            expected = np.shape(check_dict(parameters, "parameters").get(param))
            if block.shape != expected:
                raise GradientCheckInputError(
                    message("err.gradient_shape", key=key, param=param, expected=expected,
                            got=block.shape)
                )
        blocks.append(block.reshape(-1, 1))
    return np.concatenate(blocks, axis=0)
