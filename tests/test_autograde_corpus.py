"""Does the grader give every submission of the corpus exactly the points and flags expected?

The corpus (generated here from the built notebooks into a temporary
folder by ``tools.make_submissions``, never committed) holds for each lesson and language correct,
blank, partly correct and mistaken submissions and the hostile ones of
issue 6. The grader runs once per lesson over the whole folder, as an
instructor would (``--lesson`` forced, so a notebook of another lesson is
reported), with a short cell timeout for the endless loops.
"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograde import jail
from autograde.sandbox import UID_BASE, UID_BLOCK, UID_BLOCKS
from tools import make_submissions

ROOT = Path(__file__).resolve().parent.parent
# Long enough for lesson 02's checks on a busy machine, short enough that
# the endless loops cost little; the setup cell has its own timeout
CELL_TIMEOUT = "10"
SEED = "20261122"
CANARY = "CANARY-left-by-a-submission"

pytestmark = pytest.mark.slow


def expected_cases():
    """One param per corpus file, from the expected.json files the generator writes."""
    cases = []
    files = make_submissions.corpus_files(ROOT)
    for name in sorted(n for n in files if n.endswith("/expected.json")):
        expected = json.loads(files[name].decode("utf-8"))
        for name, outcome in sorted(expected["cases"].items()):
            lesson, language = expected["lesson"], expected["language"]
            cases.append(pytest.param(f"{lesson}/{language}/{name}", outcome,
                                      id=f"{lesson}-{language}-{name}"))
    return cases


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus written afresh from the built notebooks; return its folder.

    Named ``submissions*``: the hostile cases look for such folders to
    read other submissions and to leave a canary in.
    """
    folder = tmp_path_factory.mktemp("submissions")
    make_submissions.write_corpus(folder)
    return folder


def corpus_files(corpus):
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != "expected.json")


def grade(corpus, files, out, scratch, *options):
    """Run the grader on ``files``; return (the run, summary rows keyed by corpus path)."""
    run = subprocess.run(
        [sys.executable, "-m", "autograde", "--out", str(out), "--timeout", CELL_TIMEOUT,
         "--seed", SEED, *options, *map(str, files)],
        capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, TMPDIR=str(scratch)))
    by_name = {}
    for file in files:
        by_name.setdefault(file.name, []).append(file)
    rows = {}
    with open(out / "summary.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # a unique file name is reported as is, others by their path
            name = row["submission"]
            path = Path(name) if Path(name).is_absolute() else by_name[name][0]
            rows[path.relative_to(corpus).as_posix()] = row
    return run, rows


@pytest.fixture(scope="module")
def graded(corpus, tmp_path_factory):
    """Grade the corpus as an instructor would; return (rows by corpus path, runs, ...).

    One run over every lesson (--jobs 4: the endless loops sleep, so more
    jobs than cores keep the cores busy), then, per lesson, the notebooks of
    other lessons with --lesson forced.
    """
    base = tmp_path_factory.mktemp("graded")
    scratch = base / "tmp"
    scratch.mkdir()
    files = corpus_files(corpus)
    foreign = [f for f in files if f.name.startswith("lesson-")]
    run, rows = grade(corpus, [f for f in files if f not in foreign], base / "all", scratch,
                      "--jobs", "4")
    runs = [run]
    for lesson in sorted({f.relative_to(corpus).parts[0] for f in foreign}):
        mine = [f for f in foreign if f.relative_to(corpus).parts[0] == lesson]
        run, more = grade(corpus, mine, base / f"foreign-{lesson}", scratch, "--lesson", lesson)
        runs.append(run)
        rows.update(more)
    return rows, runs, scratch, base


def test_every_lesson_was_graded_with_exit_status_zero(graded):
    _, runs, _, _ = graded
    for run in runs:
        assert run.returncode == 0, run.stderr


# Only a jail keeps these from reading the course's files and other submissions
NEEDS_ISOLATION = ("reads-other-files",)


@pytest.mark.parametrize(("submission", "expected"), expected_cases())
def test_points_and_flags(graded, submission, expected):
    if any(name in submission for name in NEEDS_ISOLATION):
        available, reason = jail.isolation_available()
        if not available:
            pytest.skip(f"namespaces are not available here ({reason}): the grader runs "
                        "student code with limits only and says so")
    rows, _, _, _ = graded
    row = rows[submission]
    flags = [flag for flag in row["flags"].split(";") if flag]
    assert float(row["points"]) == expected["points"]
    assert float(row["max_points"]) == expected["max_points"]
    assert sorted(f for f in flags if not f.startswith("disagreement:")) == expected["flags"]
    disagreements = [f for f in flags if f.startswith("disagreement:")]
    assert bool(disagreements) == expected["disagreement"], flags


def test_every_file_has_a_row_and_feedback(corpus, graded):
    rows, _, _, base = graded
    files = corpus_files(corpus)
    assert sorted(rows) == sorted(f.relative_to(corpus).as_posix() for f in files)
    feedback = list(base.glob("*/feedback/*.md"))
    assert len(feedback) == len(files)


def test_nothing_is_left_behind(corpus, graded):
    _, _, scratch, _ = graded
    assert list(scratch.iterdir()) == []
    for folder in (ROOT, corpus, Path("/tmp")):
        assert not list(folder.rglob(CANARY)) if folder != Path("/tmp") else \
            not (folder / CANARY).exists()
    if os.geteuid() == 0:
        # the grader's jailed uids (autograde.sandbox.UID_BASE onwards)
        ps = subprocess.run(["ps", "-e", "-o", "uid="], capture_output=True, text=True)
        uids = {int(uid) for uid in ps.stdout.split()}
        assert not [uid for uid in uids if UID_BASE <= uid < UID_BASE + UID_BLOCK * UID_BLOCKS]


def test_the_maintainer_command_writes_the_corpus_to_a_new_folder(tmp_path):
    out = tmp_path / "submissions"
    assert make_submissions.main([str(out)]) == 0
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == make_submissions.corpus_files(ROOT)
    assert make_submissions.main([str(out)]) == 2, "a full folder must not be overwritten"
