"""The course's trusted notebooks, and which lesson and language a submission is.

The catalog reads ``notebooks/solutions/<lang>/*.ipynb`` (the instructor's
copies, with solutions and hidden tests) and ``notebooks/<lang>/*.ipynb``
(the copies released to students). A submission names its lesson and
language in its metadata; when a student removed that, the cell ids (the
same in both languages) give the lesson and the text of the cells gives the
language.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

LANGUAGES = ("en", "tr")
# Share of a lesson's cell ids a notebook must keep to count as that lesson
MIN_ID_OVERLAP = 0.5


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


def read_submission(path):
    """Parse a submitted file as a notebook of nbformat 4.5 or later.

    Returns:
        nbformat.NotebookNode, normalized to version 4.

    Raises:
        SubmissionRejectedError: empty, unreadable, not JSON, not a notebook, or
            of a format too old to carry cell ids.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SubmissionRejectedError("unreadable",
                                      f"cannot read the file: {error.strerror}") from None
    if not data.strip():
        raise SubmissionRejectedError("empty", "the file is empty")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SubmissionRejectedError("not-a-notebook",
                                      f"not a notebook (not JSON: {error})") from None
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
    for cell in raw["cells"]:
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            cell["source"] = "".join(source)
        elif not isinstance(source, str):
            raise SubmissionRejectedError("not-a-notebook", "a cell's source is not text")
        if not isinstance(cell.get("id", ""), str) or not isinstance(cell.get("metadata", {}),
                                                                      dict):
            raise SubmissionRejectedError("not-a-notebook", "a cell's id or metadata is malformed")
    if not isinstance(raw.get("metadata", {}), dict):
        raise SubmissionRejectedError("not-a-notebook", "the notebook's metadata is malformed")
    return nbformat.from_dict(raw)
