"""How fast does the autograder grade a class? ``python benchmarks/grading.py``.

Generates a class of submissions of one lesson from the built notebooks
(the honest cases of the grader's corpus in turn: correct, blank, partly
correct, each common mistake), grades them with ``python -m autograde
--jobs N``, and executes the same lesson notebook with nbclient (a kernel
start plus every cell, no grading) a few times in the same run as the
baseline. Prints:

- submissions per minute (wall clock, all jobs together);
- the cost of one submission in core-seconds (wall time x jobs / class
  size) and its ratio to the bare nbclient execution.

The grader's own per-submission work on top of nbval's: one pytest
process, the kernel started in a jail, the out-of-kernel check (a second,
kernel-less process) and the rebuild.

``--lessons 01,03 --correct-only --submissions 20`` grades 20 correct
submissions of each lesson in one class; ``--baseline DIR`` also grades the
same class with the grader of another checkout (see benchmarks/README.md),
in the same run, and prints the ratio of the two.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from autograde.catalog import Catalog  # noqa: E402
from tools.make_submissions import CaseBuilder, _serialize  # noqa: E402

HONEST_CASES = ("correct", "correct", "correct", "partially-correct", "blank")


def write_class(folder, catalog, lesson, language, size, correct_only=False):
    """Write ``size`` submissions cycling through the honest cases; return their paths."""
    cases = CaseBuilder(catalog, lesson, language).build()
    names = ["correct"] if correct_only else (
        list(HONEST_CASES) + [name for name in cases if name.startswith("mistake-")])
    paths = []
    for index in range(size):
        name = names[index % len(names)]
        path = folder / f"{lesson}-student{index:03d}-{name}.ipynb"
        path.write_bytes(_serialize(cases[name][0]))
        paths.append(path)
    return paths


def bare_execution(notebook_path, repeats):
    """Median seconds to execute the notebook with nbclient (kernel start included)."""
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeats):
            notebook = nbformat.read(notebook_path, as_version=4)
            started = time.perf_counter()
            NotebookClient(notebook, timeout=120, kernel_name="python3",
                           resources={"metadata": {"path": folder}}).execute()
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def grade_class(tree, submissions, out, jobs, course):
    """Grade ``submissions`` with the grader of the checkout ``tree``; return (seconds, run)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "autograde", "--out", str(out),
                          "--jobs", str(jobs), "--seed", "1", "--course", course,
                          str(submissions)], cwd=tree, env=env, capture_output=True, text=True)
    return time.perf_counter() - started, run


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100, help="per lesson")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--lessons", default="01", help="comma-separated lesson ids")
    parser.add_argument("--language", default="en")
    parser.add_argument("--correct-only", action="store_true",
                        help="only correct submissions (default: every honest case in turn)")
    parser.add_argument("--bare-repeats", type=int, default=3)
    parser.add_argument("--course", default=str(ROOT), help="course root with notebooks/")
    parser.add_argument("--baseline", default=None, metavar="DIR",
                        help="also grade the class with the grader of this checkout")
    options = parser.parse_args(argv)
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    catalog = Catalog(options.course)
    lessons = options.lessons.split(",")
    load_before = os.getloadavg()[0]
    instructor = catalog.get(lessons[0], options.language).instructor_path
    trees = [("this checkout", ROOT)] + (
        [("baseline " + options.baseline, Path(options.baseline).resolve())]
        if options.baseline else [])
    times = {}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        submissions = scratch / "class"
        submissions.mkdir()
        for lesson in lessons:
            write_class(submissions, catalog, lesson, options.language, options.submissions,
                        options.correct_only)
        size = options.submissions * len(lessons)
        bare = bare_execution(instructor, options.bare_repeats)
        # this checkout, baseline, baseline, this checkout: a drift of the
        # machine's load hits both alike
        for label, tree in trees + trees[::-1]:
            elapsed, run = grade_class(tree, submissions, scratch / "out", options.jobs,
                                       options.course)
            if run.returncode != 0:
                print(run.stderr, file=sys.stderr)
                return run.returncode
            times.setdefault(label, []).append(elapsed)
        bare_after = bare_execution(instructor, options.bare_repeats)
    bare = statistics.median([bare, bare_after])
    load_after = os.getloadavg()[0]
    print(f"lessons {options.lessons} ({options.language}), {size} submissions, "
          f"--jobs {options.jobs}, {os.cpu_count()} cores, load average {load_before:.1f} "
          f"before, {load_after:.1f} after (other work on the machine slows both columns)")
    print(f"{'grader':<44}{'wall (s)':>10}{'subm./min':>11}{'core-s/subm.':>14}"
          f"{'/ bare':>8}")
    for label, elapsed in times.items():
        best = min(elapsed)
        per_submission = best * options.jobs / size
        print(f"{label[:43]:<44}{best:>10.1f}{size / best * 60:>11.1f}"
              f"{per_submission:>14.2f}{per_submission / bare:>8.2f}")
    print(f"bare nbclient execution of lesson {lessons[0]}'s notebook: {bare:.2f} s")
    if options.baseline:
        mine, base = (min(times[label]) for label, _ in trees)
        print(f"throughput of this checkout / baseline: {base / mine:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
