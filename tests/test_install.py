"""Does ``pip install .`` give a package that runs what it ships, the grader included?

The wheel is built the way ``pip install .`` builds it (an isolated build
of a copy of the sources) and installed without its dependencies into a
fresh virtual environment that already holds this environment's packages,
hard-linked (fast, and inside the venv, where the grader's jail can see
them; a path file pointing outside would not be mounted in the jail),
without the editable install of this checkout. The installed grader must run
from its own site-packages, say exactly how to point it at the course when
it finds none, and grade from a folder that holds only the course's
notebooks. The instructor notebooks (hidden tests) are never in the wheel.
"""

import csv
import email.parser
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from gc_common.layout import HELPER_MODULES, HELPER_PACKAGES
from tools import make_submissions

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
# What the build reads: pyproject.toml names the packages, README and LICENSE
SOURCES = ("pyproject.toml", "README.md", "LICENSE", *(f"{name}.py" for name in HELPER_MODULES),
           *HELPER_PACKAGES, "autograde")
# This checkout's own install (an editable one) is left out of the copy
OWN_INSTALL = ("__editable__", "gradient_checking_course")
EXTRAS = {"explorers": {"matplotlib", "ipywidgets", "pillow"},
          "grader": {"gradient-checking-course", "nbformat", "nbclient", "pytest", "nbval",
                     "ipykernel"}}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, source / name, **({"ignore": shutil.ignore_patterns(
            "__pycache__")} if (ROOT / name).is_dir() else {}))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                            str(base / "dist"), str(source)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (found,) = (base / "dist").glob("*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A venv with the wheel installed; return its python."""
    target = tmp_path_factory.mktemp("venv") / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    ours = Path(sysconfig.get_paths()["purelib"])
    for entry in ours.iterdir():
        if entry.name.startswith(OWN_INSTALL):
            continue
        if entry.is_dir():
            shutil.copytree(entry, Path(purelib, entry.name), copy_function=os.link,
                            dirs_exist_ok=True)
        else:
            os.link(entry, Path(purelib, entry.name))
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index",
                              "-q", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    return python, Path(purelib)


def test_the_wheel_holds_the_packages_and_no_instructor_notebook(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for module in ("autograde/__main__.py", "autograde/lms.py", "autograde/class_report.py",
                   "autograde/probe_worker.py", "gc_utils.py", "testCases.py",
                   "gc_common/layout.py", "gc_feedback/checks_nd.py"):
        assert module in names
    assert not [name for name in names if name.endswith(".ipynb") or "solutions" in name]


def test_the_extras_declare_what_the_explorers_and_the_grader_import(wheel):
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(meta).decode("utf-8"))
    assert set(metadata.get_all("Provides-Extra")) == set(EXTRAS)
    for extra, packages in EXTRAS.items():
        declared = {re.match(r"[\w.-]+", requirement).group(0).lower()
                    for requirement in metadata.get_all("Requires-Dist")
                    if f'extra == "{extra}"' in requirement}
        assert declared == packages, extra


def test_the_installed_package_runs_from_site_packages(installed, tmp_path):
    python, purelib = installed
    run = subprocess.run([str(python), "-c", "import autograde, gc_utils, testCases; "
                          "print(autograde.__file__); print(testCases.__file__)"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert all(Path(line).is_relative_to(purelib) for line in run.stdout.split())


def test_without_a_course_the_installed_grader_says_how_to_give_one(installed, tmp_path):
    python, purelib = installed
    (tmp_path / "a.ipynb").write_text("{}")
    run = subprocess.run([str(python), "-m", "autograde", "--out", "out", "a.ipynb"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2
    assert f"looked for {purelib / 'notebooks/solutions'} and " \
           f"{tmp_path / 'notebooks/solutions'}" in run.stderr
    assert "--course PATH, where PATH holds notebooks/solutions/en/*.ipynb" in run.stderr


def test_the_installed_grader_grades_with_the_course_notebooks_in_the_current_folder(
        installed, tmp_path):
    python, _ = installed
    course = tmp_path / "course"
    shutil.copytree(ROOT / "notebooks", course / "notebooks")
    files = make_submissions.corpus_files(ROOT)
    (course / "correct.ipynb").write_bytes(files["01/en/correct.ipynb"])
    run = subprocess.run([str(python), "-m", "autograde", "--out", "out", "--seed", "5",
                          "--jobs", "1", "correct.ipynb"],
                         capture_output=True, text=True, cwd=course)
    assert run.returncode == 0, run.stderr
    with open(course / "out" / "summary.csv", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["lesson"], row["points"], row["max_points"]) == ("01", "4", "4")
    assert (course / "out" / "class-report.html").is_file()
