"""Do the Canvas and Moodle exports follow their import formats and account for every student?

Canvas's gradebook importer (``GradebookImporter``) wants a header
``Student, ID, SIS User ID, SIS Login ID, Section`` then one column per
assignment, and reads a row whose first cell is ``Points Possible`` as the
maxima. Moodle's "Import grades from CSV" identifies users by a column
mapped to idnumber, email or username and aborts on a row it cannot match,
so no row may stand for anyone but a roster student.
"""

import csv
import io

import pytest

from autograde import lms
from autograde.grade import Graded, Row

LESSONS = {"01": {"max_points": 4.0, "exercises": {"forward_propagation": 1.0,
                                                  "gradient_check": 3.0}},
           "02": {"max_points": 9.0, "exercises": {"gradient_check_n": 9.0}}}
ROSTER = """\
student_id,name,email,login,submission,section
1001,Ada Yılmaz,ada@uni.edu,ada,ada/,A
1002,"=HYPERLINK(""http://x"")",eve@uni.edu,eve,submissions/eve.ipynb,A
1003,Can Demir,can@uni.edu,can,can/,B
1004,Deniz Kaya,deniz@uni.edu,deniz,deniz/,B
1003,Can Demir,can@uni.edu,can,extra/can-02.ipynb,B
"""


def graded(name, lesson, forward, check):
    rows = [Row("forward-check", forward, 1.0, "passed" if forward else "failed", "",
                "forward_propagation"),
            Row("check-check", check, 3.0, "passed" if check else "failed", "", "gradient_check")]
    return Graded(name, lesson, "en", rows)


def rejected(name):
    return Graded(name, rows=[Row("-", 0.0, 0.0, "empty", "the file is empty")], flags=["empty"])


@pytest.fixture()
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return lms.read_roster(path)


@pytest.fixture()
def class_run():
    return [graded("submissions/ada/lesson01.ipynb", "01", 1.0, 3.0),
            graded("submissions/eve.ipynb", "01", 1.0, 0.0),
            graded("submissions/can/lesson01.ipynb", "01", 0.0, 0.0),
            graded("submissions/can/again/lesson01.ipynb", "01", 1.0, 0.0),
            graded("submissions/zoe/lesson01.ipynb", "01", 1.0, 3.0)]


def rows_of(text):
    return list(csv.reader(io.StringIO(text)))


def test_the_roster_gives_each_student_their_paths_once(roster):
    assert [(s.student_id, s.paths) for s in roster] == [
        ("1001", ["ada"]), ("1002", ["submissions/eve.ipynb"]),
        ("1003", ["can", "extra/can-02.ipynb"]), ("1004", ["deniz"])]
    assert roster[0].name == "Ada Yılmaz" and roster[0].section == "A"


@pytest.mark.parametrize(("text", "expected"), [
    ("name,submission\nAda,ada/\n", "the header row lacks student_id"),
    ("student_id,name,submission\n1,Ada,\n", "line 2: no submission"),
    ("student_id,name,submission\n1,Ada,a/\n2,Eve,a\n", "'a' is already the submission of "
                                                       "student 1"),
    ("student_id,name,submission\n1,Ada,a/\n1,Eve,b/\n", "named 'Ada' on an earlier line"),
    ("student_id,name,submission\n", "no students below the header row"),
])
def test_a_bad_roster_is_refused_with_the_line_and_what_was_expected(tmp_path, text, expected):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lms.RosterError, match=expected.replace("(", r"\(")):
        lms.read_roster(path)


def test_a_roster_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("student_id,name,submission\n1,Çağla,a/\n".encode("cp1254"))
    with pytest.raises(lms.RosterError, match="not UTF-8"):
        lms.read_roster(path)


