"""How long does each gradient-checking method take, from 47 to 115,201 parameters?

Run from the repository root (see benchmarks/README.md):

    python benchmarks/checking_methods.py
    python benchmarks/checking_methods.py --save benchmarks/results/checking_methods.csv

One run prints a table: the time of each method of ``gc_checking.fast_checks``,
the Taylor test (``gc_checking.taylor``) and the cheap-first workflow
(``gc_checking.workflow``, on the correct gradient and on one with lesson
02's seeded bugs) on four LINEAR→RELU→…→SIGMOID networks, as a speed-up
over the course's loop measured in the same run. On the largest network the loop is timed on
an evenly spread sample of coordinates and scaled to all of them (marked
``~``). When PyTorch is importable, ``torch.autograd.gradcheck`` (slow
and fast mode) runs on the same network in float64; otherwise those
columns say why they are empty. ``--save`` writes the numbers as CSV,
which ``tools/figures/lesson03.py`` plots for lesson 03.

Then it prints the goals of issue 14: the full (vectorized) check against
the loop with the check's peak memory, and the random-direction check
against two forward passes with m = 3 and m = 16 examples on every
network, each of those measured alone in a fresh NumPy-only process, as
in a student's kernel, with its minor page faults per call. Last, the
goals of issue 10: the cheap-first workflow on the correct gradient
against two forward passes (fresh processes, as above), and on the buggy
one, at 10,049 parameters, against the loop, with the blocks it named.
"""

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path

# One thread for every library, set before NumPy loads its BLAS: on a
# shared machine a second BLAS thread waits on a busy core and turns a
# 1 ms product into a 12 ms one, at random. Single-threaded times are
# steady and compare the methods, not the thread scheduler.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gc_utils import (  # noqa: E402
    NetworkObjective,
    cheap_first_check,
    complex_step_check,
    loop_check,
    random_direction_check,
    sampled_check,
    taylor_test,
    vectorized_check,
)
from testCases import (  # noqa: E402
    gradient_check_n_test_case,
    random_objective,
    seeded_bug_gradient,
)

# (label, layer sizes, examples m); the first is the course's fraud net on its data
NETWORKS = [
    ("course 4-5-3-1", (4, 5, 3, 1), 3),
    ("32-24-8-1", (32, 24, 8, 1), 16),
    ("100-80-24-1", (100, 80, 24, 1), 16),
    ("320-256-128-1", (320, 256, 128, 1), 16),
]
# Above this many parameters the loop runs on a sample and is scaled up
LOOP_FULL_UP_TO = 20_000
LOOP_SAMPLE = 2_000
# torch's slow gradcheck perturbs every input in Python, like the loop;
# above this it would take minutes, so it is skipped (said in the table)
TORCH_SLOW_UP_TO = 20_000
# Issue 14: the full check >= these many times the loop, on the smallest
# network with at least 10,000 and 100,000 parameters (10,049 and 115,201)
FULL_CHECK_GOALS = {10_000: 55, 100_000: 50}
# Issue 14: the random-direction check within this many times two forward
# passes, with each batch size on every network, in a fresh process
RANDOM_DIRECTION_GOAL = 3
FRESH_BATCHES = (3, 16)
# Issue 10: the cheap-first workflow on a correct gradient within this many
# times two forward passes (fresh processes, every network and batch size);
# on the seeded bugs it names the wrong blocks in less than this share of
# the loop's time, on the smallest network with at least CHEAP_FIRST_AT
CHEAP_FIRST_GOAL = 3
CHEAP_FIRST_BUGGY_SHARE = 0.05
CHEAP_FIRST_AT = 10_000
# The blocks lesson 02's seeded bugs scale (seeded_bug_gradient: dW2 × 2, db1 × 4)
SEEDED_BUG_BLOCKS = ("W2", "b1")
# A measurement repeats until it has run this long, and keeps the fastest run
MIN_TOTAL_SECONDS = 0.5
MAX_REPEATS = 7

