"""Open the lessons in JupyterLab: the README's first command ends here.

``python -m tools.open_lessons [JUPYTER LAB OPTIONS]`` starts JupyterLab
(``python -m jupyterlab notebooks``) on the checkout's notebooks. Where the shell is root
(containers, many cloud machines) JupyterLab refuses to start without
``--allow-root``; the launcher adds it there, and only there.
"""

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def jupyter_lab_command(euid, extra=()):
    """Return the argv that starts JupyterLab on the lessons (list of str).

    Args:
        euid: the effective user id of the process; 0 adds ``--allow-root``.
        extra: more ``jupyter lab`` options from the command line.
    """
    command = [sys.executable, "-m", "jupyterlab", str(ROOT / "notebooks")]
    if euid == 0 and "--allow-root" not in extra:
        command.append("--allow-root")
    return [*command, *extra]


def main(argv=None):
    """Replace this process with JupyterLab (never returns on success)."""
    command = jupyter_lab_command(os.geteuid(), list(sys.argv[1:] if argv is None else argv))
    if importlib.util.find_spec("jupyterlab") is None:
        sys.exit(f"JupyterLab is not installed beside {sys.executable} / "
                 f"JupyterLab bu Python'un yanında kurulu değil.\n"
                 f"Install it first / önce kurun: "
                 f"{sys.executable} -m pip install -r {ROOT / 'requirements.txt'}")
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
