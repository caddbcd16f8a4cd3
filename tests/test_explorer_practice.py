"""Does lesson 03's ε × dtype explorer show what the lesson says, for the slider's final value?"""

import base64

import matplotlib.pyplot as plt
import numpy as np
import pytest
from published import assert_published, assert_published_in

from gc_explorers.figure_image import read_png_metadata
from gc_explorers.practice_sweeps import Setting, error_models, practice_curve
from gc_utils import (
    GradientCheckInputError,
    PracticeExplorer,
    loop_check,
    practice_explorer,
    set_language,
    suggested_threshold,
    unit_roundoff,
)
from testCases import course_objective

pytestmark = pytest.mark.numeric


@pytest.fixture()
def explorer():
    return practice_explorer()


def slide(explorer, *values):
    """Move the slider through values, as a drag does (callbacks fire for each)."""
    for value in values:
        explorer.slider.value = value


def passing(curve):
    """Return the ε of the grid where the check passes."""
    return curve.grid[curve.differences <= curve.threshold]


def test_slider_and_toggles_start_at_the_lessons_case(explorer):
    """Is ε a log slider from 1e-12 to 1e-1 at 1e-7, on float64 without dropout or kink?"""
    assert isinstance(explorer, PracticeExplorer)
    slider = explorer.slider
    assert type(slider).__name__ == "FloatLogSlider"
    assert (slider.base, slider.min, slider.max) == (10, -12, -1)
    assert explorer.setting == Setting("float64", "off", False)
    assert list(explorer.dtype.options) == ["float64", "float32"]
    assert [value for _, value in explorer.dropout.options] == ["off", "fixed", "fresh"]


def test_first_state_is_lesson_02s_difference_and_a_rounding_verdict(explorer):
    """At ε = 1e-7 does it print 1.19e-07 and call it rounding error, not a bug?"""
    last = explorer.last
    assert last["epsilon"] == 1e-7
    assert_published(last["difference"], "difference_fixed")
    assert_published_in(explorer.readout.value, "difference_fixed")
    assert last["threshold"] == suggested_threshold(np.float64)
    assert last["verdict"] == "rounding"
    assert "rounding error dominates" in explorer.readout.value
    assert "300·u^(2/3)" in explorer.readout.value
    assert "numerical against analytic" in explorer.readout.value


def test_moving_the_slider_changes_point_readout_and_picture(explorer):
    """After a drag, do readout, marker and the PNG's own record show the last ε?"""
    before = bytes(explorer.image.value)
    slide(explorer, 1e-9, 1e-3, 1e-4)
    last = explorer.last
    assert last["epsilon"] == 1e-4
    assert last["verdict"] == "pass"
    assert "gc-verdict-pass" in explorer.readout.value
    assert "data-epsilon='0.0001'" in explorer.readout.value
    assert explorer.plot.marker.get_xdata()[0] == 1e-4
    png = bytes(explorer.image.value)
    assert png != before
    record = read_png_metadata(png)
    assert float(record["epsilon"]) == 1e-4
    assert record["verdict"] == "pass"
    assert float(record["difference"]) == last["difference"]


def test_a_slider_move_only_looks_the_curve_up(explorer):
    """Is each setting's sweep computed once, whatever the slider does?"""
    curve = explorer.curve()
    slide(explorer, 1e-2, 1e-11, 3e-6)
    assert explorer.curve() is curve
    assert len(explorer.curves) == 1
    assert explorer.last["difference"] == curve.differences[curve.index(3e-6)]
    explorer.dtype.value = "float32"
    explorer.dtype.value = "float64"
    assert explorer.curve() is curve
    assert len(explorer.curves) == 2


def test_the_curve_is_the_course_loop_check_at_every_epsilon(explorer):
    """Are the explorer's numbers loop_check's on the fraud network (to rounding noise)?"""
    curve = explorer.curve()
    objective, theta = course_objective()
    grad = objective.gradient(theta)
    # Below the best ε the last digits are rounding noise, which the batched
    # passes of vectorized_check round differently from the loop
    for epsilon in (1e-7, 1e-4, 1e-3, 1e-2):
        expected = loop_check(objective, theta, grad, epsilon).difference
        assert curve.differences[curve.index(epsilon)] == pytest.approx(expected, rel=0.05)


def test_error_models_follow_the_lessons_formulas(explorer):
    """Is truncation ε²‖J'''‖/6 on the measured curve, and rounding √n·u|J|/ε below it?"""
    curve = explorer.curve()
    right = (curve.grid >= 1e-3) & (curve.grid <= 1e-2)
    ratio = curve.differences[right] / curve.truncation[right]
    assert np.all((ratio > 0.8) & (ratio < 1.25))
    left = curve.grid <= 1e-7
    assert np.all(curve.rounding[left] < curve.differences[left])
    # The models are the formulas: ε² and 1/ε, with the lesson's constants
    truncation, rounding = error_models(np.array([1e-3, 1e-2]), 47, 2.0, 4.0, 6.0, 1e-16)
    assert truncation == pytest.approx([1e-6 * 6 / 6 / 8, 1e-4 * 6 / 6 / 8])
    assert rounding == pytest.approx([np.sqrt(47) * 2e-16 / 1e-3 / 8,
                                      np.sqrt(47) * 2e-16 / 1e-2 / 8])


