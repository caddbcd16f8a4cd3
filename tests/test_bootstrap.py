"""Does the setup cell make the helpers importable wherever the notebook runs?"""

import ast
import base64
import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from notebook_runner import (
    ROOT,
    env_without_checkout,
    ids,
    read,
    solution_notebooks,
    student_notebooks,
)

from gc_common.layout import HELPER_MODULES, HELPER_PACKAGES
from tools.bootstrap import (
    TITLES,
    archive_contents,
    helper_files,
    helpers_archive,
    setup_source,
)
from tools.build import lesson_code
from tools.lesson_format import parse_lesson
from tools.notebook_sizes import STUDENT_BUDGET_BYTES, notebook_sizes

REPORT = "\nimport gc_utils, testCases\nprint(gc_utils.__file__)\nprint(testCases.__file__)\n" \
         "print(gc_utils.get_language())\n"


def run_setup(language, cwd, env, prelude=""):
    """Run the setup cell's code in a fresh interpreter; return its stdout lines."""
    code = prelude + setup_source(language, helpers_archive(ROOT)) + REPORT
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_alone_without_the_checkout_unpacks_the_embedded_copy(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    gc_file, tc_file, language = run_setup("tr", empty, env_without_checkout(tmp_path))[-3:]
    assert "gc_helpers_" in gc_file and not gc_file.startswith(str(ROOT))
    assert Path(gc_file).parent.parent == Path(tc_file).parent.parent
    assert language == "tr"


def test_inside_a_checkout_finds_the_repository_upward(tmp_path):
    gc_file, _, language = run_setup("en", ROOT / "lessons", env_without_checkout(tmp_path))[-3:]
    assert Path(gc_file) == ROOT / "gc_utils.py"
    assert language == "en"


def test_already_importable_helpers_are_used_as_they_are(tmp_path):
    installed = tmp_path / "site"
    for package in HELPER_PACKAGES:
        shutil.copytree(ROOT / package, installed / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for module in HELPER_MODULES:
        shutil.copy(ROOT / f"{module}.py", installed / f"{module}.py")
    env = env_without_checkout(tmp_path)
    env["PYTHONPATH"] += f":{installed}"
    empty = tmp_path / "empty"
    empty.mkdir()
    gc_file, _, _ = run_setup("en", empty, env)[-3:]
    assert Path(gc_file) == installed / "gc_utils.py"


def test_in_colab_it_enables_the_widget_manager_and_installs_nothing(tmp_path):
    fake_colab = (
        "import sys, types\n"
        "colab = types.ModuleType('google.colab')\n"
        "colab.output = types.SimpleNamespace(\n"
        "    enable_custom_widget_manager=lambda: print('custom widget manager on'))\n"
        "sys.modules['google'] = types.ModuleType('google')\n"
        "sys.modules['google.colab'] = colab\n"
    )
    lines = run_setup("en", ROOT, env_without_checkout(tmp_path), prelude=fake_colab)
    assert "custom widget manager on" in lines
    for language in ("en", "tr"):
        code, _, _ = setup_source(language, helpers_archive(ROOT)).partition("embedded=(")
        assert "pip" not in code.lower() and "install(" not in code


def test_embedded_copy_holds_exactly_the_helper_sources():
    archive = helpers_archive(ROOT)
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:xz") as opened:
        members = opened.getmembers()
    assert all(member.isfile() and member.mode == 0o644 and member.mtime == 0
               and not member.name.startswith(("/", "..")) for member in members)
    files = dict(helper_files(ROOT))
    assert archive_contents(base64.b85encode(archive)) == files
    assert "gc_utils.py" in files and "testCases.py" in files
    assert {name.partition("/")[0] for name in files if "/" in name} == set(HELPER_PACKAGES)
    assert not any("__pycache__" in name for name in files)


def _lesson_files(number):
    lesson = parse_lesson(next((ROOT / "lessons").glob(f"{number}-*.lesson")), ROOT)
    return dict(helper_files(ROOT, lesson_code(lesson)))


def test_a_lesson_carries_only_the_helpers_it_imports():
    first, second, third = (_lesson_files(number) for number in ("01", "02", "03"))
    # lesson 01 needs its explorer and 1-D checks, not lessons 02-03's machinery
    assert "gc_explorers/explorer.py" in first and "gc_feedback/checks_1d.py" in first
    assert not any(name.startswith("gc_checking/") for name in first)
    assert "gc_explorers/network_explorer.py" not in first
    assert "gc_checking/diagnosis.py" in second and "gc_checking/fast_checks.py" not in second
    assert "gc_checking/fast_checks.py" in third and "gc_explorers/explorer.py" not in third
    for files in (first, second, third):
        assert {"gc_utils.py", "testCases.py", "gc_common/__init__.py"} <= set(files)
        assert "gc_common/layout.py" not in files


def _course_imports(cells):
    """Return the lesson's imports of course modules, as source lines."""
    statements = []
    for cell in cells:
        code = "\n".join(line for line in cell.splitlines()
                         if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom) and node.module.split(".")[0] in (
                    *HELPER_MODULES, *HELPER_PACKAGES):
                statements.append(ast.unparse(node))
    return statements


@pytest.mark.parametrize("number", ["01", "02", "03"])
def test_a_lesson_s_own_copy_imports_every_name_the_lesson_uses(number, tmp_path):
    lesson = parse_lesson(next((ROOT / "lessons").glob(f"{number}-*.lesson")), ROOT)
    root = tmp_path / "helpers"
    for name, data in helper_files(ROOT, lesson_code(lesson)):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    statements = _course_imports(lesson_code(lesson))
    env = env_without_checkout(tmp_path)
    env["PYTHONPATH"] += f":{root}"
    result = subprocess.run([sys.executable, "-c", "\n".join([*statements, "print('ok')"])],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert len(statements) >= 3 and result.stdout.strip() == "ok", result.stderr


def test_archive_is_byte_identical_across_builds():
    assert helpers_archive(ROOT) == helpers_archive(ROOT)


@pytest.mark.parametrize("language", ["en", "tr"])
def test_visible_part_is_short_and_the_copy_sits_at_the_end(language):
    source = setup_source(language, helpers_archive(ROOT))
    head, _, tail = source.partition(f'_setup("{language}", embedded=(\n')
    assert len(head.splitlines()) < 45
    assert all(line.startswith('    "') for line in tail.splitlines()[:-1])
    assert tail.splitlines()[-1] == "))"


ALL_NOTEBOOKS = student_notebooks() + solution_notebooks()


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_setup_cell_opens_collapsed_with_a_one_line_title_in_its_language(path):
    notebook = read(path)
    language = notebook.metadata["gradient_checking"]["language"]
    setups = [cell for cell in notebook.cells if "embedded=(" in cell.source]
    assert len(setups) == 1 and notebook.cells.index(setups[0]) == 1
    setup = setups[0]
    assert setup.metadata["jupyter"] == {"source_hidden": True}
    assert setup.metadata["cellView"] == "form"
    first_line = setup.source.splitlines()[0]
    assert first_line == f"#@title {TITLES[language]}"
    other = TITLES["tr" if language == "en" else "en"]
    assert other not in setup.source


def test_a_lesson_01_student_notebook_stays_within_its_download_budget():
    sizes = {path: total for path, total, _, _ in notebook_sizes(ROOT)}
    lesson_01 = [path for path in sizes
                 if path.startswith(("notebooks/en/01-", "notebooks/tr/01-"))]
    assert len(lesson_01) == 2
    for path in lesson_01:
        assert sizes[path] <= STUDENT_BUDGET_BYTES, (path, sizes[path])
