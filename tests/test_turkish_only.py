"""Does a student of a Turkish notebook read Turkish in its code cells and outputs?"""

import ast
import io
import re
import tokenize

import pytest
from notebook_runner import NOTEBOOKS, read

# English words that are not Turkish and not the course's code names: any of
# them in a docstring, comment, string or recorded output is an untranslated text
ENGLISH_WORDS = frozenset("""
    the and of is are was to with for this that these those from by into not
    returns return arguments args check checks error errors value values number
    shape float bool if else when where which what there here your you
    buggy centered one-sided difference gradient gradients mistake fine above below
    threshold cost parameter parameters input inputs output outputs labels label
    write code replace line yet seed step direction function
""".split())
# Where English may stand in Turkish text: code in backticks, an English term
# given in parentheses on first use (TERMINOLOGY.md), names with _ or digits
ALLOWED = (re.compile(r"`[^`]*`"), re.compile(r"\([^()]*\)"))
WORD = re.compile(r"[A-Za-z][\w-]*")
# A string that is a key or message id ("check_n.fine"), not text
KEY = re.compile(r"[A-Za-z]\w*(?:\.\w+)+|\w*_\w*")
BUILTIN_TYPES = frozenset({"float", "bool", "int", "str", "dict", "tuple"})

TURKISH = sorted((NOTEBOOKS / "tr").glob("*.ipynb")) + sorted(
    (NOTEBOOKS / "solutions" / "tr").glob("*.ipynb"))


def english_words(text, names=frozenset()):
    """The words of ``text`` (str) from ENGLISH_WORDS, outside code and parentheses (a set).

    ``names`` are the identifiers of the notebook's code, which prose may cite.
    """
    for pattern in ALLOWED:
        text = pattern.sub(" ", text)
    return {word for word in WORD.findall(text) if word.lower() in ENGLISH_WORDS
            and word not in names and word not in BUILTIN_TYPES}


def code_names(source):
    """Every identifier a code cell defines or uses (a set of str)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        for attribute in ("id", "arg", "attr", "name"):
            if isinstance(getattr(node, attribute, None), str):
                names.add(getattr(node, attribute))
    return names


def shown_texts(source):
    """The comments and string constants of a code cell: what a student reads in it."""
    texts = [token.string for token in tokenize.generate_tokens(io.StringIO(source).readline)
             if token.type == tokenize.COMMENT]
    texts += [node.value for node in ast.walk(ast.parse(source))
              if isinstance(node, ast.Constant) and isinstance(node.value, str)
              and not KEY.fullmatch(node.value)]
    return texts


def outputs(cell):
    for output in cell.get("outputs", []):
        yield "".join(output.get("text", "")) + "".join(
            output.get("data", {}).get("text/plain", ""))


def test_the_check_finds_an_english_docstring_and_ignores_code_names():
    assert english_words("Check that the cost is right") == {"Check", "that", "the", "cost", "is"}
    assert english_words("`gradient_check` ve bağıl fark (difference) kontrol eder") == set()


@pytest.mark.parametrize("path", TURKISH, ids=[f"{p.parent.name}/{p.name}" for p in TURKISH])
def test_turkish_notebook_shows_no_english_words(path):
    found = {}
    cells = [cell for cell in read(path).cells if cell.cell_type == "code" and "setup" not in
             cell.id]
    names = set().union(*(code_names(cell.source) for cell in cells))
    for cell in cells:
        for text in [*shown_texts(cell.source), *outputs(cell)]:
            words = english_words(text, names)
            if words:
                found.setdefault(cell.id, set()).update(words)
    assert not found, f"English in {path.name}: {found}"
