"""Rebuild a submission from the instructor's notebook, keeping only the student's answers.

Every cell of the rebuilt notebook comes from the trusted instructor copy
(setup, explanations, checks, hidden tests, their metadata and reference
outputs) except the source of the solution cells, which is the
student's, matched by cell id. Whatever else the student changed is
recorded as a flag for a human to look at; it cannot change a score.
Code cells the instructor's copy marks as ungraded (explorers, demos after
the last test; see ``is_ungraded``) are left out: nothing graded reads them.
"""

import copy
import unicodedata
from collections import Counter
from dataclasses import dataclass

# nbval reads these comments from a cell's source; in a student's cell they
# could mark it skipped or allowed to raise, so they are taken out
NBVAL_PREFIXES = ("NBVAL_", "PYTEST_VALIDATE_")
MARKER_NOTE = "# (nbval marker removed by the grader)"
# Cell metadata the builder writes ({"ungraded": true}) on the code cells no
# graded cell depends on (tools.notebooks.ungraded_cells): explorers, demos
# after the last test. Read from the instructor's copy only, never from a submission.
UNGRADED_KEY = "gradient_checking"


@dataclass
class Rebuilt:
    """A rebuilt notebook and what the student changed outside their answers."""

    notebook: object
    solutions: dict  # cell id -> the student's source taken
    flags: list


def nbgrader(cell):
    """Return a cell's nbgrader metadata (empty dict when it has none)."""
    value = cell.get("metadata", {}).get("nbgrader", {})
    return value if isinstance(value, dict) else {}


def is_solution(cell):
    """True for a cell the student answers in (nbgrader ``solution``)."""
    return cell.get("cell_type") == "code" and bool(nbgrader(cell).get("solution"))


def is_ungraded(cell):
    """True for an instructor cell the builder marked as one no grade depends on."""
    marks = cell.get("metadata", {}).get(UNGRADED_KEY, {})
    return isinstance(marks, dict) and marks.get("ungraded") is True and \
        cell.get("cell_type") == "code" and not nbgrader(cell).get("grade") and \
        not nbgrader(cell).get("solution")


def _normalized(source):
    return "\n".join(line.rstrip() for line in str(source).strip().splitlines())


def _cell_signature(cell):
    metadata = cell.get("metadata", {})
    return (cell.get("cell_type"), nbgrader(cell), sorted(metadata.get("tags", []) or []))


def strip_nbval_markers(source):
    """Return (source without nbval marker comments, whether any was removed).

    Lines are split and stripped as nbval splits and strips them
    (``str.splitlines``: form feeds, vertical tabs, Unicode line separators;
    Unicode whitespace), and compared after NFKC normalization and case
    folding, so a marker hidden by any of these is found too. Linear in
    the length of ``source``.
    """
    lines = str(source).splitlines(keepends=True)
    removed = False
    for index, line in enumerate(lines):
        if _is_marker(line):
            # the line's own terminator stays: Python does not end a line at
            # every character that splitlines does, so what follows keeps its meaning
            ending = line[len(line.splitlines()[0]):] if line.splitlines() else line
            lines[index] = MARKER_NOTE + ending
            removed = True
    return "".join(lines), removed


def _is_marker(line):
    text = unicodedata.normalize("NFKC", line).strip()
    if not text.startswith("#"):
        return False
    comment = text.lstrip("#").strip().upper()
    return any(prefix in comment for prefix in NBVAL_PREFIXES)


def rebuild(submission, lesson):
    """Return the Rebuilt notebook of ``submission`` (NotebookNode) for ``lesson``.

    Args:
        submission: the student's notebook, parsed.
        lesson: catalog.LessonNotebooks of the submission's lesson and language.
    """
    flags = []
    release = {cell.get("id"): cell for cell in lesson.release.cells}
    counts = Counter(cell.get("id") for cell in submission.cells)
    latest = {}
    for cell in submission.cells:
        latest[cell.get("id")] = cell  # a duplicated answer: the last one, as Jupyter would
    for cell_id, count in counts.items():
        if count > 1 and cell_id is not None:
            flags.append(f"duplicated:{cell_id}")
    added = [cell.get("id") or "?" for cell in submission.cells if cell.get("id") not in release]
    if added:
        flags.append(f"added:{len(added)}")
    for cell_id, original in release.items():
        cell = latest.get(cell_id)
        if cell is None:
            flags.append(f"deleted:{cell_id}")
            continue
        if _cell_signature(cell) != _cell_signature(original):
            flags.append(f"retagged:{cell_id}")
        if cell.get("cell_type") != original.get("cell_type"):
            continue
        if original.get("cell_type") == "code" and not is_solution(original) and \
                _normalized(cell.source) != _normalized(original.source):
            flags.append(f"modified:{cell_id}")

    rebuilt = copy.deepcopy(lesson.instructor)
    # what no grade depends on is not run (the instructor's marks, not the student's)
    rebuilt.cells = [cell for cell in rebuilt.cells if not is_ungraded(cell)]
    solutions = {}
    for cell in rebuilt.cells:
        if cell.get("cell_type") == "code" and not is_solution(cell) and cell.get("outputs") \
                and cell.get("execution_count") is None:
            # nbval fails a cell whose reference outputs lack an execution
            # count ("unrun reference cell"); the instructor's outputs are
            # the reference, whatever count the builder recorded
            cell.execution_count = 1
        if not is_solution(cell):
            continue
        student = latest.get(cell.get("id"))
        if student is not None and student.get("cell_type") == "code":
            source = str(student.source)
        else:
            source = str(release[cell.get("id")].source)
        source, removed = strip_nbval_markers(source)
        if removed:
            flags.append(f"nbval-marker:{cell.get('id')}")
        cell.source = source
        cell.outputs = []
        cell.execution_count = None
        solutions[cell.get("id")] = source
    return Rebuilt(rebuilt, solutions, flags)
