"""A run's grades as data: ``results.json``, which ``merge`` reads back.

The CSV files and the feedback are written from ``Graded`` objects; so
that merged shards give exactly the files of a single run, each run also
saves those objects (JSON, unsanitized: JSON quotes every string) and
``merge`` rebuilds them and writes the reports with the same code.
"""

import dataclasses
import json
from pathlib import Path

from autograde.grade import Exercise, Graded, Item, Row
from autograde.item_tests import ItemTestNames
from autograde.report import write_atomically

RESULTS_FILE = "results.json"
FORMAT = 1


def to_json(graded_list):
    """Return the JSON text of a list of Graded (see graded_from), ASCII only.

    A submission's name or output may hold lone surrogates (a file name that
    is not UTF-8): ASCII escapes carry them through JSON unchanged, and
    the reports sanitize them where a person reads them.
    """
    return json.dumps({"format": FORMAT, "graded": [dataclasses.asdict(graded)
                                                    for graded in graded_list]},
                      ensure_ascii=True, indent=1) + "\n"


def graded_from(data):
    """Return the Graded described by one entry of to_json's ``graded`` list."""
    exercises = [Exercise(e["name"], list(e["solution_ids"]), list(e["functions"]),
                          [Item(i["cell_id"], i["grade_id"], i["points"],
                                ItemTestNames(tuple(i["tests"]["visible"]),
                                          tuple(i["tests"]["hidden"])))
                           for i in e["items"]])
                 for e in data["exercises"]]
    rows = [Row(**dict(r, tests=[tuple(test) for test in r["tests"]],
                       mistakes=list(r["mistakes"]))) for r in data["rows"]]
    return Graded(data["submission"], data["lesson"], data["language"], rows,
                  list(data["flags"]), exercises)


def write_results(outdir, graded_list):
    """Write ``outdir/results.json`` (atomically)."""
    write_atomically(Path(outdir) / RESULTS_FILE, to_json(graded_list))


def read_results(outdir):
    """Return the Graded list saved in ``outdir/results.json``.

    Raises:
        ValueError: the file is missing, not this format, or malformed
            (the message names the file).
    """
    path = Path(outdir) / RESULTS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        return [graded_from(entry) for entry in data["graded"]]
    except OSError as error:
        raise ValueError(f"{path}: cannot read it ({error.strerror}); is this the --out "
                         "folder of a grader run?") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"{path}: not a results file of this grader ({error})") from None
