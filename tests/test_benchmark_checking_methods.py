"""Does the checking-methods benchmark run end to end, and say what it scaled or skipped?

Timings themselves are never asserted: only that the table and the CSV
are complete and honest about sampled and missing measurements.
"""

import csv
import importlib.util
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def benchmark(monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "checking_methods", ROOT / "benchmarks" / "checking_methods.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Two small networks; the second is "large", so its loop runs on a sample
    monkeypatch.setattr(module, "NETWORKS", [("course 4-5-3-1", (4, 5, 3, 1), 3),
                                             ("6-8-1", (6, 8, 1), 4)])
    monkeypatch.setattr(module, "LOOP_FULL_UP_TO", 60)
    monkeypatch.setattr(module, "LOOP_SAMPLE", 10)
    monkeypatch.setattr(module, "MIN_TOTAL_SECONDS", 0.0)
    return module


def test_one_run_prints_every_method_and_saves_the_csv(benchmark, tmp_path, capsys):
    saved = tmp_path / "timings.csv"
    benchmark.main(["--no-torch", "--save", str(saved)])
    out = capsys.readouterr().out
    for header in ("course loop", "vectorized", "random dir.", "sampled 3/block",
                   "complex step", "Taylor test", "cheap-first", "cheap-first, bugs",
                   "2 forward passes"):
        assert header in out
    assert "torch" in out and "--no-torch" in out
    assert "Every check passed the correct gradient." in out
    assert "it named W2 and b1, and only them, on every network." in out
    table_row = next(line for line in out.splitlines()
                     if line.strip().startswith("6-8-1") and " s (" in line)
    assert "~" in table_row
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert {row["method"] for row in rows} == {"loop", "vectorized", "random_direction",
                                               "sampled", "complex_step", "taylor",
                                               "cheap_first", "cheap_first_buggy",
                                               "two_forward"}
    assert {row["n"] for row in rows} == {"47", "65"}
    assert [row["note"] for row in rows if row["method"] == "loop"] == ["", "~"]


def fresh_rows(goals):
    """Parse the fresh-process table: (network, m, ratio, verdict) for each row."""
    rows = []
    for line in goals.splitlines():
        if not line.rstrip().endswith("met") or "forward passes" in line:
            continue
        verdict = "NOT met" if line.rstrip().endswith("NOT met") else "met"
        cells = line.rstrip()[:-len(verdict)].split()
        # network…, m, time "ms", faults, time "ms", faults, ratio
        assert cells[-6] == cells[-3] == "ms"
        assert float(cells[-5]) >= 0 and float(cells[-2]) >= 0
        rows.append((" ".join(cells[:-8]), cells[-8], cells[-1], verdict))
    return rows


def test_one_run_prints_issue_14s_goals_with_fresh_process_faults(benchmark, capsys):
    benchmark.main(["--no-torch"])
    goals = capsys.readouterr().out.split("Goals of issue 14:")[1].split("Goals of issue 10:")[0]
    # Both networks have fewer than 10,000 parameters: the full-check goals say so
    assert goals.count("no network with") == 2
    rows = fresh_rows(goals)
    # Every network with m = 3 and with m = 16, each measured in its own process
    assert [row[:2] for row in rows] == [("course 4-5-3-1", "3"), ("course 4-5-3-1", "16"),
                                         ("6-8-1", "3"), ("6-8-1", "16")]
    for _, _, ratio, verdict in rows:
        assert verdict == ("met" if float(ratio.rstrip("x")) <= 3 else "NOT met")


def test_the_full_check_goals_report_the_ratio_and_peak_memory(benchmark, monkeypatch,
                                                                capsys):
    monkeypatch.setattr(benchmark, "NETWORKS", [("32-24-8-1", (32, 24, 8, 1), 16)])
    monkeypatch.setattr(benchmark, "FULL_CHECK_GOALS", {1_000: 55})
    monkeypatch.setattr(benchmark, "FRESH_BATCHES", (3,))
    benchmark.main(["--no-torch"])
    goals = capsys.readouterr().out.split("Goals of issue 14:")[1]
    line = next(line for line in goals.splitlines() if "vectorized full check" in line)
    assert "n = 1,001" in line and "(goal >= 55x)" in line and "loop scaled" in line
    peak = float(line.split("peak memory ")[1].split(" MiB")[0])
    # More than nothing; less than the 4 MB one chunk of perturbed passes took before
    assert 0 < peak < 4


def test_one_run_prints_issue_10s_goals(benchmark, monkeypatch, capsys):
    """Are cheap-first's ratio to two forward passes and its share of the loop on the
    seeded bugs printed with the rule each was judged by?"""
    monkeypatch.setattr(benchmark, "FRESH_BATCHES", (3,))
    monkeypatch.setattr(benchmark, "CHEAP_FIRST_AT", 60)
    benchmark.main(["--no-torch"])
    goals = capsys.readouterr().out.split("Goals of issue 10:")[1]
    assert "(goal <= 3x)" in goals
    rows = []
    for line in goals.splitlines():
        if " ms " not in line:
            continue
        verdict = "NOT met" if line.rstrip().endswith("NOT met") else "met"
        # network…, m, time "ms", time "ms", ratio
        cells = line.rstrip()[:-len(verdict)].split()
        assert cells[-4] == cells[-2] == "ms"
        rows.append((" ".join(cells[:-6]), cells[-6], float(cells[-1].rstrip("x")), verdict))
    assert [row[:2] for row in rows] == [("course 4-5-3-1", "3"), ("6-8-1", "3")]
    for _, _, ratio, verdict in rows:
        assert verdict == ("met" if ratio <= 3 else "NOT met")
    line = next(line for line in goals.splitlines() if "on the seeded bugs" in line)
    # The loop of the 65-parameter network ran on a sample (LOOP_FULL_UP_TO = 60)
    assert "n = 65" in line and "named W2 and b1" in line and "loop scaled" in line
    share = float(line.split(" % of the loop")[0].split(", ")[-1])
    assert line.endswith("NOT met") == (share >= 5)


def test_cheap_first_on_the_bugs_counts_only_when_it_names_their_blocks(benchmark):
    """Does the buggy row's verdict need exactly W2 and b1 blamed?"""
    from gc_utils import cheap_first_check
    from testCases import random_objective, seeded_bug_gradient

    objective, theta = random_objective((6, 8, 5, 1), m=4)
    grad = objective.gradient(theta)
    assert benchmark.names_seeded_bugs(
        cheap_first_check(objective, theta, seeded_bug_gradient(objective, theta)))
    assert not benchmark.names_seeded_bugs(cheap_first_check(objective, theta, grad))
    only_w2 = grad.copy()
    only_w2[np.array(objective.keys) == "W2"] *= 2
    assert not benchmark.names_seeded_bugs(cheap_first_check(objective, theta, only_w2))


def test_a_fresh_probe_runs_in_its_own_numpy_only_process(benchmark):
    import matplotlib  # noqa: F401  (this process now has more than NumPy)

    for method in ("random_direction", "cheap_first", "two_forward"):
        probe = benchmark.time_in_fresh_process((4, 5, 3, 1), 3, method)
        assert probe["n"] == 47 and probe["seconds"] > 0
        assert probe["numpy_only"] is True
        assert probe["faults"] >= 0 and probe["first_faults"] >= 0


def test_a_missing_torch_is_reported_not_fatal(benchmark, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_torch(name, *args, **kwargs):
        if name == "torch":
            raise ImportError("No module named 'torch'", name="torch")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    torch, note = benchmark.load_torch()
    assert torch is None and "not installed" in note


def test_a_failing_probe_says_why(benchmark):
    with pytest.raises(RuntimeError, match="KeyError: 'no_such_method'"):
        benchmark.time_in_fresh_process((4, 5, 3, 1), 3, "no_such_method")