METHODS = ["loop", "vectorized", "random_direction", "sampled", "complex_step", "taylor",
           "cheap_first", "cheap_first_buggy", "two_forward", "torch_slow", "torch_fast"]
HEADERS = {
    "loop": "course loop", "vectorized": "vectorized", "random_direction": "random dir.",
    "sampled": "sampled 3/block", "complex_step": "complex step", "taylor": "Taylor test",
    "cheap_first": "cheap-first", "cheap_first_buggy": "cheap-first, bugs",
    "two_forward": "2 forward passes", "torch_slow": "torch gradcheck",
    "torch_fast": "torch fast_mode",
}


def best_time(function):
    """Return the fastest of up to MAX_REPEATS runs of ``function`` (seconds) and its result."""
    times = []
    result = None
    while not times or (len(times) < MAX_REPEATS and sum(times) < MIN_TOTAL_SECONDS):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def make_network(layer_sizes, m):
    """Return (objective, theta) for a benchmark network (the course's data for 4-5-3-1, m = 3)."""
    if layer_sizes == (4, 5, 3, 1) and m == 3:
        X, Y, parameters = gradient_check_n_test_case()
        objective = NetworkObjective(X, Y, parameters)
        return objective, objective.theta(parameters)
    return random_objective(layer_sizes, m=m, seed=0)


def names_seeded_bugs(result):
    """True when a cheap-first WorkflowResult blames exactly the seeded bugs' blocks."""
    return (result.stage == "per entry"
            and sorted(result.diagnosis.suspects) == sorted(SEEDED_BUG_BLOCKS))


def time_numpy_methods(objective, theta):
    """Time every numpy method on one network; return {method: (seconds, note, passed)}.

    For "cheap_first_buggy" (the workflow on the seeded bugs) ``passed``
    means it named the bugs' blocks, and nothing else.
    """
    grad = objective.gradient(theta)
    buggy = seeded_bug_gradient(objective, theta)
    rows = {}
    if objective.n <= LOOP_FULL_UP_TO:
        seconds, result = best_time(lambda: loop_check(objective, theta, grad))
        rows["loop"] = (seconds, "", result.passed)
    else:
        sample = np.linspace(0, objective.n - 1, LOOP_SAMPLE).astype(np.int64)
        seconds, result = best_time(lambda: loop_check(objective, theta, grad, indices=sample))
        rows["loop"] = (seconds * objective.n / sample.size, "~", result.passed)
    checks = {
        "vectorized": lambda: vectorized_check(objective, theta, grad),
        "random_direction": lambda: random_direction_check(objective, theta, grad),
        "sampled": lambda: sampled_check(objective, theta, grad, objective.keys),
        "complex_step": lambda: complex_step_check(objective, theta, grad),
        "taylor": lambda: taylor_test(objective, theta, grad),
        "cheap_first": lambda: cheap_first_check(objective, theta, grad),
    }
    for name, check in checks.items():
        seconds, result = best_time(check)
        rows[name] = (seconds, "", result.passed)
    seconds, result = best_time(lambda: cheap_first_check(objective, theta, buggy))
    rows["cheap_first_buggy"] = (seconds, "", names_seeded_bugs(result))
    seconds, _ = best_time(lambda: (objective.cost(theta), objective.cost(theta)))
    rows["two_forward"] = (seconds, "", True)
    return rows


def peak_memory(function):
    """Return the peak bytes NumPy and Python allocate while ``function`` runs (tracemalloc).

    Run apart from the timed calls, since tracing slows every allocation.
    """
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def fresh_probe(layer_sizes, m, method, min_seconds):
    """Time one call of ``method`` on a new network in this process; return a dict.

    ``method`` is "random_direction" (one direction), "cheap_first" (the
    workflow on the correct gradient) or "two_forward".
    The first call is reported apart (it also allocates what later calls
    reuse); then calls repeat for ``min_seconds`` (at least 5 times), and
    the fastest time and the mean of their minor page faults count.
    """
    objective, theta = make_network(tuple(layer_sizes), m)
    grad = objective.gradient(theta)
    calls = {
        "random_direction": lambda: random_direction_check(objective, theta, grad),
        "cheap_first": lambda: cheap_first_check(objective, theta, grad),
        "two_forward": lambda: (objective.cost(theta), objective.cost(theta)),
    }
    call = calls[method]

    def faults():
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt

    before = faults()
    call()
    first_faults = faults() - before
    times, total_faults = [], 0
    while len(times) < 5 or sum(times) < min_seconds:
        before = faults()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
        total_faults += faults() - before
    return {"n": objective.n, "seconds": min(times), "faults": total_faults / len(times),
            "first_faults": first_faults,
            "numpy_only": not {"torch", "matplotlib"} & set(sys.modules)}


