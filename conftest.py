"""pytest settings for nbval runs of the course's notebooks from this folder.

Instructors check the instructor notebooks with a plain
``pytest --nbval-lax notebooks/solutions``. The recorded outputs end in digits
that depend on the BLAS kernel, so nbval compares them through
``autograde/nbval-sanitize.cfg`` unless the command names another sanitizer.
"""

from pathlib import Path

SANITIZER = Path(__file__).resolve().parent / "autograde" / "nbval-sanitize.cfg"


def pytest_configure(config):
    # The option exists only where nbval is installed; None means not given
    if getattr(config.option, "nbval_sanitize_with", False) is None:
        config.option.nbval_sanitize_with = str(SANITIZER)
