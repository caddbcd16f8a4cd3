"""Does the stamp command confirm translations, so a stale one fails and a stamped one passes?"""

import shutil
from pathlib import Path

import pytest

from tools.lesson_format import LessonFormatError, english_sha, parse_lesson
from tools.stamp_translations import main, stamp

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def lesson(tmp_path):
    (tmp_path / "images").mkdir()
    shutil.copy(DATA / "99-sample.lesson", tmp_path / "99-sample.lesson")
    (tmp_path / "images" / "99-figure.png").write_bytes(b"")
    return tmp_path / "99-sample.lesson"


def test_changed_english_fails_until_stamped_again(lesson):
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("# Sample lesson\n", "# A sample lesson\n", 1), encoding="utf-8")
    with pytest.raises(LessonFormatError, match="stale translation"):
        parse_lesson(lesson, lesson.parent)
    assert stamp(lesson, lesson.parent) == 1
    intro = parse_lesson(lesson, lesson.parent).cells[0]
    english = "# A sample lesson\n![a figure](images/99-figure.png)"
    assert intro.translated_from == english_sha(english)


def test_stamping_a_current_lesson_changes_nothing(lesson):
    before = lesson.read_text(encoding="utf-8")
    assert stamp(lesson, lesson.parent) == 0
    assert lesson.read_text(encoding="utf-8") == before


def test_every_course_lesson_is_stamped():
    lessons = sorted((DATA.parent.parent / "lessons").glob("*.lesson"))
    assert lessons
    for path in lessons:
        parse_lesson(path, images=None)


def test_command_reports_a_malformed_lesson_with_exit_code_2(lesson, capsys):
    lesson.write_text("id: 99\n", encoding="utf-8")
    assert main([str(lesson)]) == 2
    assert "99-sample.lesson:" in capsys.readouterr().err
