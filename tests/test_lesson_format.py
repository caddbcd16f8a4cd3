"""Does the lesson parser read good sources and reject bad ones with file:line?"""

from pathlib import Path

import pytest

from tools.lesson_format import LessonFormatError, parse_lesson, parse_lesson_text

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = (DATA / "99-sample.lesson").read_text(encoding="utf-8")
IMAGES = {"images/99-figure.png"}


def parse(text):
    return parse_lesson_text(text, "lessons/99-sample.lesson", DATA, images=IMAGES)


def line_of(text, needle):
    return text.split("\n").index(needle) + 1


def test_sample_is_read_with_header_cells_and_flags():
    lesson = parse_lesson(DATA / "99-sample.lesson", DATA, images=IMAGES)
    assert lesson.lesson_id == "99"
    assert lesson.file_stem("tr") == "99-ornek-ders"
    assert [cell.cell_id for cell in lesson.cells] == [
        "intro", "setup", "square", "square-check", "fix-double"]
    intro, setup, square, check, fix = lesson.cells
    assert intro.text["tr"].startswith("# Örnek ders")
    assert setup.setup and setup.locked
    assert square.solution and not square.locked and square.grade_id == "square"
    assert check.grade and check.points == 2 and check.tags == ["nbval-check-output"]
    assert [region.kind for region in fix.regions] == ["SOLUTION"]


def test_cell_lines_keep_indentation_and_drop_surrounding_blank_lines():
    square = parse(SAMPLE).cells[2]
    assert square.lines[0] == "def square(x):"
    assert square.lines[-1] == "    return y"


