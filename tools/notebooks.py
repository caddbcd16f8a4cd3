"""Assemble a lesson's notebooks (nbformat 4.5) from its parsed cells."""

import ast
import base64
import hashlib
import re
from pathlib import Path

import nbformat

from autograde.rebuild import UNGRADED_KEY

from .bootstrap import _lazy_names, _parse_cell, setup_source
from .lesson_format import IMAGE_LINK
from .variants import code_source

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_COMMAND = "python -m tools.build"
NBGRADER_SCHEMA = 3
GENERATED_LINE = {
    "en": "Generated from {source} by `{command}`: do not edit this notebook, edit its source.",
    "tr": "{source} dosyasından `{command}` ile üretildi: bu not defterini değil, "
          "kaynağını düzenleyin.",
}


def nbgrader_metadata(cell):
    """Return the nbgrader cell metadata (schema 3) for a parsed cell.

    ``points`` appears on graded cells only, as nbgrader writes it; every
    cell that is not a solution is locked.
    """
    metadata = {
        "grade": cell.grade,
        "grade_id": cell.grade_id,
        "locked": cell.locked,
        "schema_version": NBGRADER_SCHEMA,
        "solution": cell.solution and cell.kind == "code",
        "task": False,
    }
    if cell.grade:
        metadata["points"] = cell.points
    return metadata


def nbgrader_checksum(node):
    """Return nbgrader's checksum (32 hex digits) of a notebook cell with nbgrader metadata.

    The same MD5 that nbgrader 0.9's ``utils.compute_checksum`` takes over
    the source, the cell type, the grade/solution/locked flags, the
    grade_id and the points, so that ``nbgrader validate`` recognizes our
    releases' test cells and warns a student who edited one.
    """
    metadata = node.metadata["nbgrader"]
    grade, solution = metadata["grade"], metadata["solution"]
    parts = [node.source, node.cell_type, str(grade), str(solution),
             str(not solution and (grade or metadata["locked"])), metadata["grade_id"]]
    if grade:
        parts.append(str(float(metadata["points"])))
    return hashlib.md5("".join(parts).encode("utf-8")).hexdigest()


def release(node):
    """Add to a student notebook's cell what nbgrader's ``generate_assignment`` adds.

    Checksum and cell type on every graded, solution or locked cell;
    ``deletable: false`` on those cells and ``editable: false`` on all but
    the solution cells (nbgrader's LockCells), so Jupyter keeps the student
    out of the tests.
    """
    metadata = node.metadata["nbgrader"]
    if not (metadata["grade"] or metadata["solution"] or metadata["locked"]):
        return
    metadata["checksum"] = nbgrader_checksum(node)
    metadata["cell_type"] = node.cell_type
    node.metadata["deletable"] = False
    if not metadata["solution"]:
        node.metadata["editable"] = False


def _explorer_names(lazy):
    """Return the names gc_utils and testCases hand out that come from gc_explorers."""
    return {name for (_, name), module in lazy.items() if module.startswith("gc_explorers")}


def _bound_and_read(tree):
    """Return (names a parsed cell binds, names it reads)."""
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
    return bound, read


def _only_explorers(tree, explorers):
    """True when every statement imports an explorer or calls one (and binds nothing else)."""
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module in ("gc_utils", "testCases"):
            if all(alias.name in explorers and alias.asname is None for alias in statement.names):
                continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) and \
                isinstance(statement.value.func, ast.Name) and statement.value.func.id in explorers:
            continue
        return False
    return bool(tree.body)


