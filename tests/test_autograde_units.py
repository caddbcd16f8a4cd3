"""Does the grader read, identify and rebuild submissions as an instructor can trust?

These run without a kernel, on a small course written into tmp_path with
the same metadata scheme as the real notebooks (see tools/build).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograde import jail, probes
from autograde.catalog import Catalog, SubmissionRejectedError, read_submission
from autograde.grade import Exercise, Graded, Item, Row, exercises_of
from autograde.item_tests import ItemTestNames
from autograde.rebuild import UNGRADED_KEY, rebuild
from autograde.report import feedback, safe_name

ROOT = Path(__file__).resolve().parent.parent

SOLUTION = "def f(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n"
STUB = "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
TEST = "assert f(2) == 4"
HIDDEN = TEST + "\n### BEGIN HIDDEN TESTS\nassert f(-7) == -14\n### END HIDDEN TESTS"
MARKDOWN = {"en": "## Doubling", "tr": "## İkiye katlama"}


def nbgrader(grade_id, **flags):
    return {"nbgrader": {"grade_id": grade_id, "points": flags.get("points", 0),
                         "solution": flags.get("solution", False),
                         "grade": flags.get("grade", False),
                         "locked": flags.get("locked", False), "schema_version": 3}}


def lesson_notebook(lesson, language, instructor):
    cells = [
        new_code_cell("import numpy as np", id="setup", metadata=nbgrader("setup", locked=True)),
        new_markdown_cell(MARKDOWN[language], id=f"intro-{lesson}"),
        new_code_cell(SOLUTION if instructor else STUB, id=f"answer-{lesson}",
                      metadata=nbgrader("f", solution=True)),
        new_code_cell(HIDDEN if instructor else TEST, id=f"test-{lesson}",
                      metadata=nbgrader("f_test", grade=True, points=2, locked=True)),
    ]
    notebook = new_notebook(cells=cells, metadata={
        "gradient_checking": {"lesson": lesson, "language": language}})
    notebook.nbformat_minor = 5
    return notebook


@pytest.fixture
def course(tmp_path):
    """A course with lessons 01 and 02 in both languages; returns its root."""
    for lesson in ("01", "02"):
        for language in ("en", "tr"):
            for folder, instructor in ((f"solutions/{language}", True), (language, False)):
                path = tmp_path / "notebooks" / folder / f"{lesson}-{language}.ipynb"
                path.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(lesson_notebook(lesson, language, instructor), path)
    return tmp_path


def write(tmp_path, notebook, name="submission.ipynb"):
    path = tmp_path / name
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def released(course, lesson="01", language="en"):
    return nbformat.read(course / "notebooks" / language / f"{lesson}-{language}.ipynb", 4)


@pytest.mark.parametrize(("content", "status"), [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"{not json", "not-a-notebook"),
    (b"[1, 2, 3]", "not-a-notebook"),
    (b"\xff\xfe\x00", "not-a-notebook"),
    (b'{"nbformat": 4, "nbformat_minor": 2, "cells": [], "metadata": {}}', "old-format"),
    (b'{"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}', "old-format"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "cells": [{"source": 1}], "metadata": {}}',
     "not-a-notebook"),
])
def test_files_that_are_no_notebook_of_ours_are_rejected_with_a_reason(tmp_path, content, status):
    path = tmp_path / "submission.ipynb"
    path.write_bytes(content)
    with pytest.raises(SubmissionRejectedError) as rejected:
        read_submission(path)
    assert rejected.value.status == status and rejected.value.detail


def test_duplicated_cell_ids_reach_the_grader_as_submitted(tmp_path, course):
    notebook = released(course)
    notebook.cells.append(notebook.cells[-1])
    submission = read_submission(write(tmp_path, notebook))
    assert [cell.id for cell in submission.cells].count("test-01") == 2


def test_lesson_and_language_come_from_metadata(tmp_path, course):
    catalog = Catalog(course)
    lesson, flags = catalog.identify(read_submission(write(tmp_path, released(course, "02", "tr"))))
    assert (lesson.lesson, lesson.language, flags) == ("02", "tr", [])


def test_without_metadata_cell_ids_give_the_lesson_and_text_the_language(tmp_path, course):
    notebook = released(course, "02", "tr")
    notebook.metadata = {}
    lesson, flags = Catalog(course).identify(read_submission(write(tmp_path, notebook)))
    assert (lesson.lesson, lesson.language, flags) == ("02", "tr", ["metadata-removed"])


def test_metadata_that_contradicts_the_cells_is_flagged_and_the_cells_win(tmp_path, course):
    notebook = released(course, "02", "en")
    notebook.metadata["gradient_checking"]["lesson"] = "01"
    lesson, flags = Catalog(course).identify(read_submission(write(tmp_path, notebook)))
    assert lesson.lesson == "02" and flags == ["metadata-says-lesson-01"]


def test_an_unrelated_notebook_and_another_lesson_are_rejected(tmp_path, course):
    catalog = Catalog(course)
    stranger = new_notebook(cells=[new_code_cell("print(1)", id="mine")])
    with pytest.raises(SubmissionRejectedError) as rejected:
        catalog.identify(read_submission(write(tmp_path, stranger)))
    assert rejected.value.status == "unknown-notebook"
    with pytest.raises(SubmissionRejectedError) as rejected:
        catalog.identify(read_submission(write(tmp_path, released(course, "02"))),
                         forced_lesson="01")
    assert rejected.value.status == "wrong-lesson"


def rebuilt(tmp_path, course, notebook):
    catalog = Catalog(course)
    submission = read_submission(write(tmp_path, notebook))
    lesson, _ = catalog.identify(submission)
    return rebuild(submission, lesson)


def sources(notebook):
    return {cell.id: cell.source for cell in notebook.cells}


def test_only_answer_cells_are_taken_from_the_student(tmp_path, course):
    notebook = released(course)
    notebook.cells[2].source = "def f(x):\n    return x + x\n"
    notebook.cells[3].source = "pass"
    notebook.cells[3].outputs = [nbformat.v4.new_output("stream", name="stdout", text="ok\n")]
    result = rebuilt(tmp_path, course, notebook)
    cells = sources(result.notebook)
    assert cells["answer-01"] == "def f(x):\n    return x + x\n"
    assert cells["test-01"] == HIDDEN
    assert result.flags == ["modified:test-01"]


def test_a_deleted_answer_gets_the_stub_never_the_instructors_solution(tmp_path, course):
    notebook = released(course)
    del notebook.cells[2]
    result = rebuilt(tmp_path, course, notebook)
    assert sources(result.notebook)["answer-01"] == STUB
    assert result.flags == ["deleted:answer-01"]


def test_retagged_duplicated_and_added_cells_are_flagged_and_ignored(tmp_path, course):
    notebook = released(course)
    notebook.cells[3].metadata["tags"] = ["nbval-skip"]
    notebook.cells[3].metadata["nbgrader"]["grade"] = False
    twin = nbformat.from_dict(dict(notebook.cells[3], source="pass"))
    notebook.cells.append(twin)
    notebook.cells.append(new_code_cell("f = lambda x: 2 * x", id="extra"))
    result = rebuilt(tmp_path, course, notebook)
    test_cell = next(c for c in result.notebook.cells if c.id == "test-01")
    assert test_cell.metadata["nbgrader"]["grade"] and "tags" not in test_cell.metadata
    assert [c.id for c in result.notebook.cells].count("test-01") == 1
    assert "extra" not in sources(result.notebook)
    assert sorted(result.flags) == ["added:1", "duplicated:test-01", "modified:test-01",
                                    "retagged:test-01"]


def test_nbval_markers_in_an_answer_are_neutralized(tmp_path, course):
    notebook = released(course)
    notebook.cells[2].source = "# NBVAL_SKIP\n" + SOLUTION
    result = rebuilt(tmp_path, course, notebook)
    assert "NBVAL" not in sources(result.notebook)["answer-01"]
    assert result.flags == ["nbval-marker:answer-01"]


def mark_ungraded(cell):
    cell.metadata[UNGRADED_KEY] = {"ungraded": True}


def test_cells_the_instructor_marks_ungraded_are_not_run(tmp_path, course):
    path = course / "notebooks/solutions/en/01-en.ipynb"
    instructor = nbformat.read(path, 4)
    explorer = new_code_cell("explore(f)", id="explorer", metadata=nbgrader("explorer"))
    mark_ungraded(explorer)
    instructor.cells.insert(3, explorer)
    nbformat.write(instructor, path)
    result = rebuilt(tmp_path, course, released(course))
    assert [cell.id for cell in result.notebook.cells] == [
        "setup", "intro-01", "answer-01", "test-01"]


def test_a_submission_cannot_mark_its_own_cells_ungraded(tmp_path, course):
    notebook = released(course)
    for cell in notebook.cells:
        mark_ungraded(cell)
    result = rebuilt(tmp_path, course, notebook)
    assert [cell.id for cell in result.notebook.cells] == [
        "setup", "intro-01", "answer-01", "test-01"]


def test_a_mark_on_an_instructors_answer_or_test_cell_is_ignored(tmp_path, course):
    path = course / "notebooks/solutions/en/01-en.ipynb"
    instructor = nbformat.read(path, 4)
    for cell in instructor.cells:
        mark_ungraded(cell)
    nbformat.write(instructor, path)
    result = rebuilt(tmp_path, course, released(course))
    assert [cell.id for cell in result.notebook.cells] == ["intro-01", "answer-01", "test-01"]


def test_exercises_group_answer_cells_with_the_graded_cells_after_them(course):
    notebook = nbformat.read(course / "notebooks/solutions/en/01-en.ipynb", 4)
    assert exercises_of(notebook) == [
        Exercise("f", ["answer-01"], ["f"],
                 [Item("test-01", "f_test", 2.0, ItemTestNames(("f",), ("f",)))])]


@pytest.mark.parametrize(("student", "reference", "judge", "same"), [
    (8.0, 8.0, "values", True),
    (8.0 + 1e-13, 8.0, "values", True),
    (8.1, 8.0, "values", False),
    ([1.0, 2.0], [1.0, 2.0], "values", True),
    ({"dW1": [[1.0]], "dZ1": [[5.0]]}, {"dW1": [[1.0]], "dZ1": [[9.0]]}, "values", True),
    ({"dW1": [[1.1]]}, {"dW1": [[1.0]]}, "values", False),
    (2.919335883291695e-10 + 1e-14, 2.919335883291695e-10, "difference", True),
    (3e-10, 2.9e-10, "difference", False),
    (1e-3, 2.9e-10, "difference", False),
    (0.0476190476 * (1 + 1e-10), 0.0476190476, "difference", True),
    (0.047619, 0.0476190476, "difference", False),
    (-1e-20, 0.0, "difference", False),
    (float("nan"), 0.04, "difference", False),
    ({"unsupported": "X"}, 8.0, "values", False),
])
def test_the_out_of_kernel_comparison(student, reference, judge, same):
    assert probes.same_numbers(student, reference, judge) is same


def test_a_noisy_reference_accepts_any_difference_below_the_threshold_only():
    assert probes.same_numbers(3e-9, 1e-10, "difference", noisy=True)
    assert not probes.same_numbers(2e-7, 1e-10, "difference", noisy=True)
    assert not probes.same_numbers(3e-9, 1e-10, "difference")


def graded_with_a_failure(language):
    exercise = Exercise("f", ["answer-01"], ["f"], [Item("test-01", "f_test", 2.0)])
    row = Row("f_test", 0.0, 2.0, "failed",
              "nbval: failed (AssertionError: expected -14, got 12.375)", "f")
    return Graded("alice/01.ipynb", "01", language, [row], ["modified:test-01"], [exercise])


@pytest.mark.parametrize("language", ["en", "tr"])
def test_feedback_is_in_the_notebooks_language_and_reveals_no_test_values(language):
    text = feedback(graded_with_a_failure(language))
    assert ("Toplam: 0 / 2 puan" in text) == (language == "tr")
    assert ("Total: 0 / 2 points" in text) == (language == "en")
    assert "-14" not in text and "12.375" not in text and "modified:test-01" in text


def test_feedback_file_names_cannot_escape_the_folder():
    assert safe_name("../../etc/passwd").startswith("etc_passwd-")
    assert "/" not in safe_name("a/b/c.ipynb")


def test_the_command_line_says_why_it_cannot_start(tmp_path):
    run = subprocess.run([sys.executable, "-m", "autograde", "--out", str(tmp_path / "out"),
                          "--course", str(tmp_path), str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert f"--course {tmp_path}: no instructor notebooks" in run.stderr
    assert "--course PATH" in run.stderr and "python -m tools.build" in run.stderr


def test_the_command_line_rejects_an_unknown_lesson(tmp_path, course):
    run = subprocess.run([sys.executable, "-m", "autograde", "--out", str(tmp_path / "out"),
                          "--course", str(course), "--lesson", "7", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "no lesson 07" in run.stderr


JAILED_PROBE = """
import os, sys
print(os.path.exists(sys.argv[1]), os.path.exists(sys.argv[2]))
children = 0
try:
    for _ in range(500):
        if os.fork() == 0:
            import time
            time.sleep(60)
            os._exit(0)
        children += 1
