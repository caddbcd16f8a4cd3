"""Drive a real JupyterLab / Notebook 7 page in Debian's chromium (for the browser tests).

``JupyterServer`` starts ``jupyter lab`` headless on 127.0.0.1 (free port,
fixed token, private JUPYTER_* directories, a scratch root directory) and
stops it and every process under it. ``NotebookPage`` wraps a Playwright
page: it opens a notebook, waits until a kernel is really attached and
idle, runs all cells through the Run menu and reads cells, widgets and
pictures back. ``require_browser`` skips a test (or fails it under
``GC_REQUIRE_BROWSER=1``) when chromium or Playwright is missing.
"""

import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
TOKEN = "gc-browser-test-token"
SERVER_START_TIMEOUT = 90
KERNEL_TIMEOUT = 120

# Test-only JupyterLab settings: no news or update checks (no request may
# leave 127.0.0.1) and every cell kept in the DOM so all can be inspected
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


def require_browser():
    """Skip (or fail under GC_REQUIRE_BROWSER=1) when chromium or Playwright is missing."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright is not installed (pip install -r requirements-dev.txt)"
    if reason is None:
        return
    if os.environ.get("GC_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; GC_REQUIRE_BROWSER=1 requires the browser tests to run")
    pytest.skip(reason)


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid):
    """Return the ids of every process below ``pid`` (from /proc)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def alive(pid):
    """Return True while process ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class JupyterServer:
    """A headless ``jupyter lab`` on 127.0.0.1 with its own directories.

    Args:
        workdir: an empty directory; notebooks go to ``workdir/notebooks``.
        repo_root: put on the kernel's PYTHONPATH so ``gc_utils`` imports.
    """

    def __init__(self, workdir, repo_root):
        self.workdir = Path(workdir)
        self.root = self.workdir / "notebooks"
        self.root.mkdir(parents=True)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log_path = self.workdir / "jupyter.log"
        self.env = self._environment(repo_root)
        self._log = None
        self._started_pids = set()
        self._pages = 0

    def _environment(self, repo_root):
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                     "IPYTHONDIR", "JUPYTERLAB_WORKSPACES_DIR"):
            path = self.workdir / name.lower()
            path.mkdir()
            env[name] = str(path)
        settings = self.workdir / "jupyterlab_settings_dir"
        for relative, values in USER_SETTINGS.items():
            target = settings / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")
        env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
        env["JUPYTER_PLATFORM_DIRS"] = "1"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(repo_root),
                                                          env.get("PYTHONPATH")]))
        env.pop("GC_LANG", None)
        return env

    def start(self):
        """Start the server and wait until its API answers."""
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=None", "--ServerApp.terminals_enabled=False",
        ]
        if os.geteuid() == 0:
            # CI containers run as root; the server refuses that unless told
            command.append("--allow-root")
        self._log = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(command, env=self.env, cwd=self.workdir,
                                        stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited early:\n{self.log()}")
            try:
                self.api("GET", "/api/status")
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer in {SERVER_START_TIMEOUT} s:\n{self.log()}")

    def log(self):
        """Return the server's log so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def api(self, method, path, body=None):
        """Call the server's REST API; return the decoded JSON (or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.base_url}{path}", data=data, method=method,
            headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
        return json.loads(text) if text else None

    def url(self, app, notebook):
        """Return the page URL of ``notebook`` in ``app`` (``"lab"`` or ``"notebook"``).

        Each JupyterLab page gets a workspace of its own, so it opens only
        this notebook and not the tabs an earlier page left.
        """
        quoted = urllib.parse.quote(notebook)
        self._pages += 1
        if app == "lab":
            path = f"/lab/workspaces/test{self._pages}/tree/{quoted}"
        else:
            path = f"/notebooks/{quoted}"
        return f"{self.base_url}{path}?token={TOKEN}"

    def session(self, notebook):
        """Return the server's session for ``notebook``, or None."""
        for session in self.api("GET", "/api/sessions"):
            if session.get("path") == notebook:
                return session
        return None

    def processes(self):
        """Return the ids of the server and every process it started (kernels too)."""
        if self.process is None:
            return set()
        pids = {self.process.pid, *descendants(self.process.pid)}
        self._started_pids |= pids
        return pids

    def stop(self):
        """Stop kernels and server, then make sure none of their processes is left.

        Returns:
            set of the process ids that were still alive after stopping
            (empty when everything stopped).
        """
        if self.process is None:
            return set()
        self.processes()
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
        except (urllib.error.URLError, ConnectionError):
            pass
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(p) for p in self._started_pids):
            time.sleep(0.2)
        left = {pid for pid in self._started_pids if alive(pid)}
        for pid in left:
            # Only processes this server started: kernels that outlived it
            os.kill(pid, signal.SIGKILL)
        self._log.close()
        self.process = None
        return left


