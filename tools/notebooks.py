"""Assemble a lesson's notebooks (nbformat 4.5) from its parsed cells."""

import base64
import hashlib
import re

import nbformat

from .bootstrap import setup_source
from .lesson_format import IMAGE_LINK
from .variants import code_source

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
