"""Plant one mistake in a lesson's solution and collect the verdict of its check.

The corpus is generated from the lesson sources, never from notebooks: the
solution variant of each code cell in one language (``tools.variants``),
one textual replacement in the cell that defines the graded function, the
lesson's code cells run in order in a fresh namespace up to that
function's check cell, and the check that cell calls
(``gradient_check_test(gradient_check)`` -> ``check_gradient_check``) run
on the planted function. In-process, no kernel.

A data module (``tests/mutations/lessonNN.py``) exposes ``MUTATIONS``, a
list of :class:`Mutation`.
"""

import contextlib
import importlib
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gc_common import i18n
from tools.lesson_format import parse_lesson
from tools.variants import code_source

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons"
DATA_MODULES = ("lesson01", "lesson02", "lesson03", "lesson03_workflow")
LANGUAGES = i18n.LANGUAGES

# A check cell calls `<name>_test(<function>)`; its silent twin is `check_<name>`
CHECK_CALL = re.compile(r"^(\w+)_test\((\w+)\)", re.MULTILINE)
# Cells that only display (explorers, source listings, figures): slow or
# irrelevant to a check, so they are not run
DISPLAY_ONLY = re.compile(r"\b(\w*_explorer|show_source|plt\.show)\(")
# Kinds that name no mistake: a check fell back to "expected ..., got ...",
# saying that this is not one of the usual mistakes
UNNAMED = frozenset({"wrong_value", "not_usual", "above_one"})


class CorpusError(Exception):
    """A corpus entry that cannot be planted (the entry is wrong, not the check)."""


@dataclass(frozen=True)
class Mutation:
    """One planted mistake (or a harmless variant) in one graded function.

    Attributes:
        lesson: ``"01"``, ``"02"``, ``"03"``.
        function: the graded function, e.g. ``"gradient_check"``; the
            solution cell that defines it is the one changed.
        old: text that occurs exactly once in that cell's solution code; a
            tuple of such texts for a mistake that changes several places.
        new: its replacement (may hold several lines); a tuple, one per ``old``.
        expected_kind: the kind the check must name (its hint names it), or
            None for a harmless variant, which must pass.
        note: what the student did, in a few words.
        also: other kinds that are true of this mistake and may be named too.
    """

    lesson: str
    function: str
    old: str
    new: str
    expected_kind: object
    note: str
    also: tuple = ()

    @property
    def harmless(self):
        """True for a variant that must pass."""
        return self.expected_kind is None

    @property
    def label(self):
        """A short id for test names: ``01-gradient_check-<note>``."""
        return f"{self.lesson}-{self.function}-{self.note}"


@dataclass(frozen=True)
class Verdict:
    """What the check said about one planted mutation in one language.

    Attributes:
        mutation: the :class:`Mutation`.
        language: ``"en"`` or ``"tr"``.
        result: the check's :class:`~gc_feedback.report.CheckResult`.
        text: the verdict as the student reads it in ``language``.
    """

    mutation: Mutation
    language: str
    result: object
    text: str

    @property
    def passed(self):
        """True when the check found nothing wrong."""
        return self.result.passed

    @property
    def kinds(self):
        """What the verdict names, in order: each problem's hint kinds (``hint.<kind>``),
        or its own kind when it has no hint (``"not_implemented"``, ``"mutated"``, …).

        A wrong block of ``backward_propagation_n`` is one ``wrong_blocks``
        problem with a hint per kind of error; the hints are what it names.
        """
        named = []
        for problem in self.result.problems:
            keys = [hint.key.split(".", 1)[1] for hint in problem.hints]
            named += keys or [problem.kind]
        return list(dict.fromkeys(named))

    @property
    def named_correctly(self):
        """True when the expected kind is among the kinds named."""
        return not self.mutation.harmless and self.mutation.expected_kind in self.kinds

    @property
    def wrongly_named(self):
        """Kinds named that this mutation does not explain (a wrong hint)."""
        allowed = {self.mutation.expected_kind, *self.mutation.also} | UNNAMED
        return [kind for kind in self.kinds if kind not in allowed]


@cache
def lesson_cells(lesson):
    """Return the parsed code cells of lesson ``lesson`` ("01"), in source order."""
    (path,) = LESSONS.glob(f"{lesson}-*.lesson")
    return tuple(cell for cell in parse_lesson(path, ROOT).cells if cell.kind == "code")


def function_cell(lesson, function):
    """Return the index of the solution cell that defines ``function``.

    Raises:
        CorpusError: no solution cell, or more than one, defines it.
    """
    pattern = re.compile(rf"^def {re.escape(function)}\(", re.MULTILINE)
    found = [index for index, cell in enumerate(lesson_cells(lesson))
             if cell.solution and pattern.search("\n".join(cell.lines))]
    if len(found) != 1:
        raise CorpusError(f"lesson {lesson}: {len(found)} solution cells define "
                          f"`{function}`, expected exactly one")
    return found[0]


