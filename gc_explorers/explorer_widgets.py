"""What both ε explorers share: the slider, the verdict, calling student code, display.

An explorer is a plain object holding ipywidgets and an owned figure. It
displays as the widget where a widget frontend runs (JupyterLab, Notebook
7, Colab) and as a static PNG of its first state everywhere else
(GitHub's viewer, nbconvert HTML, nbval), from one output.
"""

import base64
import html
import re
import threading

import numpy as np

from gc_common.i18n import LANGUAGES, get_language, message, register_messages
from gc_common.validation import (
    GradientCheckInputError,
    GradientCheckTypeError,
    as_float_array,
    describe,
    validate_epsilon,
)
from gc_utils import CHECK_THRESHOLD

from .explorer_sweeps import EPSILON_MAX_EXPONENT, EPSILON_MIN_EXPONENT
from .inline_guard import guard_inline_flush

register_messages({
    "explorer.slider": {"en": "ε", "tr": "ε"},
    "explorer.epsilon": {"en": "ε (step size)", "tr": "ε (adım büyüklüğü)"},
    "explorer.verdict": {"en": "verdict", "tr": "sonuç"},
    "explorer.not_ready": {
        "en": "Your `{name}` is not written yet (it raises NotImplementedError), "
              "so this plot uses {fallback}.",
        "tr": "`{name}` fonksiyonunuz henüz yazılmamış (NotImplementedError veriyor); "
              "bu yüzden grafik {fallback} kullanıyor.",
    },
    "explorer.broken": {
        "en": "Your `{name}` stopped with {error}, so this plot uses {fallback}.",
        "tr": "`{name}` fonksiyonunuz {error} hatasıyla durdu; "
              "bu yüzden grafik {fallback} kullanıyor.",
    },
    "explorer.bad_result": {
        "en": "Your `{name}` returned {got} instead of one finite number, "
              "so this plot uses {fallback}.",
        "tr": "`{name}` fonksiyonunuz tek bir sonlu sayı yerine {got} döndürdü; "
              "bu yüzden grafik {fallback} kullanıyor.",
    },
    "explorer.uses_student": {
        "en": "Computed with your {names}.",
        "tr": "Hesaplamada sizin fonksiyonlarınız kullanılıyor: {names}.",
    },
    "explorer.redraw_failed": {
        "en": "The plot could not be redrawn: {error}",
        "tr": "Grafik yeniden çizilemedi: {error}",
    },
    "verdict.pass": {
        "en": "✔ {difference:.2e} ≤ {threshold:.0e}: the gradients agree.",
        "tr": "✔ {difference:.2e} ≤ {threshold:.0e}: gradyanlar uyuşuyor.",
    },
    "verdict.rounding": {
        "en": "✘ Above the threshold {threshold:.0e} only because ε is too small: "
              "rounding error dominates. The gradient is right; try a larger ε.",
        "tr": "✘ Eşik değerinin ({threshold:.0e}) üstünde, ama yalnızca ε çok küçük olduğu için: "
              "yuvarlama hatası baskın. Gradyan doğru; daha büyük bir ε deneyin.",
    },
    "verdict.truncation": {
        "en": "✘ Above the threshold {threshold:.0e} only because ε is too large: "
              "truncation error dominates. The gradient is right; try a smaller ε.",
        "tr": "✘ Eşik değerinin ({threshold:.0e}) üstünde, ama yalnızca ε çok büyük olduğu için: "
              "kesme hatası baskın. Gradyan doğru; daha küçük bir ε deneyin.",
    },
    "verdict.bug": {
        "en": "✘ Above the threshold {threshold:.0e} for every ε: "
              "the backward propagation is wrong.",
        "tr": "✘ Her ε için eşik değerinin ({threshold:.0e}) üstünde: geri yayılım hatalı.",
    },
    "err.not_callable": {
        "en": "`{name}` must be a function (or None for the course's own), got {got}",
        "tr": "`{name}` bir fonksiyon olmalı (ya da dersin kendi sürümü için None), gelen: {got}",
    },
    "err.epsilon_range": {
        "en": "`epsilon` must lie between {low:.0e} and {high:.0e} (the slider's range), got {got}",
        "tr": "`epsilon` {low:.0e} ile {high:.0e} arasında olmalı (kaydırıcının aralığı), "
              "gelen: {got}",
    },
    "err.not_scalar": {
        "en": "`{name}` must be a single number, got {got}",
        "tr": "`{name}` tek bir sayı olmalı, gelen: {got}",
    },
    "err.language": {
        "en": "`language` must be one of {expected} or None, got {got}",
        "tr": "`language` {expected} değerlerinden biri ya da None olmalı, gelen: {got}",
    },
})

WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"

# A tenth of a decade per slider step: fine enough to follow the curve,
# coarse enough that the readout shows a round ε
SLIDER_STEP = 0.1
EPSILON_LOW = 10.0**EPSILON_MIN_EXPONENT
EPSILON_HIGH = 10.0**EPSILON_MAX_EXPONENT


class StudentFunctionError(Exception):
    """A student's function could not be used; the message says why, in their language."""


def check_language(language):
    """Return ``language`` or the one in force; raise a clear error for an unknown one."""
    if language is None:
        return get_language()
    code = str(language).strip().lower()
    if code not in LANGUAGES:
        raise GradientCheckInputError(
            message("err.language", expected=", ".join(LANGUAGES), got=describe(language))
        )
    return code


def check_slider_epsilon(epsilon):
    """Return ``epsilon`` as a float inside the slider's range, or raise a clear error."""
    value = validate_epsilon(epsilon)
    if not EPSILON_LOW <= value <= EPSILON_HIGH:
        raise GradientCheckInputError(
            message("err.epsilon_range", low=EPSILON_LOW, high=EPSILON_HIGH, got=describe(epsilon))
        )
    return value


def check_scalar(value, name):
    """Return ``value`` as a float after checking it is one finite number."""
    array = as_float_array(value, name)
    if array.size != 1:
        raise GradientCheckInputError(message("err.not_scalar", name=name, got=describe(value)))
    return float(array.reshape(-1)[0])


def check_function(function, name):
    """Return ``function`` when it is callable or None; raise a clear error otherwise."""
    if function is not None and not callable(function):
        raise GradientCheckTypeError(message("err.not_callable", name=name, got=describe(function)))
    return function


def call_student(function, name, fallback, language, *args, **kwargs):
    """Call a student's function and return its result as one finite float.

    Args:
        function: the student's function.
        name: its name, shown in the notice.
        fallback: what the explorer uses instead, for the notice.
        language: language of the notice.
        *args, **kwargs: passed on.

    Returns:
        float.

    Raises:
        StudentFunctionError: the function is not written yet, raised, or
            returned something other than one finite number; the message
            is the notice to show.
    """
    try:
        result = function(*args, **kwargs)
    except NotImplementedError as exc:
        raise StudentFunctionError(
            message("explorer.not_ready", language, name=name, fallback=fallback)
        ) from exc
    except Exception as exc:  # a student's bug of any kind: show it, keep the lesson going
        raise StudentFunctionError(
            message("explorer.broken", language, name=name, fallback=fallback,
                    error=f"{type(exc).__name__}: {exc}")
        ) from exc
    if isinstance(result, tuple) and result:
        # A gradient_check may return (difference, gradapprox)
        result = result[0]
    try:
        array = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        array = None
    if array is None or array.size != 1 or not np.isfinite(array).all():
        raise StudentFunctionError(
            message("explorer.bad_result", language, name=name, fallback=fallback,
                    got=describe(result))
        )
    return float(array.reshape(-1)[0])


def verdict(difference, epsilon, grid, curve, threshold, language):
    """Return the verdict key and text for a difference at ε.

    Args:
        difference: the relative difference at ``epsilon``.
        epsilon: the current ε.
        grid: ε values of the sweep, shape (k,).
        curve: the differences over the sweep, shape (k,).
        threshold: the pass line.
        language: language of the text.

    Returns:
        (key, text): key is ``"pass"``, ``"rounding"`` (ε below the best
        ε), ``"truncation"`` (above it) or ``"bug"`` (no ε passes).
    """
    curve = np.asarray(curve, dtype=np.float64)
    if difference <= threshold:
        key = "pass"
    elif not np.any(curve <= threshold):
        key = "bug"
    else:
        key = "rounding" if epsilon < grid[int(np.argmin(curve))] else "truncation"
    return key, message(f"verdict.{key}", language, difference=difference, threshold=threshold)