BROKEN = [
    # (what is wrong, replace this, with this, expected words, line of the problem)
    ("missing translation",
     "-- tr sha=5a29d25a\n# Örnek ders\n![bir şekil](images/99-figure.png)\n", "",
     "missing translation", "%% markdown id=intro"),
    ("empty translation",
     "-- tr sha=5a29d25a\n# Örnek ders\n![bir şekil](images/99-figure.png)\n",
     "-- tr sha=5a29d25a\n",
     "the '-- tr' block is empty", "-- tr sha=5a29d25a"),
    ("duplicate id", "%% code id=fix-double", "%% code id=square",
     "duplicate cell id 'square'", "%% code id=square solution grade_id=fix_double"),
    ("unbalanced begin", "### END HIDDEN TESTS\n", "",
     "'### BEGIN HIDDEN TESTS' is never closed", "### BEGIN HIDDEN TESTS"),
    ("a STUDENT region, which nbgrader does not know", "    return y\n",
     "    ### BEGIN STUDENT\n    return y\n    ### END STUDENT\n",
     "unrecognized marker '### BEGIN STUDENT'", "    ### BEGIN STUDENT"),
    ("unbalanced end", "    ### BEGIN SOLUTION\n    y = x * x\n", "    y = x * x\n",
     "'### END SOLUTION' without a matching", "    ### END SOLUTION"),
    ("unknown flag", "%% code id=square-check grade", "%% code id=square-check graded",
     "unknown flag 'graded'", "%% code id=square-check graded points=2 tags=nbval-check-output"),
    ("missing image", "![a figure](images/99-figure.png)", "![a figure](images/99-nothing.png)",
     "missing image 'images/99-nothing.png'", "![a figure](images/99-nothing.png)"),
    ("grade without points", " grade points=2 ", " grade ",
     "needs points=N", "%% code id=square-check grade tags=nbval-check-output"),
    ("nested regions", "    y = x * x\n", "    ### BEGIN HIDDEN TESTS\n",
     "inside an open SOLUTION region", "    ### BEGIN HIDDEN TESTS"),
    ("misspelt marker", "### BEGIN HIDDEN TESTS", "### BEGIN HIDDEN TEST",
     "unrecognized marker", "### BEGIN HIDDEN TEST"),
    ("solution cell without region", "%% code id=setup setup",
     "%% code id=setup solution\nx = 1", "needs a '### BEGIN SOLUTION'",
     "%% code id=setup solution"),
    ("hidden tests outside a graded cell", "%% code id=square-check grade points=2 ",
     "%% code id=square-check ", "hidden tests belong in a 'grade' cell",
     "%% code id=square-check tags=nbval-check-output"),
    ("unknown language", "-- tr sha=5a29d25a\n# Örnek", "-- de\n# Örnek",
     "unknown language 'de'", "-- de"),
    ("missing header key", "title.tr: Örnek ders\n", "", "lesson header lacks title.tr",
     "id: 99"),
    ("unknown cell kind", "%% code id=setup setup", "%% raw id=setup", "unknown cell kind 'raw'",
     "%% raw id=setup"),
    ("cell without id", "%% code id=setup setup", "%% code setup", "the cell has no id",
     "%% code setup"),
    ("inline string without Turkish", '"""Return x squared."""', '"""{{en: Return x squared.}}"""',
     "malformed localized string", '    """{{en: Return x squared.}}"""'),
    ("inline string with empty Turkish", '"""Return x squared."""',
     '"""{{en: Return x squared. | tr:  }}"""', "missing translation in",
     '    """{{en: Return x squared. | tr:  }}"""'),
    ("localized block without Turkish", '    """Return x squared."""\n',
     '    -- en\n    """Return x squared."""\n    -- end\n', "expected '-- tr'", "    -- end"),
    ("localized block never closed", "%% code id=setup setup\n",
     '%% code id=setup setup\n\n%% code id=open\nif True:\n  -- en\n  x = 1  # one\n'
     "  -- tr\n  x = 1  # bir\n", "never closed", "  -- en"),
    ("localized block with empty Turkish", '    """Return x squared."""\n',
     '    -- en\n    """Return x squared."""\n    -- tr\n    -- end\n',
     "the '-- tr' part of this localized block is empty", "    -- en"),
    ("region marker inside a localized block", "    ### BEGIN SOLUTION\n",
     "    -- en\n    ### BEGIN SOLUTION\n", "region marker inside a localized block",
     "    ### BEGIN SOLUTION"),
    ("stale translation", "# Sample lesson\n", "# A sample lesson\n",
     "stale translation: the English text changed", "-- tr sha=5a29d25a"),
    ("translation without hash", "-- tr sha=5a29d25a", "-- tr",
     "expected '-- tr sha=5a29d25a'", "-- tr"),
    ("hash on the English line", "-- en\n# Sample", "-- en sha=5a29d25a\n# Sample",
     "'sha=' belongs on the '-- tr' line", "-- en sha=5a29d25a"),
    ("setup cell with code", "%% code id=setup setup\n", "%% code id=setup setup\nimport os\n",
     "leave its body empty", "%% code id=setup setup"),
]


@pytest.mark.parametrize(("what", "old", "new", "words", "at"), BROKEN,
                         ids=[case[0] for case in BROKEN])
def test_malformed_source_names_file_line_and_what_was_expected(what, old, new, words, at):
    assert old in SAMPLE, f"fixture changed: {old!r} not found"
    text = SAMPLE.replace(old, new, 1)
    with pytest.raises(LessonFormatError) as raised:
        parse(text)
    assert words in str(raised.value)
    assert str(raised.value).startswith(f"lessons/99-sample.lesson:{line_of(text, at)}: ")


def test_windows_line_endings_are_refused():
    with pytest.raises(LessonFormatError, match="LF endings"):
        parse(SAMPLE.replace("\n", "\r\n"))


def test_images_are_looked_up_on_disk_when_no_set_is_given(tmp_path):
    with pytest.raises(LessonFormatError, match="missing image"):
        parse_lesson_text(SAMPLE, "x.lesson", tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "99-figure.png").write_bytes(b"\x89PNG")
    assert parse_lesson_text(SAMPLE, "x.lesson", tmp_path).lesson_id == "99"
