"""Report what a student downloads: each notebook's size and its setup cell's share.

``python -m tools.notebook_sizes`` prints a table of the committed
notebooks; the test suite holds lesson 01's student notebooks to
STUDENT_BUDGET_BYTES, figures included.
"""

import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# A lesson-01 student notebook, with its figures and its copy of the helpers
STUDENT_BUDGET_BYTES = 100 * 1024


def notebook_sizes(root=REPO_ROOT):
    """Return [(repo-relative path, notebook bytes, setup cell bytes, figure bytes)], sorted."""
    rows = []
    for path in sorted(Path(root, "notebooks").rglob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        sources = ["".join(cell["source"]) for cell in notebook["cells"]]
        setup = sum(len(text.encode()) for text in sources if "embedded=(" in text)
        figures = sum(len(part.split(")", 1)[0]) for text in sources
                      for part in text.split("data:image/png;base64,")[1:])
        rows.append((path.relative_to(root).as_posix(), path.stat().st_size, setup, figures))
    return rows


def main():
    """Print the table (KiB); returns 0."""
    print(f"{'notebook':66} {'total':>8} {'setup':>8} {'figures':>8}")
    for path, total, setup, figures in notebook_sizes():
        print(f"{path:66} {total / 1024:7.1f}K {setup / 1024:7.1f}K {figures / 1024:7.1f}K")
    return 0


if __name__ == "__main__":
    sys.exit(main())
