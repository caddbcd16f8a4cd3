"""Does the per-parameter diagnosis point at the seeded bugs, and only at them?"""

import numpy as np
import pytest

from gc_checking.reference import fraud_net_gradient
from gc_utils import (
    BLOCK_THRESHOLD,
    GradientCheckInputError,
    diagnose_gradients,
    parameter_shapes,
    set_language,
)
from testCases import gradient_check_n_test_case

pytestmark = pytest.mark.numeric


@pytest.fixture(scope="module")
def course_case():
    X, Y, parameters = gradient_check_n_test_case()
    gradapprox, keys = fraud_net_gradient(X, Y, parameters)
    return parameters, gradapprox, keys


def seeded_bugs(gradapprox, keys):
    """The course's bugs: dW2 twice too large, db1 four times too large."""
    grad = gradapprox.copy()
    factors = {"W2": 2.0, "b1": 4.0}
    for i, key in enumerate(keys):
        grad[i] *= factors.get(key, 1.0)
    return grad


def test_seeded_bugs_point_at_w2_and_b1(course_case):
    parameters, gradapprox, keys = course_case
    diagnosis = diagnose_gradients(seeded_bugs(gradapprox, keys), gradapprox, keys)
    assert diagnosis.suspects == ["b1", "W2"]
    assert diagnosis.difference("W2") == pytest.approx(1 / 3, rel=1e-12)
    assert diagnosis.difference("b1") == pytest.approx(3 / 5, rel=1e-12)
    for name in ("W1", "b2", "W3", "b3"):
        assert diagnosis.difference(name) == 0.0


def test_worst_entries_come_from_the_buggy_blocks(course_case):
    parameters, gradapprox, keys = course_case
    diagnosis = diagnose_gradients(seeded_bugs(gradapprox, keys), gradapprox, keys,
                                   shapes=parameter_shapes(parameters), top=3)
    assert {entry.block for entry in diagnosis.worst} <= {"W2", "b1"}
    first = diagnosis.worst[0]
    assert len(first.index) == 2
    assert first.grad == pytest.approx(first.gradapprox * (2 if first.block == "W2" else 4))


def test_correct_gradient_at_course_epsilon_clears_every_block(course_case):
    # Rounding at ε = 1e-7 puts single blocks near 3e-7; the block threshold allows for it
    parameters, gradapprox, keys = course_case
    from gc_checking.reference import fraud_net_gradient
    X, Y, _ = gradient_check_n_test_case()
    noisy, _ = fraud_net_gradient(X, Y, parameters, epsilon=1e-7)
    diagnosis = diagnose_gradients(gradapprox, noisy, keys)
    assert diagnosis.suspects == []
    assert max(block.difference for block in diagnosis.blocks) < BLOCK_THRESHOLD


def test_text_table_lists_every_block_and_the_verdict(course_case):
    _, gradapprox, keys = course_case
    text = str(diagnose_gradients(seeded_bugs(gradapprox, keys), gradapprox, keys))
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        assert f"\n{name} " in text
    assert "3.333e-01" in text and "6.000e-01" in text
    assert text.count("CHECK THIS") == 2
    assert text.rstrip().endswith("Look at the backward pass of: b1, W2")


def test_html_table_in_turkish_marks_the_suspects(course_case):
    _, gradapprox, keys = course_case
    set_language("tr")
    page = diagnose_gradients(seeded_bugs(gradapprox, keys), gradapprox, keys)._repr_html_()
    assert page.count("<tr style='background:#fde2e1'>") == 2
    assert "Parametre başına bağıl fark" in page and "KONTROL EDİN" in page


def test_keys_of_the_wrong_length_are_rejected():
    with pytest.raises(GradientCheckInputError, match="name the block of each of the 3 entries"):
        diagnose_gradients(np.ones(3), np.ones(3), ["W1", "b1"])


def test_gradients_of_different_length_are_rejected():
    with pytest.raises(GradientCheckInputError, match="got 3 and 2"):
        diagnose_gradients(np.ones(3), np.ones(2), ["W1"] * 3)
