"""Helpers given to the students of the gradient-checking lessons.

Everything a lesson hands you is defined in this file or named at its
end with the one place it comes from:

- ``sigmoid``, ``relu``: the activations of lesson 02's network;
- ``dictionary_to_vector``, ``vector_to_dictionary``,
  ``gradients_to_vector``: rolling the parameters of any network into one
  column vector θ and back (order W1, b1, W2, b2, …);
- ``relative_difference`` and ``describe_difference``: the number a
  gradient check computes, ‖g − g̃‖ / (‖g‖ + ‖g̃‖), and how to read it;
- ``CHECK_THRESHOLD`` and the reading scale, ``COURSE_EPSILON``;
- ``forward_propagation_n``: the fraud-detection network's forward pass.

``from gc_utils import sigmoid, relu, dictionary_to_vector,
vector_to_dictionary, gradients_to_vector`` works as in the original
assignment. Messages come in English and Turkish (``set_language``).
"""

import importlib
import re

import numpy as np

from gc_common.i18n import get_language, message, register_messages, set_language
from gc_common.source import SourceCode, show_source
from gc_common.validation import (
    GradientCheckInputError,
    GradientCheckTypeError,
    as_float_array,
    validate_dict,
    validate_epsilon,
)

# The step of the centered difference the lessons use, as in the original
# assignment: (J(θ+ε) − J(θ−ε)) / 2ε with ε = 1e-7.
COURSE_EPSILON = 1e-7


def unit_roundoff(dtype):
    """Return u = machine epsilon / 2 of a float dtype (1.1e-16 for float64, 6.0e-8 for float32).

    The largest relative error of one rounded operation: the rounding
    noise in J(θ±ε) that grows like u/ε as ε shrinks (lessons 01 and 03).
    """
    return float(np.finfo(np.dtype(dtype)).eps) / 2


# --------------------------------------------------------------------------
# Activations (lesson 02's network)
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Rolling parameters into one vector θ and back (lesson 02)
# --------------------------------------------------------------------------

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
    validate_dict(parameters, name)
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
            expected = np.shape(validate_dict(parameters, "parameters").get(param))
            if block.shape != expected:
                raise GradientCheckInputError(
                    message("err.gradient_shape", key=key, param=param, expected=expected,
                            got=block.shape)
                )
        blocks.append(block.reshape(-1, 1))
    return np.concatenate(blocks, axis=0)


# --------------------------------------------------------------------------
# The relative difference and how to read it (lesson 01)
# --------------------------------------------------------------------------

register_messages({
    "err.size_mismatch": {
        "en": "`grad` and `gradapprox` must hold the same number of entries, "
              "got {n_grad} and {n_approx}",
        "tr": "`grad` ve `gradapprox` aynı sayıda eleman içermeli, "
              "gelen: {n_grad} ve {n_approx}",
    },
})

# The course's verdict line. A correct backprop in float64 at ε = 1e-7
# lands near 1e-7, not far below it: the fraud network gives 1.19e-07,
# because rounding error in J(θ±ε) grows like u/ε (u ≈ 1.1e-16). 2e-7 lets
# that correct result pass while the seeded bugs (0.285) fail by six
# orders of magnitude.
CHECK_THRESHOLD = 2e-7

# The per-block verdict of the diagnosis. A block has few entries, so its
# rounding noise does not average out: on the correct fraud network at
# ε = 1e-7 single blocks reach 3.3e-07 (b1) and 2.5e-07 (b3), above
# CHECK_THRESHOLD. A wrong factor in a block gives at least 0.1 (the seeded
# bugs: 1/3 and 3/5). 1e-5 clears correct blocks with a 30x margin.
BLOCK_THRESHOLD = 1e-5

# Rough reading of a difference, shown in the lessons: below 1e-7 the
# gradient is right; up to 1e-5 look closer; above 1e-3 there is a bug.
GREAT_BELOW = 1e-7
LOOK_CLOSER_BELOW = 1e-5
WORRY_ABOVE = 1e-3


