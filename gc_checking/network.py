"""A general L-layer ReLU/sigmoid network for the checks of lesson 03.

The course's fraud net (``forward_propagation_n``) is the case
``layer_sizes=(4, 5, 3, 1)``: :class:`NetworkObjective` runs the same
operations in the same order, so on the course case it gives the very
same cost, to the last bit. On top of that it can

- compute in float64 or float32 (lesson 03's float32 false alarms),
- apply dropout with a fixed mask (checkable) or a fresh mask on every
  forward pass (what training does, and why the check then fails),
- run many parameter vectors in one batched forward pass (the
  vectorized and complex-step checks of ``gc_checking.fast_checks``),
- report which ReLU units are on (kink detection),
- give the correct backward pass.

Shapes: X (n0, m) holds one example per column, Y (m,) labels 0/1,
θ a column vector (n, 1) rolled as W1, b1, …, WL, bL (``dictionary_to_vector``).
"""

import numbers

import numpy as np

from gc_common.i18n import message, register_messages
from gc_common.validation import (
    GradientCheckInputError,
    GradientCheckTypeError,
    as_float_array,
    describe,
    validate_dict,
)
from gc_utils import dictionary_to_vector, parameter_shapes

register_messages({
    "err.layer_sizes": {
        "en": "`layer_sizes` must list at least two positive integers, the last one 1 "
              "(e.g. (4, 5, 3, 1)), got {got}",
        "tr": "`layer_sizes` en az iki pozitif tam sayı içermeli ve sonuncusu 1 olmalı "
              "(örneğin (4, 5, 3, 1)), gelen: {got}",
    },
    "err.dtype": {
        "en": "`dtype` must be float64 or float32, got {got}",
        "tr": "`dtype` float64 ya da float32 olmalı, gelen: {got}",
    },
    "err.keep_prob": {
        "en": "`keep_prob` must be a number in (0, 1], got {got}",
        "tr": "`keep_prob` (0, 1] aralığında bir sayı olmalı, gelen: {got}",
    },
    "err.masks": {
        "en": "`masks` must be 'fixed' or 'fresh', got {got}",
        "tr": "`masks` 'fixed' ya da 'fresh' olmalı, gelen: {got}",
    },
    "err.net_labels": {
        "en": "`Y` must hold one label (0 or 1) for each of the {m} examples (columns of X), "
              "got {got}",
        "tr": "`Y`, X'in {m} örneğinin (sütununun) her biri için bir etiket (0 ya da 1) "
              "içermeli, gelen: {got}",
    },
    "err.thetas_shape": {
        "en": "`thetas` must have shape ({n}, k): one parameter vector per column, got {got}",
        "tr": "`thetas` ({n}, k) boyutlu olmalı: her sütunda bir parametre vektörü, "
              "gelen: {got}",
    },
    "err.indices": {
        "en": "`indices` must be integers in [0, {n}), got {got}",
        "tr": "`indices` [0, {n}) aralığında tam sayılar olmalı, gelen: {got}",
    },
})

SUPPORTED_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))

# Numbers in one block of perturbed passes (1 MiB of float64): the block's
# arrays stay in the CPU cache between the ufuncs that rewrite them, where
# 256 coordinates at once (4 MB on a 128-unit layer with 16 examples)
# streamed through main memory on every one of them.
BLOCK_NUMBERS = 131_072


class Workspace:
    """Scratch arrays kept from one call to the next, one per name.

    A fresh process (a student's kernel) gets a large temporary from the
    operating system and gives it back when it is freed, so every call
    that allocates one pays about one page fault per 4 KiB touched;
    writing into a kept array pays them once. An array only grows: a
    smaller request is a view of the front of the kept one. The contents
    are whatever the last user left there, and two requests for the same
    name share memory, so a caller uses a name for one array at a time.
    """

    def __init__(self):
        self._buffers = {}

    def array(self, name, shape, dtype, order="C"):
        """Return an uninitialized array of ``shape`` and ``dtype`` ("C" or "F" order)."""
        dtype = np.dtype(dtype)
        size = int(np.prod(shape))
        buffer = self._buffers.get(name)
        if buffer is None or buffer.dtype != dtype or buffer.size < size:
            buffer = np.empty(size, dtype)
            self._buffers[name] = buffer
        if order == "F":
            return buffer[:size].reshape(tuple(shape)[::-1]).T
        return buffer[:size].reshape(shape)


