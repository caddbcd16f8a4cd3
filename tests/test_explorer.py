"""Do the ε explorers show the right numbers and plots for the slider's final value?"""

import base64
import threading

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from lesson_code import lesson_01_solutions, lesson_namespace
from published import assert_published, assert_published_in

from gc_explorers.figure_image import read_png_metadata
from gc_utils import (
    BLOCK_THRESHOLD,
    CHECK_THRESHOLD,
    EpsilonExplorer,
    GradientCheckInputError,
    GradientCheckTypeError,
    NetworkEpsilonExplorer,
    epsilon_explorer,
    forward_propagation_n,
    network_epsilon_explorer,
    set_language,
)
from testCases import gradient_check_n_test_case

pytestmark = pytest.mark.numeric

# The lessons' own functions: lesson 01's solutions, lesson 02's buggy and fixed backward pass
forward_propagation, backward_propagation, gradient_check = lesson_01_solutions()
LESSON_02_BUGGY = lesson_namespace("02", ["backward-propagation-n-given", "gradient-check-n"])
LESSON_02_FIXED = lesson_namespace("02", ["backward-propagation-n", "gradient-check-n"])


def not_written(x, theta):
    raise NotImplementedError("write me")


def png_of(explorer):
    return bytes(explorer.image.value)


def slide(explorer, *values):
    """Move the slider through values, as a drag does (callbacks fire for each)."""
    for value in values:
        explorer.slider.value = value


@pytest.fixture()
def student_explorer():
    return epsilon_explorer(forward_propagation, backward_propagation, gradient_check)


# Lesson 01


def test_slider_spans_the_lessons_range_and_starts_at_the_course_epsilon(student_explorer):
    """Is ε a log slider from 1e-12 to 1e-1 starting at 1e-7?"""
    assert isinstance(student_explorer, EpsilonExplorer)
    slider = student_explorer.slider
    assert type(slider).__name__ == "FloatLogSlider"
    assert (slider.base, slider.min, slider.max) == (10, -12, -1)
    assert slider.value == pytest.approx(1e-7)


def test_first_state_shows_the_published_difference(student_explorer):
    """Does the explorer print lesson 01's 2.919335883291695e-10 at x=2, θ=4, ε=1e-7?"""
    last = student_explorer.last
    assert_published(last["difference"], "difference_1d")
    assert last["grad"] == 2.0
    assert last["verdict"] == "pass"
    assert_published_in(student_explorer.readout.value, "difference_1d")
    assert "gradapprox" in student_explorer.readout.value
    assert "<code>gradient_check</code>" in student_explorer.notice.value


def test_moving_the_slider_leaves_readout_and_plot_at_the_final_value(student_explorer):
    """After a drag through several values, do readout, marker and picture show the last one?"""
    slide(student_explorer, 1e-9, 3e-11, 1e-11)
    final = student_explorer.epsilon
    expected = gradient_check(2.0, 4.0, epsilon=final)
    assert student_explorer.last["difference"] == expected
    assert repr(float(expected)) in student_explorer.readout.value
    marker_x, marker_y = student_explorer.plot.markers["centered"].get_data()
    assert marker_x[0] == final and marker_y[0] == pytest.approx(expected)
    metadata = read_png_metadata(png_of(student_explorer))
    assert float(metadata["epsilon"]) == final
    assert float(metadata["difference"]) == expected
    assert student_explorer.redraws == 4


def test_tiny_epsilon_fails_because_of_rounding_not_a_bug(student_explorer):
    """At ε = 1e-12 the check fails, and the verdict blames rounding error?"""
    student_explorer.epsilon = 1e-12
    assert student_explorer.last["difference"] > CHECK_THRESHOLD
    assert student_explorer.last["verdict"] == "rounding"
    assert "rounding error dominates" in student_explorer.readout.value


def test_cubic_cost_shows_the_truncation_side(student_explorer):
    """With J = θ³x, is a large ε blamed on truncation and a middle one passing?"""
    student_explorer.cost.value = "cubic"
    student_explorer.epsilon = 1e-2
    assert student_explorer.last["grad"] == 96.0
    assert student_explorer.last["verdict"] == "truncation"
    student_explorer.epsilon = 1e-5
    assert student_explorer.last["verdict"] == "pass"
    texts = [t.get_text() for t in student_explorer.plot.axes.texts]
    assert any("truncation error" in t for t in texts)
    assert any("rounding error" in t for t in texts)
    line_x, line_y = student_explorer.plot.lines["centered"].get_data()
    assert line_y[-1] > 1e-5  # the curve climbs again on the right


