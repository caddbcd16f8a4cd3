"""Are the English and Turkish notebooks of a lesson the same lesson, fully translated?"""

import ast
import re

import pytest
from notebook_runner import NOTEBOOKS, read

from tools.lesson_format import LANGUAGES

# Words the terminology table rules out (shared/TERMINOLOGY.md)
FORBIDDEN_TURKISH = ("degrade", "önyargı", "geri yayma", "göreceli fark")
# A translation shorter than this share of the English is a sign of a missing part
MIN_LENGTH_RATIO = 0.6


def pairs():
    """(folder, en notebook, tr notebook) per lesson and variant, matched by lesson id."""
    found = []
    for folder in ("", "solutions/"):
        by_lesson = {}
        for language in LANGUAGES:
            for path in sorted((NOTEBOOKS / folder / language).glob("*.ipynb")):
                lesson = read(path).metadata["gradient_checking"]["lesson"]
                by_lesson.setdefault(lesson, {})[language] = path
        for lesson, paths in sorted(by_lesson.items()):
            assert set(paths) == set(LANGUAGES), f"lesson {lesson} lacks a language in {folder}"
            found.append((f"{folder}{lesson}", paths["en"], paths["tr"]))
    return found


PAIRS = pairs()


def code_without_localized_text(source):
    """The cell's syntax tree with what may be localized blanked out.

    Comments vanish in the tree; every string constant (docstrings, printed
    labels, stub messages, the setup's language) becomes "", so two cells
    compare equal exactly when their code is the same.
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return ast.dump(tree)


def test_only_strings_and_comments_may_differ_between_languages():
    english = 'def f(x):\n    """Return x."""\n    # a comment\n    print("x =", x)\n    return x'
    turkish = 'def f(x):\n    """x döndürür."""\n    # yorum\n    print("x:", x)\n    return x'
    assert code_without_localized_text(english) == code_without_localized_text(turkish)
    assert code_without_localized_text(english) != code_without_localized_text(
        english.replace("return x", "return 2 * x"))
    assert code_without_localized_text('print(f"{a:>15}")') != code_without_localized_text(
        'print(f"{b:>15}")')


def without_checksum(metadata):
    """Cell metadata without nbgrader's checksum: a hash of the text, which is translated."""
    nbgrader = {k: v for k, v in metadata.get("nbgrader", {}).items() if k != "checksum"}
    return {**metadata, "nbgrader": nbgrader}


@pytest.mark.parametrize(("name", "english", "turkish"), PAIRS, ids=[p[0] for p in PAIRS])
def test_same_cells_same_ids_same_code(name, english, turkish):
    en, tr = read(english), read(turkish)
    assert [cell.id for cell in en.cells] == [cell.id for cell in tr.cells]
    assert [cell.cell_type for cell in en.cells] == [cell.cell_type for cell in tr.cells]
    for en_cell, tr_cell in zip(en.cells, tr.cells, strict=True):
        assert without_checksum(en_cell.metadata) == without_checksum(tr_cell.metadata)
        if en_cell.cell_type == "code":
            assert code_without_localized_text(en_cell.source) == code_without_localized_text(
                tr_cell.source), en_cell.id


@pytest.mark.parametrize(("name", "english", "turkish"), PAIRS, ids=[p[0] for p in PAIRS])
def test_every_markdown_cell_is_translated(name, english, turkish):
    en, tr = read(english), read(turkish)
    for en_cell, tr_cell in zip(en.cells, tr.cells, strict=True):
        if en_cell.cell_type != "markdown":
            continue
        assert en_cell.source != tr_cell.source, f"{en_cell.id} is not translated"
        en_text, tr_text = (re.sub(r"\(data:[^)]*\)", "", cell.source) for cell in
                            (en_cell, tr_cell))
        assert len(tr_text) >= MIN_LENGTH_RATIO * len(en_text), f"{en_cell.id} looks cut short"
        # Display formulas and images survive translation; so does every code name
        # (a translation may name one more often or quote one more, never drop one)
        for pattern in (r"\$\$.+?\$\$", r"!\[[^\]]*\]\(data:"):
            assert len(re.findall(pattern, en_cell.source, flags=re.S)) == len(
                re.findall(pattern, tr_cell.source, flags=re.S)), (en_cell.id, pattern)
        names = r"`([A-Za-z_][\w.]*)`"
        dropped = set(re.findall(names, en_cell.source)) - set(re.findall(names, tr_cell.source))
        assert not dropped, (en_cell.id, dropped)


@pytest.mark.parametrize(("name", "english", "turkish"), PAIRS, ids=[p[0] for p in PAIRS])
def test_turkish_avoids_ruled_out_terms(name, english, turkish):
    text = "\n".join(cell.source for cell in read(turkish).cells).lower()
    for term in FORBIDDEN_TURKISH:
        assert term not in text, f"{turkish.name} uses {term!r}"


def test_turkish_lesson_sources_avoid_ruled_out_terms():
    lessons = sorted((NOTEBOOKS.parent / "lessons").glob("*.lesson"))
    for lesson in lessons:
        turkish = "\n".join(re.findall(r"^-- tr[^\n]*\n(.*?)(?=^%% |\Z)",
                                       lesson.read_text(encoding="utf-8"), flags=re.S | re.M))
        turkish += "\n".join(re.findall(r"^\s*# tr: (.*)$", lesson.read_text(encoding="utf-8"),
                                        flags=re.M))
        for term in FORBIDDEN_TURKISH:
            assert term not in turkish.lower(), f"{lesson.name} uses {term!r}"
