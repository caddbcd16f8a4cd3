"""The grader reports every input-level attack of tools/make_hostile as its own row.

Graded with ``python -m autograde --jobs 2`` like a class, with the grader
as root and as an unprivileged user (a fresh user namespace, as in
tests/test_jail.py); one honest submission is graded beside them and keeps
its full marks.
"""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from grader_modes import MODES, grader_prefix

from autograde.report import csv_cell
from tools.make_hostile import LESSON, write_hostile

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("mode", MODES)
def test_every_hostile_input_is_its_own_row_and_the_honest_one_keeps_its_points(mode, tmp_path):
    prefix = grader_prefix(mode)
    submissions = tmp_path / "class"
    submissions.mkdir()
    expected, sockets = write_hostile(submissions)
    shutil.copy(LESSON, submissions / "honest.ipynb")
    (submissions / "out").mkdir()
    (submissions / "out" / "summary.csv").write_text("stale")
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.csv").write_text("submission\nstale-from-last-week\n")
    try:
        before = set(os.listdir(submissions))
        run = subprocess.run([*prefix, sys.executable, "-m", "autograde", "--jobs", "2",
                              "--seed", "1", "--out", str(out), str(submissions)],
                             capture_output=True, text=True, cwd=ROOT, timeout=600)
    finally:
        for held in sockets:
            held.close()
    assert run.returncode == 0, run.stderr
    assert set(os.listdir(submissions)) == before
    with open(out / "summary.csv", encoding="utf-8", newline="") as handle:
        summary = {row["submission"]: row for row in csv.DictReader(handle)}
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        statuses = {}
        for row in csv.DictReader(handle):
            statuses.setdefault(row["submission"], set()).add(row["status"])
    assert "stale-from-last-week" not in summary
    for relative, status in expected.items():
        name = csv_cell(os.fsdecode(os.path.join(b"class", relative)))
        assert statuses.get(name) == {status}, (relative, statuses.get(name))
        assert summary[name]["points"] == "0"
    assert summary["class/honest.ipynb"]["points"] == summary["class/honest.ipynb"]["max_points"]
    assert summary["class/out/summary.csv"]["flags"] == "not-a-notebook"
    feedback = list((out / "feedback").iterdir())
    assert len(feedback) == len(summary) == len(expected) + 2
    assert all(len(path.name.encode()) <= 255 for path in feedback)
    for path in feedback:
        assert "<script>" not in path.read_text(encoding="utf-8").split("`")[0]