def time_in_fresh_process(layer_sizes, m, method):
    """Run :func:`fresh_probe` in a new Python process (this script's ``--probe``); return it."""
    probe = json.dumps({"layer_sizes": list(layer_sizes), "m": m, "method": method,
                        "min_seconds": MIN_TOTAL_SECONDS})
    completed = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--probe", probe],
                               capture_output=True, text=True, cwd=ROOT)
    if completed.returncode:
        raise RuntimeError(f"the fresh-process probe {probe} failed:\n{completed.stderr}")
    return json.loads(completed.stdout)


FRESH_METHODS = ("random_direction", "cheap_first", "two_forward")


def fresh_process_times():
    """Return {(label, m): {method: probe}} for every network, batch size and FRESH_METHODS."""
    return {(label, m): {method: time_in_fresh_process(sizes, m, method)
                         for method in FRESH_METHODS}
            for label, sizes, _ in NETWORKS for m in FRESH_BATCHES}


def torch_gradcheck_times(objective, theta, torch):
    """Time torch.autograd.gradcheck, slow and fast mode, on the same network in float64."""
    X = torch.tensor(objective.X, dtype=torch.float64)
    Y = torch.tensor(objective.Y, dtype=torch.float64)
    blocks = []
    start = 0
    for shape in objective.shapes.values():
        size = int(np.prod(shape))
        block = torch.tensor(theta[start:start + size].reshape(shape), dtype=torch.float64)
        blocks.append(block.requires_grad_())
        start += size

    def cost(*params):
        A = X
        for layer in range(0, len(params) - 2, 2):
            A = torch.relu(params[layer] @ A + params[layer + 1])
        A_L = torch.sigmoid(params[-2] @ A + params[-1])
        return torch.mean(-Y * torch.log(A_L) - (1 - Y) * torch.log(1 - A_L))

    def gradcheck(fast):
        return torch.autograd.gradcheck(cost, tuple(blocks), eps=1e-6, atol=1e-5, rtol=1e-3,
                                        fast_mode=fast, raise_exception=False)

    gradcheck(True)  # the first call pays for loading torch's kernels
    rows = {}
    for name, fast in (("torch_slow", False), ("torch_fast", True)):
        if not fast and objective.n > TORCH_SLOW_UP_TO:
            rows[name] = (float("nan"), f"skipped above {TORCH_SLOW_UP_TO:,} parameters", None)
            continue
        seconds, passed = best_time(lambda fast=fast: gradcheck(fast))
        rows[name] = (seconds, "", bool(passed))
    return rows


def load_torch():
    """Return the torch module, or (None, reason) when it cannot be imported."""
    try:
        import torch
    except ImportError as exc:
        return None, f"PyTorch not installed ({exc.name}): torch columns skipped"
    torch.set_num_threads(1)
    return torch, f"PyTorch {torch.__version__}, 1 thread"


def format_cell(seconds, note, loop_seconds):
    if np.isnan(seconds):
        return "-"
    ratio = loop_seconds / seconds
    shown = f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.2g}"
    return f"{note}{seconds:.3g} s ({shown}x)"


