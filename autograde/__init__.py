"""Autograder for the course's notebooks: rebuild, run with nbval, check out of the kernel.

``python -m autograde --out OUTDIR PATH...`` (see autograde/__main__.py and
the README's grading section). ``grade.grade_submission`` grades one file
and is the unit to distribute a class over many machines.

Importing the package makes one optional module look absent: nbformat's
jsonschema picks up ``rfc3987_syntax`` when it is installed (Jupyter's own
dependencies bring it) and that module builds a grammar at import, about
3 s here, for IRI formats that no notebook schema uses. The grader starts
one pytest per submission (autograde.pytest_entry), so this was most of its
start-up time.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)
