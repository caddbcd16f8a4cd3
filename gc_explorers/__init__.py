"""The interactive ε explorers of lessons 01, 02 and 03: sweeps, widgets, matplotlib plots.

Built on ``gc_utils`` and ``gc_checking``; imported only when a lesson opens an
explorer, so the checks and the grader start without matplotlib or ipywidgets.
"""