def relative_difference(grad, gradapprox):
    """Return ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂).

    Symmetric, scale-free, between 0 and 1; defined as 0 when both
    gradients are zero, so it is never NaN.

    Args:
        grad: analytic gradient, a number or an array of any shape.
        gradapprox: numerical gradient with the same number of entries.

    Returns:
        float in [0, 1].

    Raises:
        GradientCheckInputError: different sizes, NaN or inf.
        GradientCheckTypeError: non-numeric input.
    """
    g = as_float_array(grad, "grad").astype(np.float64).ravel()
    a = as_float_array(gradapprox, "gradapprox").astype(np.float64).ravel()
    if g.size != a.size:
        raise GradientCheckInputError(
            message("err.size_mismatch", n_grad=g.size, n_approx=a.size)
        )
    denominator = np.linalg.norm(g) + np.linalg.norm(a)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(g - a) / denominator)


register_messages({
    "reading.great": {
        "en": "difference = {difference!r}: below {limit:.0e}, great: the gradient is right.",
        "tr": "difference = {difference!r}: {limit:.0e} değerinin altında, çok iyi: gradyan "
              "doğru.",
    },
    "reading.look_closer": {
        "en": "difference = {difference!r}: between {low:.0e} and {limit:.0e}, probably right; "
              "look closer (rounding error, a kink, float32?).",
        "tr": "difference = {difference!r}: {low:.0e} ile {limit:.0e} arasında, büyük olasılıkla "
              "doğru; yine de yakından bakın (yuvarlama hatası, kırılma noktası, float32?).",
    },
    "reading.suspicious": {
        "en": "difference = {difference!r}: above {low:.0e}, suspicious: part of the gradient "
              "is probably wrong.",
        "tr": "difference = {difference!r}: {low:.0e} değerinin üzerinde, şüpheli: gradyanın "
              "bir kısmı büyük olasılıkla yanlış.",
    },
    "reading.worry": {
        "en": "difference = {difference!r}: above {limit:.0e}, worry: there is a mistake in the "
              "backward propagation or in the check itself.",
        "tr": "difference = {difference!r}: {limit:.0e} değerinin üzerinde, endişelenin: geri "
              "yayılımda ya da kontrolün kendisinde bir hata var.",
    },
})


def describe_difference(difference, language=None):
    """Return one sentence that reads a relative difference on the lesson's scale.

    Below GREAT_BELOW (1e-7) the gradient is right; up to LOOK_CLOSER_BELOW
    (1e-5) look closer; up to WORRY_ABOVE (1e-3) it is suspicious; above
    it there is a bug.

    Args:
        difference: a relative difference, a float in [0, 1].
        language: ``"en"``, ``"tr"`` or None for the language in force.

    Returns:
        str, with the difference printed in full (``repr``).
    """
    value = float(as_float_array(difference, "difference").reshape(-1)[0])
    if value < GREAT_BELOW:
        return message("reading.great", language, difference=value, limit=GREAT_BELOW)
    if value < LOOK_CLOSER_BELOW:
        return message("reading.look_closer", language, difference=value, low=GREAT_BELOW,
                       limit=LOOK_CLOSER_BELOW)
    if value <= WORRY_ABOVE:
        return message("reading.suspicious", language, difference=value, low=LOOK_CLOSER_BELOW)
    return message("reading.worry", language, difference=value, limit=WORRY_ABOVE)


# --------------------------------------------------------------------------
# The fraud-detection network's forward pass (lesson 02)
# --------------------------------------------------------------------------

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