def check_cell(lesson, function):
    """Return ``(index, check name)`` of the first cell after the function's cell
    that calls ``<name>_test(function)``.

    Raises:
        CorpusError: no such cell.
    """
    cells = lesson_cells(lesson)
    start = function_cell(lesson, function)
    for index in range(start + 1, len(cells)):
        for name, argument in CHECK_CALL.findall("\n".join(cells[index].lines)):
            if argument == function:
                return index, name
    raise CorpusError(f"lesson {lesson}: no check cell calls `..._test({function})`")


def planted_source(mutation, language):
    """Return the code of the function's cell with the mistake planted (str).

    Raises:
        CorpusError: ``old`` does not occur exactly once in that cell.
    """
    cell = lesson_cells(mutation.lesson)[function_cell(mutation.lesson, mutation.function)]
    source = code_source(cell, language, "solution")
    olds, news = mutation.old, mutation.new
    if isinstance(olds, str):
        olds, news = (olds,), (news,)
    for old, new in zip(olds, news, strict=True):
        count = source.count(old)
        if count != 1:
            raise CorpusError(f"{mutation.label} ({language}): `old` occurs {count} times in "
                              f"cell {cell.cell_id!r}, expected exactly once: {old!r}")
        source = source.replace(old, new)
    return source


def _runs_before_check(cell):
    # The setup cell is filled in by the builder; graded cells are other checks
    # (their hidden tests too); display-only cells show, they define nothing
    return not (cell.setup or cell.grade or DISPLAY_ONLY.search("\n".join(cell.lines)))


def run_mutation(mutation, language):
    """Plant ``mutation`` in the lesson's code in ``language`` and run its check.

    Returns:
        :class:`Verdict`.

    Raises:
        CorpusError: the entry cannot be planted, or a lesson cell before the
            check raised (the mutation broke more than the graded function).
    """
    cells = lesson_cells(mutation.lesson)
    target = function_cell(mutation.lesson, mutation.function)
    check_index, check_name = check_cell(mutation.lesson, mutation.function)
    planted = planted_source(mutation, language)
    previous = i18n._state["language"]
    i18n.set_language(language)
    namespace = {"__name__": f"lesson_{mutation.lesson}"}
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for index in range(check_index):
                cell = cells[index]
                if index != target and not _runs_before_check(cell):
                    continue
                source = planted if index == target else code_source(cell, language, "solution")
                try:
                    exec(compile(source, f"<lesson {mutation.lesson} {cell.cell_id}>", "exec"),
                         namespace)  # the lesson's own code, as a notebook runs it
                except Exception as error:
                    raise CorpusError(f"{mutation.label} ({language}): cell {cell.cell_id!r} "
                                      f"raised {type(error).__name__}: {error}") from error
        check = getattr(importlib.import_module("testCases"), f"check_{check_name}")
        result = check(namespace[mutation.function])
        text = result.render(language)
    finally:
        i18n._state["language"] = previous
    return Verdict(mutation, language, result, text)


def corpus(modules=DATA_MODULES):
    """Return every :class:`Mutation` of the data modules, in order.

    A data module that is missing is an error, not an empty part of the
    corpus: its mistakes would otherwise silently stop being tested.
    """
    mutations = []
    for name in modules:
        mutations.extend(importlib.import_module(f"tests.mutations.{name}").MUTATIONS)
    return mutations


@dataclass
class Counts:
    """The counts issue 11 asks for, for one lesson and language."""

    mistakes: int = 0
    failing: int = 0
    named_correctly: int = 0
    named_wrongly: int = 0
    # planted on purpose outside the catalogue: "not one of the usual mistakes"
    unusual: int = 0
    unusual_said_so: int = 0
    harmless: int = 0
    harmless_passing: int = 0
    errors: int = 0

    def add(self, verdict):
        """Count one :class:`Verdict`."""
        mutation = verdict.mutation
        if mutation.harmless:
            self.harmless += 1
            self.harmless_passing += verdict.passed
            return
        self.mistakes += 1
        self.failing += not verdict.passed
        self.named_wrongly += bool(verdict.wrongly_named)
        if mutation.expected_kind in UNNAMED:
            self.unusual += 1
            self.unusual_said_so += verdict.named_correctly
        else:
            self.named_correctly += verdict.named_correctly


def count(mutations, languages=LANGUAGES):
    """Run every mutation in every language.

    Returns:
        (counts, verdicts, errors): ``{(lesson, language): Counts}``, the
        list of :class:`Verdict`, and the :class:`CorpusError` of each entry
        that could not be planted (its message names the entry and language).
    """
    counts, verdicts, errors = {}, [], []
    for mutation in mutations:
        for language in languages:
            entry = counts.setdefault((mutation.lesson, language), Counts())
            try:
                verdict = run_mutation(mutation, language)
            except CorpusError as error:
                entry.errors += 1
                errors.append(error)
                continue
            entry.add(verdict)
            verdicts.append(verdict)
    return counts, verdicts, errors
