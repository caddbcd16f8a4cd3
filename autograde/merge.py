"""``python -m autograde merge OUT SHARD_DIR...``: one gradebook from the shards of a class.

Each SHARD_DIR is the --out folder of a ``--shard K/N`` run (or of a whole
run). Their manifests must agree on the grader, the course, the seed, the
options and the listing of the class (autograde.shards.combine); then OUT
gets the files a single run over the class writes, rows in the same order.
Submissions graded by two shards are kept once (from the first folder
given) and listed; submissions no shard graded, and shards missing from
1..N, are listed. Exit status: 0 when every submission of the class is in
OUT exactly once, 1 after duplicates or gaps (OUT is still written), 2
when the shards cannot be merged (nothing is written).
"""

import argparse
import sys
from pathlib import Path

from autograde import lms, outputs, results, shards


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m autograde merge",
        description="Combine the --out folders of `--shard K/N` runs into one gradebook.")
    parser.add_argument("out", metavar="OUT", help="folder for the merged gradebook")
    parser.add_argument("shards", nargs="+", metavar="SHARD_DIR",
                        help="the --out folder of one shard run")
    lms.add_arguments(parser)
    return parser.parse_args(argv)


def main(argv=None):
    """Run the merge command; return its exit status (see the module docstring)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if Path(args.out).resolve() in {Path(folder).resolve() for folder in args.shards}:
        print("autograde merge: OUT must be a new folder, not one of the shards", file=sys.stderr)
        return 2
    roster, ok = lms.load_roster(args.roster)
    if not ok:
        return 2
    try:
        loaded = [(folder, shards.read_manifest(folder), results.read_results(folder))
                  for folder in args.shards]
        merged = shards.combine(loaded)
    except ValueError as error:
        print(f"autograde merge: {error}", file=sys.stderr)
        return 2
    outputs.clear(args.out)
    _, failed = outputs.publish(args.out, merged.graded, merged.manifest, roster,
                                args.lms_columns)
    problems = [f"feedback not written: {error}" for error in failed]
    problems += [f"graded by more than one shard (kept from {folders[0]}): {name} "
                f"({', '.join(folders)})" for name, folders in merged.duplicates]
    problems += [f"graded by no shard: {name}" for name in merged.gaps]
    problems += [f"no folder of shard {number}" for number in merged.missing_shards]
    for problem in problems:
        print(f"autograde merge: {problem}", file=sys.stderr)
    print(f"autograde merge: {len(merged.graded)} of {len(merged.manifest['class'])} "
          f"submission(s) from {len(loaded)} shard folder(s) into {args.out}", file=sys.stderr)
    return 1 if problems else 0