def print_table(results, torch_note):
    columns = [m for m in METHODS if any(m in row for row in results.values())]
    header = ["network", "n"] + [HEADERS[m] for m in columns]
    lines = []
    for label, row in results.items():
        loop_seconds = row["loop"][0]
        cells = [label, f"{row['n']:,}"]
        cells += [format_cell(row[m][0], row[m][1], loop_seconds) if m in row else "-"
                  for m in columns]
        lines.append(cells)
    widths = [max(len(str(c)) for c in column) for column in zip(header, *lines, strict=True)]
    print("Time of each check, and in parentheses its speed-up over the course loop")
    print("(loop time / method time; higher is faster), fastest of repeated runs.")
    for cells in [header, ["-" * w for w in widths]] + lines:
        print("  ".join(str(c).rjust(w) for c, w in zip(cells, widths, strict=True)))
    print(f"~ the loop ran on {LOOP_SAMPLE:,} evenly spread coordinates and was scaled to n.")
    print(f"Torch: {torch_note}.")
    for label, row in results.items():
        skipped = [HEADERS[m] + ": " + row[m][1] for m in columns
                   if m in row and np.isnan(row[m][0])]
        if skipped:
            print(f"  {label}: " + "; ".join(skipped))
    correct = [m for m in columns if m != "cheap_first_buggy"]
    failed = [f"{label}/{HEADERS[m]}" for label, row in results.items() for m in correct
              if m in row and row[m][2] is False]
    print("Every check passed the correct gradient." if not failed
          else "Checks that FAILED the correct gradient: " + ", ".join(failed))
    missed = [label for label, row in results.items()
              if "cheap_first_buggy" in row and not row["cheap_first_buggy"][2]]
    blocks = " and ".join(SEEDED_BUG_BLOCKS)
    print(f"{HEADERS['cheap_first_buggy']}: the workflow on the seeded bugs (d{blocks} scaled); "
          + (f"it named {blocks}, and only them, on every network." if not missed
             else f"it did NOT name exactly {blocks} on: " + ", ".join(missed)))


