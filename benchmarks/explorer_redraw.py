"""How long does a slider move take in the ε explorers, against re-plotting from scratch?

Run from the repository root:

    python -m benchmarks.explorer_redraw [--moves 20]

For each explorer it moves ε through the same values three ways and
prints the median time per move:

- rebuild: a new Figure for every move (what a callback that re-plots
  with pyplot does): the baseline;
- full redraw: the explorer's own Figure, drawn completely each time;
- explorer: what a slider move really costs (numbers, readout and a
  redraw of the marker and bars only).

The ratio column is baseline time / row time, measured in this run.
"""

import argparse
import statistics
import time

import numpy as np

from gc_checking.reference import fraud_net_gradient
from gc_explorers.explorer import EpsilonExplorer
from gc_explorers.explorer_sweeps import ONE_D_COSTS
from gc_explorers.network_explorer import SIDES, NetworkEpsilonExplorer
from gc_explorers.network_plot import NetworkDifferencePlot
from gc_explorers.plots import EpsilonCurvePlot
from gc_utils import vector_to_dictionary
from testCases import gradient_check_n_test_case


def timed(action, values):
    """Return the median seconds of ``action(value)`` over ``values``."""
    times = []
    for value in values:
        start = time.perf_counter()
        action(value)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def one_d_rows(values):
    explorer = EpsilonExplorer(x=2.0, theta=4.0)
    explorer.cost.value = "cubic"
    explorer.compare.value = True

    def rebuild(epsilon):
        key = explorer.cost.value
        point = explorer.sources[key].point(epsilon)
        plot = EpsilonCurvePlot(explorer.grid, explorer._plot_curves(key),
                                explorer._crossovers(key), ONE_D_COSTS[key].formula,
                                explorer.x, explorer.theta, explorer.language, explorer.y_limits)
        plot.update(epsilon, {"centered": point["difference"], "one_sided": point["one_sided"]})
        plot.render()

    def full(epsilon):
        point = explorer.sources["cubic"].point(epsilon)
        explorer.plot.update(epsilon, {"centered": point["difference"],
                                       "one_sided": point["one_sided"]})
        explorer.plot.image.render_full()

    def move(epsilon):
        explorer.epsilon = epsilon

    return "lesson 01 (J = θ³x, both curves)", rebuild, full, move, len(bytes(explorer.image.value))


def network_rows(values):
    X, Y, parameters = gradient_check_n_test_case()
    gradapprox, _ = fraud_net_gradient(X, Y, parameters)
    unrolled = vector_to_dictionary(gradapprox, parameters)
    fixed = {f"d{key}": value for key, value in unrolled.items()}
    buggy = dict(fixed, dW2=fixed["dW2"] * 2, db1=fixed["db1"] * 4)
    explorer = NetworkEpsilonExplorer(X, Y, parameters, buggy, fixed)
    block_curves = [np.full(len(explorer.names), 1e-10), np.ones(len(explorer.names))]

    def rebuild(epsilon):
        point = explorer._point(epsilon)
        plot = NetworkDifferencePlot(explorer.names, explorer.grid, explorer.total_curves["fixed"],
                                     block_curves, explorer.language)
        plot.update(epsilon, {side: point["blocks"][side] for side in SIDES},
                    point["totals"]["fixed"])
        plot.render()

    def full(epsilon):
        point = explorer._point(epsilon)
        explorer.plot.update(epsilon, {side: point["blocks"][side] for side in SIDES},
                             point["totals"]["fixed"])
        explorer.plot.image.render_full()

    def move(epsilon):
        explorer.epsilon = epsilon

    return "lesson 02 (bars and V curve)", rebuild, full, move, len(bytes(explorer.image.value))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=20, help="slider moves per row")
    args = parser.parse_args()
    values = list(10.0 ** np.linspace(-11, -2, args.moves))

    print(f"Median time per slider move over {args.moves} moves (ε from 1e-11 to 1e-2)\n")
    header = f"{'explorer':<34} {'way':<44} {'ms':>8} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for build in (one_d_rows, network_rows):
        name, rebuild, full, move, png_bytes = build(values)
        baseline = timed(rebuild, values)
        rows = [
            ("rebuild the figure (baseline)", baseline),
            ("full redraw of the owned figure", timed(full, values)),
            ("explorer: numbers + moving parts only", timed(move, values)),
        ]
        for way, seconds in rows:
            print(f"{name:<34} {way:<44} {seconds * 1e3:8.1f} {baseline / seconds:6.1f}x")
        print(f"{name:<34} {'PNG sent per move':<44} {png_bytes / 1024:7.0f}K")
    print("\nratio = baseline time / row time (higher is faster)")


if __name__ == "__main__":
    main()
