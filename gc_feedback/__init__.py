"""The checks behind ``testCases``: what a student's function got wrong, and why.

``checks_1d``, ``checks_nd``, ``checks_practice``: one check per graded function of
lessons 01, 02 and 03; ``mistakes`` and ``hints``: the catalogue of usual mistakes
and their hints in English and Turkish; ``report`` and ``runner``: results and how
they are printed.
"""
