"""nbgrader settings for a Turkish course on these lessons (nbgrader 0.9).

Copy this file into the nbgrader course folder (beside ``source/``). It makes
``nbgrader generate_assignment`` write the same stub our builder puts in the
Turkish student notebooks (``tools/variants.py``), so a release made by
nbgrader and one taken from ``notebooks/tr/`` are the same notebooks.
"""

c = get_config()  # noqa: F821 (nbgrader defines get_config when it loads this file)

# What replaces a ### BEGIN SOLUTION / ### END SOLUTION region
c.ClearSolutions.code_stub = {"python": "# KODUNUZU BURAYA YAZIN\nraise NotImplementedError()"}
# What replaces the answer of a markdown solution cell (the lessons have none;
# an instructor's added written question gets it)
c.ClearSolutions.text_stub = "CEVABINIZI BURAYA YAZIN"
