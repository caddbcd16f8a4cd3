"""Build every lesson's notebooks and figures: ``python -m tools.build [--check]``.

For each ``lessons/NN-*.lesson`` it writes

- ``notebooks/en/<file.en>.ipynb`` and ``notebooks/tr/<file.tr>.ipynb``
  (students: solutions stubbed, hidden tests removed),
- ``notebooks/solutions/en|tr/...`` (instructors: everything kept),

and every figure under ``images/`` from ``tools/figures``. ``--check``
writes nothing; it exits 1 and names each file that differs from a fresh
build (stale, missing, or not produced by any source).
"""

import argparse
import sys
from pathlib import Path

from .bootstrap import archive_contents, helpers_archive
from .figures import render_all
from .lesson_format import LANGUAGES, LessonFormatError, parse_lesson
from .notebooks import build_notebook, nbgrader_checksum, notebook_bytes
from .record import RecordingError, record_outputs, reuse_outputs
from .variants import code_source

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT_GLOBS = ("notebooks/**/*.ipynb", "images/*.png")


def notebook_path(lesson, language, variant):
    """Return the repo-relative path of one notebook (str, posix)."""
    folder = f"notebooks/{language}" if variant == "student" else f"notebooks/solutions/{language}"
    return f"{folder}/{lesson.file_stem(language)}.ipynb"


def lesson_sources(root):
    """Return the lesson source files under ``root/lessons``, sorted."""
    return sorted((Path(root) / "lessons").glob("[0-9][0-9]-*.lesson"))


def lesson_code(lesson):
    """Return the code of every code cell of ``lesson`` as the solution shows it (list of str)."""
    return [code_source(cell, LANGUAGES[0], "solution") for cell in lesson.cells
            if cell.kind == "code" and not cell.setup]


def lesson_archive(root, lesson):
    """Return the archive (tar.xz bytes) of the helpers ``lesson`` imports, for its setup cell."""
    return helpers_archive(root, lesson_code(lesson))


def build_outputs(root=REPO_ROOT, execute=True, rerun=False):
    """Return {repo-relative path: bytes} of every generated file.

    Args:
        root: the repository to build.
        execute: run the instructor notebooks to record the outputs of
            their ``nbval-check-output`` cells (False leaves them empty;
            for quick structural checks only).
        rerun: run them even when the committed notebook has the same
            content and its recorded outputs could be reused.

    Raises:
        LessonFormatError: a lesson source is malformed.
        RecordingError: an instructor notebook failed to run.
    """
    root = Path(root)
    images = render_all()
    outputs = dict(images)
    for source in lesson_sources(root):
        lesson = parse_lesson(source, root, images=images)
        archive = lesson_archive(root, lesson)
        for language in LANGUAGES:
            for variant in ("student", "solution"):
                notebook = build_notebook(lesson, language, variant, images, archive)
                path = notebook_path(lesson, language, variant)
                if variant == "solution" and execute and (
                        rerun or not reuse_outputs(notebook, root / path)):
                    record_outputs(notebook, (root / path).parent, path)
                outputs[path] = notebook_bytes(notebook)
    return outputs


def committed_outputs(root=REPO_ROOT):
    """Return the set of repo-relative paths of generated files present on disk."""
    root = Path(root)
    return {path.relative_to(root).as_posix() for pattern in OUTPUT_GLOBS
            for path in root.glob(pattern)}


def stale_files(outputs, root=REPO_ROOT):
    """Return sorted (path, reason) for files on disk that differ from ``outputs``."""
    root = Path(root)
    problems = []
    for path, data in sorted(outputs.items()):
        target = root / path
        if not target.is_file():
            problems.append((path, "missing"))
        elif target.read_bytes() != data and not _same_but_compression(target.read_bytes(), data):
            problems.append((path, "stale"))
    for path in sorted(committed_outputs(root) - set(outputs)):
        problems.append((path, "not produced by any lesson or figure"))
    return problems


def _same_but_compression(old, new):
    """True when two notebooks differ only in how zlib packed the same helper files.

    zlib builds may compress identical input differently; a copy is stale
    only when the files inside it differ.
    """
    import nbformat

    try:
        old_nb, new_nb = (nbformat.reads(data.decode("utf-8"), as_version=4) for data in (old, new))
    except Exception:
        return False
    if len(old_nb.cells) != len(new_nb.cells):
        return False
    for old_cell, new_cell in zip(old_nb.cells, new_nb.cells, strict=True):
        if old_cell == new_cell:
            continue
        old_head, _, old_blob = old_cell.source.partition("embedded=(\n")
        new_head, _, new_blob = new_cell.source.partition("embedded=(\n")
        if not (old_blob and new_blob) or old_head != new_head:
            return False
        try:
            if archive_contents(_blob_text(old_blob)) != archive_contents(_blob_text(new_blob)):
                return False
        except Exception:
            return False
        # a student copy's nbgrader checksum hashes the source: it must be
        # right for the committed source, and may differ only with it
        if "checksum" in old_cell.metadata.get("nbgrader", {}) and \
                old_cell.metadata.nbgrader.checksum != nbgrader_checksum(old_cell):
            return False
        if _without_source(old_cell) != _without_source(new_cell):
            return False
    return old_nb.metadata == new_nb.metadata


def _without_source(cell):
    """The cell with its source and what is computed from it (nbgrader's checksum) blanked."""
    nbgrader = {k: v for k, v in cell.metadata.get("nbgrader", {}).items() if k != "checksum"}
    return {**cell, "source": "", "metadata": {**cell.metadata, "nbgrader": nbgrader}}


def _blob_text(tail):
    return "".join(line.strip().strip('"') for line in tail.splitlines() if line.strip() != "))")


def write_outputs(outputs, root=REPO_ROOT):
    """Write ``outputs`` under ``root``, remove generated files no source produces.

    Returns:
        list of the repo-relative paths that changed.
    """
    root = Path(root)
    changed = []
    for path, data in sorted(outputs.items()):
        target = root / path
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(path)
    for path in sorted(committed_outputs(root) - set(outputs)):
        (root / path).unlink()
        changed.append(path)
    return changed


def main(argv=None):
    """Command line entry; returns the exit status (0 ok, 1 stale, 2 bad source)."""
    parser = argparse.ArgumentParser(prog="python -m tools.build",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; fail when committed notebooks or images are stale")
    parser.add_argument("--rerun", action="store_true",
                        help="run every instructor notebook, even when its recorded outputs "
                             "could be reused")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        outputs = build_outputs(args.root, rerun=args.rerun)
    except (LessonFormatError, RecordingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.check:
        problems = stale_files(outputs, args.root)
        for path, reason in problems:
            print(f"{path}: {reason}", file=sys.stderr)
        if problems:
            print(f"{len(problems)} generated file(s) out of date; run python -m tools.build",
                  file=sys.stderr)
            if any(path.endswith(".png") for path, _ in problems):
                print("figures depend on the matplotlib release: the one pinned in "
                      "requirements-dev.txt made the committed ones", file=sys.stderr)
            return 1
        print(f"{len(outputs)} generated files up to date")
        return 0
    for path in write_outputs(outputs, args.root):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
