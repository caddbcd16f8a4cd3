"""Run a student check that must fail, in one language, and return what it raised."""

import pytest

from gc_utils import set_language


def failure(test_function, target, language):
    """Run a printed check in ``language``; return the AssertionError's text."""
    return str(failed(test_function, target, language))


def failed(test_function, target, language):
    """Run a printed check in ``language``; return the AssertionError it raised."""
    set_language(language)
    with pytest.raises(AssertionError) as raised:
        test_function(target)
    return raised.value