def test_files_match_the_most_specific_roster_path_with_or_without_the_folder_name(roster,
                                                                                  class_run):
    matching = lms.match(roster, class_run)
    assert [g.submission for g in matching.by_student["1001"]] == [
        "submissions/ada/lesson01.ipynb"]
    assert [g.submission for g in matching.by_student["1002"]] == ["submissions/eve.ipynb"]
    assert len(matching.by_student["1003"]) == 2
    assert matching.unmatched == ["submissions/zoe/lesson01.ipynb"]
    assert [s.student_id for s in matching.without_submission] == ["1004"]


def test_nobody_is_dropped_silently(roster, class_run):
    matching = lms.match(roster, class_run)
    table = lms.scores(matching, lms.columns(class_run, LESSONS))
    lines = lms.roster_lines(matching)
    assert "file matching no roster row: submissions/zoe/lesson01.ipynb" in lines
    assert any(line.startswith("no submission from 1004 (Deniz Kaya)") for line in lines)
    assert any("1003 (Can Demir): 2 submissions of lesson 01" in line for line in lines)
    assert table["1003"] == [""], "two files of one lesson: no score is picked by accident"


def test_canvas_file_follows_the_gradebook_import_format(tmp_path, roster, class_run):
    lms.write_exports(tmp_path, roster, class_run, LESSONS)
    rows = rows_of((tmp_path / lms.CANVAS_FILE).read_text(encoding="utf-8"))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lesson 01"]
    assert rows[1] == ["Points Possible", "", "", "", "", "4"]
    by_sis_id = {row[2]: row for row in rows[2:]}
    assert by_sis_id["1001"] == ["Ada Yılmaz", "", "1001", "ada", "A", "4"]
    assert by_sis_id["1003"][-1] == ""
    # a name a spreadsheet would run as a formula is quoted as report.csv_cell does
    assert by_sis_id["1002"][0] == "'=HYPERLINK(\"http://x\")" and by_sis_id["1002"][-1] == "1"
    assert "1004" not in by_sis_id, "a student without a submission gets no row (listed instead)"


def test_moodle_file_has_the_identity_columns_and_no_points_row(tmp_path, roster, class_run):
    lms.write_exports(tmp_path, roster, class_run, LESSONS)
    rows = rows_of((tmp_path / lms.MOODLE_FILE).read_text(encoding="utf-8"))
    assert rows[0] == ["ID number", "Email address", "Username", "Full name", "Lesson 01"]
    assert {row[0] for row in rows[1:]} == {"1001", "1002", "1003"}
    assert ["1001", "ada@uni.edu", "ada", "Ada Yılmaz", "4"] in rows
    assert all(row[4] == "" or float(row[4]) >= 0 for row in rows[1:])


def test_exercise_columns_split_a_lesson(tmp_path, roster, class_run):
    lms.write_exports(tmp_path, roster, class_run, LESSONS, kind="exercise")
    rows = rows_of((tmp_path / lms.CANVAS_FILE).read_text(encoding="utf-8"))
    assert rows[0][5:] == ["Lesson 01: forward_propagation", "Lesson 01: gradient_check"]
    assert rows[1][5:] == ["1", "3"]
    assert ["1", "0"] == next(row for row in rows if row[2] == "1002")[5:]


def test_a_file_that_could_not_be_graded_scores_zero_for_the_only_lesson(roster):
    run = [rejected("submissions/ada/lesson01.ipynb"),
           graded("submissions/deniz/l.ipynb", "01", 1.0, 0.0)]
    matching = lms.match(roster, run)
    assert lms.scores(matching, lms.columns(run, LESSONS))["1001"] == ["0"]


def test_a_forced_lesson_makes_its_column_even_if_every_file_was_rejected(roster):
    run = [rejected("submissions/ada/lesson01.ipynb")]
    assert [c.header for c in lms.columns(run, LESSONS, forced_lesson="02")] == ["Lesson 02"]
    assert lms.columns(run, LESSONS) == []


def test_an_unknown_column_kind_is_refused():
    with pytest.raises(ValueError, match="expected one of lesson, exercise"):
        lms.columns([], LESSONS, kind="student")
