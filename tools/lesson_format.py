"""Parse a bilingual ``.lesson`` source (format: lessons/README.md).

The parser only reads and validates; turning cells into notebooks is the
job of :mod:`tools.variants` and :mod:`tools.build`. Every error names the
file and line and says what was expected, because the people who read it
are lesson authors in the middle of an edit.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from gc_common.i18n import LANGUAGES

HEADER_KEYS = ("id", "title.en", "title.tr", "file.en", "file.tr")
CELL_KINDS = ("markdown", "code")
# flag -> True when it takes a value (key=value), False when it stands alone
FLAGS = {
    "id": True,
    "solution": False,
    "grade": False,
    "grade_id": True,
    "points": True,
    "locked": False,
    "tags": True,
    "setup": False,
}
CELL_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
GRADE_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]+\Z")
FILE_NAME_PATTERN = re.compile(r"\d\d-[a-z0-9-]+\Z")
LANGUAGE_LINE = re.compile(r"-- (\S+)(?: sha=(\S*))?\s*\Z")
# Hex digits of the English text's SHA-256 that a '-- tr sha=...' line records
TRANSLATION_SHA_LENGTH = 8
STAMP_COMMAND = "python -m tools.stamp_translations"
IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
# (begin marker, end marker) of every region a code cell may hold: nbgrader's
# own, and only those, so that nbgrader releases the notebooks as they are
REGIONS = {
    "SOLUTION": ("### BEGIN SOLUTION", "### END SOLUTION"),
    "HIDDEN TESTS": ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"),
}
MARKER = re.compile(r"\s*### (BEGIN|END) (SOLUTION|HIDDEN TESTS)\s*\Z")
ANY_MARKER_LIKE = re.compile(r"\s*###\s*(BEGIN|END)\b")
# Localized text in code cells (docstrings, comments, printed strings):
# a block of lines "-- en" ... "-- tr" ... "-- end", or inline {{en: ... | tr: ...}}
CODE_LANGUAGE_LINE = re.compile(r"\s*-- (\S+)\s*\Z")
INLINE_LOCALIZED = re.compile(r"\{\{en: (.*?) \| tr: (.*?)\}\}")


class LessonFormatError(ValueError):
    """A malformed lesson source; the message starts with ``file:line:``."""

    def __init__(self, path, line, problem):
        super().__init__(f"{path}:{line}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Region:
    """A marked region of a code cell: ``kind`` is SOLUTION or HIDDEN TESTS.

    ``begin`` and ``end`` are 0-based indexes of the marker lines in the
    cell's ``lines``.
    """

    kind: str
    begin: int
    end: int


@dataclass
class Cell:
    """One cell of a lesson.

    ``text`` maps a language to the markdown of a markdown cell; ``lines``
    holds the source lines of a code cell; ``line`` is the 1-based line of
    the cell header in the source file.
    """

    kind: str
    cell_id: str
    line: int
    flags: dict = field(default_factory=dict)
    text: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    # markdown only: the file line of '-- tr' and the English hash it records
    translation_line: int = 0
    translated_from: str = ""

    @property
    def solution(self):
        return bool(self.flags.get("solution"))

    @property
    def grade(self):
        return bool(self.flags.get("grade"))

    @property
    def setup(self):
        return bool(self.flags.get("setup"))

    @property
    def grade_id(self):
        return self.flags.get("grade_id", self.cell_id)

    @property
    def points(self):
        return self.flags.get("points", 0)

    @property
    def tags(self):
        return self.flags.get("tags", [])

    @property
    def locked(self):
        """nbgrader's ``locked``: every cell but a solution cell is read-only."""
        return not self.solution


@dataclass
class Lesson:
    """A parsed lesson: its header (``id``, ``title.*``, ``file.*``), its cells, its path."""

    path: Path
    header: dict
    cells: list

    @property
    def lesson_id(self):
        return self.header["id"]

    def file_stem(self, language):
        """Return the notebook file name (no extension) for ``language``."""
        return self.header[f"file.{language}"]

    def title(self, language):
        return self.header[f"title.{language}"]


