"""Lesson 01's ε explorer: how the 1-D gradient check depends on ε.

A slider moves ε from 1e-12 to 1e-1; the explorer prints gradapprox, grad,
the relative difference and the verdict, and marks ε on a log-log plot of
the difference over the whole range, with the threshold and the regions
where rounding error and truncation error dominate. A toggle adds the
one-sided difference on the same axes; a second cost, J(θ) = θ³x, shows
the truncation side that the linear J(θ) = θx cannot have.

For J = θx it runs the student's own ``forward_propagation``,
``backward_propagation`` and ``gradient_check`` when given, and says so;
when one is not written yet or fails, it says that too and uses the
course's J = θx.
"""

import html

import numpy as np

from gc_common.i18n import message, register_messages
from gc_utils import COURSE_EPSILON, relative_difference

from .explorer_sweeps import (
    LINEAR_COST,
    ONE_D_COSTS,
    centered_difference,
    epsilon_grid,
    error_crossover,
    one_sided_difference,
)
from .explorer_widgets import (
    SLIDER_STEP,
    ExplorerBase,
    StudentFunctionError,
    call_student,
    check_function,
    check_scalar,
    check_slider_epsilon,
    make_slider,
    notice_html,
    picture_widget,
    table_html,
    verdict,
)
from .plots import EpsilonCurvePlot, log_limits

register_messages({
    "explorer.cost": {"en": "the cost J(θ) to differentiate", "tr": "türevi alınacak maliyet J(θ)"},
    "explorer.compare": {
        "en": "compare with the one-sided difference",
        "tr": "ileri farkla (tek yönlü fark) karşılaştır",
    },
    "explorer.course_linear": {
        "en": "the course's J(θ) = θx",
        "tr": "dersin hazır J(θ) = θx fonksiyonunu",
    },
    "readout.gradapprox": {
        "en": "gradapprox (centered difference)",
        "tr": "gradapprox (merkezi fark)",
    },
    "readout.grad": {"en": "grad (backward propagation)", "tr": "grad (geri yayılım)"},
    "readout.difference": {"en": "difference", "tr": "difference (bağıl fark)"},
    "readout.one_sided": {
        "en": "difference, one-sided",
        "tr": "difference, ileri fark",
    },
})


class _OneDSource:
    """Where the numbers for one cost come from: forward, backward and the difference."""

    def __init__(self, cost, x, theta):
        self.cost = cost
        self.x = x
        self.theta = theta
        self.forward = cost.value
        self.backward = cost.derivative
        self.check = None
        self.student_names = []

    def point(self, epsilon):
        """Return gradapprox, grad and both differences at ε (floats)."""
        x, theta = self.x, self.theta
        gradapprox = centered_difference(self.forward, x, theta, epsilon)
        grad = float(self.backward(x, theta))
        if self.check is not None:
            difference = self.check(epsilon)
        else:
            difference = relative_difference(grad, gradapprox)
        one_sided = relative_difference(grad, one_sided_difference(self.forward, x, theta, epsilon))
        return {"gradapprox": gradapprox, "grad": grad, "difference": difference,
                "one_sided": one_sided}


