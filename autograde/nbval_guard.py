"""pytest plugin the grader loads next to nbval 0.11.0 (``-p autograde.nbval_guard``).

What it adds to ``pytest --nbval-lax`` for grading:

- a report per cell, keyed by the cell's id (never by nbval's "Cell N"),
  written one JSON line per cell as soon as the cell is done, so even a
  run killed by the outer timeout leaves what it had;
- the notebook file is deleted once collected: the kernel (student code)
  cannot read the hidden tests from it;
- the kernel is reached over Unix sockets (ZeroMQ's ``ipc`` transport) in
  the jail's runtime folder, not over TCP: the jailed kernel has a network
  namespace of its own, with no way to the host's 127.0.0.1;
- a kernel that dies before it ran any cell (before it answered
  kernel_info) is started again, up to KERNEL_START_ATTEMPTS times, before
  the run counts as failed: no student code ran yet, so no row may suffer;
- a kernel that dies is noticed within a fraction of a second instead of
  after the whole cell timeout;
- a cell that times out or kills the kernel costs that cell only: before
  the next cell a dead kernel is restarted and the cells that defined
  things (everything but graded test cells and the cells that hung or
  crashed) are run again, and nbval's "previous cell timed out" xfail is
  lifted, so later exercises are graded on their own merit.
"""

import json
import os
import signal
import time
from queue import Empty

import pytest

DEATH_POLL_SECONDS = 0.2
# nbval waits 5 s for outputs after interrupting a timed-out cell; a loop
# that ignores SIGINT would cost that much more per cell
OUTPUT_TIMEOUT_SECONDS = 2
# Text a cell may print before the rest is dropped (a print loop must not
# fill pytest's memory; no check compares more than a few lines)
STREAM_BUDGET_CHARS = 1_000_000
# Starts of a kernel that dies before answering kernel_info (a neighbour's
# processes still holding the machine, a slow disk): no student code has
# run, so starting again is safe; bounded, so a broken setup still ends
KERNEL_START_ATTEMPTS = 3
# Fault injection for the tests only: the first N kernel starts of each
# pytest process are killed at once, as a dying kernel would be
FAULT_KILL_STARTS = "AUTOGRADE_FAULT_KILL_KERNEL_STARTS"


class KernelDiedError(RuntimeError):
    """The kernel process ended while a cell was running."""


def pytest_addoption(parser):
    group = parser.getgroup("autograde")
    group.addoption("--guard-report", action="store", default=None,
                    help="write one JSON line per notebook cell here")
    group.addoption("--guard-setup-timeout", action="store", type=float, default=None,
                    help="cell timeout of the notebook's first code cell (the instructor's "
                         "setup, which no student code precedes)")