def make_slider(epsilon, language):
    """Return the FloatLogSlider for ε (1e-12 … 1e-1); works with ipywidgets 7.7 and 8."""
    import ipywidgets as widgets

    return widgets.FloatLogSlider(
        value=epsilon, base=10, min=EPSILON_MIN_EXPONENT, max=EPSILON_MAX_EXPONENT,
        step=SLIDER_STEP, description=message("explorer.slider", language),
        readout_format=".1e", continuous_update=True,
        layout=widgets.Layout(width="460px"),
    )


def picture_widget():
    """Return the Image widget the figure is shown in, scaled down to narrow outputs."""
    import ipywidgets as widgets

    return widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))


def notice_html(notices):
    """Return the notices as an HTML paragraph (empty string when there are none)."""
    if not notices:
        return ""
    # `name` in a message is code: show it as code
    items = "<br>".join(re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))
                        for text in notices)
    return f"<p class='gc-explorer-notice' style='color:#8a4b00'>{items}</p>"


def table_html(rows, css_class):
    """Return ``rows`` of (label, value_html) as a small HTML table."""
    body = "".join(
        f"<tr><td style='padding:1px 12px 1px 0'>{html.escape(label)}</td><td>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table class='{css_class}'>{body}</table>"


class ExplorerBase:
    """Shared machinery: refresh under a lock, show errors, display with a static fallback.

    Subclasses build ``self.box`` (the widget), ``self.image`` (an
    ``ipywidgets.Image``), ``self.notice`` (an ``ipywidgets.HTML``) and
    implement ``_redraw()`` returning the PNG of the current state.
    """

    threshold = CHECK_THRESHOLD

    def __init__(self, language):
        # A slider moved while a plotting cell runs must not close that
        # cell's pyplot figure from the comm thread
        guard_inline_flush()
        self.language = check_language(language)
        self.notices = []
        self.redraws = 0
        self.static_png = b""
        self._lock = threading.RLock()

    def _start(self):
        """Draw the first state; keep it as the static fallback image."""
        self.static_png = self.refresh()

    def refresh(self):
        """Recompute the readouts and redraw the figure for the widgets' values.

        Returns:
            bytes of the PNG now shown.
        """
        with self._lock:
            png = self._redraw()
            self.image.value = png
            self.redraws += 1
            return png

    def _on_change(self, change):
        # Runs on the kernel's comm thread: a failure must show up in the
        # notebook, not vanish into the server log
        try:
            self.refresh()
        except Exception as exc:
            self.notice.value = notice_html(
                self.notices + [message("explorer.redraw_failed", self.language,
                                        error=f"{type(exc).__name__}: {exc}")]
            )

    def _metadata(self, epsilon, difference, **extra):
        """Return the PNG text chunks of a redraw: what it shows, and which thread drew it."""
        return {"epsilon": repr(epsilon), "difference": repr(difference),
                "language": self.language, "redraw": str(self.redraws + 1),
                "thread": threading.current_thread().name, **extra}

    @property
    def epsilon(self):
        """The ε the slider shows."""
        return float(self.slider.value)

    @epsilon.setter
    def epsilon(self, value):
        self.slider.value = check_slider_epsilon(value)

    def _repr_mimebundle_(self, include=None, exclude=None):
        # One output, two renderings: the live widget where a widget manager
        # runs, the first state's PNG elsewhere (nbconvert drops the widget
        # view when the notebook holds no widget state)
        return {
            "text/plain": f"<{type(self).__name__}: ε = {self.epsilon:.1e}>",
            "image/png": base64.b64encode(self.static_png).decode("ascii"),
            WIDGET_VIEW_MIMETYPE: {
                "version_major": 2, "version_minor": 0, "model_id": self.box.model_id,
            },
        }
