"""How the tests run the grader "as root" and "unprivileged" (see tests/test_jail.py).

"root": the suite's own user, when that is root. "unprivileged": an
ordinary user, simulated when the suite runs as root by a fresh user
namespace in which the grader is uid 1234.
"""

import os
import shutil

import pytest

MODES = ("root", "unprivileged")


def grader_prefix(mode):
    """Return the argv prefix that runs a command as ``mode``; skip where it cannot be done."""
    if mode == "root":
        if os.geteuid() != 0:
            pytest.skip("the root mode needs the suite to run as root")
        return []
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1) to simulate an unprivileged grader")
    return [unshare, "--user", "--map-user=1234", "--map-group=1234"]
