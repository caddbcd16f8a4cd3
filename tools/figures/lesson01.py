"""Figures of lesson 01 (1-D gradient checking).

Labels are mathematical notation only, so one PNG serves both languages.
"""

import numpy as np

# A curved cost, so the one-sided and centered secants visibly differ
# (J(θ) = θx is a straight line: every difference quotient is exact there)
THETA = 0.8
WIDE_EPSILON = 0.7


def _curve(theta):
    return 0.5 * theta**3 - theta


def _slope(theta):
    return 1.5 * theta**2 - 1


def draw_centered_difference(figure):
    """The tangent at θ against the one-sided and the centered secant."""
    axes = figure.add_subplot()
    thetas = np.linspace(THETA - 1.1, THETA + 1.1, 200)
    axes.plot(thetas, _curve(thetas), color="black", linewidth=2, label=r"$J(\theta)$")
    lines = [
        (_slope(THETA), "tab:green", "-", r"$J'(\theta)$"),
        ((_curve(THETA + WIDE_EPSILON) - _curve(THETA)) / WIDE_EPSILON, "tab:red", "--",
         r"$\frac{J(\theta+\varepsilon)-J(\theta)}{\varepsilon}$"),
        ((_curve(THETA + WIDE_EPSILON) - _curve(THETA - WIDE_EPSILON)) / (2 * WIDE_EPSILON),
         "tab:blue", "-.", r"$\frac{J(\theta+\varepsilon)-J(\theta-\varepsilon)}{2\varepsilon}$"),
    ]
    for slope, color, style, label in lines:
        axes.plot(thetas, _curve(THETA) + slope * (thetas - THETA), color=color,
                  linestyle=style, linewidth=1.5, label=label)
    points = np.array([THETA - WIDE_EPSILON, THETA, THETA + WIDE_EPSILON])
    axes.plot(points, _curve(points), "o", color="black")
    axes.set_xticks(points, [r"$\theta-\varepsilon$", r"$\theta$", r"$\theta+\varepsilon$"])
    axes.set_yticks([])
    axes.set_ylim(_curve(thetas).min() - 0.3, _curve(thetas).max() + 0.3)
    axes.legend(loc="upper left", fontsize=11, frameon=False)
    figure.tight_layout()


def draw_error_versus_epsilon(figure):
    """|error| of both differences against ε on log axes: slopes 1 and 2, then rounding."""
    axes = figure.add_subplot()
    epsilons = np.logspace(-12, -1, 45)
    exact = _slope(THETA)
    one_sided = (_curve(THETA + epsilons) - _curve(THETA)) / epsilons
    centered = (_curve(THETA + epsilons) - _curve(THETA - epsilons)) / (2 * epsilons)
    # The smallest float64 error stands in for an exact 0 so log axes can show it
    floor = np.finfo(np.float64).eps
    axes.loglog(epsilons, np.maximum(np.abs(one_sided - exact), floor), "o-", color="tab:red",
                markersize=3, label=r"$\frac{J(\theta+\varepsilon)-J(\theta)}{\varepsilon}$")
    axes.loglog(epsilons, np.maximum(np.abs(centered - exact), floor), "s-", color="tab:blue",
                markersize=3,
                label=r"$\frac{J(\theta+\varepsilon)-J(\theta-\varepsilon)}{2\varepsilon}$")
    axes.loglog(epsilons, epsilons, ":", color="tab:red", linewidth=1, label=r"$O(\varepsilon)$")
    axes.loglog(epsilons, epsilons**2, ":", color="tab:blue", linewidth=1,
                label=r"$O(\varepsilon^2)$")
    axes.axvline(1e-7, color="gray", linewidth=0.8)
    axes.set_xlabel(r"$\varepsilon$", fontsize=12)
    axes.set_ylabel(r"$|\,\mathrm{approx} - J'(\theta)\,|$", fontsize=12)
    axes.set_ylim(1e-16, 1)
    axes.legend(loc="lower right", fontsize=10, frameon=False, ncol=2)
    figure.tight_layout()


FIGURES = {
    "images/01-centered-difference.png": draw_centered_difference,
    "images/01-error-versus-epsilon.png": draw_error_versus_epsilon,
}
