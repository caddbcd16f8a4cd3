"""Grades for a learning management system: Canvas and Moodle import CSV files from a roster.

The roster (``--roster FILE``) is a CSV file the instructor writes, UTF-8,
one header row naming these columns (any order, case ignored):

- ``student_id``: the institution's id of the student (Canvas "SIS User ID",
  Moodle "ID number"); required;
- ``name``: the student's name as the LMS shows it; required;
- ``email``: the e-mail address (Moodle can identify users by it);
- ``login``: the login (Canvas "SIS Login ID", Moodle "Username");
- ``submission``: the file or folder handed in, as the gradebook's
  ``submission`` column names it, with or without the submissions folder's
  own name (``submissions/alice/`` or ``alice/``, ``alice/01.ipynb``); a
  folder takes every file below it; required;
- optional ``section`` and ``canvas_id`` (Canvas's numeric user ID).

A student may have several rows (one per file or folder). Every graded
file matches the most specific roster path it lies in; files that match
no row and students without any graded file are listed, never dropped
silently. The exports hold one column per lesson (or, with
``--lms-columns exercise``, per exercise) and one row per student with a
submission; a student who handed in two files of one lesson gets no
score for it and is listed, so that no grade is picked by accident.
"""

import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograde.report import csv_cell, write_atomically

ROSTER_REQUIRED = ("student_id", "name", "submission")
ROSTER_OPTIONAL = ("email", "login", "section", "canvas_id")
CANVAS_FILE = "canvas-grades.csv"
MOODLE_FILE = "moodle-grades.csv"
# Canvas's gradebook import: these five columns, then one per assignment; a
# second row starting "Points Possible" gives each assignment's maximum
CANVAS_STUDENT_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_ROW = "Points Possible"
# Moodle's "Import grades from CSV" maps any column; these are the names of
# its own grade export, and "Identify user by" takes ID number, e-mail or username
MOODLE_STUDENT_COLUMNS = ("ID number", "Email address", "Username", "Full name")
COLUMN_KINDS = ("lesson", "exercise")


class RosterError(ValueError):
    """The roster file cannot be used; the message names the file, line and what was expected."""


@dataclass
class Student:
    """One student of the roster and the submission paths that are theirs."""

    student_id: str
    name: str
    email: str = ""
    login: str = ""
    section: str = ""
    canvas_id: str = ""
    paths: list = field(default_factory=list)


@dataclass
class Column:
    """One grade column of the exports: a lesson, or one exercise of it."""

    header: str
    lesson: str
    exercise: str | None
    max_points: float


@dataclass
class Matching:
    """Who handed in what: graded submissions by student id, and what did not match."""

    students: list
    by_student: dict  # student_id -> [Graded]
    unmatched: list  # submission ids no roster row names
    without_submission: list  # Student
    problems: list = field(default_factory=list)  # sentences about cells left blank


def normalize_path(text):
    """Return a roster or gradebook path in one spelling: "/" separators, no "./", no end "/"."""
    parts = [part for part in str(text).strip().replace("\\", "/").split("/")
             if part not in ("", ".")]
    return "/".join(parts)