class EpsilonExplorer(ExplorerBase):
    """The interactive ε explorer of lesson 01.

    Args:
        forward_propagation: the student's ``forward_propagation(x, theta)``
            → J, or None for the course's J = θx.
        backward_propagation: the student's ``backward_propagation(x, theta)``
            → dtheta, or None.
        gradient_check: the student's ``gradient_check(x, theta, epsilon=…,
            print_msg=False)`` → difference, or None to compute the
            difference from forward and backward.
        x, theta: the point of the check (numbers; the lesson uses 2 and 4).
        epsilon: the starting ε, between 1e-12 and 1e-1.
        language: ``"en"``, ``"tr"`` or None for the notebook's language.

    Attributes:
        box: the widget to display (the explorer displays itself).
        figure: the matplotlib Figure it draws on.
        last: the numbers of the last redraw (epsilon, gradapprox, grad,
            difference, one_sided, verdict).

    Raises:
        GradientCheckInputError: x or theta not one finite number, ε out
            of range, unknown language.
        GradientCheckTypeError: a function argument that is not callable.
    """

    def __init__(self, forward_propagation=None, backward_propagation=None, gradient_check=None,
                 x=2.0, theta=4.0, epsilon=COURSE_EPSILON, language=None):
        super().__init__(language)
        import ipywidgets as widgets

        self.x = check_scalar(x, "x")
        self.theta = check_scalar(theta, "theta")
        start = check_slider_epsilon(epsilon)
        functions = {
            "forward_propagation": check_function(forward_propagation, "forward_propagation"),
            "backward_propagation": check_function(backward_propagation, "backward_propagation"),
            "gradient_check": check_function(gradient_check, "gradient_check"),
        }
        self.grid = epsilon_grid(SLIDER_STEP)
        self.sources = {key: _OneDSource(cost, self.x, self.theta)
                        for key, cost in ONE_D_COSTS.items()}
        self._use_student_functions(self.sources["linear"], functions)
        self.sweeps = {key: self._sweep(key) for key in self.sources}
        self.y_limits = log_limits(*(curve for sweep in self.sweeps.values()
                                      for curve in sweep.values()))
        self.last = {}

        self.slider = make_slider(start, self.language)
        self.cost = widgets.ToggleButtons(
            options=[(cost.formula, key) for key, cost in ONE_D_COSTS.items()], value="linear",
            tooltips=[message("explorer.cost", self.language)] * len(ONE_D_COSTS),
        )
        self.compare = widgets.Checkbox(
            value=False, description=message("explorer.compare", self.language), indent=False,
        )
        self.readout = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self.notices))
        self.image = picture_widget()
        self.box = widgets.VBox([
            self.notice,
            self.slider,
            widgets.HBox([self.cost, self.compare]),
            self.readout,
            self.image,
        ])
        self.plot = EpsilonCurvePlot(self.grid, self._plot_curves("linear"),
                                     self._crossovers("linear"),
                                     LINEAR_COST.formula, self.x, self.theta, self.language,
                                     self.y_limits)
        self.plot.show_method("one_sided", False)
        self.figure = self.plot.figure
        self.slider.observe(self._on_change, names="value")
        self.cost.observe(self._on_cost, names="value")
        self.compare.observe(self._on_compare, names="value")
        self._start()

    def _use_student_functions(self, source, functions):
        """Run the student's functions for J = θx when they work; note why not otherwise."""
        fallback = message("explorer.course_linear", self.language)
        forward = functions["forward_propagation"]
        backward = functions["backward_propagation"]
        check = functions["gradient_check"]
        x, theta = self.x, self.theta
        if forward is not None and backward is not None:
            try:
                call_student(forward, "forward_propagation", fallback, self.language, x, theta)
                call_student(backward, "backward_propagation", fallback, self.language, x, theta)
            except StudentFunctionError as exc:
                self.notices.append(str(exc))
                return
            source.forward = lambda x_, theta_: call_student(
                forward, "forward_propagation", fallback, self.language, x_, theta_)
            source.backward = lambda x_, theta_: call_student(
                backward, "backward_propagation", fallback, self.language, x_, theta_)
            source.student_names += ["forward_propagation", "backward_propagation"]
        if check is not None:
            def student_check(epsilon):
                return call_student(check, "gradient_check", fallback, self.language,
                                    x, theta, epsilon=epsilon, print_msg=False)
            try:
                student_check(self.grid[0])
            except StudentFunctionError as exc:
                self.notices.append(str(exc))
            else:
                source.check = student_check
                source.student_names.append("gradient_check")
        if source.student_names:
            names = ", ".join(f"`{name}`" for name in source.student_names)
            self.notices.append(message("explorer.uses_student", self.language, names=names))

    def _sweep(self, key):
        """Return both differences over the ε grid (the curves, computed once).

        A student's function that fails somewhere in the range is replaced
        by the course's, with a notice, so the lesson can go on.
        """
        source = self.sources[key]
        try:
            points = [source.point(epsilon) for epsilon in self.grid]
        except StudentFunctionError as exc:
            self.notices = [str(exc)]
            source = self.sources[key] = _OneDSource(ONE_D_COSTS[key], self.x, self.theta)
            points = [source.point(epsilon) for epsilon in self.grid]
        return {method: np.array([p[method] for p in points])
                for method in ("difference", "one_sided")}

    def _crossovers(self, key):
        cost = ONE_D_COSTS[key]
        return {method: error_crossover(cost, self.x, self.theta, method)
                for method in ("centered", "one_sided")}

    def _plot_curves(self, key):
        sweep = self.sweeps[key]
        return {"centered": sweep["difference"], "one_sided": sweep["one_sided"]}

    def _on_cost(self, change):
        with self._lock:
            key = change["new"]
            self.plot.set_curves(self.grid, self._plot_curves(key), self._crossovers(key),
                                 ONE_D_COSTS[key].formula, self.x, self.theta, self.y_limits)
        self._on_change(change)

    def _on_compare(self, change):
        with self._lock:
            self.plot.show_method("one_sided", bool(change["new"]))
        self._on_change(change)

    def _redraw(self):
        key = self.cost.value
        epsilon = self.epsilon
        point = self.sources[key].point(epsilon)
        verdict_key, verdict_text = verdict(point["difference"], epsilon, self.grid,
                                            self.sweeps[key]["difference"], self.threshold,
                                            self.language)
        self.last = dict(point, epsilon=epsilon, cost=key, verdict=verdict_key)
        self.readout.value = self._readout_html(point, epsilon, verdict_key, verdict_text)
        shown = {"centered": point["difference"]}
        if self.compare.value:
            shown["one_sided"] = point["one_sided"]
        self.plot.update(epsilon, shown)
        return self.plot.render(self._metadata(epsilon, point["difference"], cost=key))

    def _readout_html(self, point, epsilon, verdict_key, verdict_text):
        lang = self.language
        rows = [
            (message("explorer.epsilon", lang), f"{epsilon:.1e}"),
            (message("readout.gradapprox", lang), f"{point['gradapprox']!r}"),
            (message("readout.grad", lang), f"{point['grad']!r}"),
            (message("readout.difference", lang),
             f"<b class='gc-difference' data-epsilon='{epsilon!r}'>{point['difference']!r}</b>"),
        ]
        if self.compare.value:
            rows.append((message("readout.one_sided", lang),
                         f"<span class='gc-one-sided'>{point['one_sided']!r}</span>"))
        color = "#1a7f37" if verdict_key == "pass" else "#b42318"
        rows.append((message("explorer.verdict", lang),
                     f"<span class='gc-verdict gc-verdict-{verdict_key}' "
                     f"style='color:{color}'>{html.escape(verdict_text)}</span>"))
        return table_html(rows, "gc-explorer-readout")


def epsilon_explorer(forward_propagation=None, backward_propagation=None, gradient_check=None,
                     x=2.0, theta=4.0, epsilon=COURSE_EPSILON, language=None):
    """Build lesson 01's ε explorer; the cell that ends with it shows the widget.

    Same arguments as :class:`EpsilonExplorer`.

    Returns:
        EpsilonExplorer.
    """
    return EpsilonExplorer(forward_propagation, backward_propagation, gradient_check,
                           x=x, theta=theta, epsilon=epsilon, language=language)
