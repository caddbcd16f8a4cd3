"""Are the student notebooks complete exercises: stubs, checks, no leaks, solvable?"""

import copy
import re

import pytest
from nbclient.exceptions import CellExecutionError
from notebook_runner import ROOT, ids, instructor_copy, read, student_notebooks

from tools.lesson_format import REGIONS, parse_lesson
from tools.variants import code_stub

NOTEBOOKS = student_notebooks()
MARKERS = [marker for pair in REGIONS.values() for marker in pair]
# Shorter lines (`return J`, `pass`) may legitimately appear in given code
MIN_SECRET_LENGTH = 12


def solution_cells(notebook):
    return [cell for cell in notebook.cells if cell.metadata["nbgrader"]["solution"]]


def language(notebook):
    return notebook.metadata["gradient_checking"]["language"]


def test_there_are_student_notebooks():
    assert NOTEBOOKS, "no notebooks under notebooks/en or notebooks/tr"


def secret_lines(source_path):
    """Lines only the instructor may see: answers and hidden tests of a lesson source.

    Short lines such as a bare ``return`` are not secret: given code may
    contain them too.
    """
    secrets = set()
    for cell in parse_lesson(source_path, ROOT).cells:
        for region in cell.regions:
            lines = {line.strip() for line in cell.lines[region.begin + 1: region.end]}
            secrets |= {line for line in lines if len(line) > MIN_SECRET_LENGTH}
    return secrets


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_solution_text_or_hidden_test_leaks(path):
    student = read(path)
    student_code = "\n".join(cell.source for cell in student.cells if cell.cell_type == "code")
    for marker in MARKERS:
        assert marker not in student_code
    student_lines = {line.strip() for line in student_code.splitlines()}
    source = ROOT / student.metadata["gradient_checking"]["source"]
    leaked = secret_lines(source) & student_lines
    assert not leaked, f"leaked into {path.name}: {sorted(leaked)}"


# The one-line docstring a check cell opens with, nbgrader-style, per language
CHECK_DOCSTRING = {"en": r'"""Check .+"""', "tr": r'""".+ kontrol eder"""'}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_graded_function_has_its_stub_and_a_check_right_after(path):
    student = read(path)
    cells = student.cells
    for index, cell in enumerate(cells):
        if not cell.metadata["nbgrader"]["solution"]:
            continue
        functions = re.findall(r"^def (\w+)\(", cell.source, flags=re.M)
        assert functions, f"solution cell {cell.id} defines no function"
        stub = code_stub(language(student)).split("\n")
        lines = [line.strip() for line in cell.source.splitlines()]
        assert any(lines[i:i + len(stub)] == stub for i in range(len(lines))), cell.id
        check = cells[index + 1]
        assert check.cell_type == "code" and check.metadata["nbgrader"]["grade"]
        assert check.metadata["nbgrader"]["points"] > 0
        docstring = check.source.splitlines()[0]
        assert re.fullmatch(CHECK_DOCSTRING[language(student)], docstring), docstring
        assert f"{functions[0]}_test({functions[0]})" in check.source


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_running_as_shipped_stops_at_the_first_stub(path, tmp_path):
    from notebook_runner import execute

    student = read(path)
    first_solution = solution_cells(student)[0]
    function = re.search(r"^def (\w+)\(", first_solution.source, flags=re.M).group(1)
    with pytest.raises(CellExecutionError) as raised:
        execute(student, path.parent)
    failed = [cell for cell in student.cells if cell.cell_type == "code" and any(
        output.get("output_type") == "error" for output in cell.get("outputs", []))]
    assert [cell.id for cell in failed] == [student.cells[student.cells.index(
        first_solution) + 1].id]
    error = next(o for o in failed[0].outputs if o["output_type"] == "error")
    assert error["ename"] == "CheckFailedError"
    assert f"`{function}`" in error["evalue"]
    assert ("not implemented" in error["evalue"] if language(student) == "en"
            else "henüz yazılmadı" in error["evalue"])
    assert "raise NotImplementedError" in str(raised.value)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_filled_in_from_the_instructor_copy_it_runs_end_to_end(path, tmp_path):
    from notebook_runner import execute

    student, instructor = read(path), read(instructor_copy(path))
    answers = {cell.id: cell.source for cell in solution_cells(instructor)}
    filled = copy.deepcopy(student)
    for cell in solution_cells(filled):
        cell.source = answers[cell.id]
    execute(filled, path.parent)
    outputs = "".join(output.get("text", "") for cell in filled.cells
                      for output in cell.get("outputs", []))
    passed = {"en": "All visible tests passed.",
              "tr": "Görünür testlerin tümü geçti."}[language(student)]
    checks = [cell for cell in filled.cells if cell.metadata["nbgrader"]["grade"]]
    assert outputs.count(passed) >= len(checks)
