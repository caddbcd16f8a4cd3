"""The jail (autograde.jail) as jailed code sees it, with the grader as root and unprivileged.

"root": the grader is root and gives the code a uid of its own (--run-as).
"unprivileged": the grader is an ordinary user, simulated when the suite
runs as root by a fresh user namespace in which it is uid 1234; the jail
then nests its own user namespace.
"""

import ctypes
import ctypes.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from grader_modes import MODES, grader_prefix

from autograde import jail

REPO = Path(__file__).resolve().parent.parent
IPC_PRIVATE, IPC_CREAT, IPC_RMID = 0, 0o1000, 0
RUN_AS = 61000

# Runs in the jail and reports what it could see and do
PROBE = r"""
import json, os, socket
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines())
result = {key: status[key].strip() for key in ("Uid", "CapEff", "CapPrm", "CapBnd", "NoNewPrivs")}
try:
    os.chroot("/tmp")
    result["chroot"] = "allowed"
except OSError as error:
    result["chroot"] = error.errno
result["visible"] = {path: os.path.exists(path) for path in CHECKS}
writes = {}
for folder in WRITE_TARGETS:
    try:
        open(os.path.join(folder, "planted"), "w").close()
        writes[folder] = "written"
    except OSError as error:
        writes[folder] = error.errno
result["writes"] = writes
result["shm"] = open("/proc/sysvipc/shm").read().splitlines()[1:]
print("RESULT" + json.dumps(result))
"""


def _run_jailed(mode, workdir, checks, write_targets):
    if not jail.isolation_available()[0]:
        pytest.skip("this kernel forbids the namespaces the jail needs")
    script = workdir / "probe.py"
    script.write_text(f"CHECKS = {checks!r}\nWRITE_TARGETS = {write_targets!r}\n" + PROBE)
    command = [sys.executable, "-m", "autograde.jail", "--workdir", str(workdir)]
    prefix = grader_prefix(mode)
    if mode == "root":
        os.chown(workdir, RUN_AS, RUN_AS)
        command += ["--run-as", str(RUN_AS)]
    python = str(Path(sys.executable).resolve())
    done = subprocess.run([*prefix, *command, "--", python, str(script)], capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, PYTHONPATH=str(REPO)))
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT")]
    assert done.returncode == 0 and lines, done.stderr
    return json.loads(lines[0][len("RESULT"):])


@pytest.fixture(params=MODES)
def mode(request):
    return request.param


def test_jailed_code_has_no_privileges(mode, tmp_path):
    workdir = tmp_path / "student"
    workdir.mkdir()
    result = _run_jailed(mode, workdir, [], [])
    assert all(uid != "0" for uid in result["Uid"].split())
    assert int(result["CapEff"], 16) == 0
    assert int(result["CapPrm"], 16) == 0
    assert int(result["CapBnd"], 16) == 0
    assert result["NoNewPrivs"] == "1"
    assert result["chroot"] == 1  # EPERM: no way out through a second chroot


def test_jailed_code_sees_neither_the_course_nor_writes_outside_its_folder(mode, tmp_path):
    workdir = tmp_path / "student"
    workdir.mkdir()
    neighbour = tmp_path / "neighbour"
    neighbour.mkdir()
    checks = [str(REPO / "notebooks" / "solutions"), str(REPO / "autograde"),
              str(REPO / "README.md"), str(neighbour)]
    assert all(Path(path).exists() for path in checks)
    targets = [str(workdir), "/usr", "/etc", "/", str(REPO)]
    result = _run_jailed(mode, workdir, checks, targets)
    assert result["visible"] == {path: False for path in checks}
    assert result["writes"][str(workdir)] == "written"
    # /tmp inside the jail is its own capped tmpfs: a checkout under /tmp (a CI
    # clone) has its path there too, so what counts for it is the host's side
    private = [target for target in targets[1:] if Path("/tmp") in Path(target).parents]
    assert all(result["writes"][target] != "written" for target in targets[1:]
               if target not in private)
    assert not any((Path(target) / "planted").exists() for target in targets[1:])


def test_jailed_code_sees_no_host_shared_memory(mode, tmp_path):
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    segment = libc.shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0o666)
    assert segment >= 0, os.strerror(ctypes.get_errno())
    try:
        host = Path("/proc/sysvipc/shm").read_text().splitlines()[1:]
        assert any(line.split()[1] == str(segment) for line in host)
        workdir = tmp_path / "student"
        workdir.mkdir()
        assert _run_jailed(mode, workdir, [], [])["shm"] == []
    finally:
        libc.shmctl(segment, IPC_RMID, None)
