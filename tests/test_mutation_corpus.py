"""Does every planted mistake fail its check, named for what it is, in both languages?

The corpus (tests/mutations) is generated from the lesson sources: one
mistake planted in the solution of one graded function, the lesson's cells
run up to its check, the check's verdict read (issue 11).
"""

import pytest

from gc_common.i18n import LANGUAGES
from tests.mutations.engine import (
    CorpusError,
    Mutation,
    corpus,
    count,
    planted_source,
    run_mutation,
)

MUTATIONS = corpus()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.label)
def test_planted_mistake_gets_its_verdict(mutation, language):
    """Does a mistake fail, named by its own kind and no other; does a harmless variant pass?"""
    verdict = run_mutation(mutation, language)
    if mutation.harmless:
        assert verdict.passed, verdict.text
        return
    assert not verdict.passed, f"{mutation.note}: the check passed"
    assert verdict.named_correctly, f"expected {mutation.expected_kind}, got {verdict.kinds}:\n" \
                                    f"{verdict.text}"
    assert not verdict.wrongly_named, verdict.text


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.label)
def test_both_languages_say_the_same(mutation):
    """Do the English and Turkish verdicts name the same kinds (and differ in words)?"""
    english, turkish = (run_mutation(mutation, language) for language in ("en", "tr"))
    assert english.kinds == turkish.kinds
    if not english.passed:
        assert english.text != turkish.text


def test_entry_whose_old_text_is_not_unique_is_an_error():
    """Is an entry whose `old` text occurs twice (or never) reported as a corpus error?"""
    twice = Mutation("01", "gradient_check", "np.linalg.norm", "abs", "l1", "ambiguous")
    never = Mutation("01", "gradient_check", "no such text", "x", "l1", "absent")
    with pytest.raises(CorpusError, match=r"occurs 3 times in cell 'gradient-check'"):
        planted_source(twice, "en")
    with pytest.raises(CorpusError, match="occurs 0 times"):
        planted_source(never, "en")


def test_unknown_function_is_an_error():
    """Is an entry for a function no solution cell defines reported as a corpus error?"""
    with pytest.raises(CorpusError, match="0 solution cells"):
        run_mutation(Mutation("01", "no_such_function", "a", "b", None, "none"), "en")


def test_counts_add_up():
    """Does `count` tally a failing-and-named mistake, a passing variant and a broken entry?"""
    entries = [
        Mutation("01", "forward_propagation", "J = theta * x", "J = theta", "forward_theta",
                 "returns theta"),
        Mutation("01", "forward_propagation", "J = theta * x", "J = x * theta", None, "order"),
        Mutation("01", "forward_propagation", "not there", "", None, "broken"),
    ]
    counts, verdicts, errors = count(entries, languages=("en",))
    entry = counts[("01", "en")]
    assert (entry.mistakes, entry.failing, entry.named_correctly) == (1, 1, 1)
    assert entry.named_wrongly == 0
    assert (entry.harmless, entry.harmless_passing, entry.errors) == (1, 1, 1)
    assert len(verdicts) == 2 and len(errors) == 1
