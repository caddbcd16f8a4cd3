"""The lessons' figures, drawn by code so they can be regenerated and checked.

Each module ``tools/figures/lessonNN.py`` defines ``FIGURES``: a dict
mapping an ``images/NN-name.png`` path to a function that draws on a
matplotlib Figure it is given (a ``palette_colors`` attribute on the function
gives a figure with many series more than PALETTE_COLORS colours).
:func:`render_all` turns them into PNG bytes that are identical on every run
with the same matplotlib.
"""

import importlib
import io
import pkgutil

# Enough for a crisp figure in a notebook without bloating it
DPI = 100
FIGURE_SIZE = (7.0, 3.6)
PALETTE_COLORS = 32


def registry():
    """Return {image path: draw function} gathered from every figures module."""
    figures = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for path, draw in getattr(module, "FIGURES", {}).items():
            if path in figures:
                raise ValueError(f"figure {path} is drawn by two modules")
            figures[path] = draw
    return figures


def render(draw):
    """Draw one figure and return its PNG bytes, free of dates and versions."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.style.context("default"), matplotlib.rc_context({"svg.hashsalt": "gc-course"}):
        figure = plt.figure(figsize=FIGURE_SIZE, dpi=DPI)
        try:
            draw(figure)
            buffer = io.BytesIO()
            # No "Software" entry: the PNG must not change with the matplotlib version string
            figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        finally:
            plt.close(figure)
    return _palette_png(buffer.getvalue(), getattr(draw, "palette_colors", PALETTE_COLORS))


def _palette_png(data, colors=PALETTE_COLORS):
    """Return a PNG of ``colors`` colours, without dithering, for a line drawing's bytes.

    A figure is flat colours and anti-aliased edges: 32 colours look the same
    and take a quarter of the bytes, which every notebook carries inline.
    """
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    palette = image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT,
                             dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render_all():
    """Return {image path: PNG bytes} for every registered figure."""
    return {path: render(draw) for path, draw in sorted(registry().items())}
