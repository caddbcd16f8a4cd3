"""``python -m autograde --out OUTDIR PATH...``: grade submitted notebooks.

Each PATH is a submitted file or a folder of them (searched recursively;
hidden files and folders such as .ipynb_checkpoints are skipped and
counted). Every file gets a row in OUTDIR/gradebook.csv and
OUTDIR/summary.csv, and feedback in OUTDIR/feedback/; OUTDIR also gets
class-report.html, manifest.json and results.json, and with ``--roster``
the Canvas and Moodle exports (see autograde.outputs). ``--shard K/N``
grades one part of the class; ``python -m autograde merge OUT DIR...``
combines the parts (autograde.merge). Exit status 0 when every submission
was graded, whatever the scores; 1 when the grader itself failed on some
submission; 2 when it could not start.
"""

import argparse
import os
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Before numpy is imported: the grader needs no BLAS threads, and a process
# with threads cannot enter the user namespace of its private mounts
# (autograde.jail.private_mounts, without root)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from autograde import lms, outputs, shards  # noqa: E402
from autograde.catalog import Catalog  # noqa: E402
from autograde.course import CourseNotFoundError, find_course  # noqa: E402
from autograde.grade import (  # noqa: E402
    Graded,
    GraderError,
    Options,
    References,
    Row,
    exercises_of,
    grade_submission,
)
from autograde.sandbox import Sandbox  # noqa: E402


def collect(paths):
    """Return ([(file, submission name, root)], number of hidden files skipped) for PATH args.

    Folders are walked without following symbolic links; every entry that is
    not a folder (links, FIFOs, sockets included) is listed, so that the
    grader reports it as a row instead of skipping it silently. ``root`` is
    the folder argument a file was found in (None for a file argument).
    """
    found, skipped = [], 0
    for argument in paths:
        path = Path(argument)
        if path.is_dir() and not path.is_symlink():
            for folder, folders, files in os.walk(path):
                entries = files + [name for name in folders if (Path(folder) / name).is_symlink()]
                folders.sort()
                for entry in sorted(entries):
                    relative = (Path(folder) / entry).relative_to(path)
                    if any(part.startswith(".") for part in relative.parts):
                        skipped += 1
                        continue
                    found.append((path / relative, str(Path(path.name) / relative), path))
        else:
            found.append((path, path.name, None))
    names = {}
    for _, name, _ in found:
        names[name] = names.get(name, 0) + 1
    return [(file, name if names[name] == 1 else str(file), root)
            for file, name, root in found], skipped


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m autograde",
        description="Grade submitted lesson notebooks with nbval and an out-of-kernel check.",
        epilog="`python -m autograde merge OUT SHARD_DIR...` combines the --out folders of "
               "--shard runs into one gradebook (see `python -m autograde merge --help`).")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a submitted notebook or a folder of them")
    parser.add_argument("--out", required=True, help="folder for gradebook.csv, summary.csv, "
                        "feedback/")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="submissions graded at once (default: the number of cores)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds a single cell (or function call) may run (default 30)")
    parser.add_argument("--lesson", help="grade every file as this lesson (e.g. 01); "
                        "a notebook of another lesson is reported as wrong-lesson")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the out-of-kernel inputs (default: random, printed)")
    parser.add_argument("--course", default=None,
                        help="the course checkout holding notebooks/solutions/ (default: the "
                        "checkout the grader runs from, else the current folder)")
    lms.add_arguments(parser)
    parser.add_argument("--shard", default=None, metavar="K/N",
                        help="grade only part K of N of the files (needs --seed); combine "
                        "the parts with `python -m autograde merge`")
    options = parser.parse_args(argv)
    if options.jobs < 1 or options.timeout <= 0:
        parser.error("--jobs and --timeout must be positive")
    if options.shard is not None:
        try:
            options.shard = shards.parse_shard(options.shard)
        except ValueError as error:
            parser.error(str(error))
        if options.seed is None:
            parser.error("--shard needs --seed: every shard must draw the same inputs")
        if options.roster is not None:
            parser.error("--roster goes to `python -m autograde merge`, which sees the whole "
                         "class; a shard would list most students as missing")
    if options.lesson is not None:
        options.lesson = options.lesson.zfill(2)
    return options


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["merge"]:
        from autograde.merge import main as merge_main

        return merge_main(argv[1:])
    args = parse_args(argv)
    roster, ok = lms.load_roster(args.roster)
    if not ok:
        return 2
    try:
        catalog = Catalog(find_course(args.course))
    except CourseNotFoundError as error:
        print(f"autograde: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"autograde: cannot load the course's notebooks: {error}", file=sys.stderr)
        return 2
    if args.lesson is not None and args.lesson not in catalog.lesson_ids():
        print(f"autograde: no lesson {args.lesson}; the course has "
              f"{', '.join(catalog.lesson_ids())}", file=sys.stderr)
        return 2
    listed, skipped = collect(args.paths)
    missing = [str(file) for file, _, root in listed if root is None and not file.exists()
               and not file.is_symlink()]
    if missing:
        print(f"autograde: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    files = shards.select(listed, args.shard)
    # an older summary.csv must not look like this run's if this run fails
    outputs.clear(args.out)
    seed = args.seed if args.seed is not None else secrets.randbits(32)
    try:
        sandbox = Sandbox.detect(args.jobs)
    except RuntimeError as error:  # no uid block free (another run holds each)
        print(f"autograde: cannot start: {error}", file=sys.stderr)
        return 2
    if sandbox.warning:
        print(f"autograde: warning: {sandbox.warning}", file=sys.stderr)
    options = Options(cell_timeout=args.timeout, lesson=args.lesson, seed=seed)
    references = References(catalog, sandbox, options)
    errors = []
    started = time.monotonic()

    def grade(entry):
        file, name, root = entry
        try:
            return grade_submission(file, name, catalog, sandbox, references, options, root)
        except GraderError as error:
            errors.append(str(error))
            detail = str(error)
        except Exception as error:  # noqa: BLE001 - report and go on with the class
            errors.append(f"{name}: {type(error).__name__}: {error}")
            detail = f"{type(error).__name__}: {error}"
        return Graded(name, rows=[Row("-", 0.0, 0.0, "grader-error", detail)],
                      flags=["grader-error"])

    sandbox.start_servers()
    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            graded = list(pool.map(grade, files))
    finally:
        sandbox.close()
    manifest = shards.manifest(
        catalog=catalog, exercises_of=exercises_of, seed=seed,
        options={"timeout": args.timeout, "lesson": args.lesson}, shard=args.shard,
        class_names=[name for _, name, _ in listed], graded_names=[g.submission for g in graded])
    _, failed = outputs.publish(args.out, graded, manifest, roster, args.lms_columns)
    errors += failed
    elapsed = time.monotonic() - started
    part = f" (shard {args.shard[0]}/{args.shard[1]} of {len(listed)})" if args.shard else ""
    print(f"autograde: {len(graded)} submission(s){part} in {elapsed:.1f} s, seed {seed}; "
          f"reports in {args.out}" + (f"; {skipped} hidden file(s) skipped" if skipped else ""),
          file=sys.stderr)
    if errors:
        print("autograde: the grader failed on some submissions (rows marked grader-error):",
              file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
