"""Lesson 03's ε × dtype explorer: the V curve of the fraud network, setting by setting.

A log slider moves ε from 1e-12 to 1e-1; toggles choose the dtype
(float64, float32), dropout (off, a fixed mask, fresh masks) and a ReLU
unit next to its kink. The figure shows the measured relative difference
of the correct backward pass over ε with the truncation and rounding
models of section 1, the threshold that follows the dtype (section 2) and
the current ε; the readout prints the numbers and the verdict. A toggle
runs its setting's check over the ε grid once (and keeps it); a slider
move only looks the value up and redraws the cursor.
"""

import html

import numpy as np

from gc_checking.fast_checks import TOLERANCE_FACTOR
from gc_common.i18n import message, register_messages
from gc_common.validation import GradientCheckInputError, describe
from gc_utils import COURSE_EPSILON

from .explorer_widgets import (
    SLIDER_STEP,
    ExplorerBase,
    check_slider_epsilon,
    make_slider,
    notice_html,
    picture_widget,
    table_html,
    verdict,
)
from .practice_plot import PracticeCurvePlot
from .practice_sweeps import DROPOUTS, DTYPES, KEEP_PROB, Setting, practice_curve

register_messages({
    "err.practice_dtype": {
        "en": "`dtype` must be one of {expected} (a name, NumPy type or dtype), got {got}",
        "tr": "`dtype` şunlardan biri olmalı: {expected} (adı, NumPy türü ya da dtype "
              "nesnesi); gelen: {got}",
    },
    "practice.dropout_off": {"en": "off", "tr": "kapalı"},
    "practice.dropout_fixed": {"en": "fixed mask", "tr": "sabit maske"},
    "practice.dropout_fresh": {"en": "fresh masks", "tr": "her seferinde yeni maske"},
    "practice.kink": {
        "en": "a ReLU unit at z = 1e-8 (kink)",
        "tr": "z = 1e-8'de bir ReLU birimi (kırılma noktası)",
    },
    "practice.title": {
        "en": "Fraud network, correct backward pass: {dtype}, dropout {dropout}{kink}",
        "tr": "Dolandırıcılık ağı, doğru geri yayılım: {dtype}, dropout {dropout}{kink}",
    },
    "practice.title_kink": {"en": ", unit at its kink", "tr": ", kırılma noktasında birim"},
    "practice.unit_roundoff": {"en": "u (unit roundoff)", "tr": "u (birim yuvarlama)"},
    "practice.cost_twice": {
        "en": "J(θ), computed twice",
        "tr": "J(θ), iki kez hesaplandı",
    },
    "practice.difference": {
        "en": "difference (numerical against analytic gradient)",
        "tr": "difference (sayısal ve analitik gradyanın bağıl farkı)",
    },
    "practice.threshold": {"en": "threshold", "tr": "eşik değeri"},
    "practice.threshold_reason": {
        "en": "{threshold:.1e} = {factor}·u^(2/3), the threshold that follows the dtype: "
              "a correct gradient near the best ε stays below it, a wrong block does not",
        "tr": "{threshold:.1e} = {factor}·u^(2/3), dtype'a göre değişen eşik değeri: en iyi ε "
              "civarında doğru bir gradyan bunun altında kalır, yanlış bir blok kalmaz",
    },
    "practice.models": {"en": "error models at ε", "tr": "ε'daki hata modelleri"},
    "practice.models_value": {
        "en": "truncation {truncation:.1e}, rounding {rounding:.1e}",
        "tr": "kesme {truncation:.1e}, yuvarlama {rounding:.1e}",
    },
    "practice.models_kink": {
        "en": "rounding {rounding:.1e}; no truncation model: J''' does not exist at a kink",
        "tr": "yuvarlama {rounding:.1e}; kesme hatası modeli yok: J''' kırılma noktasında "
              "tanımlı değildir",
    },
    # The verdicts of lessons 01-02, with the threshold to two digits: the
    # dtype's thresholds (6.9e-09, 4.6e-03) are not round numbers
    "practice.verdict.pass": {
        "en": "✔ {difference:.2e} ≤ {threshold:.1e}: the gradients agree.",
        "tr": "✔ {difference:.2e} ≤ {threshold:.1e}: gradyanlar uyuşuyor.",
    },
    "practice.verdict.rounding": {
        "en": "✘ Above the threshold {threshold:.1e} only because ε is too small: "
              "rounding error dominates. The gradient is right; try a larger ε.",
        "tr": "✘ Eşik değerinin ({threshold:.1e}) üstünde, ama yalnızca ε çok küçük olduğu "
              "için: yuvarlama hatası baskın. Gradyan doğru; daha büyük bir ε deneyin.",
    },
    "practice.verdict.truncation": {
        "en": "✘ Above the threshold {threshold:.1e} only because ε is too large: "
              "truncation error dominates. The gradient is right; try a smaller ε.",
        "tr": "✘ Eşik değerinin ({threshold:.1e}) üstünde, ama yalnızca ε çok büyük olduğu "
              "için: kesme hatası baskın. Gradyan doğru; daha küçük bir ε deneyin.",
    },
    "practice.verdict.bug": {
        "en": "✘ Above the threshold {threshold:.1e} for every ε: "
              "the backward propagation is wrong.",
        "tr": "✘ Her ε için eşik değerinin ({threshold:.1e}) üstünde: geri yayılım hatalı.",
    },
    "practice.verdict.random": {
        "en": "✘ J(θ) changed between two calls at the same θ: with fresh dropout masks "
              "the check measures the masks, not the gradient. Fix the mask or switch "
              "dropout off before checking.",
        "tr": "✘ J(θ), aynı θ'da iki çağrı arasında değişti: her seferinde yeni dropout "
              "maskesiyle kontrol gradyanı değil maskeleri ölçer. Kontrolden önce maskeyi "
              "sabitleyin ya da dropout'u kapatın.",
    },
    "practice.verdict.kink": {
        "en": "✘ Above the threshold {threshold:.1e} because θ ± ε crosses a ReLU kink: "
              "a false alarm, not a bug. Take ε below the unit's distance to its kink, "
              "or leave those coordinates out (detect_kinks=True).",
        "tr": "✘ Eşik değerinin ({threshold:.1e}) üstünde, çünkü θ ± ε bir ReLU kırılma "
              "noktasını geçiyor: bu bir hata değil, yanlış alarm. ε'u birimin kırılma "
              "noktasına uzaklığından küçük seçin ya da bu koordinatları dışarıda bırakın "
              "(detect_kinks=True).",
    },
    "practice.verdict.kink_rounding": {
        "en": "✘ Above the threshold {threshold:.1e}: ε is too small (rounding error "
              "dominates), and every ε large enough crosses the ReLU kink. No ε settles it "
              "here: leave the kink's coordinates out (detect_kinks=True).",
        "tr": "✘ Eşik değerinin ({threshold:.1e}) üstünde: ε çok küçük (yuvarlama hatası "
              "baskın) ve yeterince büyük her ε ReLU kırılma noktasını geçiyor. Burada hiçbir "
              "ε sorunu çözmüyor: kırılma noktasının koordinatlarını dışarıda bırakın "
              "(detect_kinks=True).",
    },
})

