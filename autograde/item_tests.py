"""What each graded item's tests were called and how each ended, and which mistakes they named.

A graded cell of the instructor's notebook holds a visible test (what the
student ran, e.g. ``forward_propagation_test(...)``) and, between nbgrader's
``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``, a hidden one
(``check_forward_propagation(..., seed=...)``). nbval runs the cell as one
item, so the part that failed is read from the error: a visible test reports
through ``gc_feedback.report`` and raises ``CheckFailedError``; the hidden
block ends in a plain ``assert`` (``AssertionError``). Any other ending (an
exception, a timeout, a dead kernel) stopped the cell somewhere, and the
outcome says so rather than guessing the part.

Only names leave this module: the functions a test calls, never its code,
inputs or expected values.
"""

import ast
import re
from dataclasses import dataclass

from gc_utils import message

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
VISIBLE_FAILURE = "CheckFailedError"
HIDDEN_FAILURE = "AssertionError"
# A hint's fixed text shorter than this could match by accident
MIN_HINT_CHARS = 20
# Only the start of a hint is looked for: the kernel's message is cut at 500
# characters (autograde.nbval_guard), possibly inside the hint
HINT_PREFIX_CHARS = 60
# Problems of gc_feedback.report that name what the student's function did
# (other than a wrong value), registered as ``check.<kind>``
CHECK_KINDS = ("not_implemented", "helper_not_implemented", "raised", "returned_none",
               "printed_instead", "array_instead", "not_a_number", "mutated")


@dataclass(frozen=True)
class ItemTestNames:
    """The functions the visible and the hidden part of a graded cell call (tuples of str)."""

    visible: tuple
    hidden: tuple


def split_hidden(source):
    """Return (visible source, hidden source) of a graded cell; hidden is "" when it has none."""
    visible, hidden, inside = [], [], False
    for line in source.splitlines():
        marker = line.strip()
        if marker == HIDDEN_BEGIN:
            inside = True
        elif marker == HIDDEN_END:
            inside = False
        else:
            (hidden if inside else visible).append(line)
    return "\n".join(visible), "\n".join(hidden)


def called_names(source):
    """Return the names of the functions called by the top-level statements of ``source``.

    In order of first call, without duplicates; code that does not parse
    gives ().
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ()
    names = []
    for statement in tree.body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id not in names:
                names.append(node.func.id)
    return tuple(names)


def tests_of_cell(source):
    """Return the ItemTestNames of a graded cell's source (the instructor's)."""
    visible, hidden = split_hidden(source)
    return ItemTestNames(called_names(visible), called_names(hidden) if hidden.strip() else ())


def outcomes(names, status, ename):
    """Return [(part, name, outcome)] for one graded item.

    Args:
        names: the item's ItemTestNames.
        status: the item's gradebook status before the out-of-kernel check
            ("passed", "failed", "error", "timeout", "kernel-died",
            "output-mismatch", "not-run").
        ename: the exception name nbval reported ("" when none).

    Returns:
        One entry per part that exists: part is "visible" or "hidden", name
        the tests' function names joined by ", " (or the part's own word
        when it calls none), outcome one of "passed", "failed", "not-run"
        and "stopped" (the cell ended before a verdict, in a part unknown).
    """
    parts = [("visible", names.visible)] + ([("hidden", names.hidden)] if names.hidden else [])
    if status == "passed":
        verdicts = ["passed"] * len(parts)
    elif status == "not-run":
        verdicts = ["not-run"] * len(parts)
    elif status == "failed" and ename == VISIBLE_FAILURE:
        verdicts = ["failed", "not-run"][:len(parts)]
    elif status == "failed" and ename == HIDDEN_FAILURE and len(parts) == 2:
        verdicts = ["passed", "failed"]
    elif status == "failed":
        verdicts = ["failed"] * len(parts)
    else:
        verdicts = ["stopped"] * len(parts)
    return [(part, ", ".join(found) or part, verdict)
            for (part, found), verdict in zip(parts, verdicts, strict=True)]


class _Hole:
    """Stands for any field of a message template: formats as one marker character."""

    MARK = "\x00"

    def __format__(self, spec):
        return self.MARK

    def __repr__(self):
        return self.MARK

    def __getattr__(self, name):
        return self

    def __getitem__(self, key):
        return self


def _literal_parts(key, language):
    """Return the fixed text pieces of a registered message (its fields cut out)."""
    fields = {}
    while True:
        try:
            text = message(key, language, **fields)
        except KeyError as missing:
            fields[missing.args[0]] = _Hole()
        except (IndexError, ValueError):
            return []
        else:
            return [part.strip(" `") for part in text.split(_Hole.MARK)]


def hint_catalogue():
    """Return {mistake kind: [fixed texts in every language]} of the course's named mistakes.

    The kinds are the ``hint.<kind>`` messages the checks register
    (gc_feedback.hints and the practice checks) and the ``check.<kind>``
    problems of CHECK_KINDS; importing the checks registers them.
    """
    from gc_common.i18n import LANGUAGES, has_message
    from gc_feedback import checks_1d, checks_nd, checks_practice  # noqa: F401 - registers them

    kinds = {}
    for key in _hint_keys() + [f"check.{kind}" for kind in CHECK_KINDS]:
        if not has_message(key):
            continue
        texts = []
        for language in LANGUAGES:
            parts = [part for part in _literal_parts(key, language) if len(part) >= MIN_HINT_CHARS]
            if parts:
                texts.append(max(parts, key=len))
        if texts:
            kinds[key.split(".", 1)[1]] = texts
    return kinds


def _hint_keys():
    """The hint keys named in the checks' sources (``hint.<kind>``)."""
    import inspect

    from gc_feedback import checks_nd, checks_practice, hints

    keys = set()
    for module in (hints, checks_nd, checks_practice):
        keys.update(re.findall(r"\"(hint\.\w+)\"", inspect.getsource(module)))
    return sorted(keys)


def named_mistakes(evalue, catalogue):
    """Return the mistake kinds whose hint appears in a failed check's message, sorted.

    ``evalue`` is the (possibly truncated) message the kernel reported for
    the cell; ``catalogue`` comes from hint_catalogue. The kernel runs the
    student's code, so the result only feeds the instructor's counts, never
    a score.
    """
    text = " ".join(str(evalue).split())
    return sorted(kind for kind, texts in catalogue.items()
                  if any(" ".join(fixed.split())[:HINT_PREFIX_CHARS] in text for fixed in texts))
