"""Turn a parsed code cell into its source for one notebook variant and language.

Variants: ``student`` (each solution region becomes a localized stub,
hidden tests disappear) and ``solution`` (the instructor's copy: solutions
and hidden tests kept with their nbgrader markers). The student variant is
what nbgrader's own ``generate_assignment`` makes of the solution variant
when its ``ClearSolutions.code_stub`` is :func:`code_stub` of the language
(``nbgrader/<language>/nbgrader_config.py``), so instructors may release
either.
"""

import re

from .lesson_format import CODE_LANGUAGE_LINE, INLINE_LOCALIZED

VARIANTS = ("student", "solution")
LOCALIZED_COMMENT = re.compile(r"(\s*)# (en|tr): ?(.*)\Z")

# What a student sees in place of a solution: nbgrader's stub, its comment
# localized. One text per language and none per cell, because nbgrader's
# ClearSolutions takes a single stub per kernel language; the traceback
# already names the function that is not written yet
STUB_COMMENT = {"en": "# YOUR CODE HERE", "tr": "# KODUNUZU BURAYA YAZIN"}
STUB_RAISE = "raise NotImplementedError()"


def code_stub(language):
    """Return the stub (str, two lines) that replaces a solution region in ``language``.

    It is also the value nbgrader's ``ClearSolutions.code_stub["python"]``
    must have for its releases to match ours.
    """
    return f"{STUB_COMMENT[language]}\n{STUB_RAISE}"


def stub_lines(indent, language):
    """Return the stub lines (list of str) for a region whose BEGIN marker has ``indent``.

    nbgrader indents every stub line like the marker; so does this.
    """
    return [f"{indent}{line}" for line in code_stub(language).split("\n")]


def code_source(cell, language, variant):
    """Return the code of ``cell`` as the ``variant`` notebook in ``language`` shows it (str)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    lines = _apply_regions(cell, language, variant)
    return "\n".join(_localize_comments(localize_lines(lines, language), language))


def _apply_regions(cell, language, variant):
    regions = {region.begin: region for region in cell.regions}
    out, index = [], 0
    while index < len(cell.lines):
        region = regions.get(index)
        if region is None:
            out.append(cell.lines[index])
            index += 1
            continue
        if variant == "solution":
            out.extend(cell.lines[region.begin: region.end + 1])
        elif region.kind == "SOLUTION":
            marker = cell.lines[region.begin]
            out.extend(stub_lines(marker[: len(marker) - len(marker.lstrip())], language))
        index = region.end + 1
    return out


def _localize_comments(lines, language):
    out = []
    for line in lines:
        match = LOCALIZED_COMMENT.match(line)
        if match is None:
            out.append(line)
        elif match.group(2) == language:
            out.append(f"{match.group(1)}# {match.group(3)}".rstrip())
    return out


def localize_lines(lines, language):
    """Return ``lines`` (list of str) with only ``language``'s part of each
    localized block and inline string.

    The parser has checked the blocks (``-- en`` / ``-- tr`` / ``-- end``),
    so this only selects; everything outside them is shared code.
    """
    out, part = [], None
    for line in lines:
        match = CODE_LANGUAGE_LINE.match(line)
        if match is not None:
            part = None if match.group(1) == "end" else match.group(1)
            continue
        if part is None or part == language:
            out.append(INLINE_LOCALIZED.sub(lambda m: m.group(1 if language == "en" else 2), line))
    return out
