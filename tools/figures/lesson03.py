"""Figures of lesson 03 (gradient checking in practice).

Labels are mathematical notation and code names only, so one PNG serves
both languages. Every number is computed here from gc_utils, except the
timings, which come from the CSV the benchmark saved
(``benchmarks/checking_methods.py --save``): a figure must not change
because the machine was busy when the notebooks were built.
"""

import csv
from functools import partial
from pathlib import Path

import numpy as np

from gc_checking.fast_checks import epsilon_sweep, suggested_epsilon
from gc_checking.network import NetworkObjective
from gc_checking.taylor import DEFAULT_STEPS, taylor_remainders
from gc_utils import CHECK_THRESHOLD, COURSE_EPSILON, unit_roundoff
from testCases import course_objective, kink_case, seeded_bug_gradient

ROOT = Path(__file__).resolve().parents[2]
TIMINGS = ROOT / "benchmarks" / "results" / "checking_methods.csv"

EPSILONS = np.logspace(-1, -10, 37)
# The coordinate of θ moved in the kink figure: b1[0], 20th entry of θ
KINK_COORDINATE = 20


def _v_curve(dtype):
    objective, theta = course_objective(dtype=dtype)
    return epsilon_sweep(objective, theta, objective.gradient(theta), EPSILONS)


def draw_v_curve(figure):
    """Relative difference against ε on the course net (float64), with the two error models."""
    axes = figure.add_subplot()
    differences = _v_curve(np.float64)
    best = int(np.argmin(differences))
    # Truncation ∝ ε², rounding ∝ u/ε: each model is pinned to the measured
    # curve at one end, so the figure shows where the two meet
    truncation = differences[0] * (EPSILONS / EPSILONS[0]) ** 2
    rounding = differences[-1] * EPSILONS[-1] / EPSILONS
    axes.loglog(EPSILONS, differences, "o-", color="tab:blue", markersize=3,
                label=r"$\frac{\|g-\tilde g\|_2}{\|g\|_2+\|\tilde g\|_2}$")
    axes.loglog(EPSILONS, truncation, ":", color="tab:green", label=r"$\propto\varepsilon^2$")
    axes.loglog(EPSILONS, rounding, ":", color="tab:red", label=r"$\propto u/\varepsilon$")
    axes.axhline(CHECK_THRESHOLD, color="gray", linewidth=0.8, linestyle="--")
    axes.axvline(COURSE_EPSILON, color="gray", linewidth=0.8)
    axes.plot([EPSILONS[best]], [differences[best]], "*", color="black", markersize=12)
    axes.annotate(rf"$\varepsilon={EPSILONS[best]:.1e}$", (EPSILONS[best], differences[best]),
                  textcoords="offset points", xytext=(8, -14), fontsize=10)
    axes.annotate(r"$\varepsilon=10^{-7}$", (COURSE_EPSILON, 1e-3), textcoords="offset points",
                  xytext=(4, 0), fontsize=10, color="gray")
    axes.set_xlabel(r"$\varepsilon$", fontsize=12)
    axes.set_ylim(1e-12, 1)
    axes.legend(loc="upper center", fontsize=10, frameon=False, ncol=3)
    figure.tight_layout()


def draw_float32(figure):
    """The same curve in float64 and float32, with each dtype's u^(1/3)."""
    axes = figure.add_subplot()
    for dtype, color, marker in ((np.float64, "tab:blue", "o"), (np.float32, "tab:orange", "s")):
        name = np.dtype(dtype).name
        axes.loglog(EPSILONS, _v_curve(dtype), marker + "-", color=color, markersize=3,
                    label=f"{name}")
        axes.axvline(suggested_epsilon(dtype), color=color, linewidth=0.8, linestyle="--")
        axes.annotate(rf"$u^{{1/3}}={unit_roundoff(dtype) ** (1 / 3):.1e}$",
                      (suggested_epsilon(dtype), 3e-12), textcoords="offset points",
                      xytext=(4, 0), fontsize=9, color=color)
    axes.axvline(COURSE_EPSILON, color="gray", linewidth=0.8)
    axes.set_xlabel(r"$\varepsilon$", fontsize=12)
    axes.set_ylabel(r"$\frac{\|g-\tilde g\|_2}{\|g\|_2+\|\tilde g\|_2}$", fontsize=12)
    axes.set_ylim(1e-12, 2)
    axes.legend(loc="lower left", fontsize=10, frameon=False, ncol=2)
    figure.tight_layout()


