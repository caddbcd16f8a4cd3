"""Maintainer tools: the notebook builder (``python -m tools.build``) and its parts."""