def ungraded_cells(lesson, repo_root=REPO_ROOT):
    """Return the ids (set of str) of the code cells no graded cell depends on.

    The grader leaves them out of its run (autograde.rebuild). A cell counts
    when it is neither setup, an answer nor a test and either comes after
    the lesson's last answer or test cell (nothing graded runs after it), or
    only imports and calls ε explorers (names gc_utils/testCases take from
    gc_explorers) that no later kept cell reads. Decided from the lesson
    source, so a new explorer cell is marked without being named here.
    """
    code = [cell for cell in lesson.cells if cell.kind == "code"]
    graded = [index for index, cell in enumerate(code) if cell.solution or cell.grade]
    last = graded[-1] if graded else -1
    explorers = _explorer_names(_lazy_names(repo_root))
    trees = [_parse_cell(code_source(cell, "en", "solution")) for cell in code]
    ungraded = set()
    later_reads = set()
    for index in range(len(code) - 1, -1, -1):
        cell, tree = code[index], trees[index]
        bound, read = _bound_and_read(tree)
        candidate = not (cell.setup or cell.solution or cell.grade)
        if candidate and (index > last or (_only_explorers(tree, explorers)
                                           and not bound & later_reads)):
            ungraded.add(cell.cell_id)
            continue
        later_reads |= read
    return ungraded


def inline_images(markdown, images):
    """Replace ``](images/x.png)`` links with ``data:`` URIs from ``images`` ({path: bytes})."""
    def replace(match):
        target = match.group(1)
        encoded = base64.b64encode(images[target]).decode("ascii")
        return match.group(0).replace(f"({target})", f"(data:image/png;base64,{encoded})")

    return IMAGE_LINK.sub(replace, markdown)


def build_notebook(lesson, language, variant, images, archive):
    """Return the notebook (nbformat NotebookNode) of ``lesson`` for ``language`` and ``variant``.

    Args:
        lesson: tools.lesson_format.Lesson.
        language: ``"en"`` or ``"tr"``.
        variant: ``"student"`` or ``"solution"``.
        images: {``images/...png``: PNG bytes} to inline.
        archive: tar.xz bytes of the helpers, embedded in the setup cell.
    """
    source_name = lesson.path.as_posix()
    marker = GENERATED_LINE[language].format(source=source_name, command=BUILD_COMMAND)
    cells = []
    ungraded = ungraded_cells(lesson)
    for index, cell in enumerate(lesson.cells):
        if cell.kind == "markdown":
            text = inline_images(cell.text[language], images)
            if index == 0:
                text = f"<!-- {marker} -->\n{text}"
            node = nbformat.v4.new_markdown_cell(text, id=cell.cell_id)
        else:
            if cell.setup:
                text = setup_source(language, archive)
            else:
                text = code_source(cell, language, variant)
            if index == 0:
                text = f"# {marker}\n{text}"
            node = nbformat.v4.new_code_cell(text, id=cell.cell_id)
        node.metadata["nbgrader"] = nbgrader_metadata(cell)
        if cell.setup:
            # collapsed in JupyterLab and Notebook 7, a form in Colab: the
            # student sees its first line, the title, not the embedded copy
            node.metadata["jupyter"] = {"source_hidden": True}
            node.metadata["cellView"] = "form"
        if cell.tags:
            node.metadata["tags"] = list(cell.tags)
        if cell.cell_id in ungraded:
            # the same in both variants, as nbgrader releases it; the grader
            # reads it only from its own instructor copy
            node.metadata[UNGRADED_KEY] = {"ungraded": True}
        if variant == "student":
            release(node)
        cells.append(node)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.nbformat_minor = 5
    # The same in both variants: nbgrader releases the instructor notebook
    # with its metadata as it is, so none of it may say "solution"
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
        "gradient_checking": {
            "lesson": lesson.lesson_id,
            "language": language,
            "title": lesson.title(language),
            "source": source_name,
            "generated_by": BUILD_COMMAND,
            "do_not_edit": True,
        },
    }
    nbformat.validate(notebook)
    return notebook


def notebook_bytes(notebook):
    """Serialize like Jupyter does (sorted keys, one-space indent), LF, final newline."""
    text = nbformat.writes(notebook)
    return (re.sub(r"\r\n?", "\n", text).rstrip("\n") + "\n").encode("utf-8")
