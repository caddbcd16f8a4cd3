"""Are the figures drawn by code, byte-identical on every run, and the committed ones fresh?"""

from pathlib import Path

import pytest

from tools.figures import registry, render, render_all

pytestmark = pytest.mark.numeric

ROOT = Path(__file__).resolve().parent.parent


def test_figures_are_numbered_pngs_under_images():
    for path in registry():
        assert path.startswith("images/") and path.endswith(".png")
        assert Path(path).name[:3].rstrip("-").isdigit()


def test_rendering_twice_gives_the_same_bytes_without_a_version_stamp():
    first, second = render_all(), render_all()
    assert first == second
    for data in first.values():
        assert data.startswith(b"\x89PNG") and b"matplotlib version" not in data


def test_a_figure_can_be_drawn_alone():
    path, draw = sorted(registry().items())[0]
    assert render(draw) == (ROOT / path).read_bytes()
