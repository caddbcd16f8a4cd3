"""Showing a given helper's code in a notebook without copying it there.

Lesson 02 gives ``forward_propagation_n`` in ``gc_utils``; the notebook
shows its source with :func:`show_source`, so the code lives in one place.
"""

import inspect

from .i18n import message, register_messages
from .validation import GradientCheckTypeError, describe

register_messages({
    "err.no_source": {
        "en": "cannot show the source of {got}: expected a function or class defined in a file",
        "tr": "{got} için kaynak kod gösterilemiyor: bir dosyada tanımlanmış bir fonksiyon "
              "ya da sınıf beklenir",
    },
})


class SourceCode:
    """Python source text that a notebook renders as a highlighted code block."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text

    def _repr_markdown_(self):
        return f"```python\n{self.text.rstrip()}\n```"


def show_source(obj):
    """Return the source code of a function or class, for display in a notebook.

    Args:
        obj: a function or class defined in a file (e.g. ``forward_propagation_n``).

    Returns:
        SourceCode: shows as a highlighted block in Jupyter and Colab, as
        plain text elsewhere (``str`` gives the text).

    Raises:
        GradientCheckTypeError: ``obj`` has no source (a number, a built-in).
    """
    if not (inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismethod(obj)):
        raise GradientCheckTypeError(message("err.no_source", got=describe(obj)))
    try:
        return SourceCode(inspect.getsource(obj))
    except (OSError, TypeError) as exc:
        raise GradientCheckTypeError(message("err.no_source", got=describe(obj))) from exc
