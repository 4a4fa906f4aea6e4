"""Which ruff formats copies: the version the repository pins when one is installed outside the repository,
else repo-lint's own; `-v` says which. A ruff inside the checkout is never run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from repo_lint.formatting import _choose_ruff, choose_ruff, pinned_ruff_version, ruff_version_of

OWN = ruff_version_of(choose_ruff(Path(__file__).parent).path) or "unknown"

pytestmark = pytest.mark.skipif(os.name == "nt", reason="fake ruff executables are shell scripts")


def fake_ruff(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ruff"
    path.write_text(f'#!/bin/sh\necho "ruff {version}"\n', encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture(autouse=True)
def fresh_choice():
    _choose_ruff.cache_clear()
    ruff_version_of.cache_clear()
    yield
    _choose_ruff.cache_clear()


def test_pin_read_from_setup_py_or_pyproject(tmp_path):
    assert pinned_ruff_version(tmp_path) is None
    (tmp_path / "setup.py").write_text('_deps = [\n    "ruff==0.9.10",\n    "ruff-lsp",\n]\n', encoding="utf-8")
    assert pinned_ruff_version(tmp_path) == ("0.9.10", "setup.py")
    (tmp_path / "pyproject.toml").write_text('[dependency-groups]\nquality = ["ruff == 0.14.10"]\n', encoding="utf-8")
    assert pinned_ruff_version(tmp_path) == ("0.14.10", "pyproject.toml")


def test_pinned_version_on_path_is_used(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "setup.py").write_text('deps = ["ruff==0.0.7"]\n', encoding="utf-8")
    other = fake_ruff(tmp_path / "bin-other", "0.0.6")
    pinned = fake_ruff(tmp_path / "bin-pinned", "0.0.7")
    monkeypatch.setenv("PATH", os.pathsep.join([str(other.parent), str(pinned.parent), os.environ["PATH"]]))
    choice = choose_ruff(repo)
    assert (choice.path, choice.version) == (str(pinned), "0.0.7")
    assert "setup.py pins" in choice.reason


def test_without_the_pinned_version_repo_lint_falls_back_to_its_own_and_says_so(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "setup.py").write_text('deps = ["ruff==0.0.7"]\n', encoding="utf-8")
    inside = fake_ruff(repo / ".venv" / "bin", "0.0.7")  # the checkout's own: never run
    monkeypatch.setenv("PATH", os.pathsep.join([str(inside.parent), "bin", os.environ["PATH"]]))
    choice = choose_ruff(repo)
    assert choice.path != str(inside) and choice.version == OWN
    assert "pins ruff==0.0.7, which is not installed" in choice.reason


def test_verbose_names_the_ruff_in_use(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.repo-lint]\npackage = "pkg"\n', encoding="utf-8")
    (tmp_path / "pkg").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "-v", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(line for line in result.stderr.splitlines() if "formatting with" in line)
    assert f"ruff {OWN} at " in line and "the repository pins no ruff version" in line