def test_linear_cost_has_no_truncation_region(student_explorer):
    """J = θx is linear: is the whole axis labelled as rounding error only?"""
    texts = [t.get_text() for t in student_explorer.plot.axes.texts]
    assert any("no truncation error" in t for t in texts)
    assert not any("truncation error\ndominates" in t for t in texts)


def test_one_sided_toggle_adds_its_curve_and_readout(student_explorer):
    """Does the toggle draw the one-sided difference on the same axes, worse than centered?"""
    student_explorer.cost.value = "cubic"
    assert not student_explorer.plot.lines["one_sided"].get_visible()
    student_explorer.compare.value = True
    assert student_explorer.plot.lines["one_sided"].get_visible()
    legend = [t.get_text() for t in student_explorer.plot.axes.get_legend().get_texts()]
    assert any("one-sided" in t for t in legend)
    last = student_explorer.last
    assert last["one_sided"] > 100 * last["difference"]
    assert repr(last["one_sided"]) in student_explorer.readout.value
    marker_x, _ = student_explorer.plot.markers["one_sided"].get_data()
    assert marker_x[0] == student_explorer.epsilon


def test_student_functions_not_written_fall_back_to_the_course_cost():
    """With stubs that raise NotImplementedError, does it say so and still work?"""
    explorer = epsilon_explorer(not_written, not_written, None)
    assert "NotImplementedError" in explorer.notice.value
    assert "J(θ) = θx" in explorer.notice.value
    assert_published(explorer.last["difference"], "difference_1d")


def test_broken_or_odd_student_functions_are_named_in_the_notice():
    """A function that crashes or returns text: does the notice name it and the problem?"""
    def crashes(x, theta):
        raise ValueError("shapes do not match")

    explorer = epsilon_explorer(forward_propagation, crashes)
    assert "backward_propagation" in explorer.notice.value
    assert "ValueError: shapes do not match" in explorer.notice.value

    explorer = epsilon_explorer(forward_propagation, backward_propagation,
                                lambda x, theta, epsilon, print_msg: "small")
    assert "gradient_check" in explorer.notice.value and "small" in explorer.notice.value
    assert_published(explorer.last["difference"], "difference_1d")


def test_a_wrong_backward_pass_fails_at_every_epsilon():
    """A backward pass that is off by a factor: is the verdict "bug" wherever ε is?"""
    explorer = epsilon_explorer(forward_propagation, lambda x, theta: 2 * x)
    for epsilon in (1e-12, 1e-7, 1e-2):
        explorer.epsilon = epsilon
        assert explorer.last["verdict"] == "bug"
    assert "backward propagation is wrong" in explorer.readout.value


def test_turkish_notebook_gets_turkish_labels():
    """Does a Turkish notebook get Turkish axes, legend, readout and verdict?"""
    set_language("tr")
    explorer = epsilon_explorer(forward_propagation, backward_propagation, gradient_check)
    assert explorer.language == "tr"
    ax = explorer.plot.axes
    assert ax.get_xlabel() == "ε (adım büyüklüğü)"
    assert ax.get_ylabel() == "bağıl fark"
    assert "ε'a göre bağıl fark" in ax.get_title()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "eşik değeri 2e-07" in legend
    assert "gradyanlar uyuşuyor" in explorer.readout.value
    assert "merkezi fark" in explorer.readout.value
    assert "ileri fark" in explorer.compare.description
    explorer.epsilon = 1e-12
    assert "yuvarlama hatası baskın" in explorer.readout.value


def test_language_argument_overrides_the_notebook_language():
    """Can one notebook show an English explorer while Turkish is set, and back?"""
    set_language("tr")
    english = epsilon_explorer(language="en")
    assert english.plot.axes.get_xlabel() == "ε (step size)"
    turkish = epsilon_explorer(language="TR")
    assert turkish.plot.axes.get_xlabel() == "ε (adım büyüklüğü)"


def test_static_fallback_is_the_first_state_as_png(student_explorer):
    """Without a widget frontend, does the output still carry a PNG of the first state?"""
    first = student_explorer.static_png
    student_explorer.epsilon = 1e-3
    bundle = student_explorer._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == first
    assert first.startswith(b"\x89PNG")
    assert float(read_png_metadata(first)["epsilon"]) == 1e-7
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == student_explorer.box.model_id
    assert "1.0e-03" in bundle["text/plain"]


def test_nbconvert_shows_the_png_when_the_notebook_holds_no_widget_state(student_explorer):
    """Does nbconvert's widget filter fall back to the static picture?"""
    filters = pytest.importorskip("nbconvert.filters.widgetsdatatypefilter")
    pick = filters.WidgetsDataTypeFilter(notebook_metadata={})
    assert pick(student_explorer._repr_mimebundle_()) == ["image/png"]


