"""Does the real nbgrader take the course as it is, and grade it as our grader does?

For each language, one nbgrader course folder holding the three instructor
notebooks as the source of one assignment and the course's
``nbgrader/<language>/nbgrader_config.py``: ``nbgrader validate`` passes them,
``generate_assignment`` releases exactly our student notebooks, ``validate``
warns about an edited test cell in one of them, and ``autograde`` grades
three students (complete, blank, one bug left) whose submissions are the
release filled in. ``python -m autograde`` grades the same files; the two
scores must agree. The table of both is printed and saved as
``test-artifacts/nbgrader-scores.md``.
"""

import copy
import csv
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
from test_lesson02 import SEEDED_BUGS

from autograde.catalog import Catalog
from tools.make_submissions import LESSONS, CaseBuilder
from tools.variants import code_stub

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
NBGRADER_VERSION = "0.9.6"
# nbgrader and alembic live beside the interpreter running the tests (the
# dev requirements install them into the same virtual environment)
BIN = Path(sys.executable).parent
ASSIGNMENT = "gradient-checking"
STUDENTS = ("complete", "blank", "one-bug-left")
FIX_CELL = "backward-propagation-n"
# Seconds a cell may run, in nbgrader and in our grader: generous, because the
# machine that runs the suite is shared (a timeout would be a false failure)
CELL_TIMEOUT = 120
RUN_TIMEOUT = 1200
VALIDATE_OK = "Success! Your notebook passes all the tests."
CHANGED_WARNING = "THE CONTENTS OF 1 TEST CELL(S) HAVE CHANGED!"


def nbgrader(course, *args):
    """Run ``nbgrader ARGS`` in ``course``; return the CompletedProcess (asserts success)."""
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               JUPYTER_CONFIG_DIR=str(course / ".jupyter-config"))
    result = subprocess.run([str(BIN / "nbgrader"), *args], cwd=course, env=env,
                            capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)
    assert result.returncode == 0, f"nbgrader {args[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result


def fixed_in_place(released_source, language, bugs):
    """Lesson 02's released fix cell as its text asks: ``bugs`` fixed in place, stub gone."""
    stub = code_stub(language).split("\n")
    lines = released_source.split("\n")
    start = next(i for i in range(len(lines)) if [t.strip() for t in lines[i:i + 2]] == stub)
    source = "\n".join(lines[:start] + lines[start + 2:])
    for bug in bugs:
        assert source.count(bug) == 1, f"the released cell should hold {bug!r} once"
        source = source.replace(bug, SEEDED_BUGS[bug])
    return source


def answers(builder, release, student):
    """{cell id: source} of the solution cells ``student`` hands in."""
    if student == "blank":
        return {}
    released = {cell.id: cell.source for cell in release.cells}
    if builder.lesson.lesson == "02":
        bugs = list(SEEDED_BUGS) if student == "complete" else list(SEEDED_BUGS)[:1]
        filled = builder.answers()
        filled[FIX_CELL] = fixed_in_place(released[FIX_CELL], builder.lesson.language, bugs)
        return filled
    if student == "complete":
        return builder.answers()
    first_mistake = next(iter(LESSONS[builder.lesson.lesson].mistakes.values()))
    return builder.answers(first_mistake)


def tampered(student_notebook):
    """A copy of a student notebook whose first test cell was made to always pass."""
    notebook = copy.deepcopy(student_notebook)
    check = next(cell for cell in notebook.cells if cell.metadata["nbgrader"]["grade"])
    check.source = 'print("All tests passed.")'
    return notebook


def prepare_and_release(catalog, language, base):
    """Make the course folder, validate, release, write submissions; return what it found."""
    course = base / language
    source = course / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader" / language / "nbgrader_config.py", course)
    builders = [CaseBuilder(catalog, lesson, language) for lesson in catalog.lesson_ids()]
    stems = [builder.lesson.instructor_path.stem for builder in builders]
    for builder in builders:
        shutil.copy(builder.lesson.instructor_path, source)
    edited = base / f"edited-{language}" / f"{stems[0]}.ipynb"
    edited.parent.mkdir()
    nbformat.write(tampered(builders[0].lesson.release), edited)
    # the edited copy last: its warning follows the three successes
    validated = nbgrader(course, "validate", *[str(source / f"{stem}.ipynb") for stem in stems],
                         str(edited), f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}").stdout
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    releases = {}
    for builder, stem in zip(builders, stems, strict=True):
        release = nbformat.read(course / "release" / ASSIGNMENT / f"{stem}.ipynb", as_version=4)
        releases[builder.lesson.lesson] = (release, builder.lesson.release)
        for student in STUDENTS:
            submission = copy.deepcopy(release)
            handed_in = answers(builder, release, student)
            for cell in submission.cells:
                cell.source = handed_in.get(cell.id, cell.source)
            path = course / "submitted" / student / ASSIGNMENT / f"{stem}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(submission, path)
    return {"course": course, "stems": dict(zip(catalog.lesson_ids(), stems, strict=True)),
            "validated": validated, "releases": releases}


