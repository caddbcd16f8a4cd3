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


def write_class(folder, catalog, lesson, language, size):
    """Write ``size`` submissions cycling through the honest cases; return their paths."""
    cases = CaseBuilder(catalog, lesson, language).build()
    names = list(HONEST_CASES) + [name for name in cases if name.startswith("mistake-")]
    paths = []
    for index in range(size):
        name = names[index % len(names)]
        path = folder / f"student{index:03d}-{name}.ipynb"
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--lesson", default="01")
    parser.add_argument("--language", default="en")
    parser.add_argument("--bare-repeats", type=int, default=3)
    parser.add_argument("--course", default=str(ROOT), help="course root with notebooks/")
    options = parser.parse_args(argv)
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    catalog = Catalog(options.course)
    load_before = os.getloadavg()[0]
    instructor = catalog.get(options.lesson, options.language).instructor_path
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        submissions = scratch / "class"
        submissions.mkdir()
        write_class(submissions, catalog, options.lesson, options.language, options.submissions)
        bare = bare_execution(instructor, options.bare_repeats)
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "autograde", "--out", str(scratch / "out"),
                              "--jobs", str(options.jobs), "--seed", "1",
                              "--course", options.course, str(submissions)],
                             cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        bare_after = bare_execution(instructor, options.bare_repeats)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        return run.returncode
    bare = statistics.median([bare, bare_after])
    load_after = os.getloadavg()[0]
    per_submission = elapsed * options.jobs / options.submissions
    print(f"lesson {options.lesson} ({options.language}), {options.submissions} submissions, "
          f"--jobs {options.jobs}, {os.cpu_count()} cores, load average {load_before:.1f} "
          f"before, {load_after:.1f} after (other work on the machine slows both columns)")
    print(f"{'measure':<44}{'value':>12}")
    print(f"{'grading wall time (s)':<44}{elapsed:>12.1f}")
    print(f"{'submissions per minute':<44}{options.submissions / elapsed * 60:>12.1f}")
    print(f"{'core-seconds per submission':<44}{per_submission:>12.2f}")
    print(f"{'bare nbclient execution of the notebook (s)':<44}{bare:>12.2f}")
    print(f"{'ratio per submission / bare execution':<44}{per_submission / bare:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