def test_explorers_never_touch_pyplot(student_explorer):
    """Building and redrawing leaves pyplot's figure list alone (no pile of figures)?"""
    before = plt.get_fignums()
    explorer = epsilon_explorer()
    slide(explorer, 1e-3, 1e-5)
    explorer.cost.value = "cubic"
    assert plt.get_fignums() == before
    assert explorer.figure.canvas.__class__.__name__ == "FigureCanvasAgg"


def test_callbacks_on_another_thread_land_while_pyplot_draws(student_explorer):
    """With comms over subshells, callbacks run on a thread while cells draw with pyplot:
    does every redraw land, and do the main thread's figures stay whole?"""
    targets = list(10.0 ** -np.arange(2.0, 12.0, 0.5))
    landed = []

    def move():
        for epsilon in targets:
            student_explorer.epsilon = epsilon
            landed.append(float(read_png_metadata(png_of(student_explorer))["epsilon"]))

    mover = threading.Thread(target=move)
    mover.start()
    lines_drawn = []
    while mover.is_alive() or not lines_drawn:
        fig, ax = plt.subplots()
        ax.plot(np.arange(50), np.arange(50) ** 2)
        fig.canvas.draw()
        lines_drawn.append(len(ax.lines))
        plt.close(fig)
    mover.join()
    assert landed == pytest.approx(targets, rel=1e-12)
    assert set(lines_drawn) == {1}
    assert student_explorer.redraws == 1 + len(targets)


def test_student_function_failing_inside_the_range_is_replaced_with_a_notice():
    """A gradient_check that breaks for large ε: does the explorer say so and go on?"""
    def fragile(x, theta, epsilon=1e-7, print_msg=False):
        if epsilon > 1e-3:
            raise ZeroDivisionError("too big")
        return gradient_check(x, theta, epsilon)

    explorer = epsilon_explorer(forward_propagation, backward_propagation, fragile)
    assert "ZeroDivisionError: too big" in explorer.notice.value
    explorer.epsilon = 1e-2
    assert explorer.last["difference"] == gradient_check(2.0, 4.0, 1e-2)


def test_a_failing_redraw_is_shown_not_swallowed(student_explorer):
    """When a redraw fails on the comm thread, does the notebook show why?"""
    def broken(epsilon):
        raise RuntimeError("kernel hiccup")

    student_explorer.sources["linear"].check = broken
    student_explorer.epsilon = 1e-5
    assert "could not be redrawn" in student_explorer.notice.value
    assert "RuntimeError: kernel hiccup" in student_explorer.notice.value


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"x": "two"}, GradientCheckTypeError, "`x` must be numeric"),
        ({"theta": float("nan")}, GradientCheckInputError, "`theta` contains 1 NaN"),
        ({"x": [1.0, 2.0]}, GradientCheckInputError, "`x` must be a single number"),
        ({"epsilon": 0.0}, GradientCheckInputError, "greater than 0"),
        ({"epsilon": 0.5}, GradientCheckInputError, "between 1e-12 and 1e-01"),
        ({"forward_propagation": 5}, GradientCheckTypeError, "must be a function"),
        ({"language": "de"}, GradientCheckInputError, "`language` must be one of en, tr"),
    ],
)
def test_bad_input_gets_a_clear_error(kwargs, error, words):
    """Does bad input stop with an error that says what was expected?"""
    with pytest.raises(error, match=words):
        epsilon_explorer(**kwargs)


def test_setting_epsilon_outside_the_slider_range_is_refused(student_explorer):
    """Is ε = 1 refused instead of silently clamped?"""
    with pytest.raises(GradientCheckInputError, match="slider's range"):
        student_explorer.epsilon = 1.0


# Lesson 02


@pytest.fixture(scope="module")
def course_network():
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    buggy = LESSON_02_BUGGY["backward_propagation_n"](X, Y, cache)
    fixed = LESSON_02_FIXED["backward_propagation_n"](X, Y, cache)
    return X, Y, parameters, buggy, fixed


@pytest.fixture(scope="module")
def network(course_network):
    return network_epsilon_explorer(*course_network, LESSON_02_FIXED["gradient_check_n"])


def test_network_explorer_prints_the_published_differences(network):
    """Does the student's gradient_check_n give 0.2850931567761623 and 1.1890913024229996e-07?"""
    network.epsilon = 1e-7
    totals = network.last["totals"]
    assert_published(totals["buggy"], "difference_buggy")
    assert_published(totals["fixed"], "difference_fixed")
    assert network.last["verdicts"] == {"buggy": "bug", "fixed": "pass"}
    assert_published_in(network.readout.value, "difference_buggy")
    assert_published_in(network.readout.value, "difference_fixed")
    assert "<code>gradient_check_n</code>" in network.notice.value


