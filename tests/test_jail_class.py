"""Does the jail hold against a class that attacks the machine, and leave nothing behind?

The jail kinds of tools/make_hostile (network, IPC, processes, privileges,
escapes, disk) are graded with one honest submission beside them at
``--jobs 2``, once with the grader as root and once as an unprivileged user
(tests/grader_modes.py). A listener on the
host's loopback must receive nothing; every row must be exactly what the
kind expects; and after the run no process, jailed uid, SysV segment,
POSIX shared-memory file, socket, mount or temporary folder may be left.
"""

import csv
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from grader_modes import MODES, grader_prefix

from autograde import jail
from autograde.catalog import Catalog
from autograde.sandbox import UID_BASE, UID_BLOCK, UID_BLOCKS
from tools.make_hostile import DAEMON_SECONDS, JAIL_LESSON, LEFTOVER, write_jailbreaks
from tools.make_submissions import CaseBuilder, _serialize

ROOT = Path(__file__).resolve().parent.parent
SYSV = ("/proc/sysvipc/shm", "/proc/sysvipc/msg", "/proc/sysvipc/sem")

pytestmark = pytest.mark.slow


class Listener:
    """TCP (IPv4 and IPv6) and UDP listeners on one loopback port; ``received`` lists data."""

    def __init__(self):
        self.received = []
        self.tcp = socket.create_server(("127.0.0.1", 0))
        self.port = self.tcp.getsockname()[1]
        self.sockets = [self.tcp]
        try:
            self.sockets.append(socket.create_server(("::1", self.port),
                                                     family=socket.AF_INET6))
        except OSError:
            pass  # no IPv6 loopback here: the kind's IPv6 attempt fails anyway
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", self.port))
        self.sockets.append(udp)
        for sock in self.sockets:
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock):
        while True:
            try:
                if sock.type == socket.SOCK_DGRAM:
                    self.received.append(sock.recv(1024))
                    continue
                connection, _ = sock.accept()
                self.received.append(b"connected " + connection.recv(1024))
                connection.close()
            except OSError:
                return

    def close(self):
        for sock in self.sockets:
            sock.close()


def _machine_state():
    """What a run could leave behind on the host: SysV objects, /dev/shm, mounts."""
    return {"sysv": {path: Path(path).read_text() for path in SYSV},
            "shm": sorted(os.listdir("/dev/shm")),
            "mounts": [line for line in Path("/proc/self/mountinfo").read_text().splitlines()
                       if "autograde" in line]}


def _leftover_processes():
    """Processes of the run still alive: the kinds' daemons, or any jailed uid."""
    ps = subprocess.run(["ps", "-e", "-o", "uid=,args="], capture_output=True, text=True)
    left = []
    for line in ps.stdout.splitlines():
        uid, _, args = line.strip().partition(" ")
        if DAEMON_SECONDS in args or UID_BASE <= int(uid) < UID_BASE + UID_BLOCK * UID_BLOCKS:
            left.append(line)
    return left


@pytest.fixture(scope="module", params=MODES)
def graded_class(request, tmp_path_factory):
    """Grade the jail kinds and an honest submission; return what the test checks."""
    if not jail.isolation_available()[0]:
        pytest.skip("this kernel forbids the namespaces the jail needs")
    prefix = grader_prefix(request.param)
    base = tmp_path_factory.mktemp(f"jail-{request.param}")
    submissions, out, scratch = base / "class", base / "out", base / "tmp"
    for folder in (submissions, out, scratch):
        folder.mkdir()
    listener = Listener()
    expected = write_jailbreaks(submissions, listener.port)
    builder = CaseBuilder(Catalog(ROOT), *JAIL_LESSON)
    (submissions / "honest.ipynb").write_bytes(_serialize(builder.notebook()))
    before = _machine_state()
    try:
        run = subprocess.run(
            [*prefix, sys.executable, "-m", "autograde", "--jobs", "2", "--seed", "1",
             "--timeout", "10", "--out", str(out), str(submissions)],
            capture_output=True, text=True, cwd=ROOT, timeout=900,
            env=dict(os.environ, TMPDIR=str(scratch)))
    finally:
        listener.close()
    rows = {}
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(row["submission"], {})[row["item"]] = row
    return {"run": run, "rows": rows, "expected": expected, "listener": listener,
            "before": before, "after": _machine_state(), "scratch": scratch,
            "processes": _leftover_processes()}


def test_the_class_is_graded_with_exit_status_zero(graded_class):
    assert graded_class["run"].returncode == 0, graded_class["run"].stderr


def test_nothing_reaches_a_listener_on_the_hosts_loopback(graded_class):
    assert graded_class["listener"].received == []
    rows = graded_class["rows"]
    for kind in ("net-loopback-tcp", "net-loopback-udp", "net-scan"):
        assert {row["status"] for row in rows[f"class/{kind}.ipynb"].values()} == {"passed"}


def test_every_jail_kind_gets_exactly_its_rows(graded_class):
    rows = graded_class["rows"]
    for name, statuses in graded_class["expected"].items():
        got = {item: row["status"] for item, row in rows[f"class/{name}"].items()}
        assert got == statuses, (name, rows[f"class/{name}"])


def test_the_honest_neighbour_keeps_its_points(graded_class):
    rows = graded_class["rows"]["class/honest.ipynb"]
    assert {row["status"] for row in rows.values()} == {"passed"}
    assert sum(float(r["points"]) for r in rows.values()) == sum(
        float(r["max_points"]) for r in rows.values())


def test_a_disk_filling_submission_fills_only_its_own_quota(graded_class):
    rows = graded_class["rows"]
    for kind in ("disk-one-huge-file", "disk-gigabyte-in-chunks", "disk-many-files",
                 "disk-fill-tmp", "disk-fill-shm"):
        detail = rows[f"class/{kind}.ipynb"]["forward-check"]["detail"]
        assert "OSError" in detail, detail
    assert list(Path(graded_class["scratch"]).iterdir()) == []


def test_nothing_is_left_behind(graded_class):
    assert graded_class["processes"] == []
    assert graded_class["after"] == graded_class["before"]
    assert list(Path(graded_class["scratch"]).iterdir()) == []
    for folder in ("/tmp", "/dev/shm"):
        assert not [name for name in os.listdir(folder) if LEFTOVER in name]
