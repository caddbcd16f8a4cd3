"""Print the corpus counts per lesson and language: ``python -m tests.mutations``.

Options: lesson ids to restrict the run (``python -m tests.mutations 01 02``),
``-v`` to list every mutation that is not failing-and-named (or not passing).
"""

import sys

from .engine import corpus, count

COLUMNS = ("mistakes", "failing", "named_correctly", "named_wrongly", "harmless",
           "harmless_passing", "errors")


def main(argv):
    """Run the corpus and print one row per (lesson, language); return the exit status."""
    verbose = "-v" in argv
    lessons = [arg for arg in argv if not arg.startswith("-")]
    mutations = [m for m in corpus() if not lessons or m.lesson in lessons]
    counts, verdicts, errors = count(mutations)
    print(f"{'lesson':<7}{'lang':<5}" + "".join(f"{name:>18}" for name in COLUMNS))
    total = dict.fromkeys(COLUMNS, 0)
    for (lesson, language), entry in sorted(counts.items()):
        row = [getattr(entry, name) for name in COLUMNS]
        for name, value in zip(COLUMNS, row, strict=True):
            total[name] += value
        print(f"{lesson:<7}{language:<5}" + "".join(f"{value:>18}" for value in row))
    print(f"{'all':<12}" + "".join(f"{total[name]:>18}" for name in COLUMNS))
    if total["mistakes"]:
        share = total["named_correctly"] / total["mistakes"]
        print(f"named correctly: {share:.1%} of the planted mistakes")
    for error in errors:
        print(f"ERROR {error}")
    if verbose:
        for verdict in verdicts:
            mutation = verdict.mutation
            good = (verdict.passed if mutation.harmless
                    else verdict.named_correctly and not verdict.wrongly_named)
            if not good:
                print(f"\n{mutation.label} [{verdict.language}] expected "
                      f"{mutation.expected_kind}, got {verdict.kinds}\n{verdict.text}")
    clean = (not errors and total["failing"] == total["mistakes"]
             and not total["named_wrongly"] and total["harmless_passing"] == total["harmless"])
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
