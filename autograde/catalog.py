"""The course's trusted notebooks, and which lesson and language a submission is.

The catalog reads ``notebooks/solutions/<lang>/*.ipynb`` (the instructor's
copies, with solutions and hidden tests) and ``notebooks/<lang>/*.ipynb``
(the copies released to students). A submission names its lesson and
language in its metadata; when a student removed that, the cell ids (the
same in both languages) give the lesson and the text of the cells gives the
language.
"""

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from gc_common.i18n import LANGUAGES

# Share of a lesson's cell ids a notebook must keep to count as that lesson
MIN_ID_OVERLAP = 0.5

# Limits checked before any heavy parsing, far above what Jupyter saves for a
# lesson (the largest course notebook is under 0.5 MB, 50 cells, its deepest
# nesting about 10) and low enough that the grader's memory and time stay bounded
MAX_SUBMISSION_BYTES = 32 * 1024 * 1024
MAX_JSON_DEPTH = 64
MAX_CELLS = 2000
MAX_CELL_SOURCE_CHARS = 1_000_000


class SubmissionRejectedError(Exception):
    """The file cannot be graded; ``status`` says why (a gradebook status word)."""

    def __init__(self, status, detail):
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass
class LessonNotebooks:
    """One lesson in one language: the instructor and the released notebook."""

    lesson: str
    language: str
    instructor: nbformat.NotebookNode
    release: nbformat.NotebookNode
    instructor_path: Path
    ids: frozenset = field(default_factory=frozenset)


def course_metadata(notebook):
    """Return (lesson, language) named by a notebook's metadata, or (None, None).

    Any dict in the metadata (top level or one below) holding both a lesson
    and a language ("en"/"tr") counts, so the scheme survives a renamed key.
    """
    metadata = notebook.get("metadata", {}) if isinstance(notebook, dict) else {}
    candidates = [metadata] + [v for v in metadata.values() if isinstance(v, dict)]
    for candidate in candidates:
        lesson = candidate.get("lesson", candidate.get("lesson_id"))
        language = candidate.get("language", candidate.get("lang"))
        if lesson is not None and language in LANGUAGES:
            return str(lesson).zfill(2), language
    return None, None


class Catalog:
    """All lessons of the course, loaded from ``root/notebooks``."""

    def __init__(self, root):
        self.root = Path(root)
        self.lessons = {}  # (lesson, language) -> LessonNotebooks
        for language in LANGUAGES:
            for path in sorted((self.root / "notebooks" / "solutions" / language).glob("*.ipynb")):
                instructor = nbformat.read(path, as_version=4)
                release_path = self.root / "notebooks" / language / path.name
                release = nbformat.read(release_path, as_version=4)
                lesson, meta_language = course_metadata(instructor)
                if lesson is None or meta_language != language:
                    raise ValueError(f"{path}: metadata does not name its lesson and language "
                                     f"{language!r}")
                ids = frozenset(cell.get("id") for cell in instructor.cells)
                self.lessons[lesson, language] = LessonNotebooks(
                    lesson, language, instructor, release, path, ids)
        if not self.lessons:
            raise ValueError(f"no instructor notebooks under {self.root / 'notebooks/solutions'}; "
                             "build them first (python -m tools.build)")

    def lesson_ids(self):
        """Return the lesson ids, sorted."""
        return sorted({lesson for lesson, _ in self.lessons})

    def get(self, lesson, language):
        """Return the LessonNotebooks of ``lesson`` in ``language``."""
        return self.lessons[lesson, language]

    def identify(self, notebook, forced_lesson=None):
        """Return (LessonNotebooks, flags) for a parsed submission.

        Raises:
            SubmissionRejectedError: not a notebook of this course, or (with
                ``forced_lesson``) a notebook of another lesson.
        """
        flags = []
        meta_lesson, meta_language = course_metadata(notebook)
        ids = [cell.get("id") for cell in notebook.cells if cell.get("id")]
        by_ids = self._lesson_by_ids(ids)
        if meta_lesson is None:
            flags.append("metadata-removed")
        lesson = by_ids or (meta_lesson if (meta_lesson, "en") in self.lessons else None)
        if meta_lesson is not None and by_ids is not None and meta_lesson != by_ids:
            flags.append(f"metadata-says-lesson-{meta_lesson}")
        if lesson is None:
            raise SubmissionRejectedError(
                "unknown-notebook", "not a notebook of this course (no lesson metadata and "
                "too few of a lesson's cell ids)")
        if forced_lesson is not None and lesson != forced_lesson:
            raise SubmissionRejectedError(
                "wrong-lesson", f"a notebook of lesson {lesson}, not of lesson {forced_lesson}")
        language = self._language(notebook, lesson)
        if meta_language is not None and meta_language != language:
            flags.append(f"metadata-says-language-{meta_language}")
        return self.lessons[lesson, language], flags

    def _lesson_by_ids(self, ids):
        present = set(ids)
        best, best_share = None, 0.0
        for (lesson, language), notebooks in self.lessons.items():
            if language != LANGUAGES[0]:
                continue
            share = len(present & notebooks.ids) / len(notebooks.ids)
            if share > best_share:
                best, best_share = lesson, share
        return best if best_share >= MIN_ID_OVERLAP else None

    def _language(self, notebook, lesson):
        """The language whose released markdown the submission's cells match best."""
        meta = course_metadata(notebook)[1]
        scores = {}
        for language in LANGUAGES:
            release = {c.get("id"): c.source for c in self.lessons[lesson, language].release.cells
                       if c.cell_type == "markdown"}
            scores[language] = sum(1 for cell in notebook.cells
                                   if release.get(cell.get("id")) == cell.source)
        best = max(scores.values())
        winners = [language for language, score in scores.items() if score == best]
        if meta in winners:
            return meta
        return winners[0]


