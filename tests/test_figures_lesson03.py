"""Are lesson 03's figures drawn from code and saved data, the same bytes on every run?"""

import re
from pathlib import Path

import pytest

from tools.figures import lesson03, render

pytestmark = pytest.mark.numeric

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "lessons" / "03-gradient-checking-in-practice.lesson"


def test_every_figure_is_used_by_the_lesson_in_both_languages():
    text = LESSON.read_text(encoding="utf-8")
    for path in lesson03.FIGURES:
        # a figure with words is drawn per language and used once, by its language
        uses = 1 if re.search(r"\.(en|tr)\.png\Z", path) else 2
        assert len(re.findall(re.escape(f"]({path})"), text)) == uses, path


def test_the_timing_legend_is_in_the_figure_language():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    legends = {}
    for language in ("en", "tr"):
        figure = Figure()
        lesson03.FIGURES[f"images/03-check-times.{language}.png"](figure)
        legends[language] = [text.get_text() for text in
                             figure.axes[0].get_legend().get_texts()]
    assert r"$2\times$ ileri yayılım" in legends["tr"]
    assert r"$2\times$ forward pass" in legends["en"]
    assert not any("forward" in label for label in legends["tr"])


def test_the_timing_figure_reads_every_method_from_the_saved_benchmark():
    timings = lesson03.read_timings()
    numpy_methods = {"loop", "vectorized", "random_direction", "sampled", "complex_step",
                     "two_forward"}
    # torch's columns are there only when the benchmark ran with torch installed
    assert numpy_methods <= set(timings) <= set(lesson03.METHODS)
    n, seconds, scaled = timings["loop"]
    assert n.min() == 47 and n.max() > 100_000
    # Only the largest network's loop is scaled up from a sample
    assert list(scaled) == [False] * (len(n) - 1) + [True]
    assert (seconds > 0).all()
    if "torch_slow" in timings:
        # torch's slow gradcheck is skipped on the largest network
        assert timings["torch_slow"][0].max() < 100_000


def test_a_figure_renders_to_identical_bytes_twice():
    first = render(lesson03.draw_kink)
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and render(lesson03.draw_kink) == first
