"""Where and how a submission's code runs: a private folder, a jail, limits.

Each submission gets ``Workspace``: a temporary folder (mode 700) holding

- ``runner/``: the rebuilt notebook, pytest's ini and the report; the
  student's code never sees this folder;
- ``student/``: the only folder the student's code sees read-write, with a
  copy of the helper packages (``gc_utils``, ``testCases``) and nothing
  else.

The folder is removed when the workspace closes, whatever happened.
"""

import os
import queue
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from autograde import jail
from gc_common.layout import HELPER_MODULES, HELPER_PACKAGES

REPO_ROOT = Path(__file__).resolve().parent.parent
PROBE_WORKER = "_autograde_probe_worker.py"
# Unprivileged uids for the jailed code when the grader runs as root: one
# per concurrent job, so RLIMIT_NPROC counts only that job's processes
UID_BASE = 61000

# Per jailed process. Address space: a kernel with numpy and matplotlib
# maps about 1 GiB; 3 GiB leaves room for honest work and stops a memory
# bomb long before the machine swaps.
DEFAULT_LIMITS = {
    "as": 3 * 1024**3,
    "fsize": 64 * 1024**2,
    "nofile": 256,
    # threads count too: ipykernel runs ~8, numpy's BLAS is held to 1
    "nproc": 96,
}


# Read by numpy's BLAS when it is imported, which a warm jail server does once
JAILED_IMPORT_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

ENTRY_COMMANDS = {
    "kernel": lambda workspace: [sys.executable, "-m", "ipykernel_launcher"],
    "probe": lambda workspace: [sys.executable, str(workspace.student / PROBE_WORKER)],
}


@dataclass
class Sandbox:
    """How jailed processes are started on this machine.

    ``isolate``: namespaces (fresh root, PID namespace) are available;
    otherwise only limits apply and ``warning`` says why.
    """

    isolate: bool
    warning: str = ""
    limits: dict = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    uids: object = None
    forkserver: object = None
    jailserver: object = None

    def start_servers(self):
        """From now on, fork pytest processes and jailed kernels from warm servers.

        See autograde.forkserver and autograde.jail_server; the jail server
        is used only where namespaces are (it builds the same jail).
        """
        from autograde.forkserver import ForkServer
        from autograde.jail_server import JailServer

        self.forkserver = ForkServer(self.launcher_env())
        if self.isolate:
            self.jailserver = JailServer(dict(self.launcher_env(), **JAILED_IMPORT_ENV))

    def close(self):
        """Stop the servers, if any."""
        for server in (self.forkserver, self.jailserver):
            if server is not None:
                server.close()
        self.forkserver = self.jailserver = None

    @classmethod
    def detect(cls, jobs):
        """Return the strongest sandbox this machine allows for ``jobs`` concurrent jobs."""
        isolate, reason = jail.isolation_available()
        warning = "" if isolate else (
            f"namespaces unavailable ({reason}): student code runs with resource limits "
            "only and can read files this user can read")
        uids = None
        if os.geteuid() == 0:
            uids = queue.Queue()
            for slot in range(jobs):
                uids.put(UID_BASE + slot)
        return cls(isolate=isolate, warning=warning, uids=uids)

    def workspace(self):
        """Return a new Workspace (use it as a context manager)."""
        return Workspace(self)

    def command(self, workspace, entry, args, cpu_seconds, chown=()):
        """Return the command that runs ``entry`` ("kernel" or "probe") jailed for ``workspace``.

        ``args`` go to the entry (the kernel's command line). With a jail
        server the command is its light client; otherwise it starts a new
        interpreter in the jail.
        """
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(workspace.student),
            "PYTHONPATH": str(workspace.student),
            "PYTHONDONTWRITEBYTECODE": "1",
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": str(workspace.student / ".matplotlib"),
            **JAILED_IMPORT_ENV,
            "LANG": "C.UTF-8",
            "JUPYTER_PLATFORM_DIRS": "1",
            "IPYTHONDIR": str(workspace.student / ".ipython"),
        }
        if self.jailserver is not None:
            command = self.jailserver.client_prefix()
            target = [entry, *args]
        else:
            command = [sys.executable, "-m", "autograde.jail"]
            target = ENTRY_COMMANDS[entry](workspace) + list(args)
        command += ["--workdir", str(workspace.student)]
        if not self.isolate:
            command.append("--no-namespaces")
        if workspace.uid is not None:
            command += ["--run-as", str(workspace.uid)]
        for name, value in {**self.limits, "cpu": cpu_seconds}.items():
            command += ["--limit", f"{name}={int(value)}"]
        for name, value in env.items():
            command += ["--env", f"{name}={value}"]
        for path in chown:
            command += ["--chown", path]
        return command + ["--", *target]

    def launcher_env(self):
        """Environment of the process that starts a jail: it must import autograde."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("PYTEST", "JUPYTER", "PYTHON"))}
        env["PYTHONPATH"] = str(REPO_ROOT)
        return env


class Workspace:
    """A submission's temporary folders and, as root, its own uid (see module docstring)."""

    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.uid = None
        self.root = None

    def __enter__(self):
        self.root = Path(tempfile.mkdtemp(prefix="autograde-"))
        self.runner = self.root / "runner"
        self.student = self.root / "student"
        self.runner.mkdir()
        self.student.mkdir()
        for package in HELPER_PACKAGES:
            shutil.copytree(REPO_ROOT / package, self.student / package,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for module in HELPER_MODULES:
            shutil.copy(REPO_ROOT / f"{module}.py", self.student / f"{module}.py")
        shutil.copy(Path(__file__).with_name("probe_worker.py"), self.student / PROBE_WORKER)
        # the helpers stay read-only: student code must not change what a
        # later process (the out-of-kernel check) imports
        for path in self.student.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o444)
        (self.student / ".runtime").mkdir()
        if self.sandbox.uids is not None:
            self.uid = self.sandbox.uids.get()
            for path in (self.student, self.student / ".runtime"):
                os.chown(path, self.uid, self.uid)
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)
        if self.uid is not None:
            self.sandbox.uids.put(self.uid)
        return False