def test_bars_point_at_w2_and_b1_for_the_buggy_pass_only(network):
    """Do W2 and b1 stand out (red, above the threshold) on the buggy side alone?"""
    network.epsilon = 1e-7
    assert network.last["suspects"] == {"buggy": ["b1", "W2"], "fixed": []}
    blocks = network.last["blocks"]
    assert blocks["buggy"]["W2"] == pytest.approx(1 / 3, rel=1e-6)
    assert blocks["buggy"]["b1"] == pytest.approx(3 / 5, rel=1e-6)
    plot = network.plot
    for side in ("buggy", "fixed"):
        for name, bar in zip(plot.names, plot.bars[side], strict=True):
            top = bar.get_y() + bar.get_height()
            assert top == pytest.approx(max(blocks[side][name], plot.bottom))
            red = matplotlib.colors.to_hex(bar.get_facecolor()) == "#d62728"
            assert red == (blocks[side][name] > BLOCK_THRESHOLD)
    assert "b1, W2" in network.readout.value


def test_v_curve_bottom_is_not_at_the_usual_epsilon(network):
    """Is the fixed network's best ε near 1e-4 (≈ 2e-10), far better than at 1e-7?"""
    curve = network.total_curves["fixed"]
    best = int(np.argmin(curve))
    assert network.grid[best] == pytest.approx(1e-4)
    assert curve[best] < 3e-10
    at_default = curve[int(np.argmin(np.abs(np.log10(network.grid) + 7)))]
    assert_published(at_default, "difference_fixed")
    legend = [t.get_text() for t in network.plot.curve_axes.get_legend().get_texts()]
    assert "best ε ≈ 1e-04: 1.9e-10" in legend


def test_network_slider_leaves_bars_and_marker_at_the_final_value(network):
    """After several moves, do bars, marker, readout and picture belong to the last ε?"""
    slide(network, 1e-3, 1e-9, 2e-5)
    final = network.epsilon
    expected = LESSON_02_FIXED["gradient_check_n"](network.parameters, network.gradients["fixed"],
                                               network.X, network.Y, epsilon=final)
    assert network.last["totals"]["fixed"] == expected
    marker_x, marker_y = network.plot.marker.get_data()
    assert (marker_x[0], marker_y[0]) == (final, expected)
    metadata = read_png_metadata(png_of(network))
    assert float(metadata["epsilon"]) == final
    assert float(metadata["difference"]) == expected
    assert repr(float(expected)) in network.readout.value


def test_network_explorer_without_a_working_gradient_check_n(course_network):
    """A gradient_check_n not written yet: does it say so and use the course's numbers?"""
    def stub(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
        raise NotImplementedError

    explorer = NetworkEpsilonExplorer(*course_network, gradient_check_n=stub)
    assert "NotImplementedError" in explorer.notice.value
    assert_published(explorer.last["totals"]["buggy"], "difference_buggy")
    assert_published(explorer.last["totals"]["fixed"], "difference_fixed")


def test_network_explorer_in_turkish(course_network):
    """Are the panels, axes and verdicts Turkish in a Turkish notebook?"""
    explorer = network_epsilon_explorer(*course_network, language="tr")
    titles = [ax.get_title() for ax in explorer.figure.axes]
    assert "Kasıtlı hatalar eklenmiş geri yayılım" in titles
    assert "Düzeltilmiş geri yayılım" in titles
    assert explorer.plot.curve_axes.get_xlabel() == "ε (adım büyüklüğü)"
    assert "geri yayılım hatalı" in explorer.readout.value
    assert "Geri yayılımda şunlara bakın: b1, W2" in explorer.readout.value


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        (lambda c: c[4].pop("dW2"), GradientCheckInputError, "dW2"),
        (lambda c: c[3].__setitem__("db1", np.zeros((2, 1))), GradientCheckInputError,
         r"gradients\['db1'\]"),
        (lambda c: c.__setitem__(0, c[0][:2]), GradientCheckInputError, "W1"),
    ],
)
def test_network_explorer_bad_input(course_network, change, error, words):
    """Missing or misshapen gradients, or X of the wrong size: a clear error?"""
    case = [course_network[0], course_network[1], course_network[2],
            dict(course_network[3]), dict(course_network[4])]
    change(case)
    with pytest.raises(error, match=words):
        network_epsilon_explorer(*case)
