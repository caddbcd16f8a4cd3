"""The figures of the ε explorers, drawn on Figure objects they own.

``EpsilonCurvePlot`` (lesson 01) draws the relative difference against ε
on log-log axes; lesson 02's plot (:mod:`gc_explorers.network_plot`) and
lesson 03's (:mod:`gc_explorers.practice_plot`) share its colours and
sizes, so a lesson's notebook carries only its own plot. Each builds its still parts once
and moves only the ε marker, bars and value labels afterwards, through a
:class:`~gc_explorers.figure_image.FigureImage`. Texts come from the message
catalog, in the language given at construction.
"""

import numpy as np
from matplotlib.figure import Figure

from gc_common.i18n import message, register_messages
from gc_utils import CHECK_THRESHOLD, COURSE_EPSILON

from .explorer_sweeps import DIFFERENCE_FLOOR, EPSILON_MAX_EXPONENT, EPSILON_MIN_EXPONENT
from .figure_image import FigureImage

register_messages({
    "plot.curve_title": {
        "en": "Relative difference against ε: {formula}, x = {x:g}, θ = {theta:g}",
        "tr": "ε'a göre bağıl fark: {formula}, x = {x:g}, θ = {theta:g}",
    },
    "plot.epsilon_axis": {"en": "ε (step size)", "tr": "ε (adım büyüklüğü)"},
    "plot.difference_axis": {"en": "relative difference", "tr": "bağıl fark"},
    "plot.centered": {
        "en": "centered difference (truncation ∝ ε²)",
        "tr": "merkezi fark (kesme hatası ∝ ε²)",
    },
    "plot.one_sided": {
        "en": "one-sided difference (truncation ∝ ε)",
        "tr": "ileri fark (kesme hatası ∝ ε)",
    },
    "plot.threshold": {
        "en": "threshold {threshold:.0e}",
        "tr": "eşik değeri {threshold:.0e}",
    },
    "plot.rounding_region": {
        "en": "rounding error\ndominates (∝ 1/ε)",
        "tr": "yuvarlama hatası\nbaskın (∝ 1/ε)",
    },
    "plot.truncation_region": {
        "en": "truncation error\ndominates",
        "tr": "kesme hatası\nbaskın",
    },
    "plot.rounding_only": {
        "en": "J is linear in θ: no truncation error, only rounding error (∝ 1/ε)",
        "tr": "J, θ'ya göre doğrusal: kesme hatası yok, yalnızca yuvarlama hatası (∝ 1/ε)",
    },
})

# Colours: curves in the default cycle; verdict colours for bars
CENTERED_COLOR = "#1f77b4"
ONE_SIDED_COLOR = "#d62728"
PASS_COLOR = "#2ca02c"
FAIL_COLOR = "#d62728"
MARKER_COLOR = "#111111"
ROUNDING_SHADE = "#dbe9f6"
TRUNCATION_SHADE = "#fde5cf"

# Pixel size: readable in JupyterLab's default column and on a laptop
FIGURE_DPI = 100
CURVE_FIGSIZE = (8.0, 4.6)


def _floored(values):
    """Return ``values`` with zeros (exact matches) raised to the plot's floor."""
    return np.maximum(np.asarray(values, dtype=np.float64), DIFFERENCE_FLOOR)


def _place_cursor_label(label, epsilon, text):
    """Put the ε label beside the cursor line, on the side with room for it."""
    label.set_x(epsilon)
    right_half = epsilon > 10.0 ** ((EPSILON_MIN_EXPONENT + EPSILON_MAX_EXPONENT) / 2)
    label.set_horizontalalignment("right" if right_half else "left")
    label.set_text(f"{text} " if right_half else f" {text}")


def log_limits(*arrays, top=2.0):
    """Return (bottom, top) of a log axis: a decade under the smallest value shown."""
    smallest = min(float(np.min(_floored(a))) for a in arrays)
    return 10.0 ** np.floor(np.log10(smallest) - 0.5), top


