"""Does a class graded in shards and merged give exactly the files of one run over it?

Shards are chosen by a hash of the submission id, so they must not depend
on the order of the listing, must cover the class once, and ``merge`` must
refuse shards of another seed, course or grader, and name duplicates and
gaps. The end-to-end case grades a small class of lesson 01 (made from the
grader corpus) once whole and once as shards 1/2 and 2/2, then compares
the merged files with the single run's byte for byte.
"""

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograde import shards
from tools import make_submissions

ROOT = Path(__file__).resolve().parent.parent
SEED = "4242"
CELL_TIMEOUT = "10"
# Corpus case -> student folder: one of each kind a class really hands in
CLASS = {"en/correct": "ada", "en/blank": "bora", "en/mistake-one-sided-difference": "can",
         "en/partially-correct": "deniz", "tr/edited-tests": "ece",
         "en/empty-file": "fikret", "tr/mistake-no-denominator": "gul",
         "en/metadata-removed": "hakan"}
COMPARED = ("gradebook.csv", "summary.csv", "results.json", "class-report.html")


def names(count):
    return [f"submissions/student-{i:03d}/lesson01.ipynb" for i in range(count)]


def test_a_shard_depends_on_the_submission_id_not_on_the_listing_order():
    entries = [(Path(name), name, None) for name in names(200)]
    shuffled = random.Random(1).sample(entries, len(entries))
    for number in (1, 2, 3):
        assert {e[1] for e in shards.select(entries, (number, 3))} == \
            {e[1] for e in shards.select(shuffled, (number, 3))}


def test_the_shards_cover_the_class_once_and_share_it_out():
    everyone = names(300)
    parts = [[n for n in everyone if shards.shard_of(n, 4) == k] for k in range(1, 5)]
    assert sorted(n for part in parts for n in part) == sorted(everyone)
    # a hash, not a round robin on the order: every part gets about a quarter
    assert all(50 <= len(part) <= 100 for part in parts), [len(p) for p in parts]


def test_the_shard_of_an_id_is_fixed_across_runs_and_machines():
    # values of the rule (SHA-256 of the UTF-8 id, mod N) written down once: shards
    # graded by an older grader would no longer fit together if the rule changed
    ids = ("a.ipynb", "submissions/öğrenci/01.ipynb", "submissions/ada/lesson01.ipynb")
    assert [shards.shard_of(name, 7) for name in ids] == [3, 6, 6]


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_refused_saying_what_was_expected(text):
    with pytest.raises(ValueError, match="expected K/N with 1 <= K <= N"):
        shards.parse_shard(text)


def manifest_of(**changes):
    data = {"format": 1, "grader": {"version": "0.1.0", "code": "c0de"}, "course": "c0u5e",
            "course_path": "/x", "seed": 1, "options": {"timeout": 30.0, "lesson": None},
            "shard": [1, 2], "class": ["a", "b", "c"], "graded": [], "lessons": {}}
    return dict(data, **changes)


@pytest.mark.parametrize(("field", "value", "words"), [
    ("seed", 2, "--seed"), ("course", "other", "course notebooks"),
    ("grader", {"version": "0.2.0", "code": "c0de"}, "grader version"),
    ("options", {"timeout": 10.0, "lesson": None}, "options"),
    ("class", ["a", "b"], "the submissions listed")])
def test_shards_of_different_runs_are_refused(field, value, words):
    with pytest.raises(shards.ShardMismatchError, match=words):
        shards.combine([("one", manifest_of(), []),
                        ("two", manifest_of(**{field: value}, shard=[2, 2]), [])])


def test_shards_splitting_the_class_differently_are_refused():
    with pytest.raises(shards.ShardMismatchError, match="different numbers of parts"):
        shards.combine([("one", manifest_of(), []), ("two", manifest_of(shard=[2, 3]), [])])


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "autograde", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_a_shard_without_a_seed_is_refused(tmp_path):
    run = cli("--shard", "1/2", "--out", tmp_path / "out", tmp_path)
    assert run.returncode == 2 and "--shard needs --seed" in run.stderr


def test_a_roster_goes_to_the_merge_not_to_a_shard(tmp_path):
    run = cli("--shard", "1/2", "--seed", "1", "--roster", tmp_path / "r.csv", "--out",
              tmp_path / "out", tmp_path)
    assert run.returncode == 2 and "--roster goes to `python -m autograde merge`" in run.stderr


