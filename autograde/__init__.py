"""Autograder for the course's notebooks: rebuild, run with nbval, check out of the kernel.

``python -m autograde --out OUTDIR PATH...`` (see autograde/__main__.py and
the README's grading section). ``grade.grade_submission`` grades one file
and is the unit to distribute a class over many machines.
"""
