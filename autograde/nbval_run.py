"""Run a rebuilt notebook with ``pytest --nbval-lax``, one pytest process per submission.

pytest runs in the workspace's ``runner/`` folder with our own ini (the
student's conftest.py and ini files are never there, and ``--noconftest``
and ``-c`` make sure none would be read), without plugin autoloading or a
cache, and with a kernelspec whose kernel starts inside the jail.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from autograde.nbval_guard import OUTPUT_TIMEOUT_SECONDS

KERNEL_NAME = "autograde-jailed"
KERNEL_STARTUP_SECONDS = 60
# The instructor's setup cell runs before any student code: a short --timeout
# meant for students' cells must not fail it on a busy machine
SETUP_TIMEOUT_SECONDS = 60
# Printed numbers are compared through the course's own sanitizer, the one
# an instructor's plain ``pytest --nbval-lax`` uses (its one home)
# Shipped with the grader (package data), so an installed grader has it too
SANITIZER = Path(__file__).resolve().with_name("nbval-sanitize.cfg")
# Run in the kernel before any student code: a forked copy of the kernel
# would share its sockets and could answer nbval in its place, so a child
# made by os.fork ends at once (subprocesses, which exec, are not affected)
NO_FORK = "import os as _os; _os.register_at_fork(after_in_child=lambda: _os._exit(70))"
INI = "[pytest]\naddopts =\nfilterwarnings = ignore\n"


def write_kernelspec(workspace, sandbox, cpu_seconds):
    """Install, inside the workspace, the kernelspec that starts the jailed kernel."""
    args = ["-f", "{connection_file}", "--HistoryManager.enabled=False",
            "--InteractiveShell.cache_size=0", f"--IPKernelApp.exec_lines={NO_FORK}"]
    argv = sandbox.command(workspace, "kernel", args, cpu_seconds, chown=["{connection_file}"])
    spec_dir = workspace.runner / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {"argv": argv, "display_name": "autograde (jailed)", "language": "python",
            "env": sandbox.launcher_env()}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")


def outer_timeout(code_cells, cell_timeout):
    """Seconds the whole run may take: every cell timing out, plus a restart each."""
    return KERNEL_STARTUP_SECONDS + SETUP_TIMEOUT_SECONDS + code_cells * (
        cell_timeout + OUTPUT_TIMEOUT_SECONDS + 4)


def run_nbval(workspace, sandbox, notebook, cell_timeout):
    """Run ``notebook`` (NotebookNode) and return (records by cell id, problem or "").

    A record is the guard's JSON line for a cell: outcome, reason, ename.
    The problem says why the run ended early (outer timeout, pytest failing
    to start); cells without a record were not run.
    """
    path = workspace.runner / "submission.ipynb"
    nbformat.write(notebook, path)
    ini = workspace.runner / "pytest.ini"
    ini.write_text(INI, encoding="utf-8")
    report = workspace.runner / "report.jsonl"
    code_cells = sum(1 for cell in notebook.cells if cell.cell_type == "code")
    timeout = outer_timeout(code_cells, cell_timeout)
    write_kernelspec(workspace, sandbox, cpu_seconds=timeout)
    args = [
        str(path), "--nbval-lax",
        "-p", "nbval.plugin", "-p", "autograde.nbval_guard", "-p", "no:cacheprovider",
        "--noconftest", "-c", str(ini), "--rootdir", str(workspace.runner), "-q", "--no-header",
        "--nbval-kernel-name", KERNEL_NAME, "--nbval-cell-timeout", str(cell_timeout),
        "--nbval-kernel-startup-timeout", str(KERNEL_STARTUP_SECONDS),
        "--nbval-sanitize-with", str(SANITIZER), "--guard-report", str(report),
        "--guard-setup-timeout", str(max(cell_timeout, SETUP_TIMEOUT_SECONDS)),
    ]
    env = sandbox.launcher_env()
    env.update({
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "JUPYTER_PATH": str(workspace.runner / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(workspace.student / ".runtime"),
        # jupyter_client writes the kernel's connection file with mkstemp:
        # it must land where the jailed kernel can read it
        "TMPDIR": str(workspace.student / ".runtime"),
        "JUPYTER_CONFIG_DIR": str(workspace.runner / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(workspace.runner / "jupyter"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": str(workspace.runner / "ipython"),
        "HOME": str(workspace.runner),
    })
    problem = ""
    started = time.monotonic()
    status = _run_pytest(sandbox, args, workspace.runner, env, timeout)
    if status is None:
        problem = f"stopped after the outer timeout of {timeout:.0f} s"
    elif status not in (0, 1):
        stderr = (workspace.runner / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        problem = f"pytest ended with status {status}: {stderr.strip()[-300:]}"
    records = {}
    if report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["cell_id"]] = record
    if not records and not problem:
        problem = f"pytest reported no cells after {time.monotonic() - started:.0f} s"
    return records, problem


def _run_pytest(sandbox, args, cwd, env, timeout):
    """Run pytest with ``args``; return its exit status, or None after ``timeout`` seconds.

    Through the sandbox's fork server when it has one (pytest already
    imported), else as a new process; either way its own session, killed
    as a whole on timeout.
    """
    stderr_path = cwd / "stderr.txt"
    if sandbox.forkserver is not None:
        return sandbox.forkserver.run(args, cwd, env, stderr_path, timeout)
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "autograde.pytest_entry", *args],
                                   cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=stderr,
                                   start_new_session=True)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
