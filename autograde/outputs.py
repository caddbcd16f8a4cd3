"""Everything a run (or a merge) writes into its --out folder, in one place.

``publish`` writes, from the Graded list and the manifest: results.json and
manifest.json (what ``merge`` reads), the Canvas and Moodle exports when a
roster is given, class-report.html, then the feedback and the CSV files of
autograde.report, summary.csv last. ``clear`` removes an earlier run's files
first, so that none of them can pass for this run's if it fails.
"""

import sys
from pathlib import Path

from autograde import class_report, lms, results, shards
from autograde.item_tests import hint_catalogue
from autograde.report import clear_reports, write_reports

RUN_FILES = (results.RESULTS_FILE, shards.MANIFEST_FILE, class_report.REPORT_FILE,
             lms.CANVAS_FILE, lms.MOODLE_FILE)


def clear(outdir):
    """Remove an earlier run's reports, results, manifest, exports and class report."""
    clear_reports(outdir)
    for name in RUN_FILES:
        Path(outdir, name).unlink(missing_ok=True)


def publish(outdir, graded_list, manifest, roster=None, lms_columns="lesson"):
    """Write every output of a run into ``outdir``; return (roster lines or None, errors).

    Args:
        outdir: the --out folder (created when missing).
        graded_list: Graded submissions in gradebook order.
        manifest: shards.manifest(...) of the run (or of the merged shards).
        roster: lms.read_roster(...) students, or None.
        lms_columns: "lesson" or "exercise" (see lms.columns).

    The roster lines (unmatched files, students without a submission,
    cells left blank) are also printed on stderr. The errors (str) name the
    submissions whose feedback could not be written: each has a
    ``grader-error`` row in the CSV files instead (see write_reports).
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    results.write_results(outdir, graded_list)
    shards.write_manifest(outdir, manifest)
    lines = None
    if roster is not None:
        matching = lms.write_exports(outdir, roster, graded_list, manifest["lessons"],
                                     lms_columns, manifest["options"].get("lesson"))
        lines = lms.roster_lines(matching)
        for line in lines:
            print(f"autograde: roster: {line}", file=sys.stderr)
    class_report.write_class_report(outdir, graded_list, manifest, hint_catalogue(), lines)
    errors = write_reports(outdir, graded_list)
    return lines, errors