class NotebookPage:
    """A Playwright page showing one notebook in JupyterLab or Notebook 7.

    Args:
        page: a Playwright ``Page``.
        server: the JupyterServer.
        notebook: path of the notebook relative to the server root.
        app: ``"lab"`` or ``"notebook"``.
    """

    def __init__(self, page, server, notebook, app="lab"):
        self.page = page
        self.server = server
        self.notebook = notebook
        self.app = app

    def locator(self, selector, **kwargs):
        """Return a locator inside this notebook's panel (not in other, hidden tabs)."""
        panel = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
        return panel.locator(selector, **kwargs)

    def cells(self):
        """Return a locator of the notebook's code cells."""
        return self.locator(".jp-CodeCell")

    def close(self):
        """Shut this notebook's kernel down (the tab stays open until the page closes)."""
        session = self.server.session(self.notebook)
        if session:
            self.server.api("DELETE", f"/api/sessions/{session['id']}")

    def open(self):
        """Load the notebook and wait until a kernel is attached and idle."""
        self.page.goto(self.server.url(self.app, self.notebook), wait_until="domcontentloaded")
        self.locator(".jp-Cell").first.wait_for(timeout=KERNEL_TIMEOUT * 1000)
        self.wait_for_idle_kernel()

    def wait_for_idle_kernel(self, timeout=KERNEL_TIMEOUT):
        """Wait until the server has a running kernel for this notebook that reports idle.

        The toolbar's execution indicator says idle before any kernel
        exists, so the server's session (kernel id, execution state) is
        the signal, together with the page's kernel name.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            session = self.server.session(self.notebook)
            kernel = (session or {}).get("kernel") or {}
            if kernel.get("execution_state") == "idle" and self._page_shows_kernel():
                return kernel
            time.sleep(0.5)
        raise AssertionError(f"no idle kernel for {self.notebook} after {timeout} s")

    def _page_shows_kernel(self):
        names = self.page.locator(".jp-KernelName, .jp-NotebookKernelStatus, "
                                  "[data-jp-item-name='kernelStatus']")
        return any("Python" in text for text in names.all_inner_texts())

    def menu(self, menu_label, *commands):
        """Click ``menu_label`` in the menu bar, then the item running one of ``commands``."""
        self.page.locator(".lm-MenuBar-item", has_text=re.compile(f"^{menu_label}$")).click()
        items = ", ".join(f".lm-Menu-item[data-command='{command}']" for command in commands)
        self.page.locator(items).first.click()

    def run_all(self, timeout=KERNEL_TIMEOUT, wait=True):
        """Run every cell through Run › Run All Cells; wait until all have finished."""
        self.menu("Run", "runmenu:run-all", "notebook:run-all-cells")
        if wait:
            self.wait_until_all_ran(timeout)

    def prompts(self):
        """Return the input prompts of the code cells whose input shows, e.g. ``["[1]:", "[*]:"]``.

        A collapsed input (the setup cell) shows no prompt, so it is left out.
        """
        return [text.strip() for text in self.locator(".jp-CodeCell").evaluate_all(
            """cells => cells.map(cell => cell.querySelector('.jp-InputArea'))
                 .filter(area => area && area.offsetParent !== null)
                 .map(area => area.querySelector('.jp-InputPrompt').textContent)""")]

    def wait_for_prompt(self, index, prompt, timeout=30):
        """Wait until code cell ``index`` shows ``prompt`` (e.g. ``"[*]:"`` while it runs)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            prompts = self.prompts()
            if prompts and prompts[index] == prompt:
                return
            time.sleep(0.1)
        raise AssertionError(f"cell {index} never showed {prompt}: {self.prompts()}")

    def wait_until_all_ran(self, timeout=KERNEL_TIMEOUT):
        """Wait until every code cell shows an execution count and the kernel is idle."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            prompts = self.prompts()
            if prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
                self.wait_for_idle_kernel(max(deadline - time.monotonic(), 1))
                return prompts
            time.sleep(0.5)
        raise AssertionError(f"cells still running after {timeout} s: {self.prompts()}")

    def error_outputs(self):
        """Return the texts of error outputs and of widgets that failed to render."""
        errors = self.locator(".jp-OutputArea-output[data-mime-type="
                                   "'application/vnd.jupyter.stderr']").all_inner_texts()
        errors = [text for text in errors if "Error" in text or "Traceback" in text]
        errors += self.locator("text=Error displaying widget").all_inner_texts()
        errors += self.locator(".gc-explorer-notice",
                                    has_text="could not be redrawn").all_inner_texts()
        return errors

    def save_and_read(self, attempts=3):
        """Save the notebook (File › Save) and return it as stored by the server.

        The save goes to the notebook that has the focus, so the notebook
        is focused first; a save that does not reach the server is retried.
        A save of a notebook full of PNGs can take many seconds on a loaded
        machine, and a second save started meanwhile races the first one's
        atomic write ("File Save Error … No such file or directory"): so each
        attempt waits long, and a dialog left by a lost race is dismissed.
        """
        code = []
        for _ in range(attempts):
            if self.page.locator(".jp-Dialog").count():
                self.page.keyboard.press("Escape")
            self.locator(".jp-Cell .jp-InputPrompt").first.click()
            self.menu("File", "docmanager:save")
            deadline = time.monotonic() + 45
            while time.monotonic() < deadline:
                try:
                    stored = self.server.api(
                        "GET", f"/api/contents/{urllib.parse.quote(self.notebook)}")
                except urllib.error.HTTPError:
                    # Read while the save is still writing the file: read again
                    time.sleep(0.5)
                    continue
                code = [c for c in stored["content"]["cells"] if c["cell_type"] == "code"]
                if code and all(c.get("execution_count") for c in code):
                    return stored["content"]
                time.sleep(0.5)
        counts = [c.get("execution_count") for c in code]
        raise AssertionError(f"the saved notebook does not hold the run's outputs: {counts}")

    def explorers(self):
        """Return a locator of every explorer widget on the page (one per slider)."""
        return self.locator(".widget-vbox:has(> .widget-hslider), "
                                 ".widget-vbox:has(> .widget-hbox > .widget-hslider)")

    def image_png(self, explorer):
        """Return the bytes of the PNG the explorer's image shows right now."""
        data = explorer.locator("img").first.evaluate(
            """async (img) => {
                const response = await fetch(img.src);
                const bytes = new Uint8Array(await response.arrayBuffer());
                let text = "";
                for (const b of bytes) text += String.fromCharCode(b);
                return btoa(text);
            }"""
        )
        return base64.b64decode(data)