def print_goals(results, peaks, fresh):
    """Print issue 14's goals: full check vs loop with peak memory, random direction fresh."""
    print("\nGoals of issue 14:")
    for parameters, goal in FULL_CHECK_GOALS.items():
        large = [label for label, row in results.items() if row["n"] >= parameters]
        if not large:
            print(f"  no network with {parameters:,} parameters or more was measured")
            continue
        # The smallest network with that many parameters
        label = min(large, key=lambda name: results[name]["n"])
        target = results[label]
        speedup = target["loop"][0] / target["vectorized"][0]
        print(f"  vectorized full check at n = {target['n']:,}: {speedup:.1f}x faster than the "
              f"loop{' (loop scaled from a sample)' if target['loop'][1] else ''} "
              f"(goal >= {goal}x): {'met' if speedup >= goal else 'NOT met'}; "
              f"peak memory {peaks[label] / 2**20:.1f} MiB")
        if "torch_slow" in target and not np.isnan(target["torch_slow"][0]):
            ratio = target["torch_slow"][0] / target["vectorized"][0]
            print(f"  vectorized vs torch gradcheck (full) at n = {target['n']:,}: {ratio:.1f}x "
                  f"faster (goal > 1x): {'met' if ratio > 1 else 'NOT met'}")
    print(f"  random direction / two forward passes, each alone in a fresh NumPy-only "
          f"process (goal <= {RANDOM_DIRECTION_GOAL}x):")
    rows = [["network", "m", "random dir.", "faults/call", "2 forward", "faults/call",
             "ratio", "goal"]]
    for (label, m), probes in fresh.items():
        check, forward = probes["random_direction"], probes["two_forward"]
        ratio = check["seconds"] / forward["seconds"]
        rows.append([label, str(m), f"{check['seconds'] * 1e3:.3f} ms", f"{check['faults']:.0f}",
                     f"{forward['seconds'] * 1e3:.3f} ms", f"{forward['faults']:.0f}",
                     f"{ratio:.2f}x", "met" if ratio <= RANDOM_DIRECTION_GOAL else "NOT met"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for cells in rows[:1] + [["-" * w for w in widths]] + rows[1:]:
        print("    " + "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))
    print("    (fastest call after the first; faults: mean minor page faults per call;")
    print("    the course net with m other than 3 runs on m random examples)")


def print_issue_10_goals(results, fresh):
    """Print issue 10's goals: cheap-first vs two forward passes, and on the bugs vs the loop."""
    print("\nGoals of issue 10:")
    print(f"  cheap-first workflow on the correct gradient / two forward passes, each alone in "
          f"a fresh NumPy-only process (goal <= {CHEAP_FIRST_GOAL}x):")
    rows = [["network", "m", "cheap-first", "2 forward", "ratio", "goal"]]
    for (label, m), probes in fresh.items():
        check, forward = probes["cheap_first"], probes["two_forward"]
        ratio = check["seconds"] / forward["seconds"]
        rows.append([label, str(m), f"{check['seconds'] * 1e3:.3f} ms",
                     f"{forward['seconds'] * 1e3:.3f} ms", f"{ratio:.2f}x",
                     "met" if ratio <= CHEAP_FIRST_GOAL else "NOT met"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for cells in rows[:1] + [["-" * w for w in widths]] + rows[1:]:
        print("    " + "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))
    large = [label for label, row in results.items() if row["n"] >= CHEAP_FIRST_AT]
    if not large:
        print(f"  no network with {CHEAP_FIRST_AT:,} parameters or more was measured")
        return
    label = min(large, key=lambda name: results[name]["n"])
    target = results[label]
    seconds, _, named = target["cheap_first_buggy"]
    share = seconds / target["loop"][0]
    met = share < CHEAP_FIRST_BUGGY_SHARE and named
    blocks = " and ".join(SEEDED_BUG_BLOCKS)
    print(f"  cheap-first workflow on the seeded bugs at n = {target['n']:,}: {seconds:.3g} s, "
          f"{100 * share:.1f} % of the loop's {target['loop'][0]:.3g} s"
          f"{' (loop scaled from a sample)' if target['loop'][1] else ''}; "
          f"{'named ' + blocks if named else 'did NOT name exactly ' + blocks} "
          f"(goal: names them in < {100 * CHEAP_FIRST_BUGGY_SHARE:.0f} %): "
          f"{'met' if met else 'NOT met'}")


def save_csv(results, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["network", "n", "method", "seconds", "note"])
        for label, row in results.items():
            for method in METHODS:
                if method in row:
                    seconds, note, _ = row[method]
                    writer.writerow([label, row["n"], method, f"{seconds:.6g}", note])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", metavar="CSV", help="also write the numbers to this CSV file")
    parser.add_argument("--no-torch", action="store_true", help="leave torch out even if present")
    parser.add_argument("--probe", metavar="JSON", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        # Internal: one fresh-process measurement, asked for by time_in_fresh_process
        probe = json.loads(args.probe)
        print(json.dumps(fresh_probe(probe["layer_sizes"], probe["m"], probe["method"],
                                     probe["min_seconds"])))
        return
    torch, torch_note = (None, "left out (--no-torch)") if args.no_torch else load_torch()
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, "
          f"{platform.machine()}, one BLAS thread; torch: {torch_note}\n")
    # Before anything here has grown this process's heap: the probes run apart anyway
    fresh = fresh_process_times()
    results, peaks = {}, {}
    for label, sizes, m in NETWORKS:
        objective, theta = make_network(sizes, m)
        row = {"n": objective.n}
        row.update(time_numpy_methods(objective, theta))
        peaks[label] = peak_memory(partial(vectorized_check, objective, theta,
                                           objective.gradient(theta)))
        if torch is not None:
            row.update(torch_gradcheck_times(objective, theta, torch))
        results[label] = row
        print(f"measured {label} ({objective.n:,} parameters, m = {objective.m})", flush=True)
    print()
    print_table(results, torch_note)
    print_goals(results, peaks, fresh)
    print_issue_10_goals(results, fresh)
    if args.save:
        save_csv(results, args.save)
        print(f"\nsaved {args.save}")


if __name__ == "__main__":
    main()