def ipc_kernel_manager():
    """Return a KernelManager class whose kernels listen on Unix sockets, not on TCP.

    The sockets are files beside the connection file, in the runtime folder
    (JUPYTER_RUNTIME_DIR), which the jail shows the kernel at the same path.
    """
    from jupyter_client.manager import KernelManager
    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets import CaselessStrEnum, default

    faults = {"left": int(os.environ.get(FAULT_KILL_STARTS, "0") or 0)}

    class IpcKernelManager(KernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc")

        def start_kernel(self, **kwargs):
            super().start_kernel(**kwargs)
            if faults["left"] > 0:
                faults["left"] -= 1
                os.kill(self.provisioner.pid, signal.SIGKILL)

        @default("ip")
        def _ip_default(self):
            # absolute: the kernel runs in another folder than pytest; short:
            # a Unix socket's path has at most 107 bytes
            return os.path.join(jupyter_runtime_dir(), "kernel")

    return IpcKernelManager


def pytest_configure(config):
    import nbval.kernel
    from nbval.kernel import RunningKernel

    if getattr(RunningKernel, "_guarded", False):
        return
    nbval.kernel.KernelManager = ipc_kernel_manager()
    nbval.kernel.start_new_kernel = _retrying(nbval.kernel.start_new_kernel)
    original = RunningKernel.get_message

    def get_message(self, stream, timeout=None):
        # Poll in short slices so that a dead kernel is noticed at once
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise Empty
            step = DEATH_POLL_SECONDS if remaining is None else min(DEATH_POLL_SECONDS, remaining)
            try:
                return _budgeted(self, original(self, stream, timeout=step))
            except Empty:
                if not self.is_alive():
                    raise KernelDiedError("the kernel died while running this cell") from None

    RunningKernel.get_message = get_message
    RunningKernel._guarded = True
    config._guard = Guard(config.getoption("--guard-report"))
    config.pluginmanager.register(config._guard, "autograde-guard")


def _retrying(start):
    """Wrap nbval's start_new_kernel: start again when the kernel dies before kernel_info."""
    def start_new_kernel(*args, **kwargs):
        for _ in range(KERNEL_START_ATTEMPTS - 1):
            try:
                return start(*args, **kwargs)
            except RuntimeError:
                pass  # nbval has shut the dead kernel down; nothing of it is left
        return start(*args, **kwargs)
    return start_new_kernel


def _budgeted(kernel, msg):
    """Blank the text of stream messages once a cell has printed its budget."""
    if msg.get("msg_type") != "stream":
        return msg
    parent = msg.get("parent_header", {}).get("msg_id")
    printed = getattr(kernel, "_guard_printed", {})
    kernel._guard_printed = printed
    text = msg["content"].get("text", "")
    used = printed.get(parent, 0)
    printed[parent] = used + len(text)
    if used + len(text) > STREAM_BUDGET_CHARS:
        msg["content"]["text"] = "" if used > STREAM_BUDGET_CHARS else "\n[output truncated]\n"
    return msg


class Guard:
    """Tracks cells by id, records their results and keeps the kernel usable."""

    def __init__(self, report_path):
        self.report_path = report_path
        self.history = []  # (cell number, cell, outcome reason) of cells run so far
        self.cell_timeout = None  # the students' cell timeout, as given
        self.notebook_paths = set()

    def pytest_collection_modifyitems(self, items):
        for item in items:
            item.output_timeout = OUTPUT_TIMEOUT_SECONDS
            self.notebook_paths.add(str(item.parent.fspath))

    def pytest_collection_finish(self, session):
        for path in self.notebook_paths:
            os.remove(path)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        notebook = item.parent
        notebook.timed_out = False
        options = item.config.option
        if self.cell_timeout is None:
            self.cell_timeout = float(options.nbval_cell_timeout)
        options.nbval_cell_timeout = self._timeout(item.cell_num, options)
        if notebook.kernel is not None and not notebook.kernel.is_alive():
            self._restart(item)

    def _timeout(self, cell_num, options):
        if cell_num == 0 and options.guard_setup_timeout:
            return float(options.guard_setup_timeout)
        return self.cell_timeout

    def _restart(self, item):
        """Start a fresh kernel and run again the cells that defined things.

        A replayed cell that hangs or kills the kernel is marked and left
        out of the next attempt, so this ends after at most one attempt per
        cell run so far.
        """
        from nbval.kernel import RunningKernel

        notebook = item.parent
        options = item.config.option
        for _ in range(len(self.history) + 1):
            try:
                notebook.kernel.stop()
            except Exception:  # noqa: BLE001 - the old kernel is gone either way
                pass
            notebook.kernel = RunningKernel(options.nbval_kernel_name,
                                            cwd=str(notebook.fspath.dirname),
                                            startup_timeout=options.nbval_kernel_startup_timeout)
            for index, (cell_num, cell, reason) in enumerate(self.history):
                if reason in ("timeout", "died") or is_graded_test(cell):
                    continue
                if not self._replay(notebook.kernel, cell, self._timeout(cell_num, options)):
                    self.history[index] = (cell_num, cell, "died")
                    break
            else:
                return

    @staticmethod
    def _replay(kernel, cell, timeout):
        msg_id = kernel.execute_cell_input(cell.source, allow_stdin=False)
        try:
            kernel.await_reply(msg_id, timeout=timeout)
        except (Empty, KernelDiedError):
            return False
        return True

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if call.when == "call" or (call.when == "setup" and report.outcome != "passed"):
            record = describe(item, call, report)
            self.history.append((item.cell_num, item.cell, record["reason"]))
            self._write(record)

    def _write(self, record):
        if self.report_path:
            with open(self.report_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record) + "\n")


def is_graded_test(cell):
    """True for an instructor test cell (nbgrader ``grade`` without ``solution``)."""
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return bool(nbgrader.get("grade")) and not nbgrader.get("solution")


def describe(item, call, report):
    """Return the JSON record of one cell's run: id, outcome, why it failed, error name."""
    record = {"cell_id": item.cell.get("id"), "outcome": report.outcome,
              "reason": "ok", "ename": "", "evalue": ""}
    if hasattr(report, "wasxfail"):
        record["outcome"] = "failed"
    if call.when == "call" and item.parent.timed_out and report.outcome == "passed":
        # nbval judges a cell by the error messages on IOPub only; an
        # interrupt that lands while IPython formats a traceback turns the
        # error into plain stderr text, and the cell "passes". A cell that
        # outlived the timeout has failed, whatever came after.
        record.update(outcome="failed", reason="timeout", ename="KeyboardInterrupt")
        return record
    excinfo = call.excinfo
    if excinfo is None or report.outcome == "skipped" and not hasattr(report, "wasxfail"):
        return record
    message = str(excinfo.value.args[0]) if getattr(excinfo.value, "args", ()) else ""
    if excinfo.errisinstance(KernelDiedError) or "Kernel dead" in str(excinfo.value):
        record["reason"] = "died"
    elif message.startswith("Timeout"):
        record["reason"] = "timeout"
    elif message.startswith("Cell outputs differ"):
        record["reason"] = "output"
    else:
        record["reason"] = "error"
    for output in item.test_outputs or ():
        if output.get("output_type") == "error":
            record["ename"] = output.get("ename", "")
            record["evalue"] = str(output.get("evalue", ""))[:500]
    if record["reason"] == "error" and not record["ename"]:
        record["ename"] = type(excinfo.value).__name__
        record["evalue"] = str(excinfo.value)[:500]
    return record
