"""Do the published figures hold to a few ulps, under every BLAS kernel this CPU runs?"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from lesson_code import lesson_namespace
from published import PUBLISHED, ULPS, assert_published, matches, ulps_apart

from testCases import gradient_check_n_test_case
from tools.blas_kernels import supported_kernels

pytestmark = pytest.mark.numeric

LESSON_02_BUGGY = lesson_namespace("02", ["backward-propagation-n-given", "gradient-check-n"])
LESSON_02_FIXED = lesson_namespace("02", ["backward-propagation-n", "gradient-check-n"])

# Run in a fresh process, so that OPENBLAS_CORETYPE picks the kernel
FIGURES_SCRIPT = """
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests"]
from threadpoolctl import threadpool_info
from test_published import lesson_02_differences
kernel = [pool.get("architecture") for pool in threadpool_info()
          if pool.get("internal_api") == "openblas"]
print(json.dumps({"kernel": kernel, "differences": lesson_02_differences()}))
"""


def lesson_02_differences(scale_dW2=1.0):
    """Return {"buggy": d, "fixed": d} of the lessons' own code on the lesson's example.

    ``scale_dW2`` multiplies the fixed pass's dW2, to plant a bug as small as wanted.
    """
    X, Y, parameters = gradient_check_n_test_case()
    namespace = LESSON_02_FIXED
    _, cache = namespace["forward_propagation_n"](X, Y, parameters)
    buggy = LESSON_02_BUGGY["backward_propagation_n"](X, Y, cache)
    fixed = namespace["backward_propagation_n"](X, Y, cache)
    fixed["dW2"] = fixed["dW2"] * scale_dW2
    check = namespace["gradient_check_n"]
    return {"buggy": float(check(parameters, buggy, X, Y)),
            "fixed": float(check(parameters, fixed, X, Y))}


def test_ulps_count_the_floats_between_two_numbers():
    """Is ulps_apart 0 for equal numbers, 1 for neighbours, and symmetric across zero?"""
    assert ulps_apart(0.5, 0.5) == 0
    assert ulps_apart(0.5, np.nextafter(0.5, 1.0)) == 1
    assert ulps_apart(np.nextafter(0.5, 1.0), 0.5) == 1
    assert ulps_apart(-0.0, 0.0) == 0
    assert ulps_apart(np.nextafter(0.0, -1.0), np.nextafter(0.0, 1.0)) == 2
    with pytest.raises(ValueError, match="finite"):
        ulps_apart(float("nan"), 1.0)


def test_a_neighbouring_kernels_last_digit_matches_and_a_bug_does_not():
    """Is ...624 accepted, while the smallest change in the figures' digits is refused?"""
    assert matches(0.2850931567761624, "difference_buggy")
    assert not matches(0.285093156776, "difference_buggy")
    with pytest.raises(AssertionError, match="ulps apart"):
        assert_published(PUBLISHED["difference_buggy"] * (1 + 1e-12), "difference_buggy")


def test_the_tolerance_is_orders_of_magnitude_below_what_a_bug_changes():
    """Does a bug of one part in a million in dW2 move the fixed figure by >1e4 × ULPS?"""
    differences = lesson_02_differences()
    assert_published(differences["buggy"], "difference_buggy")
    assert_published(differences["fixed"], "difference_fixed")
    tiny_bug = lesson_02_differences(scale_dW2=1 + 1e-6)["fixed"]
    assert ulps_apart(tiny_bug, PUBLISHED["difference_fixed"]) > 1e4 * ULPS
    assert ulps_apart(PUBLISHED["difference_buggy"], PUBLISHED["difference_fixed"]) > 1e15


@pytest.mark.parametrize("kernel", supported_kernels() or ["none"])
def test_every_kernel_this_cpu_runs_reproduces_the_published_figures(kernel, tmp_path):
    """Under OpenBLAS's Haswell and SkylakeX kernels, are the N-D figures within ULPS?"""
    if kernel == "none":
        pytest.skip("this CPU runs neither the Haswell nor the SkylakeX kernel")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "OPENBLAS_CORETYPE": kernel}
    result = subprocess.run([sys.executable, "-c", FIGURES_SCRIPT, root], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["kernel"] == [kernel]
    assert_published(found["differences"]["buggy"], "difference_buggy")
    assert_published(found["differences"]["fixed"], "difference_fixed")
