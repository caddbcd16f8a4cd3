"""The mutation corpus of issue 11: planted mistakes, generated from the lesson sources.

``engine`` plants and runs them; ``lesson01``, ``lesson02``, ``lesson03`` hold
the entries (``MUTATIONS``); ``python -m tests.mutations`` prints the counts.
"""
