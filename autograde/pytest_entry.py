"""Start pytest for one submission: ``python -m autograde.pytest_entry ARGS...``.

The same as ``python -m pytest ARGS...``, after importing the autograde
package, which spares pytest a slow optional import (see autograde/__init__.py).
"""

import sys

import pytest

if __name__ == "__main__":
    sys.exit(pytest.main(sys.argv[1:]))
