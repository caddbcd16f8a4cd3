"""Run a command where student code can do the least harm.

``python -m autograde.jail --workdir DIR [options] -- COMMAND...`` runs
COMMAND (a Jupyter kernel or the out-of-kernel probe) so that:

- it sees a fresh root (pivot_root, the old root detached): the system
  and Python installation read-only, DIR read-write, an empty /tmp and
  /dev/shm (tmpfs capped in bytes and files, SCRATCH_TMPFS; the grader
  makes DIR such a tmpfs too, see autograde.sandbox), a private /proc;
  the repository, the instructor's notebooks and the other submissions
  are not there;
- it lives in its own PID namespace: when COMMAND ends (or this launcher
  is killed) every process it left behind is killed by the kernel; in its
  own IPC namespace: it sees no host SysV segments, and its own die with
  it; and in its own network namespace, with no interface up: it reaches
  no listener of the host (127.0.0.1 included) and no other machine (a
  kernel talks to the grader over Unix sockets in DIR, see
  autograde.nbval_guard);
- it runs as a non-zero uid with every capability set empty (bounding set
  included) and no_new_privs, so it cannot chroot, mount or regain root;
- it runs under resource limits (address space, CPU seconds, file size,
  open files, processes) and, when the grader runs as root, as an
  unprivileged user of its own, so RLIMIT_NPROC applies (root is exempt
  from it) and counts only this submission's processes.

Without root the same is done inside a user namespace. Where the system
forbids namespaces, ``isolation_available()`` says so and the grader falls
back to limits only (reported in the run's summary, never silently).
"""

import argparse
import ctypes
import ctypes.util
import os
import resource
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
SYS_PIVOT_ROOT = 155  # x86_64
SYS_CAPSET = 126  # x86_64
LINUX_CAPABILITY_VERSION_3 = 0x20080522
JAIL_NAMESPACES = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNET
# Who the jailed code is inside its user namespace when the grader is not
# root: never uid 0, which would hold every capability there
USERNS_UID = 1000

# System locations a Python process needs; each is bound read-only when it exists
SYSTEM_PATHS = ("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc")
DEVICES = ("null", "zero", "urandom", "random", "full")
# The jail's own /tmp and /dev/shm: bytes and files capped, like its folder
# (autograde.sandbox.WORKSPACE_QUOTA)
SCRATCH_TMPFS = "size=16m,nr_inodes=1024"

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


class JailError(RuntimeError):
    """The sandbox could not be set up (namespaces or mounts refused)."""


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise JailError(f"{what} failed: {os.strerror(errno)}")


def _mount(source, target, fstype=None, flags=0, data=None):
    _check(_libc.mount(_b(source), _b(target), _b(fstype), ctypes.c_ulong(flags), _b(data)),
           f"mount {source} on {target}")


def _b(value):
    return None if value is None else os.fsencode(value)


