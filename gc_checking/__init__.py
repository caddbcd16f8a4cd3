"""Gradient checks beyond the lessons' own loop, built on ``gc_utils``.

``diagnosis``: which parameter block is wrong and by which factor (lesson 02);
``network``: ``NetworkObjective``, the fraud network for any layer sizes, dtypes and
dropout (lesson 03); ``fast_checks``: vectorized, random-direction, sampled and
complex-step checks (lesson 03); ``reference``: the reference gradients the
course's checks compare with.
"""
