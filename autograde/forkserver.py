"""Start each submission's pytest process by forking a process that has already imported it.

One pytest process per submission stays the rule (each in its own folder,
with its own options, killed as a group); what is shared is only the
start-up work: importing pytest, nbval, nbformat and jupyter_client takes
about a second, as long as running a lesson's cells. The server imports
them once, then for every request forks a waiter, which forks the pytest
process, reports its pid, waits for it and reports its exit status.

The server listens on a Unix socket in a folder only the grader's user can
open; jailed code never sees that folder. It runs no student code itself:
student code runs in the kernels those pytest processes start, in the jail.
"""

import json
import os
import signal
import socket
import sys
import tempfile

from .warm_server import WarmServer, listen


class ForkServer(WarmServer):
    """The grader's handle on a running server (``run`` is safe to call from many threads)."""

    def __init__(self, env):
        super().__init__("autograde.forkserver", "pytest fork server", env)

    def run(self, argv, cwd, env, stderr_path, timeout):
        """Run ``pytest argv`` in ``cwd`` with ``env``; return its exit status, None on timeout.

        On timeout the pytest process and everything in its session are killed.
        """
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(self.path)
        request = {"argv": argv, "cwd": str(cwd), "env": env, "stderr": str(stderr_path)}
        connection.sendall((json.dumps(request) + "\n").encode())
        reader = connection.makefile("r")
        try:
            pid = int(reader.readline())
            connection.settimeout(timeout)
            try:
                return int(reader.readline())
            except (TimeoutError, OSError, ValueError):
                _kill_session(pid)
                return None
        finally:
            reader.close()
            connection.close()


def _kill_session(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _pytest_process(request, pytest):
    os.setsid()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    tempfile.tempdir = None  # read TMPDIR again: the kernel's connection file goes there
    devnull = os.open(os.devnull, os.O_RDWR)
    err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.dup2(err, 2)
    sys.stdout = open(1, "w", closefd=False)
    sys.stderr = open(2, "w", closefd=False)
    try:
        code = int(pytest.main(request["argv"]))
    except BaseException:  # noqa: BLE001 - whatever happens, exit with a status
        code = 3
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _waiter(connection, request, pytest):
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    pid = os.fork()
    if pid == 0:
        connection.close()
        _pytest_process(request, pytest)
    connection.sendall(f"{pid}\n".encode())
    _, status = os.waitpid(pid, 0)
    try:
        connection.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
    except OSError:
        pass
    os._exit(0)


def serve(path):
    """Import what pytest needs, then fork a pytest process per request on ``path``."""
    import jupyter_client  # noqa: F401 - imported once, for every fork
    import nbformat  # noqa: F401
    import nbval.plugin  # noqa: F401
    import pytest

    import autograde.nbval_guard  # noqa: F401

    server = listen(path)
    while True:
        connection, _ = server.accept()
        try:
            request = json.loads(connection.makefile("r").readline())
        except (ValueError, OSError):
            connection.close()
            continue
        if os.fork() == 0:
            server.close()
            _waiter(connection, request, pytest)
        connection.close()


if __name__ == "__main__":
    serve(sys.argv[1])
