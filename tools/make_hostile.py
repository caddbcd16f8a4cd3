"""Write a hostile class of input-level attacks on the grader, with what each must give.

``python -m tools.make_hostile FOLDER`` writes the files into FOLDER and
prints one line per kind: its submission path and the status the grader
must report. Every file is derived from the built notebooks
(notebooks/solutions/en) or written from scratch; nothing is committed.
These kinds never reach a kernel: each must end as its own row of the
gradebook, quickly, with the other rows intact.
"""

import json
import os
import socket
import sys
from pathlib import Path

from autograde import catalog

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "notebooks" / "solutions" / "en" / "01-gradient-checking-1d.ipynb"


def _notebook():
    return json.loads(LESSON.read_text(encoding="utf-8"))


def _deep(depth):
    notebook = _notebook()
    return json.dumps(notebook)[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"


def _kinds(folder, holder):
    """Yield (relative path as bytes, status, writer(path)) for every kind."""
    def text(content):
        return lambda path: path.write_bytes(content.encode("utf-8") if isinstance(
            content, str) else content)

    def sparse(path):
        with open(path, "wb") as handle:
            handle.truncate(catalog.MAX_SUBMISSION_BYTES + 1)

    def many_cells(path):
        notebook = _notebook()
        notebook["cells"] = notebook["cells"] * (catalog.MAX_CELLS // len(notebook["cells"]) + 1)
        path.write_text(json.dumps(notebook), encoding="utf-8")

    def long_cell(path):
        notebook = _notebook()
        notebook["cells"][0]["source"] = "#" * (catalog.MAX_CELL_SOURCE_CHARS + 1)
        path.write_text(json.dumps(notebook), encoding="utf-8")

    def bound_socket(path):
        holder.append(socket.socket(socket.AF_UNIX))
        holder[-1].bind(os.fsdecode(path))

    stray = b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": "x"}'
    yield b"fifo.ipynb", "not-a-regular-file", lambda path: os.mkfifo(path)
    yield b"socket.ipynb", "not-a-regular-file", bound_socket
    yield b"link-out.ipynb", "symlink", lambda path: path.symlink_to(LESSON)
    yield b"link-dir-out", "symlink", lambda path: path.symlink_to(
        LESSON.parent, target_is_directory=True)
    yield b"link-dangling.ipynb", "unreadable", lambda path: path.symlink_to(folder / "nowhere")
    yield b"sparse-huge.ipynb", "too-large", sparse
    yield b"deep-65.ipynb", "too-large", text(_deep(catalog.MAX_JSON_DEPTH + 1))
    yield b"deep-100000.ipynb", "too-large", text(_deep(100_000))
    yield b"many-cells.ipynb", "too-large", many_cells
    yield b"long-cell.ipynb", "too-large", long_cell
    yield b"empty.ipynb", "empty", text(b"")
    yield b"binary.ipynb", "not-a-notebook", text(b"\xff\xfe\x00\x01")
    yield b"old.ipynb", "old-format", text(
        '{"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}')
    yield b"cells-not-a-list.ipynb", "not-a-notebook", text(stray)
    yield b"latin1-\xe7\xf6z.ipynb", "not-a-notebook", text(stray)
    yield b"new\nline\r\x1b[31mred.ipynb", "not-a-notebook", text(stray)
    yield b"=HYPERLINK(1).ipynb", "not-a-notebook", text(stray)
    yield b"+cmd.ipynb", "not-a-notebook", text(stray)
    yield b"@SUM(A1).ipynb", "not-a-notebook", text(stray)
    yield b"<script>alert(1)<_script>.ipynb", "not-a-notebook", text(stray)
    yield b"[click](javascript:x) *b*.ipynb", "not-a-notebook", text(stray)
    yield ("ğ" * 120 + ".ipynb").encode("utf-8"), "not-a-notebook", text(stray)
    yield "\u202egpj.ipynb".encode("utf-8"), "not-a-notebook", text(stray)
    yield b"alice/lesson.ipynb", "not-a-notebook", text(stray)
    yield b"bob/lesson.ipynb", "empty", text(b"")


def write_hostile(folder):
    """Write the kinds into ``folder``; return ({relative path bytes: status}, sockets to close)."""
    folder = Path(folder)
    holder = []
    expected = {}
    for relative, status, writer in _kinds(folder, holder):
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), relative)))
        path.parent.mkdir(parents=True, exist_ok=True)
        writer(path)
        expected[relative] = status
    return expected, holder


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m tools.make_hostile FOLDER", file=sys.stderr)
        return 2
    expected, sockets = write_hostile(argv[0])
    for relative, status in expected.items():
        print(f"{os.fsdecode(relative)!r}\t{status}")
    for held in sockets:
        held.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
