"""Turn a parsed code cell into its source for one notebook variant and language.

Variants: ``student`` (solutions become a localized stub, or the STUDENT
region when the cell has one; hidden tests disappear) and ``solution``
(the instructor's copy: solutions and hidden tests kept with their
nbgrader markers, STUDENT regions dropped).
"""

import re

from .lesson_format import CODE_LANGUAGE_LINE, INLINE_LOCALIZED

VARIANTS = ("student", "solution")
LOCALIZED_COMMENT = re.compile(r"(\s*)# (en|tr): ?(.*)\Z")

# What a student sees in place of a solution, nbgrader-style
STUB_COMMENT = {"en": "# YOUR CODE HERE", "tr": "# KODUNUZU BURAYA YAZIN"}
STUB_MESSAGE = {
    "en": "{name}: not written yet. Replace this line with your code.",
    "tr": "{name}: henüz yazılmadı. Bu satırın yerine kendi kodunuzu yazın.",
}


def stub_lines(indent, language, name):
    """Return the two stub lines for a solution region at ``indent``.

    Args:
        indent: the whitespace before the region's BEGIN marker.
        language: ``"en"`` or ``"tr"``.
        name: what the student is writing (the cell's grade_id), named in
            the NotImplementedError so the first failing stub says which.
    """
    text = STUB_MESSAGE[language].format(name=name)
    return [f"{indent}{STUB_COMMENT[language]}", f"{indent}raise NotImplementedError({text!r})"]


def code_source(cell, language, variant):
    """Return the code of ``cell`` as the ``variant`` notebook in ``language`` shows it (str)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    lines = _apply_regions(cell, language, variant)
    return "\n".join(_localize_comments(localize_lines(lines, language), language))


def _apply_regions(cell, language, variant):
    regions = {region.begin: region for region in cell.regions}
    solution_followed_by_student = {
        previous.begin
        for previous, region in zip(cell.regions, cell.regions[1:], strict=False)
        if previous.kind == "SOLUTION" and region.kind == "STUDENT"
    }
    out, index = [], 0
    while index < len(cell.lines):
        region = regions.get(index)
        if region is None:
            out.append(cell.lines[index])
            index += 1
            continue
        inner = cell.lines[region.begin + 1: region.end]
        marked = cell.lines[region.begin: region.end + 1]
        if variant == "solution":
            out.extend(marked if region.kind != "STUDENT" else [])
        elif region.kind == "SOLUTION" and region.begin not in solution_followed_by_student:
            indent = cell.lines[region.begin][: -len(cell.lines[region.begin].lstrip())]
            out.extend(stub_lines(indent, language, cell.grade_id))
        elif region.kind == "STUDENT":
            out.extend(inner)
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
