"""Lesson 02's explorer figure: bars per parameter and the V curve of the total difference.

The bars show each parameter block's relative difference for the buggy
and the fixed backward pass; below, the fixed network's total difference
against ε. Still parts are drawn once; a new ε moves the marker, bars and
value labels only, through a :class:`~gc_explorers.figure_image.FigureImage`.
"""

import numpy as np
from matplotlib.figure import Figure

from gc_common.i18n import message, register_messages
from gc_utils import BLOCK_THRESHOLD, CHECK_THRESHOLD, COURSE_EPSILON

from .explorer_sweeps import DIFFERENCE_FLOOR
from .figure_image import FigureImage
from .plots import (
    CENTERED_COLOR,
    FAIL_COLOR,
    FIGURE_DPI,
    MARKER_COLOR,
    PASS_COLOR,
    _floored,
    _place_cursor_label,
    log_limits,
)

register_messages({
    "plot.block_threshold": {
        "en": "threshold per parameter {threshold:.0e}",
        "tr": "parametre başına eşik değeri {threshold:.0e}",
    },
    "plot.bars_buggy": {
        "en": "Backward pass with the seeded bugs",
        "tr": "Kasıtlı hatalar eklenmiş geri yayılım",
    },
    "plot.bars_fixed": {
        "en": "Backward pass after the fix",
        "tr": "Düzeltilmiş geri yayılım",
    },
    "plot.bars_axis": {
        "en": "relative difference per parameter",
        "tr": "parametre başına bağıl fark",
    },
    "plot.network_curve_title": {
        "en": "Total relative difference of the fixed network against ε",
        "tr": "Düzeltilmiş ağın toplam bağıl farkı, ε'a göre",
    },
    "plot.total_difference": {
        "en": "gradient_check_n (after the fix)",
        "tr": "gradient_check_n (düzeltmeden sonra)",
    },
    "plot.default_epsilon": {
        "en": "ε = 1e-7, the usual choice",
        "tr": "ε = 1e-7, alışılmış seçim",
    },
    "plot.best_epsilon": {
        "en": "best ε ≈ {epsilon:.0e}: {difference:.1e}",
        "tr": "en iyi ε ≈ {epsilon:.0e}: {difference:.1e}",
    },
})

NETWORK_FIGSIZE = (9.0, 7.2)