def english_sha(text):
    """Return the short hash (str, TRANSLATION_SHA_LENGTH hex digits) of an English block."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:TRANSLATION_SHA_LENGTH]


def parse_lesson(path, repo_root=None, images=None, check_translations=True):
    """Read and validate a lesson source.

    Args:
        path: the ``.lesson`` file.
        repo_root: where ``images/...`` links are resolved; defaults to the
            parent of the file's folder (``lessons/`` sits at the repo root).
        images: the ``images/...`` paths that exist (the builder passes the
            figures it draws); None means look at the files under repo_root.
        check_translations: refuse a Turkish block whose ``sha=`` is not
            the hash of its English block (False only for the stamp command).

    Returns:
        Lesson.

    Raises:
        LessonFormatError: anything the format does not allow, with file:line.
    """
    path = Path(path)
    root = Path(repo_root) if repo_root is not None else path.resolve().parent.parent
    text = path.read_text(encoding="utf-8")
    available = _ImageFinder(root, images)
    return parse_lesson_text(text, _display_path(path, root), available,
                             check_translations=check_translations)


class _ImageFinder:
    """Answers whether an ``images/...`` path exists, from a given set or the disk."""

    def __init__(self, root, images=None):
        self.root = Path(root)
        self.images = None if images is None else set(images)

    def exists(self, target):
        if self.images is not None:
            return target in self.images
        return (self.root / target).is_file()


def _display_path(path, root):
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def parse_lesson_text(text, name, repo_root, images=None, check_translations=True):
    """Parse the text of a lesson; ``name`` is used in error messages.

    ``repo_root`` is a folder or an object with ``exists(image_path)``;
    ``images`` and ``check_translations`` as in :func:`parse_lesson`.
    """
    if not isinstance(repo_root, _ImageFinder):
        repo_root = _ImageFinder(repo_root, images)
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise LessonFormatError(name, line, "carriage return found; lesson sources use LF endings")
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("%%")]
    header = _parse_header(lines[: starts[0] if starts else len(lines)], name)
    if not starts:
        raise LessonFormatError(name, len(lines), "no cells; expected '%% markdown id=...' "
                                "or '%% code id=...' header lines")
    cells = []
    seen_ids = {}
    seen_grade_ids = {}
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(lines)
        cell = _parse_cell(lines[start], lines[start + 1: stop], start + 1, name, repo_root)
        if cell.kind == "markdown" and check_translations:
            _check_translation_is_current(cell, name)
        _check_unique(cell.cell_id, seen_ids, cell.line, name, "cell id")
        if cell.kind == "code" and (cell.grade or cell.solution):
            _check_unique(cell.grade_id, seen_grade_ids, cell.line, name, "grade_id")
        cells.append(cell)
    setups = [cell for cell in cells if cell.setup]
    if len(setups) > 1:
        raise LessonFormatError(name, setups[1].line, "a second 'setup' cell; a lesson has one "
                                f"(the first is at line {setups[0].line})")
    return Lesson(path=Path(name), header=header, cells=cells)


def _check_unique(value, seen, line, name, what):
    if value in seen:
        raise LessonFormatError(name, line, f"duplicate {what} {value!r} "
                                f"(first used at line {seen[value]}); {what}s must be unique")
    seen[value] = line


def _parse_header(lines, name):
    header = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or not value:
            raise LessonFormatError(name, number, f"expected 'key: value' in the lesson header, "
                                    f"got {line!r}")
        if key not in HEADER_KEYS:
            raise LessonFormatError(name, number, f"unknown header key {key!r}; expected one of "
                                    f"{', '.join(HEADER_KEYS)}")
        if key in header:
            raise LessonFormatError(name, number, f"header key {key!r} given twice")
        header[key] = value
    missing = [key for key in HEADER_KEYS if key not in header]
    if missing:
        raise LessonFormatError(name, 1, f"lesson header lacks {', '.join(missing)}; "
                                f"expected all of {', '.join(HEADER_KEYS)}")
    if not re.fullmatch(r"\d\d", header["id"]):
        raise LessonFormatError(name, 1, f"lesson id must be two digits, got {header['id']!r}")
    for language in LANGUAGES:
        stem = header[f"file.{language}"]
        if not FILE_NAME_PATTERN.match(stem) or not stem.startswith(header["id"] + "-"):
            raise LessonFormatError(name, 1, f"file.{language} must look like "
                                    f"'{header['id']}-topic-words' (lowercase ASCII), got {stem!r}")
    return header


def _parse_flags(header_line, line, name):
    words = header_line[2:].split()
    if not words or not header_line.startswith("%% "):
        raise LessonFormatError(name, line, "a cell header is '%% markdown id=...' or "
                                f"'%% code id=... [flags]', got {header_line!r}")
    kind, flags = words[0], {}
    if kind not in CELL_KINDS:
        raise LessonFormatError(name, line, f"unknown cell kind {kind!r}; "
                                "expected markdown or code")
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if key not in FLAGS:
            raise LessonFormatError(name, line, f"unknown flag {key!r}; expected one of "
                                    f"{', '.join(FLAGS)}")
        if key in flags:
            raise LessonFormatError(name, line, f"flag {key!r} given twice")
        if FLAGS[key] and not (sep and value):
            raise LessonFormatError(name, line, f"flag {key!r} needs a value: {key}=...")
        if not FLAGS[key] and sep:
            raise LessonFormatError(name, line, f"flag {key!r} stands alone, got {word!r}")
        flags[key] = value if FLAGS[key] else True
    return kind, flags


def _validate_flags(kind, flags, line, name):
    cell_id = flags.get("id")
    if cell_id is None:
        raise LessonFormatError(name, line, "the cell has no id; every cell needs id=... "
                                "([a-z0-9-], stable across rebuilds)")
    if not CELL_ID_PATTERN.match(cell_id) or len(cell_id) > 64:
        raise LessonFormatError(name, line, f"cell id {cell_id!r} must be lowercase letters, "
                                "digits and single hyphens, at most 64 characters")
    if kind == "markdown":
        extra = [key for key in flags if key not in ("id", "tags")]
        if extra:
            raise LessonFormatError(name, line, f"markdown cells take only id and tags, "
                                    f"got {', '.join(extra)}")
    if "points" in flags:
        if not re.fullmatch(r"\d+", flags["points"]):
            raise LessonFormatError(name, line, "points must be a whole number >= 0, "
                                    f"got {flags['points']!r}")
        flags["points"] = int(flags["points"])
        if not flags.get("grade"):
            raise LessonFormatError(name, line, "points=N needs the 'grade' flag")
    if flags.get("grade") and "points" not in flags:
        raise LessonFormatError(name, line, "a 'grade' cell needs points=N")
    if "grade_id" in flags and not GRADE_ID_PATTERN.match(flags["grade_id"]):
        raise LessonFormatError(name, line, f"grade_id {flags['grade_id']!r} must be letters, "
                                "digits, '_' or '-'")
    if "tags" in flags:
        flags["tags"] = [tag for tag in flags["tags"].split(",") if tag]
    if flags.get("setup") and (flags.get("solution") or flags.get("grade")):
        raise LessonFormatError(name, line, "the setup cell cannot be a solution or graded cell")
    return cell_id


def _parse_cell(header_line, body, line, name, repo_root):
    kind, flags = _parse_flags(header_line, line, name)
    cell_id = _validate_flags(kind, flags, line, name)
    cell = Cell(kind=kind, cell_id=cell_id, line=line, flags=flags)
    if kind == "markdown":
        cell.text, cell.translation_line, cell.translated_from = _parse_markdown(
            body, line, name, repo_root)
    else:
        cell.lines = _trim(body)
        leading_blank = next((i for i, text in enumerate(body) if text.strip()), 0)
        cell.regions = _parse_regions(cell, line + 1 + leading_blank, name)
        _validate_localized_code(cell.lines, line + 1 + leading_blank, name)
    return cell


def _trim(lines):
    lines = list(lines)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _parse_markdown(body, line, name, repo_root):
    blocks, current = {}, None
    block_lines, shas = {}, {}
    for offset, text in enumerate(body, start=1):
        match = LANGUAGE_LINE.match(text)
        if match:
            language = match.group(1)
            if language not in LANGUAGES:
                raise LessonFormatError(name, line + offset, f"unknown language {language!r}; "
                                        "expected '-- en' or '-- tr'")
            if language in blocks:
                raise LessonFormatError(name, line + offset, f"second '-- {language}' block "
                                        "in one markdown cell")
            current = language
            shas[language] = match.group(2)
            blocks[language] = []
            block_lines[language] = line + offset
        elif current is None:
            if text.strip():
                raise LessonFormatError(name, line + offset, "markdown text before '-- en'; "
                                        "each language's text follows its '-- en' / '-- tr' line")
        else:
            blocks[current].append(text)
    text = {}
    for language in LANGUAGES:
        if language not in blocks:
            raise LessonFormatError(name, line, f"missing translation: markdown cell has no "
                                    f"'-- {language}' block; every markdown cell needs "
                                    "'-- en' and '-- tr'")
        content = "\n".join(_trim(blocks[language]))
        if not content:
            raise LessonFormatError(name, block_lines[language], f"missing translation: the "
                                    f"'-- {language}' block is empty")
        for offset, source_line in enumerate(blocks[language], start=1):
            for target in IMAGE_LINK.findall(source_line):
                _check_image(target, block_lines[language] + offset, name, repo_root)
        text[language] = content
    if shas["en"] is not None:
        raise LessonFormatError(name, block_lines["en"], "'sha=' belongs on the '-- tr' line "
                                "(it records the English the Turkish was translated from)")
    return text, block_lines["tr"], shas["tr"] or ""


def _check_translation_is_current(cell, name):
    expected = english_sha(cell.text["en"])
    if not cell.translated_from:
        raise LessonFormatError(name, cell.translation_line, "the '-- tr' line records no "
                                f"English hash; expected '-- tr sha={expected}' (review the "
                                f"Turkish, then run {STAMP_COMMAND})")
    if cell.translated_from != expected:
        raise LessonFormatError(name, cell.translation_line, "stale translation: the English "
                                f"text changed since the Turkish was confirmed (sha="
                                f"{cell.translated_from}, English now {expected}); update the "
                                f"Turkish, then run {STAMP_COMMAND}")


def _check_image(target, line, name, repo_root):
    if target.startswith(("http://", "https://", "data:")):
        raise LessonFormatError(name, line, f"image {target!r}: link a file under images/ "
                                "(it is inlined); remote and data: links are not allowed")
    if not target.startswith("images/"):
        raise LessonFormatError(name, line, f"image {target!r} must be under images/")
    if not repo_root.exists(target):
        raise LessonFormatError(name, line, f"missing image {target!r}: no such file; draw it "
                                "in tools/figures.py and run python -m tools.build")


def _parse_regions(cell, first_line, name):
    """Find the marked regions; ``first_line`` is the file line of ``cell.lines[0]``."""
    regions, open_region = [], None
    for index, text in enumerate(cell.lines):
        source_line = first_line + index
        match = MARKER.match(text)
        if not match:
            if ANY_MARKER_LIKE.match(text):
                raise LessonFormatError(name, source_line, f"unrecognized marker {text.strip()!r}; "
                                        "expected one of " + ", ".join(
                                            marker for pair in REGIONS.values() for marker in pair))
            continue
        action, kind = match.groups()
        if action == "BEGIN":
            if open_region is not None:
                raise LessonFormatError(name, source_line, f"'### BEGIN {kind}' inside an open "
                                        f"{open_region[0]} region; expected "
                                        f"'{REGIONS[open_region[0]][1]}' first")
            open_region = (kind, index, source_line)
        else:
            if open_region is None or open_region[0] != kind:
                raise LessonFormatError(name, source_line, f"'### END {kind}' without a matching "
                                        f"'### BEGIN {kind}'")
            regions.append(Region(kind, open_region[1], index))
            open_region = None
    if open_region is not None:
        raise LessonFormatError(name, open_region[2], f"'### BEGIN {open_region[0]}' is never "
                                f"closed; expected '{REGIONS[open_region[0]][1]}'")
    _validate_regions(cell, regions, cell.line, name)
    return regions


def _validate_regions(cell, regions, line, name):
    kinds = [region.kind for region in regions]
    if cell.solution and "SOLUTION" not in kinds:
        raise LessonFormatError(name, line, "a 'solution' cell needs a '### BEGIN SOLUTION' / "
                                "'### END SOLUTION' region")
    if "SOLUTION" in kinds and not cell.solution:
        raise LessonFormatError(name, line, "solution region in a cell without the 'solution' "
                                "flag; add 'solution' to the header")
    if "HIDDEN TESTS" in kinds and not cell.grade:
        raise LessonFormatError(name, line, "hidden tests belong in a 'grade' cell (with points=N)")
    if cell.setup and any(text.strip() for text in cell.lines):
        raise LessonFormatError(name, line, "the setup cell's code is written by the builder; "
                                "leave its body empty")


def _validate_localized_code(lines, first_line, name):
    """Check the localized blocks and inline strings of a code cell's ``lines``.

    A block is ``-- en`` / English lines / ``-- tr`` / Turkish lines /
    ``-- end``, both parts non-empty and free of region markers (a block
    lies wholly inside or outside a region). ``first_line`` is the file
    line of ``lines[0]``.
    """
    state, opened, counts = None, None, {}
    for index, text in enumerate(lines):
        source_line = first_line + index
        _validate_inline(text, source_line, name)
        match = CODE_LANGUAGE_LINE.match(text)
        if match is None:
            if state is not None:
                if MARKER.match(text):
                    raise LessonFormatError(name, source_line, "region marker inside a localized "
                                            "block; close the block with '-- end' first")
                counts[state] += bool(text.strip())
            continue
        word = match.group(1)
        expected = {None: "en", "en": "tr", "tr": "end"}[state]
        if word != expected:
            raise LessonFormatError(name, source_line, f"'-- {word}' in a code cell; expected "
                                    f"'-- {expected}' (a localized block is '-- en', '-- tr', "
                                    "'-- end' in this order)")
        if word == "end":
            for language in LANGUAGES:
                if not counts[language]:
                    raise LessonFormatError(name, opened, f"missing translation: the "
                                            f"'-- {language}' part of this localized block "
                                            "is empty")
            state = None
        else:
            state, counts[word] = word, 0
            opened = opened if word == "tr" else source_line
    if state is not None:
        raise LessonFormatError(name, opened, "localized block is never closed; expected "
                                "'-- end' after its '-- tr' part" if state == "tr" else
                                "localized block has no '-- tr' part; expected '-- tr' and "
                                "'-- end'")


def _validate_inline(text, source_line, name):
    rest = INLINE_LOCALIZED.sub("", text)
    if "{{en:" in rest or "{{tr:" in rest:
        raise LessonFormatError(name, source_line, "malformed localized string; expected "
                                "'{{en: English | tr: Türkçe}}' on one line")
    for match in INLINE_LOCALIZED.finditer(text):
        if not match.group(1).strip() or not match.group(2).strip():
            raise LessonFormatError(name, source_line, "missing translation in "
                                    f"{match.group(0)!r}; both the en and the tr text are needed")
