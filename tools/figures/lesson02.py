"""Figures of lesson 02 (N-D gradient checking).

Only code identifiers and numbers appear, so one PNG serves both languages.
"""

from matplotlib.patches import FancyArrowPatch, Rectangle

from gc_utils import COURSE_SHAPES

# Okabe-Ito colours: distinguishable with colour-blindness, one per block
BLOCK_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#CC79A7")
# Wide enough for θ's 47 entries in one row with readable indices
ROLLING_SIZE = (12.0, 4.1)
MONO = "DejaVu Sans Mono"


def _block(axes, left, top, shape, first_index, colour, size):
    """Draw one parameter block as a grid whose cells show their index in θ (row by row)."""
    rows, columns = shape
    for r in range(rows):
        for c in range(columns):
            x, y = left + c * size, top - (r + 1) * size
            axes.add_patch(Rectangle((x, y), size, size, facecolor=colour, edgecolor="black",
                                     linewidth=0.8))
            axes.text(x + size / 2, y + size / 2, str(first_index + r * columns + c),
                      ha="center", va="center", fontsize=8)


def draw_rolling_parameters(figure):
    """How ``dictionary_to_vector`` rolls W1, b1, …, b3 into θ (47 entries) and back.

    Top: the parameter blocks, each cell numbered with its index in θ
    (row by row, NumPy's C order). Bottom: θ lying down, coloured by block.
    """
    figure.set_size_inches(*ROLLING_SIZE)
    shapes = list(COURSE_SHAPES.items())
    sizes = [rows * columns for _, (rows, columns) in shapes]
    total = sum(sizes)
    cell, gap = 1.3, 2.2
    axes = figure.add_axes((0.01, 0.01, 0.98, 0.98))
    axes.set_xlim(-7, total + 0.5)
    axes.set_ylim(-2.0, 12.6)
    axes.set_aspect("equal")
    axes.axis("off")

    # Top: the dictionary, blocks side by side in rolling order
    width = sum(shape[1] * cell for _, shape in shapes) + gap * (len(shapes) - 1)
    left, top, first = (total - width) / 2, 11.0, 0
    for (name, shape), size, colour in zip(shapes, sizes, BLOCK_COLOURS, strict=True):
        _block(axes, left, top, shape, first, colour, cell)
        axes.text(left + shape[1] * cell / 2, top + 0.35, f"{name} {shape}", ha="center",
                  va="bottom", fontsize=11, fontweight="bold")
        left += shape[1] * cell + gap
        first += size
    axes.text(-6.8, top - 2.5, "parameters", ha="left", va="center", fontsize=13, family=MONO)

    # Bottom: θ lying down (it is a (47, 1) column), coloured by block
    first = 0
    for (name, _), size, colour in zip(shapes, sizes, BLOCK_COLOURS, strict=True):
        for i in range(first, first + size):
            axes.add_patch(Rectangle((i, 0), 1, 1, facecolor=colour, edgecolor="black",
                                     linewidth=0.6))
            axes.text(i + 0.5, 0.5, str(i), ha="center", va="center", fontsize=6.5)
        axes.plot([first + 0.1, first + 0.1, first + size - 0.1, first + size - 0.1],
                  [-0.25, -0.55, -0.55, -0.25], color="black", linewidth=1)
        axes.text(first + size / 2, -0.75, name, ha="center", va="top", fontsize=11,
                  fontweight="bold")
        first += size
    axes.text(-6.8, 0.5, f"theta.T\n(1, {total})", ha="left", va="center", fontsize=13,
              family=MONO)

    # Arrows side by side in the middle: rolling down, unrolling up
    middle = total / 2 - 3
    for x, y_tail, y_head, label, align in (
        (middle - 0.8, 3.9, 1.5, "dictionary_to_vector(parameters)", "right"),
        (middle + 0.8, 1.5, 3.9, "vector_to_dictionary(theta, parameters)", "left"),
    ):
        axes.add_patch(FancyArrowPatch((x, y_tail), (x, y_head), arrowstyle="-|>",
                                       mutation_scale=22, linewidth=2, color="#333333"))
        offset = -0.5 if align == "right" else 0.5
        axes.text(x + offset, 2.7, label, ha=align, va="center", fontsize=10, family=MONO)


FIGURES = {
    "images/02-rolling-parameters.png": draw_rolling_parameters,
}
