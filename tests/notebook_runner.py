"""Shared by the notebook tests: where the generated notebooks are, how to run one."""

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CELL_TIMEOUT = 120


def student_notebooks():
    """Every student notebook (notebooks/en, notebooks/tr), sorted."""
    return sorted(NOTEBOOKS.glob("[et][nr]/*.ipynb"))


def solution_notebooks():
    """Every instructor notebook (notebooks/solutions/en|tr), sorted."""
    return sorted((NOTEBOOKS / "solutions").glob("*/*.ipynb"))


def instructor_copy(student_path):
    """Return the instructor notebook path of a student notebook."""
    return NOTEBOOKS / "solutions" / student_path.parent.name / student_path.name


def read(path):
    return nbformat.read(path, as_version=4)


def kernel_env():
    """The test process's environment without PYTHONPATH (a student's kernel has none)."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def execute(notebook, working_dir, env=None):
    """Run ``notebook`` in place in a fresh python3 kernel started in ``working_dir``.

    Raises:
        nbclient.exceptions.CellExecutionError: the first cell that raised.
    """
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(working_dir)}})
    client.execute(env=env or kernel_env(), cwd=str(working_dir))
    return notebook


def ids(paths):
    return [f"{path.parent.name}/{path.name}" for path in paths]


HIDE_CHECKOUT = '''\
"""Test-only sitecustomize: this interpreter must not see the checkout's helpers."""
import os
import sys

CHECKOUT = {checkout!r}
sys.path[:] = [entry for entry in sys.path
               if os.path.realpath(entry or os.getcwd()) != CHECKOUT]
# An editable install (pip install -e .) finds the helpers through a meta path finder
sys.meta_path[:] = [finder for finder in sys.meta_path if "editable" not in repr(finder).lower()]
'''


def env_without_checkout(tmp_path):
    """An environment whose Python cannot import the helpers of this checkout.

    PYTHONPATH points only at a sitecustomize that removes the checkout and
    any editable install of it from the import system, as on a student's
    machine or in Colab where the helpers are not installed.
    """
    folder = tmp_path / "hide-checkout"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(
        HIDE_CHECKOUT.format(checkout=os.path.realpath(ROOT)), encoding="utf-8")
    env = kernel_env()
    env["PYTHONPATH"] = str(folder)
    return env
