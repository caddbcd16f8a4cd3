"""The lessons' own functions, for tests that need them: no copies in the test suite.

Code cells are taken from the lesson source as a notebook variant shows
them and run in one namespace, in the order given, so a function that
calls another (``gradient_check`` calls ``forward_propagation``) finds it.
"""

from functools import cache
from pathlib import Path

import numpy

import gc_utils
from tools.lesson_format import parse_lesson
from tools.variants import code_source

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"


@cache
def _cells(lesson_id):
    (path,) = LESSONS.glob(f"{lesson_id}-*.lesson")
    return {cell.cell_id: cell for cell in parse_lesson(path, ROOT).cells}


def lesson_namespace(lesson_id, cell_ids, variant="solution", language="en"):
    """Run the named code cells of a lesson and return what they define.

    Args:
        lesson_id: ``"01"``, ``"02"``, ….
        cell_ids: ids of code cells, run in this order.
        variant: ``"solution"`` (the instructor's code) or ``"student"``
            (what the student is given, e.g. lesson 02's buggy backward pass).
        language: whose localized comments to keep; the code is the same.

    Returns:
        dict: the namespace after running the cells (gc_utils' public
        names and ``np`` are there beforehand, as the lesson imports them).
    """
    namespace = {name: getattr(gc_utils, name) for name in gc_utils.__all__}
    namespace["np"] = numpy
    cells = _cells(lesson_id)
    for cell_id in cell_ids:
        exec(code_source(cells[cell_id], language, variant), namespace)  # the lesson's code
    return namespace


def lesson_01_solutions():
    """Return lesson 01's ``(forward_propagation, backward_propagation, gradient_check)``."""
    names = lesson_namespace("01", ["forward-propagation", "backward-propagation",
                                    "gradient-check"])
    return names["forward_propagation"], names["backward_propagation"], names["gradient_check"]
