"""Does a grader run hold up around its kernels: restarts, a neighbour run, its own reports?"""

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograde import jail, nbval_run
from autograde.grade import Exercise, Graded, Item, Row
from autograde.nbval_guard import FAULT_KILL_STARTS, KERNEL_START_ATTEMPTS
from autograde.report import write_reports
from autograde.sandbox import UID_BLOCK, WORKSPACES_PER_JOB, claim_uid_block
from tools.make_hostile import JAIL_LESSON, TARGET
from tools.make_submissions import CaseBuilder, _serialize

ROOT = Path(__file__).resolve().parent.parent

# Holds every thread RLIMIT_NPROC allows its uid for 15 s (its answer cell
# waits that long, within the cell timeout); its answer is right
THREAD_HOG = """\
import threading as _threading
import time as _time
_hog = []
try:
    while len(_hog) < 1000:
        _hog.append(_threading.Thread(target=_time.sleep, args=(15,), daemon=True))
        _hog[-1].start()
except RuntimeError:
    pass
_time.sleep(15)
"""


def _write_class(folder, names, hog=()):
    from autograde.catalog import Catalog

    builder = CaseBuilder(Catalog(ROOT), *JAIL_LESSON)
    folder.mkdir()
    for name in names:
        overrides = {TARGET: THREAD_HOG + builder.sources[TARGET]} if name in hog else None
        (folder / f"{name}.ipynb").write_bytes(_serialize(builder.notebook(overrides)))


def _grade(folder, out, env=None, *options):
    return subprocess.Popen(
        [sys.executable, "-m", "autograde", "--seed", "1", "--timeout", "30", "--out", str(out),
         *options, str(folder)], cwd=ROOT, env=dict(os.environ, **(env or {})),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _summary(out):
    with open(out / "summary.csv", encoding="utf-8", newline="") as handle:
        return {row["submission"]: row for row in csv.DictReader(handle)}


def _needs_jail():
    if not jail.isolation_available()[0]:
        pytest.skip("this kernel forbids the namespaces the jail needs")


@pytest.mark.slow
def test_a_kernel_that_dies_before_kernel_info_is_started_again(tmp_path):
    _needs_jail()
    _write_class(tmp_path / "class", ["alice"])
    run = _grade(tmp_path / "class", tmp_path / "out", {FAULT_KILL_STARTS: "1"})
    _, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stderr
    row = _summary(tmp_path / "out")["class/alice.ipynb"]
    assert row["points"] == row["max_points"] == "4", row


@pytest.mark.slow
def test_a_kernel_that_never_starts_ends_as_a_grader_error_row(tmp_path):
    _needs_jail()
    _write_class(tmp_path / "class", ["alice"])
    run = _grade(tmp_path / "class", tmp_path / "out",
                 {FAULT_KILL_STARTS: str(KERNEL_START_ATTEMPTS)})
    _, stderr = run.communicate(timeout=600)
    assert run.returncode == 1
    assert "Kernel died before replying to kernel_info" in stderr
    assert _summary(tmp_path / "out")["class/alice.ipynb"]["flags"] == "grader-error"


def test_two_runs_claim_different_uid_blocks():
    if os.geteuid() != 0:
        pytest.skip("uid blocks are claimed only by a grader running as root")
    first = claim_uid_block(2)
    other = subprocess.run(
        [sys.executable, "-c", "from autograde.sandbox import claim_uid_block as c; "
         "print(c(2))"], capture_output=True, text=True, cwd=ROOT, check=True)
    assert abs(int(other.stdout) - first) >= UID_BLOCK


def test_a_block_holds_a_uid_for_each_jobs_kernel_and_check():
    # the kernel and the out-of-kernel check of a submission run at once, each as its own uid
    with pytest.raises(RuntimeError, match=f"at most {UID_BLOCK // WORKSPACES_PER_JOB} as root"):
        claim_uid_block(UID_BLOCK // WORKSPACES_PER_JOB + 1)


@pytest.mark.slow
def test_two_grader_runs_at_once_do_not_interfere(tmp_path):
    """One run's submission holds every thread its uid may have; the other run's kernels,
    started meanwhile, must not be short of any (today both runs used the same uids)."""
    _needs_jail()
    if os.geteuid() != 0:
        pytest.skip("uids are given to submissions only by a grader running as root")
    _write_class(tmp_path / "a", ["hog", "alice"], hog={"hog"})
    _write_class(tmp_path / "b", ["bob", "carol", "dave", "erin"])
    runs = [_grade(tmp_path / "a", tmp_path / "out-a", None, "--jobs", "1")]
    # run b starts while the hog's kernel holds its threads
    time.sleep(5)
    runs.append(_grade(tmp_path / "b", tmp_path / "out-b", None, "--jobs", "1"))
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    for folder, names in (("a", ["hog", "alice"]), ("b", ["bob", "carol", "dave", "erin"])):
        summary = _summary(tmp_path / f"out-{folder}")
        assert {name: (row["points"], row["flags"]) for name, row in summary.items()} == {
            f"{folder}/{name}.ipynb": ("4", "") for name in names}


def test_feedback_that_raises_is_that_submissions_row_not_the_end_of_the_run(tmp_path):
    exercise = Exercise("forward_propagation", ["answer"], ["forward_propagation"],
                        [Item("check", "forward-check", 1.0)])
    # a status with no student message: feedback() raises KeyError for it
    broken = Graded("alice.ipynb", "01", "en", [Row("forward-check", 1.0, 1.0, "unheard-of",
                                                    "", "forward_propagation")], [], [exercise])
    fine = Graded("bob.ipynb", "01", "en", [Row("forward-check", 1.0, 1.0, "passed", "",
                                                "forward_propagation")], [], [exercise])
    errors = write_reports(tmp_path, [broken, fine])
    assert len(errors) == 1 and errors[0].startswith("alice.ipynb: feedback failed: KeyError")
    summary = _summary(tmp_path)
    assert summary["alice.ipynb"]["flags"] == "grader-error"
    assert summary["bob.ipynb"]["points"] == "1"
    with open(tmp_path / "gradebook.csv", encoding="utf-8", newline="") as handle:
        statuses = [(row["submission"], row["status"]) for row in csv.DictReader(handle)]
    assert ("alice.ipynb", "grader-error") in statuses
    assert len(list((tmp_path / "feedback").iterdir())) == 2


def test_the_grader_compares_outputs_through_the_courses_one_sanitizer():
    from nbval.plugin import get_sanitize_patterns

    assert nbval_run.SANITIZER == ROOT / "autograde" / "nbval-sanitize.cfg"
    assert not [name for name in vars(nbval_run) if "SANITIZE" in name and name != "SANITIZER"]
    patterns = get_sanitize_patterns(nbval_run.SANITIZER.read_text(encoding="utf-8"))

    def sanitized(text):
        import re

        for regex, replace in patterns:
            text = re.sub(regex, replace, text)
        return text
    # the BLAS kernels' two last digits agree; the bug and the fix do not
    assert sanitized("0.2850931567761623") == sanitized("0.2850931567761624")
    assert sanitized("0.2850931567761623") != sanitized("1.1890913024229996e-07")
