"""Are solution and hidden-test regions turned into the right code per variant?"""

from pathlib import Path

import pytest

from tools.lesson_format import parse_lesson, parse_lesson_text
from tools.variants import code_source, code_stub

DATA = Path(__file__).resolve().parent / "data"
LESSON = parse_lesson(DATA / "99-sample.lesson", DATA, images={"images/99-figure.png"})
CELLS = {cell.cell_id: cell for cell in LESSON.cells}


def test_student_solution_region_becomes_a_localized_stub_at_the_marker_indent():
    assert code_source(CELLS["square"], "en", "student") == (
        'def square(x):\n'
        '    """Return x squared."""\n'
        '    # Multiply x by itself\n'
        '    # YOUR CODE HERE\n'
        '    raise NotImplementedError()\n'
        '    return y'
    )
    turkish = code_source(CELLS["square"], "tr", "student")
    assert "    # x'i kendisiyle çarpın\n    # KODUNUZU BURAYA YAZIN\n" \
           "    raise NotImplementedError()\n" in turkish


def test_stub_is_nbgraders_with_the_comment_in_the_notebooks_language():
    """One stub per language, none per cell: nbgrader's ClearSolutions takes one."""
    assert code_stub("en") == "# YOUR CODE HERE\nraise NotImplementedError()"
    assert code_stub("tr") == "# KODUNUZU BURAYA YAZIN\nraise NotImplementedError()"


def test_stub_raises_not_implemented():
    namespace = {}
    exec(code_source(CELLS["square"], "tr", "student"), namespace)
    with pytest.raises(NotImplementedError):
        namespace["square"](3)


def test_instructor_keeps_solution_with_markers_and_only_its_language_comments():
    source = code_source(CELLS["square"], "en", "solution")
    assert "    ### BEGIN SOLUTION\n    y = x * x\n    ### END SOLUTION" in source
    assert "# Multiply x by itself" in source and "kendisiyle" not in source
    assert "# en:" not in source


def test_hidden_tests_are_removed_for_students_and_kept_for_instructors():
    student = code_source(CELLS["square-check"], "en", "student")
    assert student == '"""Check that square returns x squared"""\nassert square(3) == 9'
    solution = code_source(CELLS["square-check"], "en", "solution")
    assert "### BEGIN HIDDEN TESTS\nassert square(-2) == 4\n### END HIDDEN TESTS" in solution


def test_given_code_outside_the_solution_region_reaches_students_with_a_stub_after_it():
    """Fix-the-bug cells: the given (buggy) lines stay, only the solution region goes."""
    student = code_source(CELLS["fix-double"], "en", "student")
    assert student == ("def double(x):\n    y = 3 * x\n    # YOUR CODE HERE\n"
                       "    raise NotImplementedError()\n    return y")
    solution = code_source(CELLS["fix-double"], "en", "solution")
    assert solution == ("def double(x):\n    y = 3 * x\n    ### BEGIN SOLUTION\n"
                        "    y = 2 * x\n    ### END SOLUTION\n    return y")


def test_unknown_variant_is_refused():
    with pytest.raises(ValueError, match="unknown variant"):
        code_source(CELLS["square"], "en", "teacher")


LOCALIZED = (DATA / "99-sample.lesson").read_text(encoding="utf-8").replace(
    '    """Return x squared."""\n',
    '    -- en\n    """Return x squared.\n\n    x -- a number\n    """\n'
    '    -- tr\n    """x değerinin karesini döndürür.\n\n    x -- bir sayı\n    """\n'
    '    -- end\n', 1,
).replace("assert square(3) == 9", 'print("{{en: nine | tr: dokuz}}:", square(3))', 1)


def localized_cells():
    lesson = parse_lesson_text(LOCALIZED, "lessons/99-sample.lesson", DATA,
                               images={"images/99-figure.png"})
    return {cell.cell_id: cell for cell in lesson.cells}


@pytest.mark.parametrize("variant", ["student", "solution"])
def test_localized_block_keeps_only_its_language_with_its_indentation(variant):
    square = localized_cells()["square"]
    english = code_source(square, "en", variant)
    turkish = code_source(square, "tr", variant)
    assert '    """Return x squared.\n\n    x -- a number\n    """' in english
    assert '    """x değerinin karesini döndürür.\n\n    x -- bir sayı\n    """' in turkish
    for source in (english, turkish):
        assert "-- en" not in source and "-- tr" not in source and "-- end" not in source
    assert "karesini" not in english and "squared" not in turkish


def test_inline_localized_string_becomes_the_language_text():
    check = localized_cells()["square-check"]
    assert 'print("nine:", square(3))' in code_source(check, "en", "student")
    assert 'print("dokuz:", square(3))' in code_source(check, "tr", "student")
