"""Record, on each '-- tr' line, the hash of the English text it translates.

Run this after reviewing the Turkish of every markdown cell whose English
changed (the build names them as stale translations):

    python -m tools.stamp_translations              # every lessons/*.lesson
    python -m tools.stamp_translations lessons/02-gradient-checking-nd.lesson

It rewrites only the '-- tr' lines; the hash confirms that the Turkish
below the line matches the English above it.
"""

import sys
from pathlib import Path

from .figures import registry
from .lesson_format import LessonFormatError, english_sha, parse_lesson

ROOT = Path(__file__).resolve().parent.parent


def stamp(path, repo_root=ROOT):
    """Stamp every markdown cell of the lesson at ``path``; return the number of lines changed.

    ``repo_root`` is where the lesson's ``images/...`` links are found.
    """
    path = Path(path)
    # A figure the build is about to draw counts as present: stamping comes first
    images = set(registry()) | {f"images/{image.name}" for image in
                                (Path(repo_root) / "images").glob("*.png")}
    lesson = parse_lesson(path, repo_root, images=images, check_translations=False)
    lines = path.read_text(encoding="utf-8").split("\n")
    changed = 0
    for cell in lesson.cells:
        if cell.kind != "markdown":
            continue
        stamped = f"-- tr sha={english_sha(cell.text['en'])}"
        if lines[cell.translation_line - 1] != stamped:
            lines[cell.translation_line - 1] = stamped
            changed += 1
    if changed:
        path.write_text("\n".join(lines), encoding="utf-8")
    return changed


def main(argv=None):
    """Stamp the lessons named in ``argv`` (default: all); return the exit code."""
    paths = [Path(arg) for arg in (argv if argv is not None else sys.argv[1:])]
    paths = paths or sorted((ROOT / "lessons").glob("*.lesson"))
    try:
        for path in paths:
            print(f"{path}: {stamp(path)} translation(s) stamped")
    except (LessonFormatError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