def test_float32_moves_the_v_up_and_right_with_its_threshold(explorer):
    """In float32, does 1e-7 fail, the threshold follow u, and only 1e-3 … 6e-2 pass?"""
    float64 = explorer.curve()
    explorer.dtype.value = "float32"
    float32 = explorer.curve()
    assert float32.threshold == suggested_threshold(np.float32)
    assert float32.unit_roundoff == unit_roundoff(np.float32)
    assert explorer.plot.threshold_line.get_ydata()[0] == float32.threshold
    assert float32.best()[0] > 100 * float64.best()[0]
    assert float32.best()[1] > 1e5 * float64.best()[1]
    ok = passing(float32)
    assert ok.min() >= 5e-4 and ok.max() <= 1e-1
    assert explorer.last["verdict"] == "rounding"
    explorer.epsilon = 1e-2
    assert explorer.last["verdict"] == "pass"
    assert "float32" in explorer.plot.axes.get_title()
    assert read_png_metadata(bytes(explorer.image.value))["dtype"] == "float32"


def test_fixed_mask_gives_an_ordinary_v(explorer):
    """With a fixed dropout mask, does some ε pass and J stay the same between calls?"""
    explorer.dropout.value = "fixed"
    curve = explorer.curve()
    assert curve.deterministic
    assert passing(curve).size > 0
    explorer.epsilon = curve.best()[0]
    assert explorer.last["verdict"] == "pass"


def test_fresh_masks_are_reported_before_any_word_about_the_gradient(explorer):
    """With fresh masks, does J differ between two calls and every ε say so?"""
    explorer.dropout.value = "fresh"
    curve = explorer.curve()
    first, second = curve.cost_twice
    assert first != second
    assert not curve.deterministic
    assert np.all(curve.differences > 0.5)
    for epsilon in (1e-10, 1e-5, 1e-2):
        explorer.epsilon = epsilon
        assert explorer.last["verdict"] == "random"
    readout = explorer.readout.value
    assert "changed between two calls" in readout
    assert repr(first) in readout and repr(second) in readout
    assert not explorer.plot.truncation.get_visible()


def test_kink_is_blamed_not_epsilon(explorer):
    """With a unit at z = 1e-8, do ε above 1e-8 cross the kink and no ε pass?"""
    explorer.kink.value = True
    curve = explorer.curve()
    assert passing(curve).size == 0
    assert curve.kinks[curve.grid >= 1e-7].all()
    assert not curve.kinks[curve.grid <= 1e-9].any()
    assert explorer.last["verdict"] == "kink"
    assert explorer.last["crossed_kink"]
    assert "ReLU kink" in explorer.readout.value
    explorer.epsilon = 1e-11
    assert explorer.last["verdict"] == "kink_rounding"
    assert explorer.plot.kinks.get_visible()
    # J''' does not exist across the kink: no truncation model is drawn
    assert not explorer.plot.truncation.get_visible()
    assert explorer.plot.rounding.get_visible()


def test_turkish_notebook_gets_turkish_labels():
    """Does a Turkish notebook get Turkish axes, toggles, readout and verdict?"""
    set_language("tr")
    explorer = practice_explorer()
    assert explorer.language == "tr"
    assert explorer.plot.axes.get_ylabel() == "bağıl fark"
    legend = [t.get_text() for t in explorer.plot.legend.get_texts()]
    assert any(text.startswith("eşik değeri 300·u^(2/3)") for text in legend)
    assert "kesme hatası ε²‖J'''‖/6" in legend
    assert "Dolandırıcılık ağı" in explorer.plot.axes.get_title()
    assert "yuvarlama hatası baskın" in explorer.readout.value
    assert "birim yuvarlama" in explorer.readout.value
    assert [label for label, _ in explorer.dropout.options] == [
        "kapalı", "sabit maske", "her seferinde yeni maske"]
    explorer.dropout.value = "fresh"
    assert "iki çağrı arasında değişti" in explorer.readout.value


def test_static_fallback_is_the_first_state_as_png(explorer):
    """Without a widget frontend, does the output carry a PNG of the first state?"""
    first = explorer.static_png
    explorer.epsilon = 1e-3
    bundle = explorer._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == first
    assert float(read_png_metadata(first)["epsilon"]) == 1e-7
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.box.model_id


def test_the_explorer_never_touches_pyplot():
    """Building, sliding and toggling leave pyplot's figure list alone?"""
    before = plt.get_fignums()
    explorer = practice_explorer(epsilon=1e-5, dtype=np.float32)
    slide(explorer, 1e-3, 1e-2)
    explorer.kink.value = True
    assert plt.get_fignums() == before
    assert explorer.figure.canvas.__class__.__name__ == "FigureCanvasAgg"


def test_a_failing_setting_is_shown_not_swallowed(explorer, monkeypatch):
    """If a toggle's sweep fails, does the notice say so and the old picture stay?"""
    before = bytes(explorer.image.value)

    def broken(setting, step):
        raise RuntimeError("sweep failed")

    monkeypatch.setattr("gc_explorers.practice_explorer.practice_curve", broken)
    explorer.dtype.value = "float32"
    assert "RuntimeError: sweep failed" in explorer.notice.value
    assert bytes(explorer.image.value) == before


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"epsilon": 1.0}, "slider's range"),
    ({"epsilon": 0.0}, "epsilon"),
    ({"dtype": "float16"}, "float64, float32"),
    ({"dtype": "not a type"}, "float64, float32"),
    ({"language": "de"}, "language"),
])
def test_bad_input_gets_a_clear_error(kwargs, words):
    """Do a bad ε, dtype or language raise an error naming what was expected?"""
    with pytest.raises(GradientCheckInputError, match=words):
        practice_explorer(**kwargs)


def test_sweep_of_a_setting_is_reproducible():
    """Does the same setting give the same curve twice (the explorer's picture is stable)?"""
    first = practice_curve(Setting("float32", "fixed", False))
    second = practice_curve(Setting("float32", "fixed", False))
    np.testing.assert_array_equal(first.differences, second.differences)
