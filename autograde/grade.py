"""Grade one submission: a pure function of the file, the course and the options.

``grade_submission`` never raises for anything a student can submit: an
unreadable file, a notebook of another lesson or code that hangs all end in
a ``Graded`` with rows that say so. It raises ``GraderError`` only when the
grader itself cannot work (the instructor's reference fails, the jail
cannot start a kernel), which the command line reports and exits non-zero.
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from autograde import item_tests, probes
from autograde.catalog import SubmissionRejectedError, read_submission
from autograde.nbval_run import run_nbval
from autograde.rebuild import is_solution, nbgrader, rebuild


class GraderError(RuntimeError):
    """The grader could not grade (not the student's fault)."""


@dataclass
class Item:
    """A graded test cell of the instructor's notebook."""

    cell_id: str
    grade_id: str
    points: float
    # the functions its visible and hidden tests call (item_tests.ItemTestNames)
    tests: item_tests.ItemTestNames = item_tests.ItemTestNames((), ())


@dataclass
class Exercise:
    """Answer cells and the graded cells that test them (up to the next answer cell)."""

    name: str
    solution_ids: list
    functions: list
    items: list = field(default_factory=list)


@dataclass
class Row:
    """One gradebook row (see README: gradebook.csv)."""

    item: str
    points: float
    max_points: float
    status: str
    detail: str = ""
    exercise: str = ""
    # [(part, test names, outcome)] from item_tests.outcomes, for the feedback
    tests: list = field(default_factory=list)
    # mistake kinds named by the failed check's message (item_tests.named_mistakes)
    mistakes: list = field(default_factory=list)


@dataclass
class Graded:
    """Everything the reports need about one submission."""

    submission: str
    lesson: str = ""
    language: str = ""
    rows: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    exercises: list = field(default_factory=list)

    @property
    def points(self):
        return sum(row.points for row in self.rows)

    @property
    def max_points(self):
        return sum(row.max_points for row in self.rows)


def exercises_of(notebook):
    """Return the Exercise list of an instructor notebook, in notebook order."""
    exercises = []
    current = None
    for cell in notebook.cells:
        if is_solution(cell):
            if current is None or current.items:
                current = Exercise(nbgrader(cell).get("grade_id") or cell.get("id"), [], [])
                exercises.append(current)
            current.solution_ids.append(cell.get("id"))
            current.functions += probes.functions_defined(cell.source)
        elif cell.get("cell_type") == "code" and nbgrader(cell).get("grade"):
            if current is None:
                current = Exercise(nbgrader(cell).get("grade_id") or cell.get("id"), [], [])
                exercises.append(current)
            current.items.append(Item(cell.get("id"), nbgrader(cell).get("grade_id") or
                                      cell.get("id"), float(nbgrader(cell).get("points", 0)),
                                      item_tests.tests_of_cell(cell.source)))
    return [exercise for exercise in exercises if exercise.items]


@dataclass
class Options:
    """What the command line chose: cell timeout (s), forced lesson, seed of the inputs."""

    cell_timeout: float = 30.0
    lesson: str | None = None
    seed: int = 0


@dataclass
class LessonPlan:
    """What grading needs from a lesson's instructor notebook, read from it once per run."""

    exercises: list  # Exercise list (exercises_of)
    solution_ids: list  # ids of the answer cells, in notebook order
    prelude: list  # the cells the out-of-kernel check runs first (probes.import_cells)


class References:
    """The instructor's answers to the drawn calls and the lesson plans, once per lesson and run."""

    def __init__(self, catalog, sandbox, options):
        self.catalog, self.sandbox, self.options = catalog, sandbox, options
        self._lock = threading.Lock()
        self._cache = {}
        self._plans = {}
        self.hints = item_tests.hint_catalogue()

    def plan(self, lesson_notebooks):
        """Return the LessonPlan of a lesson (LessonNotebooks), built on first use."""
        key = (lesson_notebooks.lesson, lesson_notebooks.language)
        with self._lock:
            if key not in self._plans:
                instructor = lesson_notebooks.instructor
                self._plans[key] = LessonPlan(
                    exercises_of(instructor),
                    [cell.get("id") for cell in instructor.cells if is_solution(cell)],
                    probes.import_cells(instructor))
        return self._plans[key]

    def get(self, lesson_notebooks):
        """Return (calls, reference values) for a lesson; raises GraderError if it fails."""
        lesson = lesson_notebooks.lesson
        with self._lock:
            if lesson not in self._cache:
                self._cache[lesson] = self._compute(lesson_notebooks)
        return self._cache[lesson]

    def _compute(self, lesson_notebooks):
        calls = probes.draw_calls(lesson_notebooks.lesson, self.options.seed)
        notebook = lesson_notebooks.instructor
        cells = [cell.source for cell in notebook.cells if is_solution(cell)]
        with self.sandbox.workspace() as workspace:
            results = probes.run_worker(self.sandbox, workspace, probes.import_cells(notebook),
                                        cells, calls, self.options.cell_timeout)
        failed = [r for r in results if not r.get("ok")]
        if failed:
            raise GraderError(f"the instructor's solution of lesson {lesson_notebooks.lesson} "
                              f"fails the out-of-kernel calls ({failed[0].get('error')}); "
                              "check the solution notebook and autograde/probes.py")
        return calls, [probes.decoded(r) for r in results[len(cells):]]


def grade_submission(path, name, catalog, sandbox, references, options, root=None):
    """Grade the file at ``path``, reported as ``name``; return a Graded.

    ``root`` is the submissions folder ``path`` was found in: a symbolic link
    is followed only to a file inside it (see catalog.read_submission).
    """
    graded = Graded(name)
    try:
        notebook = read_submission(path, root)
        lesson, flags = catalog.identify(notebook, options.lesson)
    except SubmissionRejectedError as rejected:
        graded.rows.append(Row("-", 0.0, 0.0, rejected.status, rejected.detail))
        graded.flags.append(rejected.status)
        return graded
    graded.lesson, graded.language = lesson.lesson, lesson.language
    rebuilt = rebuild(notebook, lesson)
    graded.flags = flags + rebuilt.flags
    plan = references.plan(lesson)
    exercises = plan.exercises
    graded.exercises = exercises
    calls, reference = references.get(lesson)
    answers = [rebuilt.solutions[cell_id] for cell_id in plan.solution_ids]

    def out_of_kernel():
        # a workspace of its own: nothing the kernel leaves behind reaches the check
        with sandbox.workspace() as workspace:
            return probes.run_worker(sandbox, workspace, plan.prelude, answers, calls,
                                     options.cell_timeout)

    # the check runs while nbval does: each waits on its own jailed process
    with ThreadPoolExecutor(max_workers=1) as pool:
        checked = pool.submit(out_of_kernel)
        with sandbox.workspace() as workspace:
            records, problem = run_nbval(workspace, sandbox, rebuilt.notebook,
                                         options.cell_timeout)
        results = checked.result()
    if problem:
        graded.flags.append("run-incomplete")
    _check_setup_ran(name, lesson.instructor, records, problem)
    probe = _judge_calls(calls, reference, results[len(answers):])
    magics = {cell_id: result.get("magics") or [] for cell_id, result in zip(
        plan.solution_ids, results[:len(answers)], strict=True)}
    for exercise in exercises:
        verdict = _with_magics_note(_exercise_probe(exercise, probe), exercise, magics)
        for item in exercise.items:
            graded.rows.append(_score(item, exercise, records.get(item.cell_id), verdict,
                                      problem, graded.flags, references.hints))
    return graded


def _check_setup_ran(name, instructor, records, problem):
    """The first code cell is the instructor's setup: if it fails, the grader is at fault."""
    first = next(cell for cell in instructor.cells if cell.get("cell_type") == "code")
    record = records.get(first.get("id"))
    if record is None or record["outcome"] != "passed":
        why = (f"{record['ename']}: {record['evalue']}" if record else problem) or "no result"
        raise GraderError(f"{name}: the instructor's setup cell did not run in the sandbox ({why})")


def _judge_calls(calls, reference, results):
    """Return {function: [(ok, error name)]} over the drawn calls."""
    verdicts = {}
    for call, expected, result in zip(calls, reference, results, strict=True):
        ok = bool(result.get("ok")) and probes.call_agrees(call, probes.decoded(result),
                                                            expected)
        error = "" if ok else (result.get("error") or "wrong value")
        verdicts.setdefault(call.function, []).append((ok, error))
    return verdicts


def _exercise_probe(exercise, probe):
    """(True/False/None, detail): all calls of the exercise's functions right; None: none drawn."""
    outcomes = [o for function in exercise.functions for o in probe.get(function, [])]
    if not outcomes:
        return None, ""
    wrong = [error for ok, error in outcomes if not ok]
    if not wrong:
        return True, f"out-of-kernel: {len(outcomes)}/{len(outcomes)} calls right"
    return False, (f"out-of-kernel: {len(outcomes) - len(wrong)}/{len(outcomes)} calls right "
                   f"({', '.join(sorted(set(wrong)))})")


MAGIC_NAME = re.compile(r"%{1,2}\w{1,30}|!")


def _with_magics_note(verdict, exercise, magics):
    """Add to the verdict's detail which IPython magics the check emulated or skipped."""
    # the names come from the student's process: only short magic names pass
    used = sorted({name for cell_id in exercise.solution_ids for name in magics.get(cell_id, [])
                   if isinstance(name, str) and MAGIC_NAME.fullmatch(name)})[:10]
    if not used or verdict[0] is None:
        return verdict
    return verdict[0], f"{verdict[1]} (IPython magics run as IPython would: {' '.join(used)})"


# A check that finds a wrong result raises one of these (gc_feedback.report.CheckFailedError
# is an AssertionError; the kernel reports only the class name)
ASSERTION_ERRORS = ("AssertionError", "CheckFailedError")
NBVAL_STATUS = {"error": "error", "timeout": "timeout", "died": "kernel-died",
                "output": "output-mismatch"}


def _score(item, exercise, record, verdict, problem, flags, hints):
    probe_ok, probe_detail = verdict
    if record is None:
        status, nbval_detail = "not-run", f"nbval: not run ({problem or 'no result'})"
    elif record["outcome"] == "passed":
        status, nbval_detail = "passed", "nbval: passed"
    else:
        status = NBVAL_STATUS.get(record["reason"], "failed")
        if record["reason"] == "error" and record["ename"] in ASSERTION_ERRORS:
            status = "failed"
        nbval_detail = f"nbval: {status}" + (f" ({record['ename']})" if record["ename"] else "")
    nbval_ok = status == "passed"
    ename = record.get("ename", "") if record else ""
    tests = item_tests.outcomes(item.tests, status, ename)
    mistakes = item_tests.named_mistakes(record.get("evalue", ""), hints) if record else []
    if probe_ok is False and probes.WITHHELD_ERROR in probe_detail:
        # the answer called the course's own check instead of being one
        flags.append(f"uses-reference:{item.grade_id}")
        status = "uses-reference"
    elif probe_ok is not None and nbval_ok != probe_ok:
        flags.append(f"disagreement:{item.grade_id}")
        if nbval_ok:
            status = "disagreement"
    points = item.points if nbval_ok and probe_ok is not False else 0.0
    detail = "; ".join(part for part in (nbval_detail, probe_detail) if part)
    return Row(item.grade_id, points, item.points, status, detail, exercise.name, tests,
               mistakes)
