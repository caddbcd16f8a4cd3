"""The figure of lesson 03's explorer: one setting's V curve beside its error models.

Drawn like the lesson 01/02 explorers' figures (see ``plots``): an owned
Figure, still parts kept as a bitmap, only the ε cursor and point redrawn
after a slider move. Texts come from the message catalog.
"""

import numpy as np
from matplotlib.figure import Figure

from gc_checking.fast_checks import TOLERANCE_FACTOR
from gc_common.i18n import message, register_messages
from gc_utils import COURSE_EPSILON

from .explorer_sweeps import DIFFERENCE_FLOOR, EPSILON_MAX_EXPONENT, EPSILON_MIN_EXPONENT
from .figure_image import FigureImage
from .plots import (
    CENTERED_COLOR,
        FAIL_COLOR,
    FIGURE_DPI,
    MARKER_COLOR,
    PASS_COLOR,
    _floored,
    _place_cursor_label,
)

register_messages({
    "plot.practice_measured": {
        "en": "measured (centered difference)",
        "tr": "ölçülen (merkezi fark)",
    },
    "plot.practice_truncation": {
        "en": "truncation ε²‖J'''‖/6",
        "tr": "kesme hatası ε²‖J'''‖/6",
    },
    "plot.practice_rounding": {
        "en": "rounding √n·u|J|/ε",
        "tr": "yuvarlama hatası √n·u|J|/ε",
    },
    "plot.practice_kinks": {
        "en": "θ ± ε crosses a ReLU kink",
        "tr": "θ ± ε bir ReLU kırılma noktasını geçiyor",
    },
    "plot.practice_threshold": {
        "en": "threshold {factor}·u^(2/3) = {threshold:.1e}",
        "tr": "eşik değeri {factor}·u^(2/3) = {threshold:.1e}",
    },
})

# Lesson 01's curve size, a little taller for the legend below the axes
PRACTICE_FIGSIZE = (8.0, 5.2)

# The crossed-kink points: the notice colour of the explorers
KINK_COLOR = "#8a4b00"


class PracticeCurvePlot:
    """Lesson 03's V curve of one setting, with the error models, threshold and ε marker.

    The curve, models and threshold are still (they change with a toggle,
    which redraws everything once); the cursor and the point move with ε.

    Args:
        curve: a ``practice_sweeps.PracticeCurve``.
        title: the figure's title (the setting in words).
        language: ``"en"`` or ``"tr"``.
    """

    # One range for every setting, so toggling dtype or dropout moves the
    # curve, not the axes: float64's best difference (1e-10) to 1
    Y_LIMITS = (1e-13, 3.0)

    def __init__(self, curve, title, language):
        self.language = language
        self.figure = Figure(figsize=PRACTICE_FIGSIZE, dpi=FIGURE_DPI, layout="constrained")
        self.axes = ax = self.figure.add_subplot()
        self.image = FigureImage(self.figure)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(10.0**EPSILON_MIN_EXPONENT, 10.0**EPSILON_MAX_EXPONENT)
        ax.set_ylim(*self.Y_LIMITS)
        ax.set_xlabel(message("plot.epsilon_axis", language))
        ax.set_ylabel(message("plot.difference_axis", language))
        ax.grid(True, which="major", alpha=0.3)
        (self.line,) = ax.plot([], [], color=CENTERED_COLOR, linewidth=2,
                               label=message("plot.practice_measured", language))
        (self.truncation,) = ax.plot([], [], ":", color=PASS_COLOR, linewidth=2,
                                     label=message("plot.practice_truncation", language))
        (self.rounding,) = ax.plot([], [], ":", color=FAIL_COLOR, linewidth=2,
                                   label=message("plot.practice_rounding", language))
        (self.kinks,) = ax.plot([], [], "x", color=KINK_COLOR, markersize=6,
                                label=message("plot.practice_kinks", language))
        self.threshold_line = ax.axhline(1.0, color="#555555", linestyle="--", linewidth=1.2)
        self.cursor = ax.axvline(COURSE_EPSILON, color=MARKER_COLOR, linewidth=1)
        (self.marker,) = ax.plot([], [], "o", color=CENTERED_COLOR, markersize=9,
                                 markeredgecolor=MARKER_COLOR)
        self.cursor_label = ax.text(COURSE_EPSILON, 0.03, "", transform=ax.get_xaxis_transform(),
                                    ha="left", va="bottom", fontsize=10, color=MARKER_COLOR)
        self.image.add_dynamic(self.cursor, self.marker, self.cursor_label)
        self.legend = None
        self.set_curve(curve, title)

    def set_curve(self, curve, title):
        """Show another setting's curve, models and threshold (the still layer redraws)."""
        grid = curve.grid
        self.line.set_data(grid, _floored(curve.differences))
        # Fresh masks: J is a different function at every call, so neither
        # error model describes what the check measures
        models = curve.deterministic
        self.truncation.set_data(grid, _floored(curve.truncation))
        self.rounding.set_data(grid, _floored(curve.rounding))
        self.truncation.set_visible(models and bool(np.isfinite(curve.truncation).any()))
        self.rounding.set_visible(models)
        self.kinks.set_data(grid[curve.kinks], _floored(curve.differences[curve.kinks]))
        self.kinks.set_visible(bool(curve.kinks.any()))
        self.threshold_line.set_ydata([curve.threshold, curve.threshold])
        self.threshold_line.set_label(message("plot.practice_threshold", self.language,
                                              factor=TOLERANCE_FACTOR,
                                              threshold=curve.threshold))
        self.axes.set_title(title, fontsize=11)
        handles = [artist for artist in (self.line, self.truncation, self.rounding, self.kinks,
                                         self.threshold_line) if artist.get_visible()]
        # Below the axes, where neither the curves nor the ε label run
        if self.legend is not None:
            self.legend.remove()
        self.legend = self.figure.legend(handles=handles, loc="outside lower center",
                                         fontsize=9, frameon=False, ncols=3)
        self.image.invalidate()

    def update(self, epsilon, difference):
        """Move the cursor and the point to ε and its difference."""
        self.cursor.set_xdata([epsilon, epsilon])
        self.marker.set_data([epsilon], [max(difference, DIFFERENCE_FLOOR)])
        _place_cursor_label(self.cursor_label, epsilon, f"ε = {epsilon:.1e}")

    def render(self, metadata=None):
        """Return the figure as PNG bytes (only the cursor and point redraw after a move)."""
        return self.image.render(metadata)
