"""nbgrader settings for an English course on these lessons (nbgrader 0.9).

Copy this file into the nbgrader course folder (beside ``source/``). The
stub is nbgrader's default, written out so that it stays what our builder
puts in the English student notebooks (``tools/variants.py``) even when a
site-wide nbgrader configuration changes it.
"""

c = get_config()  # noqa: F821 (nbgrader defines get_config when it loads this file)

# What replaces a ### BEGIN SOLUTION / ### END SOLUTION region
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
# What replaces the answer of a markdown solution cell (the lessons have none)
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
