"""Render a Figure the explorer owns to PNG bytes, redrawing only what moves.

The explorers never touch ``matplotlib.pyplot``: since JupyterLab 4.4 a
widget callback runs on its own kernel thread ("comms over subshells",
jupyterlab issue 19719) while the main thread may be drawing a lesson's
pyplot figure, and pyplot's global state then mixes the two. A Figure with
its own Agg canvas shares nothing with pyplot, and the PNG it gives is put
into an ``ipywidgets.Image``, which replaces its picture in place: no
figure is opened, shown or left behind, so nothing flickers or piles up
(in Colab neither).

The still parts (axes, ticks, curves, labels) are drawn once and kept as a
bitmap; a redraw restores that bitmap and draws only the dynamic artists
(the ε marker, the bars) on top.
"""

import io
import threading

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image, PngImagePlugin

# Fast zlib level: a redraw's PNG is sent once and thrown away, so speed
# matters more than a few kilobytes
PNG_COMPRESS_LEVEL = 1

# Text chunk keys written into every PNG; the browser tests read them to
# prove the picture on screen belongs to the slider's final value
PNG_TEXT_PREFIX = "gc_utils:"


class FigureImage:
    """An owned Figure that renders itself to PNG bytes.

    Args:
        figure: a ``matplotlib.figure.Figure`` created without pyplot.
        dynamic_artists: artists that change between redraws; they are
            marked animated, so the kept background leaves them out.
    """

    def __init__(self, figure, dynamic_artists=()):
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self._dynamic = []
        self._background = None
        self._lock = threading.RLock()
        self.add_dynamic(*dynamic_artists)

    def add_dynamic(self, *artists):
        """Mark more artists as dynamic (redrawn on every render)."""
        with self._lock:
            for artist in artists:
                artist.set_animated(True)
                self._dynamic.append(artist)

    def invalidate(self):
        """Forget the kept background: call after changing a still artist."""
        with self._lock:
            self._background = None

    def render(self, metadata=None):
        """Draw the figure and return it as PNG bytes.

        Args:
            metadata: optional ``{key: value}`` stored as PNG text chunks
                (keys get the ``gc_utils:`` prefix).

        Returns:
            bytes of a PNG image, ``figure.bbox`` pixels wide and high.
        """
        with self._lock:
            if self._background is None:
                self.canvas.draw()
                self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            else:
                self.canvas.restore_region(self._background)
            for artist in self._dynamic:
                if artist.get_visible():
                    self.figure.draw_artist(artist)
            return encode_png(self.canvas.buffer_rgba(), metadata)

    def render_full(self, metadata=None):
        """Redraw everything from scratch and return PNG bytes (the slow path)."""
        self.invalidate()
        return self.render(metadata)


def encode_png(rgba, metadata=None):
    """Encode an RGBA pixel buffer as PNG bytes.

    Args:
        rgba: array-like of shape (height, width, 4), dtype uint8.
        metadata: optional ``{key: value}`` for PNG text chunks.

    Returns:
        bytes of the PNG image (RGB, alpha dropped: the figure is opaque).
    """
    image = Image.fromarray(np.asarray(rgba), "RGBA").convert("RGB")
    info = PngImagePlugin.PngInfo()
    for key, value in (metadata or {}).items():
        info.add_text(PNG_TEXT_PREFIX + str(key), str(value))
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=PNG_COMPRESS_LEVEL, pnginfo=info)
    return buffer.getvalue()


def read_png_metadata(png):
    """Return the ``gc_utils:`` text chunks of a PNG as a dict (used by tests).

    Args:
        png: bytes of a PNG image.

    Returns:
        dict of str to str, keys without the prefix.
    """
    with Image.open(io.BytesIO(png)) as image:
        texts = dict(getattr(image, "text", {}) or {})
    return {
        key[len(PNG_TEXT_PREFIX):]: value
        for key, value in texts.items()
        if key.startswith(PNG_TEXT_PREFIX)
    }
