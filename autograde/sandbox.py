"""Where and how a submission's code runs: a private folder, a jail, limits.

Each submission gets ``Workspace``: a temporary folder (mode 700) holding

- ``runner/``: the rebuilt notebook, pytest's ini and the report; the
  student's code never sees this folder;
- ``student/``: the only folder the student's code sees read-write, with a
  copy of the helper packages (``gc_utils``, ``testCases``) and nothing
  else. Where the sandbox has private mounts (``Sandbox.detect``) it is a
  tmpfs of its own, capped in bytes and files (WORKSPACE_QUOTA): a
  submission that fills it fills only its own folder, and the folder
  outlives the kernel restarts of that submission.

The folder is removed when the workspace closes, whatever happened.
"""

import fcntl
import os
import queue
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograde import jail
from gc_common.layout import HELPER_MODULES, HELPER_PACKAGES

REPO_ROOT = Path(__file__).resolve().parent.parent
PROBE_WORKER = "_autograde_probe_worker.py"
# Unprivileged uids for the jailed code when the grader runs as root: one
# per concurrent workspace (WORKSPACES_PER_JOB a job: the kernel's and the
# out-of-kernel check's, which run at the same time), so RLIMIT_NPROC counts
# only that workspace's processes.
# Each run claims a block of UID_BLOCK uids of its own (a lock file per
# block in UID_LOCKS), so two runs on one machine never share a uid. (The
# grader before these blocks used 61000 onwards, one per job, unlocked: the
# blocks start above, so an older checkout grading at the same time shares
# none either.)
UID_BASE = 62000
UID_BLOCK = 100
WORKSPACES_PER_JOB = 2
UID_BLOCKS = 20
UID_LOCKS = Path("/run/lock/autograde-uids")
# How long a uid's last processes (a dying jail's) may take to go before
# the uid is given to the next submission anyway
UID_EXIT_SECONDS = 10

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


# The student folder's tmpfs (autograde.jail.mount_quota): a kernel's honest
# writes (matplotlib's and IPython's caches, the connection file and its
# sockets, the helpers' copy of about 30 files) take under 1 MiB and 100 files
WORKSPACE_QUOTA = "size=128m,nr_inodes=4096"

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
    quota: bool = False

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
        """Return the strongest sandbox this machine allows for ``jobs`` concurrent jobs.

        Where namespaces are available the calling process also gets
        private mounts (autograde.jail.private_mounts), so that each
        workspace's student folder is a capped tmpfs: call it once, early,
        while the process is single-threaded.
        """
        isolate, reason = jail.isolation_available()
        warning = "" if isolate else (
            f"namespaces unavailable ({reason}): student code runs with resource limits "
            "only and can read files this user can read")
        refused = jail.private_mounts() if isolate else "no namespaces"
        if isolate and refused:
            warning = f"no disk quota for student folders ({refused})"
        uids = None
        if os.geteuid() == 0:
            first = claim_uid_block(jobs)
            uids = queue.Queue()
            for slot in range(jobs * WORKSPACES_PER_JOB):
                uids.put(first + slot)
        return cls(isolate=isolate, warning=warning, uids=uids, quota=not refused)

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


_claimed = []  # the lock files this process holds (open: closing would release them)


def claim_uid_block(jobs):
    """Claim a free block of uids for this run (as root); return its first uid.

    The claim is an exclusive flock on UID_LOCKS/<block>.lock, held until
    the process ends (however it ends: the kernel drops the lock). Raises
    RuntimeError when every block is taken or ``jobs`` needs more than
    UID_BLOCK uids (WORKSPACES_PER_JOB a job).
    """
    if jobs * WORKSPACES_PER_JOB > UID_BLOCK:
        raise RuntimeError(f"--jobs {jobs}: at most {UID_BLOCK // WORKSPACES_PER_JOB} as root "
                           f"({WORKSPACES_PER_JOB} uids per job)")
    UID_LOCKS.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = UID_LOCKS.lstat()
    if info.st_uid != 0 or info.st_mode & 0o077 or UID_LOCKS.is_symlink():
        raise RuntimeError(f"{UID_LOCKS} must be a folder of root's that only root can open")
    for block in range(UID_BLOCKS):
        # held open until the process ends: closing it would release the block
        handle = open(UID_LOCKS / f"{block}.lock", "a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _claimed.append(handle)
        return UID_BASE + block * UID_BLOCK
    raise RuntimeError(f"all {UID_BLOCKS} uid blocks are taken by other grader runs "
                       f"(lock files in {UID_LOCKS})")


def processes_of(uid):
    """Return the pids of the processes whose real uid is ``uid`` (any PID namespace)."""
    pids = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                status = Path(entry.path, "status").read_text()
            except OSError:
                continue  # gone meanwhile
            line = next(line for line in status.splitlines() if line.startswith("Uid:"))
            if int(line.split()[1]) == uid:
                pids.append(int(entry.name))
    return pids


def wait_for_exit(uid):
    """Wait until no process runs as ``uid``, at most UID_EXIT_SECONDS.

    A jail's processes die with it (its PID namespace), but not at once:
    when the kernel's client ends, the jail server's waiter kills the
    namespace a moment later. A fork bomb's processes still holding the
    uid's RLIMIT_NPROC then would stop the next submission's kernel from
    starting ("Kernel died before replying to kernel_info"). Nothing is
    killed here: only this run's jails use its uids, and they end on their own.
    """
    deadline = time.monotonic() + UID_EXIT_SECONDS
    while processes_of(uid) and time.monotonic() < deadline:
        time.sleep(0.02)


class Workspace:
    """A submission's temporary folders and, as root, its own uid (see module docstring)."""

    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.uid = None
        self.root = None

    def __enter__(self):
        self.root = Path(tempfile.mkdtemp(prefix="autograde-"))
        self.mounted = False
        try:
            self._fill()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _fill(self):
        self.runner = self.root / "runner"
        self.student = self.root / "student"
        self.runner.mkdir()
        self.student.mkdir()
        if self.sandbox.quota:
            jail.mount_quota(self.student, WORKSPACE_QUOTA)
            self.mounted = True
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

    def __exit__(self, *exc):
        if self.mounted:
            jail.unmount(self.student)
        shutil.rmtree(self.root, ignore_errors=True)
        if self.uid is not None:
            wait_for_exit(self.uid)
            self.sandbox.uids.put(self.uid)
        return False
