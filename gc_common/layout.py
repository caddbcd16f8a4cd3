"""Where the course's helpers live in a checkout: the files a notebook needs beside it.

The builder embeds them in each notebook's setup cell and the grader copies
them into its sandbox; both read this list, so a new package is added once.
"""

# Imported by the lessons: one readable file each, at the top of the checkout
HELPER_MODULES = ("gc_utils", "testCases")

# The machinery behind them, one package per job
HELPER_PACKAGES = ("gc_common", "gc_checking", "gc_explorers", "gc_feedback")