def read_roster(path):
    """Return the list of Student in the roster file at ``path``.

    Raises:
        RosterError: unreadable, no header, a required column missing, an
            empty required value, a path given to two students, or one
            student id with two different names.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise RosterError(f"roster {path}: cannot read it ({error.strerror})") from None
    except UnicodeDecodeError:
        raise RosterError(f"roster {path}: not UTF-8 text; save it as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in ROSTER_REQUIRED if name not in header]
    if missing:
        raise RosterError(f"roster {path}: the header row lacks {', '.join(missing)}; expected "
                          f"columns {', '.join(ROSTER_REQUIRED + ROSTER_OPTIONAL)} "
                          "(see the README, 'Grades for Canvas and Moodle')")
    students, owner = {}, {}
    for line, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        row = {name: (values[index].strip() if index < len(values) else "")
               for index, name in enumerate(header)}
        empty = [name for name in ROSTER_REQUIRED if not row.get(name)]
        if empty:
            raise RosterError(f"roster {path}, line {line}: no {', '.join(empty)}")
        submission = normalize_path(row["submission"])
        if submission in owner and owner[submission] != row["student_id"]:
            raise RosterError(f"roster {path}, line {line}: {row['submission']!r} is already "
                              f"the submission of student {owner[submission]}")
        owner[submission] = row["student_id"]
        student = students.setdefault(row["student_id"], Student(
            row["student_id"], row["name"],
            **{name: row.get(name, "") for name in ROSTER_OPTIONAL}))
        if student.name != row["name"]:
            raise RosterError(f"roster {path}, line {line}: student {row['student_id']} is "
                              f"named {student.name!r} on an earlier line and {row['name']!r} here")
        if submission not in student.paths:
            student.paths.append(submission)
    if not students:
        raise RosterError(f"roster {path}: no students below the header row")
    return list(students.values())


def match(students, graded_list):
    """Return the Matching of roster ``students`` with the Graded submissions of a run."""
    owners = {path: student for student in students for path in student.paths}
    by_student = {student.student_id: [] for student in students}
    unmatched = []
    for graded in graded_list:
        student = _owner(graded.submission, owners)
        if student is None:
            unmatched.append(graded.submission)
        else:
            by_student[student.student_id].append(graded)
    without = [student for student in students if not by_student[student.student_id]]
    return Matching(students, by_student, unmatched, without)


def _owner(submission, owners):
    """The Student whose longest roster path holds ``submission`` (None when none does)."""
    name = normalize_path(submission)
    keys = [name]
    if "/" in name:
        keys.append(name.split("/", 1)[1])  # without the submissions folder's name
    best, best_length = None, -1
    for key in keys:
        candidates = [key] + [str(parent) for parent in PurePosixPath(key).parents
                              if str(parent) != "."]
        for candidate in candidates:
            if candidate in owners and len(candidate) > best_length:
                best, best_length = owners[candidate], len(candidate)
    return best


def columns(graded_list, lessons, kind="lesson", forced_lesson=None):
    """Return the Column list of the exports.

    Args:
        graded_list: the run's Graded submissions.
        lessons: the manifest's ``lessons`` ({lesson: {"max_points",
            "exercises": {name: points}}}).
        kind: "lesson" (one column per lesson) or "exercise".
        forced_lesson: the run's ``--lesson``; else the lessons that some
            submission was graded as, so no empty assignment is created.
    """
    if kind not in COLUMN_KINDS:
        raise ValueError(f"--lms-columns {kind!r}: expected one of {', '.join(COLUMN_KINDS)}")
    present = [forced_lesson] if forced_lesson else sorted(
        {graded.lesson for graded in graded_list if graded.lesson})
    result = []
    for lesson in present:
        info = lessons[lesson]
        if kind == "lesson":
            result.append(Column(f"Lesson {lesson}", lesson, None, info["max_points"]))
        else:
            result += [Column(f"Lesson {lesson}: {name}", lesson, name, points)
                       for name, points in info["exercises"].items()]
    return result


def scores(matching, cols):
    """Return {student_id: [score text or "" per column]} and fill ``matching.problems``.

    A rejected file (no lesson known) counts as 0 points for the lesson
    when the exports have a single lesson; otherwise it is reported.
    """
    lessons = sorted({col.lesson for col in cols})
    table = {}
    for student in matching.students:
        handed = matching.by_student[student.student_id]
        if not handed:
            continue
        per_lesson = {}
        for graded in handed:
            lesson = graded.lesson or (lessons[0] if len(lessons) == 1 else None)
            if lesson is None:
                matching.problems.append(
                    f"{student.student_id} ({student.name}): {graded.submission} could not be "
                    "graded and belongs to no single lesson; no score written for it")
                continue
            per_lesson.setdefault(lesson, []).append(graded)
        cells = []
        for col in cols:
            found = per_lesson.get(col.lesson, [])
            if len(found) > 1:
                cells.append("")
                problem = (f"{student.student_id} ({student.name}): {len(found)} submissions "
                           f"of lesson {col.lesson} ({', '.join(g.submission for g in found)}); "
                           "no score written, choose one")
                if problem not in matching.problems:
                    matching.problems.append(problem)
            elif found:
                rows = [row for row in found[0].rows
                        if col.exercise is None or row.exercise == col.exercise]
                cells.append(f"{sum(row.points for row in rows):g}")
            else:
                cells.append("")
        table[student.student_id] = cells
    return table


def _csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def canvas_csv(matching, cols, table):
    """Return the Canvas gradebook-import CSV text (header, Points Possible row, students)."""
    rows = [[*CANVAS_STUDENT_COLUMNS, *(col.header for col in cols)],
            [CANVAS_POINTS_ROW, "", "", "", "", *(f"{col.max_points:g}" for col in cols)]]
    rows += [[s.name, s.canvas_id, s.student_id, s.login, s.section, *table[s.student_id]]
             for s in matching.students if s.student_id in table]
    return _csv(rows)


def moodle_csv(matching, cols, table):
    """Return the Moodle grade-import CSV text (header, one row per student, no points row)."""
    rows = [[*MOODLE_STUDENT_COLUMNS, *(col.header for col in cols)]]
    rows += [[s.student_id, s.email, s.login, s.name, *table[s.student_id]]
             for s in matching.students if s.student_id in table]
    return _csv(rows)


def write_exports(outdir, students, graded_list, lessons, kind="lesson", forced_lesson=None):
    """Write canvas-grades.csv and moodle-grades.csv in ``outdir``; return the Matching.

    The Matching's ``unmatched``, ``without_submission`` and ``problems``
    are what the caller must show the instructor (class report, stderr).
    """
    matching = match(students, graded_list)
    cols = columns(graded_list, lessons, kind, forced_lesson)
    table = scores(matching, cols)
    write_atomically(Path(outdir) / CANVAS_FILE, canvas_csv(matching, cols, table))
    write_atomically(Path(outdir) / MOODLE_FILE, moodle_csv(matching, cols, table))
    return matching


def roster_lines(matching):
    """Return the sentences that list unmatched files, students without a file, blank cells."""
    lines = [f"file matching no roster row: {name}" for name in matching.unmatched]
    lines += [f"no submission from {s.student_id} ({s.name}), roster path(s) "
              f"{', '.join(s.paths)}" for s in matching.without_submission]
    return lines + matching.problems


def add_arguments(parser):
    """Add --roster and --lms-columns to an argparse parser (the grader's and merge's)."""
    parser.add_argument("--roster", default=None, metavar="CSV",
                        help="the class roster: write canvas-grades.csv and moodle-grades.csv "
                        "(columns student_id,name,email,login,submission; see the README)")
    parser.add_argument("--lms-columns", choices=COLUMN_KINDS, default="lesson",
                        help="one export column per lesson (default) or per exercise")


def load_roster(path):
    """Return (students, True), (None, True) without a roster, (None, False) after an error.

    The error (what the roster lacks, on which line) is printed on stderr.
    """
    if path is None:
        return None, True
    try:
        return read_roster(path), True
    except RosterError as error:
        print(f"autograde: {error}", file=sys.stderr)
        return None, False
