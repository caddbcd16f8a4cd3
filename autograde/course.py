"""Where the course's notebooks are: ``--course PATH``, else this checkout, else the current folder.

The grader needs the instructor notebooks (``notebooks/solutions/<lang>/``,
with the solutions and hidden tests) and the released ones
(``notebooks/<lang>/``). They are deliberately not part of the installed
package (a student who installs the helpers must not get the hidden
tests), so an installed grader looks in the course checkout it was
installed from (an editable install), then in the current folder, and
otherwise says exactly which folder it needs.
"""

from pathlib import Path

from autograde.catalog import LANGUAGES

SOLUTIONS = Path("notebooks") / "solutions"
# The folder holding autograde/ (a checkout, or site-packages once installed)
PACKAGE_PARENT = Path(__file__).resolve().parent.parent


class CourseNotFoundError(ValueError):
    """No course folder with built notebooks; the message says how to point the grader at one."""


def has_notebooks(folder):
    """True when ``folder`` holds instructor notebooks of some language."""
    return any(any((Path(folder) / SOLUTIONS / language).glob("*.ipynb"))
               for language in LANGUAGES)


def find_course(given=None, cwd=None):
    """Return the course folder to grade with.

    Args:
        given: the ``--course`` argument, or None to search.
        cwd: the current folder (default: the process's).

    Raises:
        CourseNotFoundError: ``given`` has no notebooks, or none of the
            searched folders has; the message names them and the fix.
    """
    if given is not None:
        folder = Path(given).expanduser()
        if has_notebooks(folder):
            return folder
        raise CourseNotFoundError(
            f"--course {given}: no instructor notebooks in {folder / SOLUTIONS}/en or /tr. "
            + _how())
    searched = [PACKAGE_PARENT, Path(cwd or Path.cwd())]
    for folder in searched:
        if has_notebooks(folder):
            return folder
    raise CourseNotFoundError(
        "the course's notebooks were not found (looked for "
        f"{' and '.join(str(folder / SOLUTIONS) for folder in searched)}). " + _how())


def _how():
    return ("Point the grader at a course checkout with --course PATH, where PATH holds "
            "notebooks/solutions/en/*.ipynb (instructor copies) and notebooks/en/*.ipynb "
            "(released copies), e.g. `git clone <course repository> course && python -m "
            "autograde --course course --out grades/ submissions/`; in a checkout whose "
            "notebooks are missing, build them with `python -m tools.build`.")
