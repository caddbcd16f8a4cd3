"""Which parameter is wrong? The per-block diagnosis of lesson 02.

One number for the whole network says *that* backprop is wrong; this
splits it by block (W1, b1, …) and lists the entries that disagree most,
so the seeded bugs in dW2 and db1 stand out.
"""

import html
from dataclasses import dataclass

import numpy as np

from gc_common.i18n import message, register_messages
from gc_common.validation import GradientCheckInputError, as_float_array
from gc_utils import BLOCK_THRESHOLD, CHECK_THRESHOLD, relative_difference

register_messages({
    "diag.title": {
        "en": "Relative difference per parameter (analytic grad against numerical gradapprox): "
              "a block passes at or below the threshold {threshold:.0e} ({reason})",
        "tr": "Parametre başına bağıl fark (analitik grad ile sayısal gradapprox): bağıl farkı "
              "eşik değerine ({threshold:.0e}) eşit ya da ondan küçük olan blok geçer "
              "({reason})",
    },
    "diag.block": {"en": "parameter", "tr": "parametre"},
    "diag.entries": {"en": "entries", "tr": "eleman"},
    "diag.difference": {"en": "difference", "tr": "bağıl fark"},
    "diag.verdict": {"en": "verdict", "tr": "sonuç"},
    "diag.ok": {"en": "ok", "tr": "doğru"},
    "diag.suspect": {"en": "CHECK THIS", "tr": "KONTROL EDİN"},
    "diag.worst_title": {
        "en": "Entries that disagree most",
        "tr": "En çok uyuşmayan elemanlar",
    },
    "diag.index": {"en": "index", "tr": "indis"},
    "diag.analytic": {"en": "analytic (grad)", "tr": "analitik (grad)"},
    "diag.numerical": {"en": "numerical (gradapprox)", "tr": "sayısal (gradapprox)"},
    "diag.summary_bad": {
        "en": "Look at the backward pass of: {blocks}",
        "tr": "Geri yayılımda şunlara bakın: {blocks}",
    },
    "diag.summary_good": {
        "en": "Every parameter block agrees with its numerical gradient.",
        "tr": "Her parametre bloğu sayısal gradyanıyla uyuşuyor.",
    },
    "reason.check": {
        "en": "the course's line: a correct float64 gradient at ε = 1e-7 reaches about 1.2e-07",
        "tr": "dersin sınırı: float64'te ε = 1e-7 ile doğru bir gradyan yaklaşık 1.2e-07 "
              "değerine ulaşır",
    },
    "reason.block": {
        "en": "few numbers compared, so rounding does not average out",
        "tr": "az sayıda değer karşılaştırıldığı için yuvarlama hataları ortalamada sönümlenmez",
    },
    "reason.given": {
        "en": "the threshold passed in",
        "tr": "verilen eşik değeri",
    },
    "err.keys_length": {
        "en": "`keys` must name the block of each of the {n} entries, got {got} names",
        "tr": "`keys`, {n} elemanın her birinin bloğunu adlandırmalı, gelen ad sayısı: {got}",
    },
})


def threshold_reason(threshold):
    """Return why the course uses ``threshold`` (its 2e-7 line or the 1e-5 per block), as text."""
    if threshold == CHECK_THRESHOLD:
        return message("reason.check")
    if threshold == BLOCK_THRESHOLD:
        return message("reason.block")
    return message("reason.given")


@dataclass(frozen=True)
class BlockResult:
    """The check of one parameter block (all entries of W2, say)."""

    name: str
    size: int
    difference: float
    passed: bool


@dataclass(frozen=True)
class EntryResult:
    """One entry of θ: where it sits and its two gradients."""

    block: str
    index: tuple
    grad: float
    gradapprox: float


