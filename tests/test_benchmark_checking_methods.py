"""Does the checking-methods benchmark run end to end, and say what it scaled or skipped?

Timings themselves are never asserted: only that the table and the CSV
are complete and honest about sampled and missing measurements.
"""

import csv
import importlib.util
from pathlib import Path

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
                   "complex step", "2 forward passes"):
        assert header in out
    assert "torch" in out and "--no-torch" in out
    assert "Every check passed the correct gradient." in out
    table_row = next(line for line in out.splitlines()
                     if line.strip().startswith("6-8-1") and " s (" in line)
    assert "~" in table_row
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert {row["method"] for row in rows} == {"loop", "vectorized", "random_direction",
                                               "sampled", "complex_step", "two_forward"}
    assert {row["n"] for row in rows} == {"47", "65"}
    assert [row["note"] for row in rows if row["method"] == "loop"] == ["", "~"]


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