register_messages({
    "check_n.mistake": {
        "en": "There is a mistake in the backward propagation! "
              "difference = {difference} (above the threshold {threshold})",
        "tr": "Geri yayılımda bir hata var! "
              "Bağıl fark (difference) = {difference}; eşik değerinin ({threshold}) üzerinde",
    },
    "check_n.fine": {
        "en": "Your backward propagation works fine! "
              "difference = {difference} (below the threshold {threshold})",
        "tr": "Geri yayılımınız doğru çalışıyor! "
              "Bağıl fark (difference) = {difference}; eşik değerinin ({threshold}) altında",
    },
})


# --------------------------------------------------------------------------
# Tools of the lessons, loaded from their packages on first use
# --------------------------------------------------------------------------

# They build on the helpers above (so they cannot be imported here
# first), and the explorers pull in matplotlib and ipywidgets: loading on
# first use keeps `import gc_utils` fast for the checks and the grader.
_TOOLS = {
    # lesson 02: which parameter's gradient is wrong
    "BlockResult": "gc_checking.diagnosis",
    "EntryResult": "gc_checking.diagnosis",
    "GradientDiagnosis": "gc_checking.diagnosis",
    "diagnose_gradients": "gc_checking.diagnosis",
    # lesson 03: the network for any layer sizes, and checks beyond the loop
    "NetworkObjective": "gc_checking.network",
    "initialize_parameters": "gc_checking.network",
    "layer_shapes": "gc_checking.network",
    "TOLERANCE_FACTOR": "gc_checking.fast_checks",
    "GradientCheckResult": "gc_checking.fast_checks",
    "FunctionObjective": "gc_checking.fast_checks",
    "complex_step_check": "gc_checking.fast_checks",
    "crossed_units": "gc_checking.fast_checks",
    "epsilon_sweep": "gc_checking.fast_checks",
    "loop_check": "gc_checking.fast_checks",
    "random_direction_check": "gc_checking.fast_checks",
    "sampled_check": "gc_checking.fast_checks",
    "suggested_epsilon": "gc_checking.fast_checks",
    "suggested_threshold": "gc_checking.fast_checks",
    "vectorized_check": "gc_checking.fast_checks",
    "TaylorResult": "gc_checking.taylor",
    "observed_orders": "gc_checking.taylor",
    "taylor_remainders": "gc_checking.taylor",
    "taylor_test": "gc_checking.taylor",
    "WorkflowResult": "gc_checking.workflow",
    "block_ratios": "gc_checking.workflow",
    "cheap_first_check": "gc_checking.workflow",
    "cost_is_deterministic": "gc_checking.workflow",
    # lessons 01 and 02: the ε explorers
    "EpsilonExplorer": "gc_explorers.explorer",
    "epsilon_explorer": "gc_explorers.explorer",
    "NetworkEpsilonExplorer": "gc_explorers.network_explorer",
    "network_epsilon_explorer": "gc_explorers.network_explorer",
    # lesson 03: the ε × dtype explorer
    "PracticeExplorer": "gc_explorers.practice_explorer",
    "practice_explorer": "gc_explorers.practice_explorer",
}


def __getattr__(name):
    if name in _TOOLS:
        return getattr(importlib.import_module(_TOOLS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# What `from gc_utils import *` gives: the names above and the tools
__all__ = [
    "BLOCK_THRESHOLD",
    "CHECK_THRESHOLD",
    "COURSE_EPSILON",
    "COURSE_SHAPES",
    "GREAT_BELOW",
    "GradientCheckInputError",
    "GradientCheckTypeError",
    "LOOK_CLOSER_BELOW",
    "SourceCode",
    "WORRY_ABOVE",
    "as_float_array",
    "describe_difference",
    "dictionary_to_vector",
    "forward_propagation_n",
    "get_language",
    "gradients_to_vector",
    "message",
    "parameter_keys",
    "parameter_shapes",
    "register_messages",
    "relative_difference",
    "relu",
    "set_language",
    "show_source",
    "sigmoid",
    "unit_roundoff",
    "validate_dict",
    "validate_epsilon",
    "vector_to_dictionary",
]
__all__ += sorted(_TOOLS)
