"""Does the guard keep matplotlib-inline's flush off the widget comm thread, and only that?"""

import threading

from IPython.core.events import EventManager, available_events
from matplotlib_inline.backend_inline import flush_figures

from gc_explorers.inline_guard import MainThreadFlush, guard_inline_flush


class FakeShell:
    """Just the event manager of an IPython shell."""

    def __init__(self):
        self.events = EventManager(self, available_events)


def run_in_thread(function):
    worker = threading.Thread(target=function)
    worker.start()
    worker.join()


def test_flush_runs_on_the_main_thread_only():
    """The wrapped flush runs for cells (main thread) and not for comm messages (subshell)?"""
    calls = []

    def flush():
        calls.append(threading.current_thread().name)

    guarded = MainThreadFlush(flush)
    run_in_thread(guarded)
    assert calls == []
    guarded()
    assert calls == [threading.main_thread().name]


def test_guard_wraps_matplotlib_inline_flush_in_place():
    """Is the registered flush_figures replaced by the guarded one, at the same place?"""
    shell = FakeShell()
    shell.events.register("post_execute", print)
    shell.events.register("post_execute", flush_figures)
    assert guard_inline_flush(shell) is True
    callbacks = shell.events.callbacks["post_execute"]
    assert callbacks[0] is print
    assert isinstance(callbacks[1], MainThreadFlush) and callbacks[1].flush is flush_figures


def test_matplotlib_inline_can_still_register_and_unregister_its_flush():
    """%matplotlib inline again must not add a bare flush; switching backend must remove it."""
    shell = FakeShell()
    shell.events.register("post_execute", flush_figures)
    guard_inline_flush(shell)
    shell.events.register("post_execute", flush_figures)
    assert len(shell.events.callbacks["post_execute"]) == 1
    shell.events.unregister("post_execute", flush_figures)
    assert shell.events.callbacks["post_execute"] == []


def test_flush_registered_later_is_wrapped_before_the_next_cell():
    """matplotlib-inline registers its flush on first pyplot use: is it guarded from then on?"""
    shell = FakeShell()
    guard_inline_flush(shell)
    guard_inline_flush(shell)
    assert len(shell.events.callbacks["pre_run_cell"]) == 1
    shell.events.register("post_execute", flush_figures)
    shell.events.trigger("pre_run_cell", None)
    assert isinstance(shell.events.callbacks["post_execute"][0], MainThreadFlush)


def test_outside_ipython_the_guard_does_nothing():
    """In a plain Python process there is no shell to guard."""
    assert guard_inline_flush() is False