def check_dtype(dtype):
    """Return ``np.dtype(dtype)`` if it is float64 or float32, else raise a clear error."""
    try:
        checked = np.dtype(dtype)
    except TypeError as exc:
        raise GradientCheckTypeError(message("err.dtype", got=describe(dtype))) from exc
    if checked not in SUPPORTED_DTYPES:
        raise GradientCheckInputError(message("err.dtype", got=describe(dtype)))
    return checked


def check_layer_sizes(layer_sizes):
    """Return ``layer_sizes`` as a tuple of ints (n0, n1, …, 1), or raise a clear error."""
    try:
        sizes = tuple(layer_sizes)
    except TypeError as exc:
        raise GradientCheckTypeError(message("err.layer_sizes", got=describe(layer_sizes))) from exc
    valid = (
        len(sizes) >= 2
        and all(isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 1
                for n in sizes)
        and sizes[-1] == 1
    )
    if not valid:
        raise GradientCheckInputError(message("err.layer_sizes", got=describe(layer_sizes)))
    return tuple(int(n) for n in sizes)


def layer_shapes(layer_sizes):
    """Return ``{"W1": (n1, n0), "b1": (n1, 1), …}`` for ``layer_sizes`` (n0, n1, …, 1)."""
    sizes = check_layer_sizes(layer_sizes)
    shapes = {}
    for layer in range(1, len(sizes)):
        shapes[f"W{layer}"] = (sizes[layer], sizes[layer - 1])
        shapes[f"b{layer}"] = (sizes[layer], 1)
    return shapes


def initialize_parameters(layer_sizes, seed=0, scale=None):
    """Draw a parameter dict for ``layer_sizes`` (float64).

    Args:
        layer_sizes: (n0, n1, …, 1).
        seed: seed of ``np.random.default_rng``.
        scale: standard deviation of the weights; None for He's
            sqrt(2 / fan_in), which keeps the activations O(1) in deep or
            wide networks. Biases are drawn with standard deviation 0.1.

    Returns:
        dict W1 (n1, n0), b1 (n1, 1), …, WL (1, n_{L-1}), bL (1, 1).
    """
    shapes = layer_shapes(layer_sizes)
    rng = np.random.default_rng(seed)
    parameters = {}
    for key, shape in shapes.items():
        if key.startswith("W"):
            std = np.sqrt(2.0 / shape[1]) if scale is None else float(scale)
        else:
            std = 0.1
        parameters[key] = rng.standard_normal(shape) * std
    return parameters


def _check_keep_prob(keep_prob):
    ok = isinstance(keep_prob, numbers.Real) and not isinstance(keep_prob, bool)
    if not ok or not 0 < float(keep_prob) <= 1:
        raise GradientCheckInputError(message("err.keep_prob", got=describe(keep_prob)))
    return float(keep_prob)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _relu(z):
    # z.real keeps the complex-step check possible: away from a kink this
    # is the analytic continuation of max(0, z)
    if np.iscomplexobj(z):
        return z * (z.real > 0)
    return np.maximum(0, z)


