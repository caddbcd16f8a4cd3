"""Keep matplotlib-inline's end-of-cell flush on the thread that runs cells.

The ``comm`` package fires IPython's ``pre_execute`` and ``post_execute``
events around every widget message. Since ipykernel 7 handles widget
messages on a subshell thread ("comms over subshells", jupyterlab issue
19719), matplotlib-inline's ``flush_figures`` (a ``post_execute`` callback)
then runs on that thread while a cell may be drawing with pyplot on the
main thread: it shows and closes the cell's half-drawn figure, and the
cell loses its plot. Moving an explorer's slider while a plotting cell
runs is enough to trigger it, even though the explorers never use pyplot.

``guard_inline_flush`` lets the flush run only on the main thread; cells
still show their figures at the end, and ``interact``-style callbacks
that call ``plt.show()`` themselves are not affected.
"""

import threading


class MainThreadFlush:
    """A post_execute callback that calls ``flush`` only on the main thread.

    It compares equal to the ``flush`` it wraps, so matplotlib-inline's own
    ``register``/``unregister`` calls (``%matplotlib inline`` again, or
    switching backend) still find it and do not add the bare flush twice.
    """

    def __init__(self, flush):
        self.flush = flush

    def __call__(self, *args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            return self.flush(*args, **kwargs)
        return None

    def __eq__(self, other):
        return other is self or other is self.flush

    def __hash__(self):
        return hash(self.flush)


def _wrap_flush(shell):
    callbacks = shell.events.callbacks.get("post_execute", [])
    for index, callback in enumerate(callbacks):
        if isinstance(callback, MainThreadFlush):
            return True
        if (getattr(callback, "__name__", "") == "flush_figures"
                and getattr(callback, "__module__", "").startswith("matplotlib_inline")):
            callbacks[index] = MainThreadFlush(callback)
            return True
    return False


class _RewrapBeforeEachCell:
    """pre_run_cell hook: matplotlib-inline registers its flush lazily, on first pyplot use."""

    def __init__(self, shell):
        self.shell = shell

    def __call__(self, *args, **kwargs):
        _wrap_flush(self.shell)


def guard_inline_flush(shell=None):
    """Make matplotlib-inline's ``flush_figures`` run only on the main thread.

    Wraps it now if it is registered, and again before every cell (it is
    registered lazily, when a cell first uses pyplot). Safe to call often.

    Args:
        shell: an IPython shell, or None for the running one.

    Returns:
        True inside IPython (the guard is in place), False elsewhere.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None:
        return False
    _wrap_flush(shell)
    hooks = shell.events.callbacks.get("pre_run_cell", [])
    if not any(isinstance(hook, _RewrapBeforeEachCell) for hook in hooks):
        shell.events.register("pre_run_cell", _RewrapBeforeEachCell(shell))
    return True