# Ten grid points a decade, the slider's own step: every slider value
# has its precomputed difference
PRACTICE_GRID_STEP = SLIDER_STEP


def practice_verdict(curve, position, language):
    """Return the verdict key and text for the grid point ``position`` of a PracticeCurve.

    Non-determinism comes first (fresh masks make every ε meaningless),
    then the threshold, then a crossed kink; a failure elsewhere is
    rounding or truncation by the side of the best ε, as in lessons 01-02.

    Returns:
        (key, text): key is ``"random"``, ``"pass"``, ``"kink"``,
        ``"kink_rounding"``, ``"rounding"``, ``"truncation"`` or ``"bug"``.
    """
    difference = float(curve.differences[position])
    threshold = curve.threshold
    if not curve.deterministic:
        key = "random"
    elif difference <= threshold:
        key = "pass"
    elif curve.kinks[position]:
        key = "kink"
    elif curve.kinks.any() and not (curve.differences <= threshold).any():
        key = "kink_rounding"
    else:
        key, _ = verdict(difference, float(curve.grid[position]), curve.grid, curve.differences,
                         threshold, language)
    return key, message(f"practice.verdict.{key}", language, difference=difference,
                        threshold=threshold)


class PracticeExplorer(ExplorerBase):
    """The interactive ε × dtype explorer of lesson 03.

    Args:
        epsilon: the starting ε, between 1e-12 and 1e-1.
        dtype: the starting dtype, ``"float64"`` or ``"float32"``.
        language: ``"en"``, ``"tr"`` or None for the notebook's language.

    Attributes:
        box: the widget to display (the explorer displays itself).
        figure: the matplotlib Figure it draws on.
        curves: the PracticeCurve of every setting shown so far.
        last: the numbers of the last redraw (epsilon, dtype, dropout,
            kink, difference, threshold, verdict).

    Raises:
        GradientCheckInputError: ε out of range, unknown dtype or language.
    """

    def __init__(self, epsilon=COURSE_EPSILON, dtype="float64", language=None):
        super().__init__(language)
        import ipywidgets as widgets

        start = check_slider_epsilon(epsilon)
        start_dtype = check_dtype_name(dtype)
        lang = self.language
        self.curves = {}
        self.last = {}

        self.slider = make_slider(start, lang)
        # Buttons as wide as their label (Turkish labels are long)
        buttons = {"button_width": "auto"}
        self.dtype = widgets.ToggleButtons(options=list(DTYPES), value=start_dtype,
                                           description="dtype",
                                           style=buttons)
        self.dropout = widgets.ToggleButtons(
            options=[(message(f"practice.dropout_{key}", lang), key) for key in DROPOUTS],
            value="off", description="dropout", style=buttons,
        )
        self.kink = widgets.Checkbox(value=False, description=message("practice.kink", lang),
                                     indent=False, layout=widgets.Layout(width="auto"))
        self.readout = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self.notices))
        self.image = picture_widget()
        self.box = widgets.VBox([
            self.notice, self.slider, self.dtype, self.dropout, self.kink, self.readout,
            self.image,
        ])
        curve = self.curve()
        self.plot = PracticeCurvePlot(curve, self._title(curve.setting), lang)
        self.figure = self.plot.figure
        self.slider.observe(self._on_change, names="value")
        for toggle in (self.dtype, self.dropout, self.kink):
            toggle.observe(self._on_setting, names="value")
        self._start()

    @property
    def setting(self):
        """The Setting the toggles show."""
        return Setting(self.dtype.value, self.dropout.value, bool(self.kink.value))

    def curve(self, setting=None):
        """Return the PracticeCurve of ``setting`` (the toggles' one by default), computed once."""
        setting = setting or self.setting
        if setting not in self.curves:
            self.curves[setting] = practice_curve(setting, PRACTICE_GRID_STEP)
        return self.curves[setting]

    def _title(self, setting):
        lang = self.language
        return message("practice.title", lang, dtype=setting.dtype,
                       dropout=message(f"practice.dropout_{setting.dropout}", lang),
                       kink=message("practice.title_kink", lang) if setting.kink else "")

    def _on_setting(self, change):
        try:
            with self._lock:
                curve = self.curve()
                self.plot.set_curve(curve, self._title(curve.setting))
        except Exception as exc:  # shown in the notebook, like a failed redraw
            self.notice.value = notice_html(
                self.notices + [message("explorer.redraw_failed", self.language,
                                        error=f"{type(exc).__name__}: {exc}")])
            return
        self._on_change(change)

    def _redraw(self):
        curve = self.curve()
        setting = curve.setting
        position = curve.index(self.epsilon)
        epsilon = float(curve.grid[position])
        difference = float(curve.differences[position])
        verdict_key, verdict_text = practice_verdict(curve, position, self.language)
        self.last = {"epsilon": epsilon, "dtype": setting.dtype, "dropout": setting.dropout,
                     "kink": setting.kink, "difference": difference,
                     "threshold": curve.threshold, "verdict": verdict_key,
                     "crossed_kink": bool(curve.kinks[position])}
        self.readout.value = self._readout_html(curve, position, verdict_key, verdict_text)
        self.plot.update(epsilon, difference)
        return self.plot.render(self._metadata(epsilon, difference, dtype=setting.dtype,
                                               dropout=setting.dropout, kink=str(setting.kink),
                                               verdict=verdict_key))

    def _readout_html(self, curve, position, verdict_key, verdict_text):
        lang = self.language
        epsilon = float(curve.grid[position])
        difference = float(curve.differences[position])
        rows = [
            (message("explorer.epsilon", lang), f"{epsilon:.1e}"),
            (message("practice.unit_roundoff", lang),
             f"{curve.unit_roundoff:.1e} ({curve.setting.dtype})"),
        ]
        if curve.setting.dropout != "off":
            first, second = curve.cost_twice
            rows.append((message("practice.cost_twice", lang),
                         f"<span class='gc-cost-twice'>{first!r}, {second!r}</span>"
                         f" (keep_prob = {KEEP_PROB})"))
        rows += [
            (message("practice.difference", lang),
             f"<b class='gc-difference' data-epsilon='{epsilon!r}'>{difference!r}</b>"),
            (message("practice.threshold", lang),
             html.escape(message("practice.threshold_reason", lang, threshold=curve.threshold,
                                 factor=TOLERANCE_FACTOR, dtype=curve.setting.dtype))),
        ]
        if curve.deterministic:
            truncation = float(curve.truncation[position])
            models = "practice.models_value" if np.isfinite(truncation) else "practice.models_kink"
            rows.append((message("practice.models", lang),
                         message(models, lang, truncation=truncation,
                                 rounding=float(curve.rounding[position]))))
        color = "#1a7f37" if verdict_key == "pass" else "#b42318"
        rows.append((message("explorer.verdict", lang),
                     f"<span class='gc-verdict gc-verdict-{verdict_key}' "
                     f"style='color:{color}'>{html.escape(verdict_text)}</span>"))
        return table_html(rows, "gc-explorer-readout")


def check_dtype_name(dtype):
    """Return the name of ``dtype`` (``"float64"`` or ``"float32"``), or raise a clear error."""
    try:
        name = np.dtype(dtype).name
    except TypeError:
        name = None
    if name not in DTYPES:
        raise GradientCheckInputError(message("err.practice_dtype", expected=", ".join(DTYPES),
                                              got=describe(dtype)))
    return name


def practice_explorer(epsilon=COURSE_EPSILON, dtype="float64", language=None):
    """Build lesson 03's ε × dtype explorer; the cell that ends with it shows the widget.

    Same arguments as :class:`PracticeExplorer`.

    Returns:
        PracticeExplorer.
    """
    return PracticeExplorer(epsilon=epsilon, dtype=dtype, language=language)