class NetworkObjective:
    """J(θ) of an L-layer LINEAR→RELU→…→LINEAR→SIGMOID network on fixed data.

    Hidden layers use ReLU, the output a sigmoid, the cost is the mean
    cross-entropy, as in the course's fraud net. With ``keep_prob < 1``
    inverted dropout multiplies every hidden activation by a 0/1 mask
    divided by ``keep_prob``.

    Args:
        X: inputs (n0, m). Y: labels 0/1, (m,) or (1, m).
        template: a parameter dict (arrays or shape tuples) or a tuple of
            layer sizes (n0, n1, …, 1); fixes the shapes of θ.
        dtype: float64 (default) or float32: every forward and backward
            pass computes in this type.
        keep_prob: probability of keeping a hidden unit; 1 means no dropout.
        masks: ``"fixed"``: the masks are drawn once from ``seed`` and used
            by every pass (the checkable set-up); ``"fresh"``: every
            forward or backward pass draws new masks, as training does.
        seed: seed of the masks' random generator.

    Attributes:
        shapes: ``{"W1": (n1, n0), …}``; n: number of parameters;
        keys: the block name of each entry of θ; workspace: the
        :class:`Workspace` its perturbed passes and the checks write into.
    """

    def __init__(self, X, Y, template, dtype=np.float64, keep_prob=1.0, masks="fixed", seed=0):
        if isinstance(template, dict):
            self.shapes = parameter_shapes(validate_dict(template, "template"))
        else:
            self.shapes = layer_shapes(template)
        self.n_layers = len(self.shapes) // 2
        self.sizes = [self.shapes["W1"][1]] + [self.shapes[f"W{layer}"][0]
                                               for layer in range(1, self.n_layers + 1)]
        self.dtype = check_dtype(dtype)
        X = as_float_array(X, "X")
        if X.ndim != 2 or X.shape[0] != self.sizes[0]:
            raise GradientCheckInputError(
                message("err.shape", name="X", expected=f"({self.sizes[0]}, m)", got=X.shape))
        m = X.shape[1]
        Y = as_float_array(Y, "Y")
        if Y.size != m or np.any((Y != 0) & (Y != 1)):
            raise GradientCheckInputError(
                message("err.net_labels", m=m, got=f"shape {Y.shape}"))
        self.X = X.astype(self.dtype)
        self.Y = Y.reshape(1, m).astype(self.dtype)
        self.m = m
        self.keep_prob = _check_keep_prob(keep_prob)
        if masks not in ("fixed", "fresh"):
            raise GradientCheckInputError(message("err.masks", got=describe(masks)))
        self.masks = masks
        self._rng = np.random.default_rng(seed)
        self._fixed_masks = self._draw_masks(()) if self.dropout and masks == "fixed" else None
        self.keys = [key for key, shape in self.shapes.items() for _ in range(int(np.prod(shape)))]
        self.n = len(self.keys)
        self._offsets = {}
        start = 0
        for key, shape in self.shapes.items():
            self._offsets[key] = start
            start += int(np.prod(shape))
        self.workspace = Workspace()

    @property
    def dropout(self):
        """True when dropout is on (keep_prob < 1)."""
        return self.keep_prob < 1

    def theta(self, parameters):
        """Roll a parameter dict into θ (n, 1) in this objective's dtype."""
        theta, _ = dictionary_to_vector(parameters)
        if theta.shape[0] != self.n:
            raise GradientCheckInputError(
                message("err.vector_shape", size=self.n, got=theta.shape))
        return theta.astype(self.dtype)

    def check_theta(self, theta, name="theta"):
        """Return ``theta`` as an (n, 1) array in this objective's dtype, or raise a clear error."""
        vector = as_float_array(theta, name)
        if vector.shape != (self.n, 1):
            raise GradientCheckInputError(
                message("err.vector_shape", size=self.n, got=vector.shape))
        return vector.astype(self.dtype, copy=False)

    def check_indices(self, indices):
        """Return ``indices`` as a 1-D int array of coordinates of θ (None means all)."""
        if indices is None:
            return np.arange(self.n)
        array = np.asarray(indices)
        if array.dtype.kind not in "iu" or array.ndim > 1:
            raise GradientCheckInputError(message("err.indices", n=self.n, got=describe(indices)))
        array = array.reshape(-1).astype(np.int64)
        if array.size and (array.min() < 0 or array.max() >= self.n):
            raise GradientCheckInputError(message("err.indices", n=self.n, got=describe(indices)))
        return array

    # ----- the forward pass -------------------------------------------------

    def _draw_masks(self, batch):
        return [
            (self._rng.random(batch + (units, self.m)) < self.keep_prob).astype(self.dtype)
            for units in self.sizes[1:-1]
        ]

    def _masks_for(self, batch):
        if not self.dropout:
            return None
        if self._fixed_masks is not None:
            return self._fixed_masks
        return self._draw_masks(batch)

    def _weights(self, theta):
        """Split θ (n, k) into per-layer weights (k, rows, cols) and biases (k, rows, 1)."""
        k = theta.shape[1]
        weights, biases = [], []
        for layer in range(1, self.n_layers + 1):
            for key, into in ((f"W{layer}", weights), (f"b{layer}", biases)):
                shape = self.shapes[key]
                start = self._offsets[key]
                block = theta[start:start + int(np.prod(shape))].T.reshape((k,) + shape)
                # One θ, or θs one per column of a Fortran-ordered array (the
                # random-direction check), give contiguous rows: a view that
                # BLAS reads in place. Any other layout is copied.
                if block.strides[-1] != block.itemsize:
                    block = np.ascontiguousarray(block)
                into.append(block)
        return weights, biases

    def _run(self, Z, layer, weights, biases, masks, patterns=None):
        """Finish the forward pass from Z of layer ``layer + 1`` (0-based); return (cost, A_L).

        Z has shape (k, n_layer, m); ``weights``/``biases`` are the layers'
        arrays, shared (rows, cols) or per item (k, rows, cols). When
        ``patterns`` is a list, the on/off state of each hidden layer's
        ReLUs is appended to it.
        """
        for current in range(layer, self.n_layers - 1):
            if patterns is not None:
                patterns.append((Z.real > 0).reshape(Z.shape[0], -1))
            A = _relu(Z)
            if masks is not None:
                A = A * masks[current] / self.keep_prob
            Z = np.matmul(weights[current + 1], A) + biases[current + 1]
        return self._cross_entropy(Z, axis=(1, 2))

    def _cross_entropy(self, Z_L, axis):
        """Return (mean cross-entropy over the examples on ``axis``, A_L) of output logits Z_L."""
        A_L = _sigmoid(Z_L)
        log_probs = np.multiply(-np.log(A_L), self.Y) + np.multiply(-np.log(1 - A_L), 1 - self.Y)
        return 1.0 / self.m * np.sum(log_probs, axis=axis), A_L

    def _run_shared(self, Z, layer, W, b, masks, patterns=None):
        """Finish k forward passes that share the weights; return their costs (k,).

        Z (units, m, k) is Z of layer ``layer + 1`` (0-based) for k
        passes side by side, and is overwritten. Laid out so, every later
        layer is one matrix product on m·k columns instead of k small
        ones, written into this objective's workspace, and the
        elementwise steps run along the k passes: long contiguous loops
        where m examples would give 16-number ones; ``patterns`` as in
        :meth:`_run`.
        """
        k = Z.shape[2]
        for current in range(layer, self.n_layers - 1):
            if patterns is not None:
                patterns.append((Z.real > 0).transpose(2, 0, 1).reshape(k, -1))
            if np.iscomplexobj(Z):
                np.multiply(Z, Z.real > 0, out=Z)
            else:
                np.maximum(0, Z, out=Z)
            if masks is not None:
                np.multiply(Z, masks[current][:, :, None], out=Z)
                np.divide(Z, self.keep_prob, out=Z)
            units = W[current + 1].shape[0]
            following = self.workspace.array(f"Z{current + 2}", (units, self.m, k), Z.dtype)
            np.matmul(W[current + 1], Z.reshape(Z.shape[0], -1),
                      out=following.reshape(units, -1))
            np.add(following, b[current + 1][:, :, None], out=following)
            Z = following
        # One pass per row, its m examples contiguous, as in _run
        return self._cross_entropy(np.ascontiguousarray(Z[0].T), axis=1)[0]

    def costs(self, thetas, validate=True):
        """Return J for many parameter vectors in one batched forward pass.

        Args:
            thetas: (n, k), one θ per column (float, or complex for the
                complex-step derivative).
            validate: False skips the check that every entry is finite,
                for a caller that built ``thetas`` from checked values
                (the random-direction check: on 100,000 parameters that
                check is a tenth of its time).

        Returns:
            np.ndarray (k,) of costs (complex when ``thetas`` is).
        """
        thetas = np.asarray(thetas)
        if thetas.ndim != 2 or thetas.shape[0] != self.n:
            raise GradientCheckInputError(
                message("err.thetas_shape", n=self.n, got=np.shape(thetas)))
        if validate and not np.iscomplexobj(thetas):
            thetas = self.check_theta_matrix(thetas)
        elif thetas.dtype != self.dtype and not np.iscomplexobj(thetas):
            thetas = thetas.astype(self.dtype)
        weights, biases = self._weights(thetas)
        Z = np.matmul(weights[0], self.X) + biases[0]
        return self._run(Z, 0, weights, biases, self._masks_for((thetas.shape[1],)))[0]

    def check_theta_matrix(self, thetas):
        """Return ``thetas`` (n, k) in this objective's dtype after checking it is finite."""
        return as_float_array(thetas, "thetas").astype(self.dtype, copy=False)

    def cost(self, theta):
        """Return J(θ) as a Python float; θ has shape (n, 1)."""
        # checked here once: costs() need not look at every entry again
        return float(self.costs(self.check_theta(theta), validate=False)[0])

    def pattern(self, theta):
        """Return the on/off state (Z > 0) of every hidden ReLU unit at θ.

        Returns:
            np.ndarray of bool, one entry per hidden unit and example,
            layer 1 first, each (units, m) block flattened row by row.
        """
        theta = self.check_theta(theta)
        weights, biases = self._weights(theta)
        patterns = []
        Z = np.matmul(weights[0], self.X) + biases[0]
        self._run(Z, 0, weights, biases, self._masks_for((1,)), patterns)
        if not patterns:
            return np.zeros(0, dtype=bool)
        return np.concatenate(patterns, axis=1)[0]

    def describe_unit(self, position):
        """Return (layer, unit, example) of entry ``position`` of :meth:`pattern`."""
        for layer, units in enumerate(self.sizes[1:-1], start=1):
            block = units * self.m
            if position < block:
                unit, example = divmod(int(position), self.m)
                return layer, unit, example
            position -= block
        raise IndexError(position)

    def perturbed_costs(self, theta, indices, step, patterns=False):
        """Return J(θ + step·e_i) for every i in ``indices``, in one batched forward pass.

        Moving one weight W_l[r, c] changes only row r of Z_l, by
        step·A_{l-1}[c, :] (moving b_l[r] adds step to that row); so only
        unit r of layer l changes, and Z_{l+1} moves by the outer product
        of column r of W_{l+1} with that unit's change. The layers before
        l are computed once, the next one by this rank-one update, and
        only layers l+2…L run, as one matrix product per layer for a
        block of coordinates (BLOCK_NUMBERS numbers, written into
        ``workspace``): the same forward pass as recomputing
        J(θ + step·e_i), up to rounding. The
        step really applied is the one the dtype can represent,
        fl(θ_i + step) − θ_i. With ``masks="fresh"`` every perturbed
        pass draws its own masks and runs in full.

        Args:
            theta: (n, 1).
            indices: 1-D ints, the coordinates to move.
            step: a real step (±ε) or an imaginary one (i·h, complex step).
            patterns: also return the ReLU on/off states of each
                perturbed pass.

        Returns:
            costs (len(indices),), real or complex; with ``patterns``, also
            a bool array (len(indices), hidden units × m).
        """
        theta = self.check_theta(theta)
        indices = self.check_indices(indices)
        if self.dropout and self.masks == "fresh":
            return self._perturbed_in_full(theta, indices, step, patterns)
        weights, biases = self._weights(theta)
        W = [w[0] for w in weights]
        b = [v[0] for v in biases]
        complex_step = np.iscomplexobj(step)
        costs = np.empty(indices.size, dtype=np.complex128 if complex_step else self.dtype)
        units = sum(n * self.m for n in self.sizes[1:-1])
        states = np.zeros((indices.size, units), dtype=bool) if patterns else None
        masks = self._fixed_masks
        # The unperturbed pass, layer by layer
        inputs, Zs = [self.X], []
        for layer in range(self.n_layers):
            Zs.append(np.matmul(W[layer], inputs[-1]) + b[layer])
            if layer < self.n_layers - 1:
                A = _relu(Zs[-1])
                inputs.append(A * masks[layer] / self.keep_prob if masks is not None else A)
        if patterns:
            base_pattern = np.concatenate([(Z > 0).ravel() for Z in Zs[:-1]]
                                          + [np.zeros(0, bool)])
        layer_of = self._layer_of(indices)
        for layer in range(self.n_layers):
            in_layer = np.flatnonzero(layer_of == layer)
            widest = max(self.sizes[layer + 2:], default=1)
            block = max(1, BLOCK_NUMBERS // (widest * self.m))
            for first in range(0, in_layer.size, block):
                selected = in_layer[first:first + block]
                rows, change = self._row_changes(theta, indices[selected], step, layer,
                                                 inputs[layer])
                k = selected.size
                new_rows = Zs[layer][rows] + change
                found = [] if patterns else None
                if layer == self.n_layers - 1:
                    # The output layer has one unit: its Z is the moved row itself
                    costs[selected] = self._run_shared(new_rows.T[None], layer, W, b, masks)
                else:
                    A_rows = _relu(new_rows)
                    if masks is not None:
                        A_rows = A_rows * masks[layer][rows] / self.keep_prob
                    moved = A_rows - inputs[layer + 1][rows]
                    column = W[layer + 1][:, rows]
                    Z_next = self.workspace.array(
                        f"Z{layer + 2}", (column.shape[0], self.m, k),
                        np.result_type(column, moved))
                    np.multiply(column[:, None, :], np.ascontiguousarray(moved.T)[None],
                                out=Z_next)
                    np.add(Z_next, Zs[layer + 1][:, :, None], out=Z_next)
                    costs[selected] = self._run_shared(Z_next, layer + 1, W, b, masks, found)
                if patterns:
                    state = np.broadcast_to(base_pattern, (k, units)).copy()
                    if layer < self.n_layers - 1:
                        start = sum(n * self.m for n in self.sizes[1:layer + 1])
                        columns = start + rows[:, None] * self.m + np.arange(self.m)
                        state[np.arange(k)[:, None], columns] = new_rows.real > 0
                        if found:
                            state[:, start + self.sizes[layer + 1] * self.m:] = np.concatenate(
                                found, axis=1)
                    states[selected] = state
        if patterns:
            return costs, states
        return costs

    def _row_changes(self, theta, chosen, step, layer, inputs):
        """Return (rows of Z_l that move, their change (k, m)) for coordinates of layer l."""
        W_key, b_key = f"W{layer + 1}", f"b{layer + 1}"
        delta = self._applied_step(theta[chosen, 0], step)
        local = chosen - self._offsets[W_key]
        in_W = local < int(np.prod(self.shapes[W_key]))
        cols = self.shapes[W_key][1]
        rows = np.where(in_W, local // cols, chosen - self._offsets[b_key])
        change = np.broadcast_to(delta[:, None], (chosen.size, self.m)).copy()
        change[in_W] *= inputs[local[in_W] % cols]
        return rows, change

    def _perturbed_in_full(self, theta, indices, step, patterns):
        """Fresh dropout masks: run each perturbed θ through its own full forward pass."""
        dtype = np.complex128 if np.iscomplexobj(step) else self.dtype
        thetas = np.repeat(theta.astype(dtype), indices.size, axis=1)
        thetas[indices, np.arange(indices.size)] += self._applied_step(theta[indices, 0], step)
        weights, biases = self._weights(thetas)
        found = [] if patterns else None
        Z = np.matmul(weights[0], self.X) + biases[0]
        costs = self._run(Z, 0, weights, biases, self._draw_masks((indices.size,)), found)[0]
        if patterns:
            return costs, np.concatenate(found, axis=1) if found else np.zeros(
                (indices.size, 0), dtype=bool)
        return costs

    def _layer_of(self, indices):
        starts = np.array([self._offsets[f"W{layer}"] for layer in range(1, self.n_layers + 1)])
        return np.searchsorted(starts, indices, side="right") - 1

    def _applied_step(self, values, step):
        if np.iscomplexobj(step):
            return np.full(values.shape, step, dtype=np.complex128)
        moved = (values + self.dtype.type(step)).astype(self.dtype)
        return (moved - values).astype(self.dtype)

    # ----- the backward pass ------------------------------------------------

    def gradients(self, theta):
        """Return the correct gradient of J at θ as a dict dW1, db1, …, dWL, dbL.

        With dropout, the backward pass uses the same masks as the forward
        pass it differentiates: the fixed ones, or (``masks="fresh"``) a
        new draw, which is exactly why a check then fails.
        """
        theta = self.check_theta(theta)
        weights, biases = self._weights(theta)
        W = [w[0] for w in weights]
        b = [v[0] for v in biases]
        masks = self._masks_for(())
        Zs, As = [], [self.X]
        for layer in range(self.n_layers):
            Z = np.dot(W[layer], As[-1]) + b[layer]
            Zs.append(Z)
            if layer < self.n_layers - 1:
                A = _relu(Z)
                As.append(A * masks[layer] / self.keep_prob if masks is not None else A)
        A_L = _sigmoid(Zs[-1])
        grads = {}
        dZ = A_L - self.Y
        for layer in range(self.n_layers - 1, -1, -1):
            grads[f"dW{layer + 1}"] = 1.0 / self.m * np.dot(dZ, As[layer].T)
            grads[f"db{layer + 1}"] = 1.0 / self.m * np.sum(dZ, axis=1, keepdims=True)
            if layer:
                dA = np.dot(W[layer].T, dZ)
                if masks is not None:
                    dA = dA * masks[layer - 1] / self.keep_prob
                dZ = dA * (Zs[layer - 1] > 0)
        return {key: grads[key] for key in (f"d{k}" for k in self.shapes)}

    def gradient(self, theta):
        """Return the correct gradient of J at θ as a column vector (n, 1) in the dtype."""
        grads = self.gradients(theta)
        return np.concatenate([grads[f"d{k}"].reshape(-1, 1) for k in self.shapes]).astype(
            self.dtype)