def draw_kink(figure):
    """J along b1[0] next to a kink: two slopes, and the centered secant that averages them."""
    X, Y, parameters = kink_case()
    objective = NetworkObjective(X, Y, parameters)
    theta = objective.theta(parameters)
    direction = np.zeros((objective.n, 1))
    direction[KINK_COORDINATE] = 1.0

    def change(step):
        return objective.cost(theta + step * direction) - objective.cost(theta)

    steps = np.linspace(-2 * COURSE_EPSILON, 2 * COURSE_EPSILON, 81)
    axes = figure.add_subplot()
    axes.plot(steps / COURSE_EPSILON, [change(step) * 1e9 for step in steps], color="black",
              linewidth=2, label=r"$J(\theta+\delta e_i)-J(\theta)$")
    slope = objective.gradient(theta)[KINK_COORDINATE, 0]
    axes.plot(steps / COURSE_EPSILON, slope * steps * 1e9, ":", color="tab:green",
              label=rf"$g_i$ = {slope:.4f}")
    secant = (change(COURSE_EPSILON) - change(-COURSE_EPSILON)) / (2 * COURSE_EPSILON)
    axes.plot([-1, 1], [change(-COURSE_EPSILON) * 1e9, change(COURSE_EPSILON) * 1e9], "o--",
              color="tab:red", label=rf"$\tilde g_i$ = {secant:.4f}")
    # Z1[0, 0] = 1e-8 at θ, so the unit switches off 1e-8 below θ_i
    axes.axvline(-1e-8 / COURSE_EPSILON, color="gray", linewidth=0.8)
    axes.set_xlabel(r"$\delta\,/\,\varepsilon$  ($\varepsilon=10^{-7}$)", fontsize=11)
    axes.set_ylabel(r"$10^{9}\times\Delta J$", fontsize=11)
    axes.legend(loc="upper left", fontsize=10, frameon=False)
    figure.tight_layout()


# Steps of the Taylor figure: from 1 down to where rounding flattens r(h)
TAYLOR_STEPS = np.logspace(0, -8, 33)


def draw_taylor(figure):
    """Taylor remainder r(h) of the fixed and the buggy course net along one unit direction."""
    objective, theta = course_objective()
    u = np.random.default_rng(0).standard_normal(theta.shape)
    u /= np.linalg.norm(u)
    axes = figure.add_subplot()
    gradients = ((objective.gradient(theta), "tab:blue", "o", r"$g=\nabla J$"),
                 (seeded_bug_gradient(objective, theta), "tab:red", "s",
                  r"$g=\nabla J+e$"))
    for grad, color, marker, label in gradients:
        remainders = taylor_remainders(objective, theta, grad, u, TAYLOR_STEPS)
        # A remainder of exactly 0 (rounding) has no place on a log axis
        shown = remainders > 0
        axes.loglog(TAYLOR_STEPS[shown], remainders[shown], marker + "-", color=color,
                    markersize=3, label=label)
        pinned = taylor_remainders(objective, theta, grad, u, DEFAULT_STEPS[[0, -1]])[0]
        power = 2 if color == "tab:blue" else 1
        axes.loglog(TAYLOR_STEPS, pinned * (TAYLOR_STEPS / DEFAULT_STEPS[0]) ** power, ":",
                    color=color, linewidth=1,
                    label=r"$\propto h^2$" if power == 2 else r"$\propto h$")
    axes.axvspan(DEFAULT_STEPS[-1], DEFAULT_STEPS[0], color="gray", alpha=0.15)
    axes.set_xlabel(r"$h$", fontsize=12)
    axes.set_ylabel(r"$r(h)=|J(\theta+hu)-J(\theta)-h\,g^{\top}u|$", fontsize=11)
    axes.set_ylim(1e-18, 10)
    axes.legend(loc="upper left", fontsize=10, frameon=False, ncol=2)
    figure.tight_layout()


