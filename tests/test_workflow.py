"""Does the cheap-first workflow stop on randomness, stay cheap when right, explain when wrong?"""

import numpy as np
import pytest

from gc_utils import (
    GradientCheckTypeError,
    block_ratios,
    cheap_first_check,
    cost_is_deterministic,
    set_language,
)
from testCases import course_objective, random_objective, seeded_bug_gradient

pytestmark = pytest.mark.numeric


def test_right_gradient_stops_after_the_random_direction():
    """Does a correct gradient pass at the cheap stage, without any per-entry pass?"""
    objective, theta = course_objective()
    result = cheap_first_check(objective, theta)
    assert result.passed and result.stage == "random direction"
    assert result.full is None and result.entries_over == 0 and result.ratio_by_block == {}
    # two evaluations of J(θ) and two passes of the random direction
    assert result.evaluations == 4
    assert "No per-entry check needed" in str(result)


def test_seeded_bugs_are_named_with_their_factors():
    """Do the per-block ratios read ×4 in b1 and ×2 in W2 and 1 elsewhere?"""
    objective, theta = course_objective()
    result = cheap_first_check(objective, theta, seeded_bug_gradient(objective, theta))
    assert not result.passed and result.stage == "per entry"
    expected = {"W1": 1, "b1": 4, "W2": 2, "b2": 1, "W3": 1, "b3": 1}
    assert list(result.ratio_by_block) == list(expected)
    for name, factor in expected.items():
        assert result.ratio_by_block[name] == pytest.approx(factor, rel=1e-6)
    assert result.diagnosis.suspects == ["b1", "W2"]
    assert {entry.block for entry in result.worst} <= {"b1", "W2"}


def test_entries_over_counts_exactly_the_wrong_nonzero_entries():
    """Are the entries over tolerance the nonzero entries of the wrong blocks, and no others?"""
    objective, theta = random_objective((6, 8, 5, 1), m=7, seed=4)
    correct = objective.gradient(theta)
    buggy = seeded_bug_gradient(objective, theta)
    keys = np.array(objective.keys)
    wrong = np.isin(keys, ["W2", "b1"]) & (correct.ravel() != 0)
    result = cheap_first_check(objective, theta, buggy)
    assert result.entries_over == int(np.count_nonzero(wrong))


def test_one_wrong_entry_is_found_by_index_and_block():
    """Does a single wrong entry show up first among the worst, by its block and (row, column)?"""
    objective, theta = course_objective()
    grad = objective.gradient(theta)
    position = objective.keys.index("W3") + 1
    grad[position] += 0.5
    result = cheap_first_check(objective, theta, grad)
    assert result.entries_over == 1
    assert (result.worst[0].block, result.worst[0].index) == ("W3", (0, 1))


def test_fresh_dropout_masks_stop_the_workflow():
    """Does a cost that changes between two evaluations stop the check and say why?"""
    objective, theta = course_objective(keep_prob=0.8, masks="fresh")
    result = cheap_first_check(objective, theta)
    assert not result.deterministic and result.stage == "determinism" and not result.passed
    assert result.cheap is None and "not deterministic" in str(result)
    set_language("tr")
    try:
        assert "belirlenimci" in str(result)
    finally:
        set_language("en")


def test_cost_is_deterministic():
    """Is a fixed-mask cost deterministic and a fresh-mask or drifting one not?"""
    fixed, theta = course_objective(keep_prob=0.8, masks="fixed")
    fresh, _ = course_objective(keep_prob=0.8, masks="fresh")
    assert cost_is_deterministic(fixed, theta) and cost_is_deterministic(fixed.cost, theta)
    assert not cost_is_deterministic(fresh, theta)
    calls = []

    def drifting(theta):
        calls.append(1)
        return 1.0 + 1e-12 * len(calls)

    assert not cost_is_deterministic(drifting, theta)


def test_pair_of_functions_and_plain_cost():
    """Does a (cost, gradient function) pair work like the objective it wraps?"""
    objective, theta = course_objective()
    pair = cheap_first_check((objective.cost, objective.gradient), theta)
    assert pair.passed and pair.stage == "random direction"
    buggy = seeded_bug_gradient(objective, theta)
    plain = cheap_first_check(objective.cost, theta, buggy)
    assert plain.stage == "per entry" and list(plain.ratio_by_block) == ["theta"]
    with pytest.raises(GradientCheckTypeError):
        cheap_first_check(objective.cost, theta)


def test_block_ratios_keep_the_sign():
    """Is a flipped block −1 (a ratio of norms would say 1), and a zero block 1?"""
    a = np.array([1.0, -2.0, 3.0, 0.0, 0.0])
    g = np.array([1.0, -2.0, -3.0, 0.0, 0.0])
    ratios = block_ratios(g, a, ["W1", "W1", "b1", "W2", "W2"])
    assert ratios == {"W1": 1.0, "b1": -1.0, "W2": 1.0}


def test_printout_labels_both_sides_and_the_rule():
    """Does the printed explanation name analytic and numerical, the tolerance and its reason?"""
    objective, theta = course_objective()
    text = str(cheap_first_check(objective, theta, seeded_bug_gradient(objective, theta)))
    for part in ("analytic", "numerical", "over tolerance", "rounding noise", "b1: +4.0000"):
        assert part in text
