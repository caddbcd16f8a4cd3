"""Does every instructor notebook run clean under nbval, outputs of tagged cells included?"""

import subprocess
import sys

import pytest
from notebook_runner import ROOT, ids, kernel_env, solution_notebooks

from tools.blas_kernels import supported_kernels

pytestmark = pytest.mark.numeric

SANITIZER = ROOT / "autograde" / "nbval-sanitize.cfg"
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


@pytest.mark.slow
@pytest.mark.parametrize("kernel", supported_kernels() or ["none"])
def test_instructors_plain_nbval_command_passes_under_every_kernel(kernel):
    """Does `pytest --nbval-lax` on lesson 02, run from the repository root with no
    sanitizer named, pass under each BLAS kernel this CPU runs (conftest.py's sanitizer)?"""
    if kernel == "none":
        pytest.skip("this CPU runs neither the Haswell nor the SkylakeX kernel")
    (notebook,) = [path for path in NOTEBOOKS if path.match("solutions/en/02-*.ipynb")]
    command = [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider",
               str(notebook.relative_to(ROOT))]
    env = {**kernel_env(), "OPENBLAS_CORETYPE": kernel}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