class EpsilonCurvePlot:
    """Lesson 01's log-log plot of the relative difference against ε.

    Args:
        grid: ε values, shape (k,), increasing.
        curves: ``{"centered": (k,), "one_sided": (k,)}`` differences over
            the grid.
        crossovers: ``{"centered": ε or None, "one_sided": ε or None}``,
            where truncation overtakes rounding (None: no truncation).
        formula: the cost as text, e.g. ``"J(θ) = θ³x"``.
        x, theta: the point of the check.
        language: ``"en"`` or ``"tr"``.
        y_limits: optional (bottom, top) kept the same across costs.
    """

    def __init__(self, grid, curves, crossovers, formula, x, theta, language, y_limits=None):
        self.language = language
        self.figure = Figure(figsize=CURVE_FIGSIZE, dpi=FIGURE_DPI, layout="constrained")
        self.axes = self.figure.add_subplot()
        self.image = FigureImage(self.figure)
        self._still = []
        self.lines = {}
        self.markers = {}
        ax = self.axes
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(message("plot.epsilon_axis", language))
        ax.set_ylabel(message("plot.difference_axis", language))
        ax.grid(True, which="major", alpha=0.3)
        self.threshold_line = ax.axhline(
            CHECK_THRESHOLD, color="#555555", linestyle="--", linewidth=1.2,
            label=message("plot.threshold", language, threshold=CHECK_THRESHOLD))
        styles = {"centered": (CENTERED_COLOR, "-"), "one_sided": (ONE_SIDED_COLOR, "--")}
        for method, (color, style) in styles.items():
            (self.lines[method],) = ax.plot([], [], color=color, linestyle=style, linewidth=2,
                                            label=message(f"plot.{method}", language))
            (self.markers[method],) = ax.plot([], [], "o", color=color, markersize=9,
                                              markeredgecolor=MARKER_COLOR)
        self.cursor = ax.axvline(COURSE_EPSILON, color=MARKER_COLOR, linewidth=1)
        self.cursor_label = ax.text(COURSE_EPSILON, 0.03, "", transform=ax.get_xaxis_transform(),
                                    ha="left", va="bottom", fontsize=10, color=MARKER_COLOR)
        self.image.add_dynamic(self.cursor, self.cursor_label, *self.markers.values())
        self.set_curves(grid, curves, crossovers, formula, x, theta, y_limits)

    def set_curves(self, grid, curves, crossovers, formula, x, theta, y_limits=None):
        """Replace the curves and the shaded regions (a new cost: the still layer redraws)."""
        ax = self.axes
        for artist in self._still:
            artist.remove()
        self._still = []
        for method, line in self.lines.items():
            line.set_data(grid, _floored(curves[method]))
        low, high = 10.0**EPSILON_MIN_EXPONENT, 10.0**EPSILON_MAX_EXPONENT
        ax.set_xlim(low, high)
        ax.set_ylim(*(y_limits or log_limits(*curves.values())))
        crossover = crossovers.get("centered")
        text_style = {"transform": ax.get_xaxis_transform(), "ha": "center", "va": "top",
                      "fontsize": 10, "color": "#333333"}
        if crossover is None:
            self._still.append(ax.axvspan(low, high, color=ROUNDING_SHADE, zorder=0))
            self._still.append(ax.text(np.sqrt(low * high), 0.97,
                                       message("plot.rounding_only", self.language),
                                       **text_style))
        else:
            self._still.append(ax.axvspan(low, crossover, color=ROUNDING_SHADE, zorder=0))
            self._still.append(ax.axvspan(crossover, high, color=TRUNCATION_SHADE, zorder=0))
            self._still.append(ax.text(np.sqrt(low * crossover), 0.97,
                                       message("plot.rounding_region", self.language),
                                       **text_style))
            self._still.append(ax.text(np.sqrt(crossover * high), 0.97,
                                       message("plot.truncation_region", self.language),
                                       **text_style))
        ax.set_title(message("plot.curve_title", self.language, formula=formula, x=x,
                             theta=theta), fontsize=11)
        self._legend()

    def _legend(self):
        # Only what is on the axes: a hidden curve keeps no legend entry
        handles = [self.threshold_line] + [line for line in self.lines.values()
                                           if line.get_visible()]
        self.axes.legend(handles=handles, loc="lower left", fontsize=9, framealpha=0.9)
        self.image.invalidate()

    def show_method(self, method, visible):
        """Show or hide the curve and marker of ``method`` (``"one_sided"`` for the toggle)."""
        self.lines[method].set_visible(visible)
        self.markers[method].set_visible(visible)
        self._legend()

    def update(self, epsilon, differences):
        """Move the ε marker: ``differences`` maps each shown method to its value at ε."""
        self.cursor.set_xdata([epsilon, epsilon])
        _place_cursor_label(self.cursor_label, epsilon, f"ε = {epsilon:.1e}")
        for method, marker in self.markers.items():
            if method in differences:
                marker.set_data([epsilon], [max(differences[method], DIFFERENCE_FLOOR)])

    def render(self, metadata=None):
        """Return the figure as PNG bytes (only the marker is redrawn when nothing else changed)."""
        return self.image.render(metadata)
