"""Does show_source show a helper's code, and refuse what has none?"""

import pytest

from gc_utils import GradientCheckTypeError, forward_propagation_n, set_language, show_source


def test_source_of_forward_propagation_renders_as_python_markdown():
    shown = show_source(forward_propagation_n)
    assert str(shown).startswith("def forward_propagation_n(X, Y, parameters):")
    assert "A3 = sigmoid(Z3)" in str(shown)
    markdown = shown._repr_markdown_()
    assert markdown.startswith("```python\ndef forward_propagation_n")
    assert markdown.endswith("return cost, cache\n```")


@pytest.mark.parametrize("value", [3, "forward_propagation_n", len])
def test_value_without_source_is_a_clear_error(value):
    with pytest.raises(GradientCheckTypeError, match="cannot show the source"):
        show_source(value)


def test_error_in_turkish():
    set_language("tr")
    with pytest.raises(GradientCheckTypeError, match="kaynak kod gösterilemiyor"):
        show_source(42)