def nbgrader_scores(run):
    """{(lesson, student): (score, max score)} from the course's nbgrader gradebook."""
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{run['course'] / 'gradebook.db'}") as gradebook:
        for lesson, stem in run["stems"].items():
            for student in STUDENTS:
                notebook = gradebook.find_submission_notebook(stem, ASSIGNMENT, student)
                scores[lesson, student] = (notebook.score, notebook.max_score)
    return scores


def our_scores(summary_csv):
    """{(language, lesson, student): (points, max points)} from our grader's summary.csv."""
    scores = {}
    with open(summary_csv, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # a submission is named by its path below a folder argument:
            # .../submitted/<student>/<assignment>/<file>
            parts = Path(row["submission"]).parts
            student = parts[parts.index("submitted") + 1]
            scores[row["language"], row["lesson"], student] = (float(row["points"]),
                                                                float(row["max_points"]))
    return scores


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """Both languages through nbgrader and our grader; {language: run}, our scores, the table."""
    base = tmp_path_factory.mktemp("nbgrader")
    catalog = Catalog(ROOT)
    languages = ("en", "tr")
    # one process per language, then both nbgrader autogrades and our grader at once
    with ThreadPoolExecutor(max_workers=len(languages) + 1) as pool:
        runs = dict(zip(languages, pool.map(
            lambda language: prepare_and_release(catalog, language, base), languages),
            strict=True))
        ours = pool.submit(subprocess.run, [
            sys.executable, "-m", "autograde", "--out", str(base / "ours"), "--seed", "20261203",
            "--jobs", "1", "--timeout", str(CELL_TIMEOUT),
            *[str(base / language / "submitted") for language in languages]],
            cwd=base, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)
        list(pool.map(lambda run: nbgrader(
            run["course"], "autograde", ASSIGNMENT, "--create", "--force",
            f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}"), runs.values()))
        ours = ours.result()
    assert ours.returncode == 0, f"our grader failed:\n{ours.stdout}\n{ours.stderr}"
    for run in runs.values():
        run["scores"] = nbgrader_scores(run)
    return runs, our_scores(base / "ours" / "summary.csv")


def score_table(runs, ours):
    """Markdown table: one row per lesson, language and student, nbgrader's score beside ours."""
    lines = ["| lesson | language | submission | nbgrader | our grader | max |",
             "|---|---|---|---|---|---|"]
    for language, run in runs.items():
        for (lesson, student), (score, max_score) in sorted(run["scores"].items()):
            points, _ = ours[language, lesson, student]
            lines.append(f"| {lesson} | {language} | {student} | {score:g} | {points:g} | "
                         f"{max_score:g} |")
    return "\n".join(lines) + "\n"


def test_the_pinned_nbgrader_is_installed():
    assert version("nbgrader") == NBGRADER_VERSION
    assert (BIN / "alembic").exists(), "nbgrader's database needs alembic beside it"


def test_nbgrader_validates_the_instructor_notebooks_and_spots_an_edited_test_cell(round_trip):
    runs, _ = round_trip
    for language, run in runs.items():
        out = run["validated"]
        assert out.count(VALIDATE_OK) == 3, f"{language}:\n{out}"
        assert out.count(CHANGED_WARNING) == 1, f"{language}:\n{out}"
        assert out.rindex(VALIDATE_OK) < out.index(CHANGED_WARNING)


def test_nbgraders_release_is_our_student_notebook(round_trip):
    """Stubs, hidden tests, checksums, locks and metadata: all as nbgrader writes them."""
    runs, _ = round_trip
    for language, run in runs.items():
        for lesson, (released, ours) in run["releases"].items():
            assert [cell.source for cell in released.cells] == \
                [cell.source for cell in ours.cells], f"{lesson}/{language}"
            assert released == ours, f"{lesson}/{language}: metadata differs"
            assert "variant" not in released.metadata["gradient_checking"]


def test_nbgrader_and_our_grader_give_the_same_scores(round_trip):
    runs, ours = round_trip
    table = score_table(runs, ours)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "nbgrader-scores.md").write_text(
        f"nbgrader {NBGRADER_VERSION} beside `python -m autograde`, same submissions\n\n{table}",
        encoding="utf-8")
    print(table)
    assert len(ours) == sum(len(run["scores"]) for run in runs.values())
    for language, run in runs.items():
        for (lesson, student), (score, max_score) in run["scores"].items():
            points, max_points = ours[language, lesson, student]
            where = f"lesson {lesson}, {language}, {student}:\n{table}"
            assert (points, max_points) == (score, max_score), where
            if student == "complete":
                assert score == max_score > 0, where
            elif student == "blank":
                assert score == 0, where
            else:
                assert 0 < score < max_score, where