except OSError:
    pass
print(children)
"""


def test_jailed_code_sees_neither_the_course_nor_the_caller_and_cannot_fork_freely(tmp_path):
    available, reason = jail.isolation_available()
    if not available:
        pytest.skip(f"namespaces are not available here: {reason}")
    workdir = tmp_path / "student"
    workdir.mkdir()
    workdir.chmod(0o777)
    secret = tmp_path / "another-submission.ipynb"
    secret.write_text("{}")
    run_as = ["--run-as", "61099"] if os.geteuid() == 0 else []
    run = subprocess.run(
        [sys.executable, "-m", "autograde.jail", "--workdir", str(workdir),
         "--limit", "nproc=20", *run_as, "--env", "PATH=/usr/bin", "--",
         sys.executable, "-c", JAILED_PROBE, str(ROOT / "autograde"), str(secret)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    seen, children = run.stdout.split("\n")[:2]
    assert seen == "False False"
    assert 0 < int(children) < 20
    if run_as:
        leftover = subprocess.run(["ps", "-o", "pid=", "-u", "61099"], capture_output=True,
                                  text=True)
        assert leftover.stdout.strip() == ""


def test_jail_mounts_the_empty_tmp_before_binding_python(tmp_path, monkeypatch):
    """A checkout under /tmp keeps its .venv there: the jail's empty /tmp must not hide it."""
    calls = []
    monkeypatch.setattr(jail, "_mount", lambda source, target, fstype=None, flags=0, data=None:
                        calls.append(("mount", target)))
    monkeypatch.setattr(jail, "_bind", lambda root, source, writable=False:
                        calls.append(("bind", root + str(source))))
    root = str(tmp_path / "root")
    jail._build_root(root, str(tmp_path / "work"))
    tmp_mounted = calls.index(("mount", root + "/tmp"))
    for path in jail.python_paths():
        assert calls.index(("bind", root + path)) > tmp_mounted, path