def python_paths():
    """Return the installation paths the Python running the grader needs (resolved)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             str(Path(sys.executable).resolve().parent.parent)}
    return sorted({str(Path(p).resolve()) for p in paths})


def _bind(root, source, writable=False):
    source = Path(source)
    if not source.exists():
        return
    target = Path(root + str(source))
    if source.is_symlink() and str(source) in SYSTEM_PATHS:
        # merged /usr: /bin -> usr/bin stays a symlink in the new root
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(os.readlink(source))
        return
    if source.is_dir():
        target.mkdir(parents=True, exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.touch()
    _mount(str(source), str(target), flags=MS_BIND | MS_REC)
    if not writable:
        _mount("none", str(target), flags=MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_REC)


def _build_root(root, workdir):
    _mount("none", "/", flags=MS_REC | MS_PRIVATE)
    os.makedirs(root, exist_ok=True)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
    # The empty scratch folders first: Python may live under /tmp (a course
    # checkout there with its .venv), and a later tmpfs would hide it
    for scratch in ("/tmp", "/dev/shm"):
        os.makedirs(root + scratch, exist_ok=True)
        _mount("tmpfs", root + scratch, "tmpfs", MS_NOSUID | MS_NODEV,
               f"{SCRATCH_TMPFS},mode=1777")
    for path in (*SYSTEM_PATHS, *python_paths()):
        _bind(root, path)
    for device in DEVICES:
        _bind(root, f"/dev/{device}", writable=True)
    os.makedirs(root + "/proc", exist_ok=True)
    _bind(root, workdir, writable=True)
    # the new root's own folders belong to the jailed user in a user namespace
    _mount("none", root, flags=MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _enter_root(root):
    """Make ``root`` this mount namespace's root and detach the old one (no way back)."""
    os.chdir(root)
    # pivot_root(".", "."): the old root is stacked under the new one, then detached
    _check(_libc.syscall(SYS_PIVOT_ROOT, b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _last_capability():
    try:
        return int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    except (OSError, ValueError):
        return 63


def _drop_bounding_set():
    """Empty the capability bounding set (needs CAP_SETPCAP: call before changing uid)."""
    for capability in range(_last_capability() + 1):
        _check(_libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0), f"drop capability {capability}")


def _clear_capabilities():
    """Clear the ambient, effective, permitted and inheritable sets; set no_new_privs.

    Raises JailError when a set cannot be cleared (the code must not run then).
    """
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = _CapHeader(LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(_libc.syscall(SYS_CAPSET, ctypes.byref(header), ctypes.byref(data)), "capset")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "PR_SET_NO_NEW_PRIVS")


def _write(path, text):
    with open(path, "w") as handle:
        handle.write(text)


def _enter_namespaces():
    """Unshare mount, PID, IPC and network namespaces; without root, in a new user namespace.

    In the user namespace the grader's uid and gid are mapped to
    ``USERNS_UID``, not 0: the jailed code is an ordinary user there too.
    """
    uid, gid = os.getuid(), os.getgid()
    if uid == 0:
        _check(_libc.unshare(JAIL_NAMESPACES), "unshare")
        return
    _check(_libc.unshare(CLONE_NEWUSER | JAIL_NAMESPACES), "unshare (user namespace)")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{USERNS_UID} {uid} 1")
    _write("/proc/self/gid_map", f"{USERNS_UID} {gid} 1")


def private_mounts():
    """Give this process a mount namespace of its own, where it may mount tmpfs folders.

    Mounts made there vanish with the last process of the namespace, so a
    run that is killed leaves none behind. Without root this happens in a
    new user namespace that maps the caller's uid and gid to themselves
    (files keep their owner). Must be called while single-threaded.
    Returns "" on success, else why it could not be done.
    """
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNS if uid == 0 else CLONE_NEWUSER | CLONE_NEWNS
    try:
        _check(_libc.unshare(flags), "unshare (private mounts)")
        if uid != 0:
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")
        # mounts must not propagate back to the host's namespace
        _mount("none", "/", flags=MS_REC | MS_PRIVATE)
    except (JailError, OSError) as error:
        return str(error)
    return ""


def mount_quota(path, options, uid=None):
    """Mount a tmpfs on the folder ``path`` with ``options`` (e.g. "size=128m,nr_inodes=4096").

    ``uid`` (when not None) owns its root. Raises JailError if refused.
    """
    owner = f",uid={uid},gid={uid}" if uid is not None else ""
    _mount("tmpfs", str(path), "tmpfs", MS_NOSUID | MS_NODEV, f"{options},mode=755{owner}")


def unmount(path):
    """Detach the mount on ``path`` (lazily: a process still inside keeps it until it ends)."""
    _check(_libc.umount2(_b(str(path)), MNT_DETACH), f"unmount {path}")


def apply_limits(limits):
    """Set the resource limits in ``limits`` ({"as": bytes, "cpu": s, ...}) on this process."""
    names = {"as": resource.RLIMIT_AS, "cpu": resource.RLIMIT_CPU,
             "fsize": resource.RLIMIT_FSIZE, "nofile": resource.RLIMIT_NOFILE,
             "nproc": resource.RLIMIT_NPROC}
    for key, value in limits.items():
        if value is not None:
            resource.setrlimit(names[key], (value, value))


def _drop_privileges(uid):
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def _init(target, root, workdir, run_as, limits, env):
    """PID 1 of the namespace: start the target, forward signals, reap, exit with its status.

    ``target`` is an argv list (exec'd) or a callable (called; it returns the
    exit status), run in the new root as ``run_as`` under ``limits``.
    """
    child = os.fork()
    if child == 0:
        try:
            _enter_root(root)
            os.chdir(workdir)
            _drop_bounding_set()
            if run_as is not None:
                _drop_privileges(run_as)
            _clear_capabilities()
            apply_limits(limits)
            if callable(target):
                os.environ.clear()
                os.environ.update(env)
                os._exit(int(target() or 0))
            os.execve(target[0], target, env)
        except BaseException as error:  # noqa: BLE001 - report any failure, then die
            os.write(2, f"autograde.jail: cannot start {target}: {error}\n".encode())
        os._exit(127)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda number, _frame: forward(child, number))
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            os._exit(1)
        except InterruptedError:
            continue
        if pid == child:
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def forward(pid, number):
    """Send signal ``number`` to ``pid`` if it still exists."""
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def run_limited(argv, workdir, run_as=None, limits=None, env=None):
    """Fallback without namespaces: limits and (as root) another uid, then exec ``argv``."""
    os.chdir(workdir)
    if run_as is not None:
        _drop_privileges(run_as)
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    apply_limits(limits or {})
    os.execve(argv[0], argv, env if env is not None else dict(os.environ))


