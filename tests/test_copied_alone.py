"""Does a notebook copied alone into an empty folder still run, with its images?"""

import shutil

import nbformat
import pytest
from notebook_runner import env_without_checkout, execute, ids, read, solution_notebooks

NOTEBOOKS = solution_notebooks()
WHERE_FROM = "import gc_utils, testCases\nprint(gc_utils.__file__)\nprint(testCases.__file__)"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_copied_alone_it_runs_on_the_embedded_helpers(path, tmp_path):
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(path, alone / path.name)
    notebook = read(alone / path.name)
    notebook.cells.append(nbformat.v4.new_code_cell(WHERE_FROM, id="where-from"))
    execute(notebook, alone, env=env_without_checkout(tmp_path))
    # the two prints may arrive as one stream output or as two
    printed = "".join(output.get("text", "") for output in notebook.cells[-1].outputs
                      if output["output_type"] == "stream")
    gc_file, tc_file = printed.split()
    assert "gc_helpers_" in gc_file and "gc_helpers_" in tc_file
    assert list(alone.iterdir()) == [alone / path.name], "the notebook wrote next to itself"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_images_are_inline_so_they_render_without_the_repository(path):
    markdown = "\n".join(cell.source for cell in read(path).cells
                         if cell.cell_type == "markdown")
    assert "](images/" not in markdown and "attachment:" not in markdown
    assert all(cell.get("attachments") is None for cell in read(path).cells)
