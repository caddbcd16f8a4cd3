"""Start jailed kernels and probe workers from a process that has already imported them.

A kernel's start-up is mostly imports (ipykernel, IPython, numpy): about as
long as a lesson's cells take to run. The server imports them once; for each
request it forks a waiter that builds the jail exactly as
``python -m autograde.jail`` does (autograde.jail.start) and, inside it,
starts the kernel or the probe worker by calling it instead of exec'ing a
new interpreter. Every kernel is still a process of its own, in its own
namespaces, under its own limits and uid.

The client, ``python -m autograde.jail_server SOCKET JAIL-OPTIONS -- ENTRY
ARGS...``, is what jupyter_client (or the probe driver) starts: it imports
nothing heavy, hands the server its stdin, stdout and stderr, forwards the
signals it gets (an interrupt reaches the kernel), and exits with the
kernel's status. When the client is killed, the waiter kills the jail.

The server listens on a Unix socket in a folder only the grader's user can
open; jailed code never sees that folder, and the connection is closed in
the jail before student code runs.
"""

import json
import os
import select
import signal
import socket
import sys
from pathlib import Path

from .warm_server import WarmServer, listen

POLL_SECONDS = 0.05


class JailServer(WarmServer):
    """The grader's handle on a running server: ``client_prefix`` starts jailed entries."""

    def __init__(self, env):
        super().__init__("autograde.jail_server", "jail server", env, extra_args=("--serve",))

    def client_prefix(self):
        """The argv that runs a client of this server (append jail options, --, entry, args)."""
        return [sys.executable, "-m", "autograde.jail_server", self.path]


def _kernel_entry(args):
    def run():
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = ["ipykernel_launcher", *args]
        app = IPKernelApp.instance()
        app.initialize(args)
        app.start()
        return 0
    return run


def _probe_entry(args):
    def run():
        from autograde import probe_worker

        probe_worker.main()
        return 0
    return run


ENTRIES = {"kernel": _kernel_entry, "probe": _probe_entry}


def _in_jail(entry, workdir):
    """Wrap ``entry`` so imports resolve in the jail's workdir, as a fresh interpreter's would."""
    def run():
        import importlib
        import tempfile as jail_tempfile

        sys.path[:] = [workdir] + [p for p in sys.path if p.startswith(sys.base_prefix) or
                                   p.startswith(sys.prefix)]
        sys.path_importer_cache.clear()
        importlib.invalidate_caches()
        jail_tempfile.tempdir = None
        return entry()
    return run


def _waiter(connection):
    """Serve one request: build the jail, relay signals, report the exit status."""
    from autograde import jail

    message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
    args = json.loads(message.decode())
    request = jail.parse(args)
    entry, entry_args = request.command[0], request.command[1:]
    for target, descriptor in zip((0, 1, 2), fds, strict=False):
        os.dup2(descriptor, target)
        os.close(descriptor)
    jail.hand_over(request)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    try:
        target = _in_jail(ENTRIES[entry](entry_args), str(Path(request.workdir).resolve()))
        init = jail.start(target, request.workdir, request.run_as, request.limits, request.env,
                          close=[connection.fileno()])
    except jail.JailError as error:
        os.write(2, f"autograde.jail: {error}\n".encode())
        connection.sendall(b"X126\n")
        os._exit(0)
    buffer = b""
    while True:
        pid, status = os.waitpid(init, os.WNOHANG)
        if pid:
            try:
                connection.sendall(f"X{os.waitstatus_to_exitcode(status) & 0xFF}\n".encode())
            except OSError:
                pass
            os._exit(0)
        readable, _, _ = select.select([connection], [], [], POLL_SECONDS)
        if not readable:
            continue
        chunk = connection.recv(4096)
        if not chunk:  # the client is gone: so is the kernel
            jail.forward(init, signal.SIGKILL)
            os.waitpid(init, 0)
            os._exit(0)
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            if line.startswith(b"S") and line[1:].isdigit():
                jail.forward(init, int(line[1:]))


def serve(path):
    """Import what kernels and probes need, then fork a waiter per request on ``path``."""
    import ipykernel.debugger  # noqa: F401 - what a kernel's start imports (debugpy: 0.2-0.3 s)
    import ipykernel.ipkernel  # noqa: F401 - imported once, for every fork
    import ipykernel.kernelapp  # noqa: F401
    import IPython.core.debugger  # noqa: F401
    import numpy  # noqa: F401

    import autograde.jail  # noqa: F401
    import autograde.probe_worker  # noqa: F401

    server = listen(path)
    while True:
        connection, _ = server.accept()
        if os.fork() == 0:
            server.close()
            try:
                _waiter(connection)
            finally:
                os._exit(1)
        connection.close()


def client(path, args):
    """Run jailed by the server at ``path``; return the exit status of what ran."""
    import ctypes
    import ctypes.util

    # dies with whoever started it (pytest), and the waiter then kills the jail
    ctypes.CDLL(ctypes.util.find_library("c")).prctl(1, signal.SIGKILL)
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(path)
    socket.send_fds(connection, [json.dumps(args).encode()], [0, 1, 2])

    def relay(number, _frame):
        connection.sendall(f"S{number}\n".encode())

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, relay)
    buffer = b""
    while True:
        chunk = connection.recv(4096)
        if not chunk:
            return 1
        buffer += chunk
        if b"\n" in buffer:
            line = buffer.split(b"\n", 1)[0]
            return int(line[1:]) if line.startswith(b"X") else 1


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(sys.argv[2])
    else:
        sys.exit(client(sys.argv[1], sys.argv[2:]))