def start(target, workdir, run_as=None, limits=None, env=None, close=()):
    """Enter new namespaces, build the new root, fork its PID 1 running ``target``; return its pid.

    The caller must be single-threaded; it stays outside the new root and
    should wait for the returned pid (its death ends the namespace). The
    file descriptors in ``close`` are closed in the namespace.
    """
    workdir = str(Path(workdir).resolve())
    root = str(Path(workdir).parent / ".jail-root")
    _enter_namespaces()
    _build_root(root, workdir)
    signal.pthread_sigmask(signal.SIG_BLOCK, set(FORWARDED))
    init = os.fork()
    if init == 0:
        for descriptor in close:
            os.close(descriptor)
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        # out of the launcher's process group: jupyter_client signals that
        # group, and the launcher forwards, so the kernel gets each signal once
        os.setsid()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, set(FORWARDED))
        _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV)
        _init(target, root, workdir, run_as, limits or {},
              env if env is not None else dict(os.environ))
    signal.pthread_sigmask(signal.SIG_UNBLOCK, set(FORWARDED))
    return init


def run(argv, workdir, run_as=None, limits=None, env=None):
    """Run ``argv`` jailed (see module docstring); return its exit status. Never returns early."""
    init = start(argv, workdir, run_as, limits, env)
    for signum in FORWARDED:
        signal.signal(signum, lambda number, _frame: forward(init, number))
    while True:
        try:
            _, status = os.waitpid(init, 0)
            return os.waitstatus_to_exitcode(status)
        except InterruptedError:
            continue


def isolation_available():
    """Return (True, "") when namespaces can be used here, else (False, the reason)."""
    import subprocess

    probe = subprocess.run(
        [sys.executable, "-c",
         "import autograde.jail as j; j._enter_namespaces()"],
        capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(
            Path(__file__).resolve().parent.parent)), timeout=30)
    if probe.returncode == 0:
        return True, ""
    return False, (probe.stderr.strip().splitlines() or ["unknown error"])[-1]


@dataclass
class Request:
    """A parsed ``python -m autograde.jail`` command line."""

    workdir: str
    run_as: int | None
    no_namespaces: bool
    limits: dict
    env: dict
    chown: list
    command: list


def parse(args):
    """Parse jail options (see ``python -m autograde.jail --help``) into a Request."""
    parser = argparse.ArgumentParser(prog="python -m autograde.jail", description=__doc__)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--run-as", type=int, default=None)
    parser.add_argument("--no-namespaces", action="store_true",
                        help="limits only (where the system forbids namespaces)")
    parser.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--chown", action="append", default=[], metavar="PATH",
                        help="give PATH to --run-as first (e.g. the kernel's connection file)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args(args)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no command given")
    limits = {}
    for item in options.limit:
        name, _, value = item.partition("=")
        limits[name] = int(value)
    env = dict(item.partition("=")[::2] for item in options.env)
    return Request(options.workdir, options.run_as, options.no_namespaces, limits, env,
                   options.chown, command)


def hand_over(request):
    """Give the paths of ``--chown`` to the jailed uid (it must read its connection file)."""
    if request.run_as is not None:
        for path in request.chown:
            os.chown(path, request.run_as, request.run_as)


def main(args=None):
    request = parse(args)
    hand_over(request)
    # this launcher dies with whoever started it (pytest, the grader)
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if request.no_namespaces:
        run_limited(request.command, request.workdir, request.run_as, request.limits,
                    request.env)
    try:
        return run(request.command, request.workdir, request.run_as, request.limits, request.env)
    except JailError as error:
        print(f"autograde.jail: {error}", file=sys.stderr)
        return 126


if __name__ == "__main__":
    sys.exit(main())
