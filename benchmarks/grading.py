"""How fast does the autograder grade a class? ``python benchmarks/grading.py``.

For every lesson (01, 02 and 03 by default) it generates a class of
submissions from the built notebooks (the honest cases of the grader's
corpus in turn: correct, blank, partly correct, each common mistake),
grades them with ``python -m autograde --jobs N`` (2 by default), and
executes the same lesson's instructor notebook with nbclient (a kernel
start plus every cell, no grading) a few times in the same run as the
baseline. Prints a row per lesson:

- submissions per minute (wall clock, all jobs together);
- the cost of one submission in core-seconds (wall time x jobs / class
  size) and its ratio to the bare nbclient execution of that lesson.

The grader's own per-submission work on top of nbval's: one pytest
process, the kernel started in a jail, the out-of-kernel check (a second,
kernel-less process) and the rebuild.

``--lessons 01,03 --correct-only --submissions 20`` grades 20 correct
submissions of each of the two lessons; ``--baseline DIR`` also grades the
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


def measure_lesson(lesson, catalog, options, trees, scratch):
    """Grade one lesson's class with each grader in ``trees``; return (times, bare seconds).

    The bare nbclient runs of the lesson's instructor notebook come before
    and after the graders' runs, and the graders run in the order A B B A,
    so a drift of the machine's load hits every column alike.
    """
    submissions = scratch / f"class-{lesson}"
    submissions.mkdir()
    write_class(submissions, catalog, lesson, options.language, options.submissions,
                options.correct_only)
    instructor = catalog.get(lesson, options.language).instructor_path
    bare = [bare_execution(instructor, options.bare_repeats)]
    times = {}
    for label, tree in trees + trees[::-1]:
        elapsed, run = grade_class(tree, submissions, scratch / f"out-{lesson}", options.jobs,
                                   options.course)
        if run.returncode != 0:
            raise RuntimeError(f"the grader of {tree} failed on lesson {lesson}:\n{run.stderr}")
        times.setdefault(label, []).append(elapsed)
    bare.append(bare_execution(instructor, options.bare_repeats))
    return times, statistics.median(bare)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=60, help="per lesson")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--lessons", default="01,02,03", help="comma-separated lesson ids")
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
    trees = [("this checkout", ROOT)] + (
        [("baseline", Path(options.baseline).resolve())] if options.baseline else [])
    load_before = os.getloadavg()[0]
    print(f"{options.submissions} submissions per lesson ({options.language}), "
          f"--jobs {options.jobs}, {os.cpu_count()} cores"
          + (f"; baseline: {trees[1][1]}" if options.baseline else ""))
    print(f"{'lesson':<8}{'grader':<16}{'wall (s)':>10}{'subm./min':>11}{'core-s/subm.':>14}"
          f"{'bare (s)':>10}{'/ bare':>8}")
    with tempfile.TemporaryDirectory() as scratch:
        for lesson in options.lessons.split(","):
            times, bare = measure_lesson(lesson, catalog, options, trees, Path(scratch))
            for label, elapsed in times.items():
                best = min(elapsed)
                per_submission = best * options.jobs / options.submissions
                print(f"{lesson:<8}{label:<16}{best:>10.1f}"
                      f"{options.submissions / best * 60:>11.1f}{per_submission:>14.2f}"
                      f"{bare:>10.2f}{per_submission / bare:>8.2f}", flush=True)
            if options.baseline:
                mine, base = (min(times[label]) for label, _ in trees)
                print(f"{lesson:<8}throughput of this checkout / baseline: {base / mine:.2f}")
    print(f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
          "(other work on the machine slows every column)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
