"""The original assignment's published figures, and how closely a run must match them.

The N-D differences end in a digit that depends on the BLAS kernel: numpy's
matrix products add in the order the kernel chooses, so the last bit of a
sum may differ (0.2850931567761623 under OpenBLAS's SkylakeX kernel, ...624
under its Haswell kernel). A figure therefore matches when it lies within
``ULPS`` units in the last place; tests/test_published.py shows that this
window is orders of magnitude narrower than the smallest change a bug makes.
"""

import re

import numpy as np

PUBLISHED = {
    "J": 8.0,
    "dtheta": 2.0,
    "difference_1d": 2.919335883291695e-10,
    "difference_1d_x3": 7.814075313343006e-11,
    "difference_buggy": 0.2850931567761623,
    "difference_fixed": 1.1890913024229996e-07,
}
# A handful of roundings in a sum of a few dozen terms: kernels seen so far
# differ by one ulp; four leave room without hiding any bug (see the test)
ULPS = 4
FLOAT = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")


def ulps_apart(a, b):
    """Return how many float64 values lie between a and b (int; 0 when equal)."""
    a, b = np.float64(a), np.float64(b)
    if not (np.isfinite(a) and np.isfinite(b)):
        raise ValueError(f"expected finite numbers, got {a!r} and {b!r}")
    ia, ib = (int(np.array(v).view(np.int64)) for v in (a, b))
    # Map the sign-magnitude bit patterns onto one ordered integer line
    ia, ib = (i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF) for i in (ia, ib))
    return abs(ia - ib)


def matches(value, name):
    """Return True when ``value`` is the published figure ``name`` to within ULPS."""
    return ulps_apart(value, PUBLISHED[name]) <= ULPS


def assert_published(value, name):
    """Fail unless ``value`` reproduces the published figure ``name`` (few ulps)."""
    distance = ulps_apart(value, PUBLISHED[name])
    assert distance <= ULPS, (
        f"{name}: got {value!r}, published {PUBLISHED[name]!r} ({distance} ulps apart, "
        f"at most {ULPS} allowed)")


def assert_published_in(text, name):
    """Fail unless ``text`` shows a number that reproduces the figure ``name``."""
    numbers = [float(found) for found in FLOAT.findall(text)]
    assert any(matches(number, name) for number in numbers), (
        f"{name} ({PUBLISHED[name]!r}, within {ULPS} ulps) not among {numbers} in {text!r}")