@dataclass(frozen=True)
class GradientDiagnosis:
    """The per-parameter diagnosis; prints as text, renders as HTML tables."""

    blocks: tuple
    worst: tuple
    threshold: float

    @property
    def suspects(self):
        """Names of the blocks whose difference exceeds the threshold."""
        return [block.name for block in self.blocks if not block.passed]

    def difference(self, name):
        """Return the relative difference of block ``name`` (e.g. ``"W2"``)."""
        for block in self.blocks:
            if block.name == name:
                return block.difference
        raise KeyError(name)

    def _block_rows(self):
        return [
            (b.name, str(b.size), f"{b.difference:.3e}",
             message("diag.ok") if b.passed else message("diag.suspect"))
            for b in self.blocks
        ]

    def _entry_rows(self):
        return [
            (e.block, str(e.index), f"{e.grad:+.6e}", f"{e.gradapprox:+.6e}") for e in self.worst
        ]

    def _headers(self):
        return (
            [message(k) for k in ("diag.block", "diag.entries", "diag.difference", "diag.verdict")],
            [message(k) for k in ("diag.block", "diag.index", "diag.analytic", "diag.numerical")],
        )

    def _title(self):
        return message("diag.title", threshold=self.threshold,
                       reason=threshold_reason(self.threshold))

    def _summary(self):
        if self.suspects:
            return message("diag.summary_bad", blocks=", ".join(self.suspects))
        return message("diag.summary_good")

    def __str__(self):
        block_header, entry_header = self._headers()
        lines = [self._title()]
        lines += _text_table(block_header, self._block_rows())
        lines += ["", message("diag.worst_title")]
        lines += _text_table(entry_header, self._entry_rows())
        lines += ["", self._summary()]
        return "\n".join(lines)

    def _repr_html_(self):
        block_header, entry_header = self._headers()
        flags = [not b.passed for b in self.blocks]
        title = html.escape(self._title())
        return (
            f"<div class='gc-diagnosis'><p><b>{title}</b></p>"
            f"{_html_table(block_header, self._block_rows(), flags)}"
            f"<p><b>{html.escape(message('diag.worst_title'))}</b></p>"
            f"{_html_table(entry_header, self._entry_rows())}"
            f"<p>{html.escape(self._summary())}</p></div>"
        )


def _text_table(header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells):
        padded = (str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    return [line(header), line("-" * w for w in widths)] + [line(row) for row in rows]


def _html_table(header, rows, flags=None):
    flags = flags or [False] * len(rows)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        ("<tr style='background:#fde2e1'>" if flagged else "<tr>")
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in row)
        + "</tr>"
        for row, flagged in zip(rows, flags, strict=True)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def diagnose_gradients(grad, gradapprox, keys, shapes=None, threshold=BLOCK_THRESHOLD, top=5):
    """Split the gradient check by parameter block and find the worst entries.

    Args:
        grad: analytic gradient, shape (n, 1) (from ``gradients_to_vector``).
        gradapprox: numerical gradient, shape (n, 1).
        keys: list of n block names (from ``dictionary_to_vector``).
        shapes: optional ``{name: shape}`` (e.g. ``parameter_shapes(parameters)``)
            to report entries as (row, column); else as the offset in the block.
        threshold: a block passes when its relative difference is at or
            below this.
        top: how many worst entries to list.

    Returns:
        GradientDiagnosis with one BlockResult per block, in θ's order, and
        the ``top`` entries with the largest |grad − gradapprox|.

    Raises:
        GradientCheckInputError: the three arguments disagree in length,
            or hold NaN or inf.
    """
    g = as_float_array(grad, "grad").reshape(-1)
    a = as_float_array(gradapprox, "gradapprox").reshape(-1)
    if g.size != a.size:
        raise GradientCheckInputError(
            message("err.size_mismatch", n_grad=g.size, n_approx=a.size)
        )
    names = [str(k) for k in keys]
    if len(names) != g.size:
        raise GradientCheckInputError(message("err.keys_length", n=g.size, got=len(names)))

    order = list(dict.fromkeys(names))
    positions = {name: [] for name in order}
    for i, name in enumerate(names):
        positions[name].append(i)

    blocks = []
    location = {}
    for name in order:
        idx = np.array(positions[name])
        difference = relative_difference(g[idx], a[idx])
        blocks.append(BlockResult(name, len(idx), difference, difference <= threshold))
        for offset, i in enumerate(idx):
            shape = shapes.get(name) if shapes else None
            location[int(i)] = (
                tuple(int(n) for n in np.unravel_index(offset, shape)) if shape else (offset,)
            )

    gap = np.abs(g - a)
    worst_first = np.argsort(-gap, kind="stable")[: max(int(top), 0)]
    worst = tuple(
        EntryResult(names[i], location[int(i)], float(g[i]), float(a[i])) for i in worst_first
    )
    return GradientDiagnosis(tuple(blocks), worst, float(threshold))
