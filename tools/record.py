"""Record the reference outputs that nbval compares, by running the notebook.

Cells tagged ``nbval-check-output`` print the lesson's published figures.
``pytest --nbval-lax`` compares a cell's new output with the output stored
in the notebook, so the instructor notebooks must carry those outputs, and
they must come from running the code, never from typing. The builder runs
each instructor notebook once in a fresh kernel and keeps the outputs of
the tagged cells only; every other cell stays empty.
"""

import copy
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECK_OUTPUT_TAG = "nbval-check-output"
CELL_TIMEOUT = 120


class RecordingError(RuntimeError):
    """A cell failed while the builder ran an instructor notebook."""


def needs_recording(notebook):
    """True when some cell of ``notebook`` carries the output-check tag."""
    return any(CHECK_OUTPUT_TAG in cell.metadata.get("tags", []) for cell in notebook.cells)


def record_outputs(notebook, working_dir, label):
    """Run ``notebook`` in ``working_dir`` and store the tagged cells' outputs in it.

    Args:
        notebook: an nbformat NotebookNode without outputs (changed in place).
        working_dir: the kernel's working directory (where the notebook lives).
        label: the notebook's name for error messages.

    Returns:
        ``notebook``.

    Raises:
        RecordingError: a cell raised; names the cell id and the error.
    """
    if not needs_recording(notebook):
        return notebook
    Path(working_dir).mkdir(parents=True, exist_ok=True)
    executed = copy.deepcopy(notebook)
    client = NotebookClient(executed, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(working_dir)}})
    try:
        client.execute()
    except Exception as error:
        raise RecordingError(f"{label}: running the instructor notebook failed: {error}") from error
    for cell, ran in zip(notebook.cells, executed.cells, strict=True):
        if CHECK_OUTPUT_TAG in cell.metadata.get("tags", []):
            cell.outputs = _merged_streams(ran.outputs)
            # nbval refuses outputs on a cell that never ran; the count is the run's order
            cell.execution_count = ran.execution_count
    return notebook


def without_outputs(notebook):
    """Return a copy of ``notebook`` with every output and execution count removed."""
    bare = copy.deepcopy(notebook)
    for cell in bare.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return bare


def reuse_outputs(notebook, committed_path):
    """Copy the tagged cells' outputs from ``committed_path`` when its content is the same.

    Args:
        notebook: the freshly built instructor notebook, without outputs
            (changed in place on success).
        committed_path: the notebook file on disk (may not exist).

    Returns:
        True when the outputs were reused, False when the notebook must run.
    """
    path = Path(committed_path)
    if not path.is_file():
        return False
    try:
        committed = nbformat.read(path, as_version=4)
    except Exception:
        return False
    if without_outputs(committed) != without_outputs(notebook):
        return False
    tagged = [(cell, old) for cell, old in zip(notebook.cells, committed.cells, strict=True)
              if CHECK_OUTPUT_TAG in cell.metadata.get("tags", [])]
    if any(not old.outputs or old.execution_count is None for _, old in tagged):
        return False
    for cell, old in tagged:
        cell.outputs = old.outputs
        cell.execution_count = old.execution_count
    return True


def _merged_streams(outputs):
    """Join consecutive stream chunks and drop execution counts: stable, comparable outputs."""
    merged = []
    for output in outputs:
        output = copy.deepcopy(output)
        if output.get("output_type") == "execute_result":
            output["execution_count"] = None
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] += output["text"]
        else:
            merged.append(output)
    return [nbformat.from_dict(output) for output in merged]
