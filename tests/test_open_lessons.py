"""Does the README's first command open the lessons, also where the shell is root?"""

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from test_repository import readme_commands

from tools.open_lessons import ROOT, jupyter_lab_command, main

STARTUP_TIMEOUT = 600


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _checkout_copy(target):
    """Copy the checkout's files (tracked or new, not ignored) to ``target``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)


def test_as_root_it_adds_allow_root():
    command = jupyter_lab_command(0)
    assert command == [sys.executable, "-m", "jupyterlab", str(ROOT / "notebooks"),
                       "--allow-root"]


def test_as_a_user_it_starts_jupyter_lab_unchanged():
    assert jupyter_lab_command(1000, ["--port", "9999"])[2:] == [
        "jupyterlab", str(ROOT / "notebooks"), "--port", "9999"]


def test_an_allow_root_of_the_user_s_own_is_not_doubled():
    assert jupyter_lab_command(0, ["--allow-root"]).count("--allow-root") == 1


def test_without_jupyter_it_says_what_to_install(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(SystemExit) as stopped:
        main([])
    assert "pip install -r" in str(stopped.value) and "kurulu değil" in str(stopped.value)


@pytest.mark.slow
def test_the_readme_s_first_command_serves_the_lessons(tmp_path):
    """Run the README's command verbatim in a copy of the checkout, as root if the suite is."""
    checkout = tmp_path / "course"
    _checkout_copy(checkout)
    # Seed .venv with this suite's packages (a .pth file), so that pip finds
    # the requirements met and the run installs only the course itself; the
    # command still creates, installs and starts everything as written
    subprocess.run([sys.executable, "-m", "venv", str(checkout / ".venv")], check=True)
    site = next((checkout / ".venv" / "lib").glob("python3*/site-packages"))
    ours = [path for path in sys.path if path.endswith("site-packages")]
    (site / "suite-packages.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "JUPYTER_PORT": str(port), "JUPYTER_TOKEN": "readme-test",
           "BROWSER": "true", "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "HOME": str(tmp_path)}
    env.pop("VIRTUAL_ENV", None)
    log = tmp_path / "open.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(["bash", "-c", readme_commands()[0]], cwd=checkout, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        status = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/api/contents?token=readme-test"
                with urllib.request.urlopen(url, timeout=5) as response:
                    status = response.status, response.read().decode()
                break
            except OSError:
                time.sleep(2)
        text = log.read_text(errors="replace")
        assert status is not None, f"JupyterLab did not start:\n{text[-3000:]}"
        assert status[0] == 200 and '"name": "en"' in status[1].replace('":"', '": "'), status
        assert "Running as root is not recommended" not in text
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
