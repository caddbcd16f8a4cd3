"""Lesson 02's ε explorer: which parameter is wrong, and which ε is best?

The slider drives the student's own ``gradient_check_n`` for the backward
pass with the seeded bugs and for the fixed one. A bar chart (log scale)
shows the relative difference of every parameter block (W1, b1, …, b3)
against the per-parameter threshold, buggy and fixed side by side, so W2
and b1 stand out; below, the total difference of the fixed network over
ε draws a V whose bottom is not at the usual ε = 1e-7.
"""

import html

import numpy as np

from gc_checking.diagnosis import diagnose_gradients
from gc_checking.reference import fraud_net_gradient
from gc_common.i18n import message, register_messages
from gc_utils import (
    BLOCK_THRESHOLD,
    COURSE_EPSILON,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    parameter_keys,
    relative_difference,
)

from .explorer_sweeps import epsilon_grid
from .explorer_widgets import (
    ExplorerBase,
    StudentFunctionError,
    call_student,
    check_function,
    check_slider_epsilon,
    make_slider,
    notice_html,
    picture_widget,
    table_html,
    verdict,
)
from .network_plot import NetworkDifferencePlot

register_messages({
    "explorer.course_check_n": {
        "en": "the course's numerical gradient and relative difference",
        "tr": "dersin hazır sayısal gradyanını ve bağıl farkını",
    },
    "readout.total_difference": {
        "en": "difference (gradient_check_n)",
        "tr": "difference (gradient_check_n, bağıl fark)",
    },
    "readout.blocks_ok": {
        "en": "every parameter below {threshold:.0e}",
        "tr": "her parametre {threshold:.0e} altında",
    },
})

# Four points a decade: the V is smooth enough, and the sweep (two
# gradient checks of 94 forward passes per ε) stays near a second
NETWORK_GRID_STEP = 0.25
SIDES = ("buggy", "fixed")