def test_the_grader_help_points_to_merge():
    run = cli("--help")
    assert run.returncode == 0 and "python -m autograde merge OUT SHARD_DIR..." in run.stdout
    merge = cli("merge", "--help")
    assert merge.returncode == 0 and "SHARD_DIR" in merge.stdout and "--roster" in merge.stdout


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Grade the class whole and as shards 1/2 and 2/2, merge the shards; return the folders."""
    base = tmp_path_factory.mktemp("shards")
    corpus = base / "corpus"
    make_submissions.write_corpus(corpus)
    submissions = base / "submissions"
    for case, student in CLASS.items():
        (submissions / student).mkdir(parents=True)
        shutil.copy(corpus / "01" / f"{case}.ipynb", submissions / student / "lesson01.ipynb")
    roster = base / "roster.csv"
    roster.write_text("student_id,name,email,login,submission\n" + "".join(
        f"{100 + i},{student.title()},{student}@uni.edu,{student},{student}/\n"
        for i, student in enumerate(list(CLASS.values()) + ["ismail"])), encoding="utf-8")
    common = ("--seed", SEED, "--timeout", CELL_TIMEOUT, "--lesson", "01", "--jobs", "2")
    folders = {"whole": base / "whole", "1": base / "shard-1", "2": base / "shard-2"}
    done = {"whole": cli("--out", folders["whole"], *common, "--roster", roster, submissions,
                         cwd=base)}
    for number in ("1", "2"):
        done[number] = cli("--out", folders[number], *common, "--shard", f"{number}/2",
                           submissions, cwd=base)
    folders["merged"] = base / "merged"
    done["merged"] = cli("merge", folders["merged"], folders["2"], folders["1"],
                         "--roster", roster, cwd=base)
    return folders, done, base


@pytest.mark.slow
def test_every_run_and_the_merge_succeed(runs):
    _, done, _ = runs
    for name, run in done.items():
        assert run.returncode == 0, (name, run.stderr)


@pytest.mark.slow
def test_each_shard_graded_part_of_the_class(runs):
    folders, _, _ = runs
    graded = [json.loads((folders[k] / "manifest.json").read_text())["graded"] for k in "12"]
    assert graded[0] and graded[1], "both shards must hold files for this test to mean much"
    assert sorted(graded[0] + graded[1]) == sorted(
        f"submissions/{student}/lesson01.ipynb" for student in CLASS.values())


@pytest.mark.slow
@pytest.mark.parametrize("name", COMPARED + ("canvas-grades.csv", "moodle-grades.csv"))
def test_the_merged_shards_equal_the_single_run(runs, name):
    folders, _, _ = runs
    assert (folders["merged"] / name).read_bytes() == (folders["whole"] / name).read_bytes()


@pytest.mark.slow
def test_the_merged_feedback_equals_the_single_runs(runs):
    folders, _, _ = runs

    def files(folder):
        return {p.name: p.read_bytes() for p in (folder / "feedback").iterdir()}
    assert files(folders["merged"]) == files(folders["whole"])
    assert len(files(folders["whole"])) == len(CLASS)


@pytest.mark.slow
def test_a_student_without_a_submission_is_listed_by_the_merge(runs):
    _, done, _ = runs
    assert "no submission from 108 (Ismail)" in done["merged"].stderr


@pytest.mark.slow
def test_a_shard_with_another_seed_is_refused_and_nothing_is_written(runs):
    folders, _, base = runs
    forged = base / "shard-2-other-seed"
    shutil.copytree(folders["2"], forged)
    manifest = json.loads((forged / "manifest.json").read_text())
    (forged / "manifest.json").write_text(json.dumps(dict(manifest, seed=manifest["seed"] + 1)))
    run = cli("merge", base / "refused", folders["1"], forged)
    assert run.returncode == 2 and "differ in --seed" in run.stderr
    assert not (base / "refused").exists()


@pytest.mark.slow
def test_duplicates_and_gaps_are_reported(runs):
    folders, _, base = runs
    run = cli("merge", base / "only-one", folders["1"], folders["1"])
    assert run.returncode == 1
    one = json.loads((folders["1"] / "manifest.json").read_text())["graded"]
    two = json.loads((folders["2"] / "manifest.json").read_text())["graded"]
    assert f"graded by more than one shard (kept from {folders['1']}): {one[0]}" in run.stderr
    assert all(f"graded by no shard: {name}" in run.stderr for name in two)
    assert "no folder of shard 2" in run.stderr
    rows = (base / "only-one" / "summary.csv").read_text().splitlines()
    assert len(rows) == 1 + len(one)


@pytest.mark.slow
def test_merge_refuses_a_folder_that_is_no_run(runs, tmp_path):
    folders, _, _ = runs
    run = cli("merge", tmp_path / "out", folders["1"], tmp_path)
    assert run.returncode == 2 and "manifest.json: cannot read it" in run.stderr