def read_submission(path, root=None):
    """Parse a submitted file as a notebook of nbformat 4.5 or later.

    Args:
        path: the submitted file.
        root: the submissions folder; a symbolic link is read only when it
            points to a regular file inside it (never when ``root`` is None).

    Returns:
        nbformat.NotebookNode, normalized to version 4.

    Raises:
        SubmissionRejectedError: a symlink leaving ``root`` (``symlink``), a FIFO,
            socket, device or folder (``not-a-regular-file``), larger than
            MAX_SUBMISSION_BYTES (``too-large``), empty, unreadable, not JSON,
            nested, long or wide beyond the limits above, not a notebook, or of a
            format too old to carry cell ids.
    """
    data = _read_regular_file(Path(path), root)
    if not data.strip():
        raise SubmissionRejectedError("empty", "the file is empty")
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise SubmissionRejectedError(
            "too-large", f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SubmissionRejectedError("not-a-notebook",
                                      f"not a notebook (not JSON: {error})") from None
    # nbformat, deepcopy and the reports recurse once per level
    if too_deep(raw, MAX_JSON_DEPTH):
        raise SubmissionRejectedError(
            "too-large", f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    if not isinstance(raw, dict) or "nbformat" not in raw or "cells" not in raw and "worksheets" \
            not in raw:
        raise SubmissionRejectedError("not-a-notebook", "JSON, but not a Jupyter notebook")
    version = (raw.get("nbformat"), raw.get("nbformat_minor", 0))
    if not all(isinstance(v, int) for v in version) or version < (4, 5):
        raise SubmissionRejectedError(
            "old-format", f"nbformat {version[0]}.{version[1]} has no cell ids; "
            "the course's notebooks are 4.5 or later (save it again from Jupyter)")
    # not nbformat.reads: its validation would silently rename duplicated
    # cell ids, which the grader must see as they were submitted
    if not isinstance(raw.get("cells"), list) or not all(
            isinstance(cell, dict) and isinstance(cell.get("cell_type"), str)
            for cell in raw["cells"]):
        raise SubmissionRejectedError("not-a-notebook", "a notebook without valid cells")
    if len(raw["cells"]) > MAX_CELLS:
        raise SubmissionRejectedError(
            "too-large", f"{len(raw['cells'])} cells (at most {MAX_CELLS})")
    for cell in raw["cells"]:
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            cell["source"] = "".join(source)
        elif not isinstance(source, str):
            raise SubmissionRejectedError("not-a-notebook", "a cell's source is not text")
        if len(cell["source"]) > MAX_CELL_SOURCE_CHARS:
            raise SubmissionRejectedError(
                "too-large", f"a cell of {len(cell['source'])} characters "
                f"(at most {MAX_CELL_SOURCE_CHARS})")
        if not isinstance(cell.get("id", ""), str) or not isinstance(cell.get("metadata", {}),
                                                                      dict):
            raise SubmissionRejectedError("not-a-notebook", "a cell's id or metadata is malformed")
    if not isinstance(raw.get("metadata", {}), dict):
        raise SubmissionRejectedError("not-a-notebook", "the notebook's metadata is malformed")
    return nbformat.from_dict(raw)


def _read_regular_file(path, root):
    """Return the bytes of ``path`` after the checks of read_submission (symlink, type, size)."""
    if path.is_symlink():
        target = path.resolve()
        inside = root is not None and target.is_relative_to(Path(root).resolve())
        if not inside:
            raise SubmissionRejectedError(
                "symlink", "a symbolic link that points outside the submissions folder")
        path = target
    try:
        if not stat.S_ISREG(os.stat(path, follow_symlinks=False).st_mode):
            raise SubmissionRejectedError(
                "not-a-regular-file", "not a regular file (a folder, FIFO, socket or device)")
        # O_NONBLOCK: opening a FIFO must not wait for a writer
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise SubmissionRejectedError("unreadable",
                                      f"cannot read the file: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):  # replaced since the check above
            raise SubmissionRejectedError(
                "not-a-regular-file", "not a regular file (a folder, FIFO, socket or device)")
        if info.st_size > MAX_SUBMISSION_BYTES:
            raise SubmissionRejectedError(
                "too-large", f"{info.st_size} bytes (at most {MAX_SUBMISSION_BYTES})")
        try:
            data = handle.read(MAX_SUBMISSION_BYTES + 1)
        except OSError as error:
            raise SubmissionRejectedError("unreadable",
                                          f"cannot read the file: {error.strerror}") from None
    if len(data) > MAX_SUBMISSION_BYTES:
        raise SubmissionRejectedError("too-large", f"more than {MAX_SUBMISSION_BYTES} bytes")
    return data


def too_deep(value, limit):
    """True when parsed JSON ``value`` nests lists and dicts more than ``limit`` levels.

    Iterative, so it cannot itself run out of stack.
    """
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(
            item, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                pending.append((child, depth + 1))
    return False