class NetworkEpsilonExplorer(ExplorerBase):
    """The interactive ε explorer of lesson 02.

    Args:
        X: inputs (n_features, m); Y: labels (m,) or (1, m).
        parameters: dict W1, b1, …, b3 of the fraud network.
        buggy_gradients: dict dW1, db1, …, db3 from the backward pass with
            the seeded bugs.
        fixed_gradients: dict dW1, …, db3 from the fixed backward pass.
        gradient_check_n: the student's ``gradient_check_n(parameters,
            gradients, X, Y, epsilon=…, print_msg=False)`` → difference,
            or None for the course's numerical gradient.
        epsilon: the starting ε, between 1e-12 and 1e-1.
        language: ``"en"``, ``"tr"`` or None for the notebook's language.

    Attributes:
        box: the widget; figure: the matplotlib Figure; last: the numbers
        of the last redraw (epsilon, totals, blocks, verdicts).

    Raises:
        GradientCheckInputError / GradientCheckTypeError: inconsistent
            X, Y, parameters or gradients (shapes, keys, NaN), ε out of
            range, a gradient_check_n that is not callable.
    """

    def __init__(self, X, Y, parameters, buggy_gradients, fixed_gradients,
                 gradient_check_n=None, epsilon=COURSE_EPSILON, language=None):
        super().__init__(language)
        import ipywidgets as widgets

        start = check_slider_epsilon(epsilon)
        check_function(gradient_check_n, "gradient_check_n")
        forward_propagation_n(X, Y, parameters)
        self.X, self.Y, self.parameters = X, Y, parameters
        self.names = parameter_keys(parameters)
        _, self.keys = dictionary_to_vector(parameters)
        self.gradients = {"buggy": buggy_gradients, "fixed": fixed_gradients}
        self.grad_vectors = {side: gradients_to_vector(g, parameters)
                             for side, g in self.gradients.items()}
        self._total = self._course_total
        if gradient_check_n is not None:
            self._use_student_check(gradient_check_n)

        self.grid = epsilon_grid(NETWORK_GRID_STEP)
        # The V curve is the student's; the buggy side's sweep only feeds
        # its verdict, so the course's difference saves a third of the time
        sweep = [self._point(epsilon, checked_sides=("fixed",)) for epsilon in self.grid]
        self.total_curves = {side: np.array([p["totals"][side] for p in sweep]) for side in SIDES}
        block_curves = [np.array(p["blocks"][side]) for p in sweep for side in SIDES]
        self.last = {}

        self.slider = make_slider(start, self.language)
        self.readout = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self.notices))
        self.image = picture_widget()
        self.box = widgets.VBox([self.notice, self.slider, self.readout, self.image])
        self.plot = NetworkDifferencePlot(self.names, self.grid, self.total_curves["fixed"],
                                          block_curves,
                                          self.language)
        self.figure = self.plot.figure
        self.slider.observe(self._on_change, names="value")
        self._start()

    def _use_student_check(self, gradient_check_n):
        fallback = message("explorer.course_check_n", self.language)

        def student_total(side, epsilon, gradapprox):
            return call_student(gradient_check_n, "gradient_check_n", fallback, self.language,
                                self.parameters, self.gradients[side], self.X, self.Y,
                                epsilon=epsilon, print_msg=False)

        try:
            student_total("fixed", 1e-7, None)
        except StudentFunctionError as exc:
            self.notices.append(str(exc))
            return
        self._total = student_total
        self.notices.append(message("explorer.uses_student", self.language,
                                    names="`gradient_check_n`"))

    def _course_total(self, side, epsilon, gradapprox):
        return relative_difference(self.grad_vectors[side], gradapprox)

    def _point(self, epsilon, checked_sides=SIDES):
        """Return the totals and the per-block differences of both sides at ε.

        ``checked_sides`` get their total from the student's gradient_check_n
        (when it works), the others from the course's numerical gradient.
        """
        gradapprox, _ = fraud_net_gradient(self.X, self.Y, self.parameters, epsilon)
        totals = {side: (self._total if side in checked_sides else self._course_total)(
                      side, epsilon, gradapprox) for side in SIDES}
        blocks = {}
        for side in SIDES:
            diagnosis = diagnose_gradients(self.grad_vectors[side], gradapprox, self.keys,
                                           threshold=BLOCK_THRESHOLD)
            blocks[side] = [diagnosis.difference(name) for name in self.names]
            blocks[side + "_suspects"] = diagnosis.suspects
        return {"totals": totals, "blocks": blocks}

    def _redraw(self):
        epsilon = self.epsilon
        point = self._point(epsilon)
        verdicts = {side: verdict(point["totals"][side], epsilon, self.grid,
                                  self.total_curves[side], self.threshold, self.language)
                    for side in SIDES}
        self.last = {"epsilon": epsilon, "totals": point["totals"],
                     "blocks": {side: dict(zip(self.names, point["blocks"][side], strict=True))
                                for side in SIDES},
                     "suspects": {side: point["blocks"][side + "_suspects"] for side in SIDES},
                     "verdicts": {side: v[0] for side, v in verdicts.items()}}
        self.readout.value = self._readout_html(epsilon, point, verdicts)
        self.plot.update(epsilon, {side: point["blocks"][side] for side in SIDES},
                         point["totals"]["fixed"])
        return self.plot.render(self._metadata(epsilon, point["totals"]["fixed"],
                                               difference_buggy=repr(point["totals"]["buggy"])))

    def _readout_html(self, epsilon, point, verdicts):
        lang = self.language
        rows = [(message("explorer.epsilon", lang), f"{epsilon:.1e}")]
        for side in SIDES:
            total = point["totals"][side]
            key, text = verdicts[side]
            suspects = point["blocks"][side + "_suspects"]
            color = "#1a7f37" if key == "pass" else "#b42318"
            where = (message("diag.summary_bad", lang, blocks=", ".join(suspects)) if suspects
                     else message("readout.blocks_ok", lang, threshold=BLOCK_THRESHOLD))
            rows.append((message(f"plot.bars_{side}", lang),
                         f"{html.escape(message('readout.total_difference', lang))} = "
                         f"<b class='gc-difference gc-{side}' data-epsilon='{epsilon!r}'>"
                         f"{total!r}</b><br><span class='gc-verdict gc-verdict-{key}' "
                         f"style='color:{color}'>{html.escape(text)}</span><br>"
                         f"<span class='gc-suspects'>{html.escape(where)}</span>"))
        return table_html(rows, "gc-explorer-readout")


def network_epsilon_explorer(X, Y, parameters, buggy_gradients, fixed_gradients,
                             gradient_check_n=None, epsilon=COURSE_EPSILON, language=None):
    """Build lesson 02's ε explorer; the cell that ends with it shows the widget.

    Same arguments as :class:`NetworkEpsilonExplorer`.

    Returns:
        NetworkEpsilonExplorer.
    """
    return NetworkEpsilonExplorer(X, Y, parameters, buggy_gradients, fixed_gradients,
                                  gradient_check_n=gradient_check_n, epsilon=epsilon,
                                  language=language)