# Benchmark method → (label, colour, marker) in the timing figure
METHODS = {
    "loop": ("loop_check", "black", "o"),
    "vectorized": ("vectorized_check", "tab:blue", "s"),
    "sampled": ("sampled_check", "tab:green", "^"),
    "complex_step": ("complex_step_check", "tab:purple", "D"),
    "random_direction": ("random_direction_check", "tab:orange", "v"),
    "taylor": ("taylor_test", "tab:brown", "<"),
    "cheap_first": ("cheap_first_check", "tab:olive", ">"),
    "cheap_first_buggy": (None, "tab:cyan", "h"),
    "two_forward": (None, "gray", "x"),
    "torch_slow": ("torch gradcheck", "tab:red", "P"),
    "torch_fast": ("torch gradcheck(fast_mode)", "tab:pink", "*"),
}


# Legend entries that are words, per language (the others are code names)
LOCALIZED_LABELS = {
    "two_forward": {"en": r"$2\times$ forward pass", "tr": r"$2\times$ ileri yayılım"},
    "cheap_first_buggy": {"en": "cheap_first_check, seeded bugs",
                          "tr": "cheap_first_check, kasıtlı hatalar"},
}


def method_label(method, language):
    """Return the legend text (str) of a benchmark ``method`` in ``language`` ("en" or "tr")."""
    label = METHODS[method][0]
    return label if label is not None else LOCALIZED_LABELS[method][language]


def read_timings(path=TIMINGS):
    """Return {method: (n, seconds, scaled)} arrays from the benchmark's CSV.

    Skipped runs are left out; ``scaled`` marks times measured on a sample
    of coordinates and scaled to all of them (the CSV's note "~").
    """
    timings = {}
    with Path(path).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            seconds = float(row["seconds"])
            if np.isfinite(seconds):
                timings.setdefault(row["method"], []).append(
                    (int(row["n"]), seconds, row["note"] == "~"))
    return {method: tuple(np.array(column) for column in zip(*rows, strict=True))
            for method, rows in timings.items()}


def draw_check_times(figure, language):
    """Time of each checking method against the number of parameters (log-log).

    Open markers are times scaled up from a sample of coordinates; the
    legend is in ``language`` ("en" or "tr").
    """
    axes = figure.add_subplot()
    for method, (n, seconds, scaled) in read_timings().items():
        _, color, marker = METHODS[method]
        label = method_label(method, language)
        axes.loglog(n, seconds, "-", color=color, linewidth=1.2, label=label,
                    marker=marker, markersize=5, markevery=list(np.flatnonzero(~scaled)))
        if scaled.any():
            axes.loglog(n[scaled], seconds[scaled], marker, color=color, markersize=7,
                        markerfacecolor="none")
    axes.set_xlabel(r"$n$", fontsize=12)
    axes.set_ylabel("s", fontsize=12)
    axes.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=9, frameon=False)
    figure.tight_layout()


def _many_series(draw):
    """Keep 64 colours for ``draw``: with eleven series, 32 merge orange into red."""
    draw.palette_colors = 64
    return draw


FIGURES = {
    "images/03-epsilon-v-curve.png": draw_v_curve,
    "images/03-float32.png": draw_float32,
    "images/03-kink.png": draw_kink,
    "images/03-taylor.png": draw_taylor,
    # Its legend has words: one PNG per language
    "images/03-check-times.en.png": _many_series(partial(draw_check_times, language="en")),
    "images/03-check-times.tr.png": _many_series(partial(draw_check_times, language="tr")),
}