class NetworkDifferencePlot:
    """Lesson 02's bars per parameter (buggy and fixed) and the V curve of the total difference.

    Args:
        names: block names in θ's order, e.g. ``["W1", "b1", …, "b3"]``.
        grid: ε values, shape (k,).
        total_curve: the fixed network's total difference over the grid, (k,).
        block_extremes: arrays of block differences over the grid, used to
            fix the bar axis once so bars can be compared between ε.
        language: ``"en"`` or ``"tr"``.
    """

    def __init__(self, names, grid, total_curve, block_extremes, language):
        self.language = language
        self.names = list(names)
        self.figure = Figure(figsize=NETWORK_FIGSIZE, dpi=FIGURE_DPI, layout="constrained")
        grid_spec = self.figure.add_gridspec(2, 2, height_ratios=[1.0, 1.1])
        ax_buggy = self.figure.add_subplot(grid_spec[0, 0])
        ax_fixed = self.figure.add_subplot(grid_spec[0, 1], sharey=ax_buggy)
        self.curve_axes = self.figure.add_subplot(grid_spec[1, :])
        self.image = FigureImage(self.figure)
        self.bottom, top = log_limits(*block_extremes, top=30.0)
        self.bars = {}
        self.bar_labels = {}
        for side, ax in (("buggy", ax_buggy), ("fixed", ax_fixed)):
            self._draw_bar_axes(side, ax, top)
        self._draw_curve(grid, total_curve)

    def _draw_bar_axes(self, side, ax, top):
        language = self.language
        ax.set_yscale("log")
        ax.set_ylim(self.bottom, top)
        ax.set_title(message(f"plot.bars_{side}", language), fontsize=11)
        positions = np.arange(len(self.names))
        bars = ax.bar(positions, np.zeros(len(self.names)), bottom=self.bottom, width=0.65)
        ax.set_xticks(positions, self.names)
        ax.axhline(BLOCK_THRESHOLD, color="#555555", linestyle="--", linewidth=1.2)
        # A label on the line instead of a legend; drawn after the bars, so
        # tall bars do not hide it
        threshold_label = ax.text(-0.45, BLOCK_THRESHOLD * 1.6,
                message("plot.block_threshold", language, threshold=BLOCK_THRESHOLD),
                fontsize=8, color="#333333", va="bottom", ha="left",
                bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1})
        ax.grid(True, axis="y", alpha=0.3)
        if side == "buggy":
            ax.set_ylabel(message("plot.bars_axis", language))
        else:
            ax.tick_params(labelleft=False)
        labels = [ax.text(p, self.bottom, "", ha="center", va="bottom", fontsize=8)
                  for p in positions]
        self.bars[side] = list(bars)
        self.bar_labels[side] = labels
        self.image.add_dynamic(*bars, *labels, threshold_label)

    def _draw_curve(self, grid, total_curve):
        language = self.language
        ax = self.curve_axes
        curve = _floored(total_curve)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(grid[0], grid[-1])
        ax.set_ylim(*log_limits(curve, top=2.0))
        ax.plot(grid, curve, color=CENTERED_COLOR, linewidth=2,
                label=message("plot.total_difference", language))
        ax.axhline(CHECK_THRESHOLD, color="#555555", linestyle="--", linewidth=1.2,
                   label=message("plot.threshold", language, threshold=CHECK_THRESHOLD))
        ax.axvline(COURSE_EPSILON, color="#777777", linestyle=":", linewidth=1.5,
                   label=message("plot.default_epsilon", language))
        best = int(np.argmin(curve))
        ax.plot([grid[best]], [curve[best]], "*", color=PASS_COLOR, markersize=16,
                markeredgecolor=MARKER_COLOR,
                label=message("plot.best_epsilon", language, epsilon=grid[best],
                              difference=curve[best]))
        ax.set_xlabel(message("plot.epsilon_axis", language))
        ax.set_ylabel(message("plot.difference_axis", language))
        ax.set_title(message("plot.network_curve_title", language), fontsize=11)
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(loc="upper center", fontsize=9, framealpha=0.9, ncols=2)
        self.cursor = ax.axvline(COURSE_EPSILON, color=MARKER_COLOR, linewidth=1)
        (self.marker,) = ax.plot([], [], "o", color=CENTERED_COLOR, markersize=9,
                                 markeredgecolor=MARKER_COLOR)
        self.cursor_label = ax.text(COURSE_EPSILON, 0.03, "", transform=ax.get_xaxis_transform(),
                                    ha="left", va="bottom", fontsize=10, color=MARKER_COLOR)
        self.image.add_dynamic(self.cursor, self.marker, self.cursor_label)

    def update(self, epsilon, block_differences, total_difference):
        """Set the bars and the marker for ε.

        Args:
            epsilon: the current ε.
            block_differences: ``{"buggy": [d per block], "fixed": [...]}``
                in the order of ``names``.
            total_difference: the fixed network's total difference at ε.
        """
        for side, values in block_differences.items():
            for bar, label, value in zip(self.bars[side], self.bar_labels[side], values,
                                         strict=True):
                shown = max(float(value), self.bottom)
                bar.set_height(shown - self.bottom)
                bar.set_color(FAIL_COLOR if value > BLOCK_THRESHOLD else PASS_COLOR)
                label.set_y(shown)
                label.set_text(f"{value:.0e}")
        self.cursor.set_xdata([epsilon, epsilon])
        self.marker.set_data([epsilon], [max(total_difference, DIFFERENCE_FLOOR)])
        _place_cursor_label(self.cursor_label, epsilon, f"ε = {epsilon:.1e}")

    def render(self, metadata=None):
        """Return the figure as PNG bytes (only bars and marker are redrawn)."""
        return self.image.render(metadata)
