"""A helper process that imports once and forks a child per request, on a private socket.

The pytest fork server (autograde.forkserver) and the jail server
(autograde.jail_server) both start this way: the grader launches the
module, waits for it to say it is ready, and later kills its session.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

READY = "ready"


class WarmServer:
    """The grader's handle on a running server; ``path`` is the socket to connect to."""

    def __init__(self, module, name, env, extra_args=()):
        """Start ``python -m module *extra_args SOCKET`` and wait until it is ready.

        Args:
            module: the server's module, e.g. ``"autograde.forkserver"``.
            name: what it is called in errors and in its folder's name.
            env: the server's environment.
            extra_args: arguments before the socket path.

        Raises:
            RuntimeError: the server did not say it was ready.
        """
        self.folder = tempfile.mkdtemp(prefix=f"autograde-{name.replace(' ', '')}-")
        self.path = str(Path(self.folder) / "socket")
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, *extra_args, self.path], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, start_new_session=True)
        line = self.process.stdout.readline().decode().strip()
        if line != READY:
            self.close()
            raise RuntimeError(f"the {name} did not start (said {line!r})")

    def close(self):
        """Stop the server; what it forked runs in sessions of its own, owned elsewhere."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        Path(self.path).unlink(missing_ok=True)
        os.rmdir(self.folder)


def listen(path):
    """Listen on a Unix socket at ``path`` only this user can open, and say so.

    Children are reaped by the kernel (SIGCHLD ignored). Returns the socket.
    """
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o600)
    server.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    print(READY, flush=True)
    return server
