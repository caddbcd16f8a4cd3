"""The relative difference between an analytic and a numerical gradient.

Taught in lesson 01 (the student writes it inside ``gradient_check``);
the checks, the per-parameter diagnosis and the explorers use this one.
"""

import numpy as np

from .i18n import message, register_messages
from .validation import GradientCheckInputError, as_float_array

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
