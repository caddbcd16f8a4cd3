"""Does the setup cell make the helpers importable wherever the notebook runs?"""

import base64
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from notebook_runner import ROOT, env_without_checkout

from tools.bootstrap import archive_contents, helper_files, helpers_archive, setup_source

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
    assert Path(gc_file) == ROOT / "gc_utils" / "__init__.py"
    assert language == "en"


def test_already_importable_helpers_are_used_as_they_are(tmp_path):
    installed = tmp_path / "site"
    for package in ("gc_utils", "testCases"):
        shutil.copytree(ROOT / package, installed / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    env = env_without_checkout(tmp_path)
    env["PYTHONPATH"] += f":{installed}"
    empty = tmp_path / "empty"
    empty.mkdir()
    gc_file, _, _ = run_setup("en", empty, env)[-3:]
    assert Path(gc_file) == installed / "gc_utils" / "__init__.py"


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
        assert "pip" not in code.lower().replace("zipfile", "") and "install(" not in code


def test_embedded_copy_holds_exactly_the_helper_sources():
    archive = helpers_archive(ROOT)
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None
    files = dict(helper_files(ROOT))
    assert archive_contents(base64.b64encode(archive)) == files
    assert "gc_utils/__init__.py" in files and "testCases/__init__.py" in files
    assert not any("__pycache__" in name for name in files)


def test_archive_is_byte_identical_across_builds():
    assert helpers_archive(ROOT) == helpers_archive(ROOT)


@pytest.mark.parametrize("language", ["en", "tr"])
def test_visible_part_is_short_and_the_copy_sits_at_the_end(language):
    source = setup_source(language, helpers_archive(ROOT))
    head, _, tail = source.partition(f'_setup("{language}", embedded=(\n')
    assert len(head.splitlines()) < 45
    assert all(line.startswith('    "') for line in tail.splitlines()[:-1])
    assert tail.splitlines()[-1] == "))"
