"""Does every instructor notebook run clean under nbval, outputs of tagged cells included?"""

import subprocess
import sys

import pytest
from notebook_runner import ROOT, ids, kernel_env, solution_notebooks

SANITIZER = ROOT / "tests" / "data" / "nbval-sanitize.cfg"
NOTEBOOKS = solution_notebooks()


def test_there_are_instructor_notebooks_to_run():
    assert NOTEBOOKS, "no notebooks under notebooks/solutions; run python -m tools.build"


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_instructor_notebook_passes_nbval_lax(notebook, tmp_path):
    # A separate pytest: nbval must not pick up this suite's options or plugins
    command = [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-sanitize-with",
               str(SANITIZER), "-p", "no:cacheprovider", "-p", "no:xdist", "-q",
               "--rootdir", str(tmp_path), "-c", "/dev/null", str(notebook)]
    result = subprocess.run(command, cwd=tmp_path, env=kernel_env(), capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
