"""The README's first screen, run as written: the broken fixture's statistics (always), and the quick start
plus the Diffusers drop-in Make targets on the Diffusers development tree at its pinned commit (skipped, saying
which variable to set, without a clone of it)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.devtrees import archive_or_skip
from tests.scratch_git import edit, git, isolated_git_env

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
REPO_LINT = [sys.executable, "-m", "repo_lint"]


def section(marker: str) -> str:
    """The text between `<!-- {marker}: -->` and `<!-- end of the {marker} -->`."""
    start = README.index(f"<!-- {marker}: -->\n") + len(f"<!-- {marker}: -->\n")
    return README[start : README.index(f"<!-- end of the {marker} -->", start)]


def shown_output(block: str) -> list[str]:
    """An indented block of the README as lines, without its indentation and its `$ command` lines."""
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("$ ")]


def repo_lint(cwd: Path, command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    words = shlex.split(command)
    assert words[0] == "repo-lint", command
    return subprocess.run(
        REPO_LINT + words[1:], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900
    )


def test_the_broken_fixture_prints_what_the_readme_shows(tmp_path):
    block = section("broken fixture")
    command = next(line.strip()[2:] for line in block.splitlines() if line.strip().startswith("$ "))
    shutil.copytree(ROOT / "fixtures" / "copies" / "broken", tmp_path / "fixtures" / "copies" / "broken")
    result = repo_lint(tmp_path, command)
    assert result.returncode == 1, result.stderr
    assert [line.strip() for line in result.stdout.splitlines()] == shown_output(block)


@pytest.fixture(scope="module")
def development_tree(tmp_path_factory):
    """The whole Diffusers development tree at its pinned commit, as a fresh git repository."""
    root = archive_or_skip("diffusers", [], tmp_path_factory.mktemp("diffusers-dev"))
    env = isolated_git_env(tmp_path_factory.mktemp("git"), drop=("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "REPO_LINT"))
    git(root, env, "init", "-q", "-b", "main")
    git(root, env, "add", "-A")
    git(root, env, "commit", "-q", "-m", "diffusers at the pinned commit")
    return root, env


def test_quick_start_on_the_diffusers_development_tree(development_tree):
    root, env = development_tree
    commands = [line for line in section("quick start").splitlines() if line.startswith("repo-lint ")]
    statistics, fix, baseline = commands
    assert statistics == "repo-lint check --statistics" and fix == "repo-lint check --fix"

    first = repo_lint(root, statistics, env)
    assert first.returncode == 1, first.stderr
    assert [line.strip() for line in first.stdout.splitlines()] == shown_output(section("development tree statistics"))
    assert "using the `diffusers` preset" in first.stderr

    fixed = repo_lint(root, fix, env)
    assert fixed.returncode == 1  # findings without a safe fix remain
    changed = git(root, env, "status", "--porcelain").splitlines()
    assert len(changed) == int(re.search(r"in (\d+) files\)", README).group(1))  # "(59 there, in 43 files)"
    compiled = subprocess.run(
        [sys.executable, "-m", "py_compile", *(line[3:] for line in changed if line.endswith(".py"))], cwd=root
    )
    assert compiled.returncode == 0
    after = repo_lint(root, statistics, env)
    assert "[*]" not in after.stdout and "[-]" in after.stdout  # every safe fix applied, the unsafe ones offered

    written = repo_lint(root, baseline, env)
    assert written.returncode == 0, written.stderr
    toml = textwrap.dedent(README.split("```toml\n", 1)[1].split("```", 1)[0].rstrip(" "))
    assert toml.strip() in written.stderr  # the lines the README says to add are the ones it prints
    with open(root / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write("\n" + toml)
    clean = repo_lint(root, "repo-lint check", env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.strip().endswith("All checks passed!")
    git(root, env, "add", "-A")
    git(root, env, "commit", "-q", "-m", "repo-lint: safe fixes and a baseline")


def _make(root: Path, env: dict[str, str], target: str, *variables: str) -> subprocess.CompletedProcess:
    command = ["make", "-f", "Makefile.repo-lint", target, f"REPO_LINT={shlex.quote(sys.executable)} -m repo_lint"]
    return subprocess.run([*command, *variables], cwd=root, env=env, capture_output=True, text=True, timeout=900)


def test_diffusers_make_targets_on_the_development_tree(development_tree):
    """After the quick start (its baseline committed): the drop-in targets of docs/Makefile.diffusers.snippet."""
    root, env = development_tree
    if shutil.which("make") is None:
        pytest.skip("MAKE NOT ON PATH: the Makefile block is not run on the development tree")
    if not (root / ".repo-lint-baseline.toml").is_file():
        pytest.skip("the quick start test did not leave its baseline (run the module's tests together)")
    shutil.copyfile(ROOT / "docs" / "Makefile.diffusers.snippet", root / "Makefile.repo-lint")

    passing = _make(root, env, "repo-consistency")
    assert passing.returncode == 0, passing.stdout + passing.stderr

    source = "src/diffusers/schedulers/scheduling_dpmsolver_multistep.py"
    edit(root, source, "        self._begin_index = begin_index\n", "        self._begin_index = int(begin_index)\n")
    failing = _make(root, env, "repo-consistency")
    assert failing.returncode == 2 and "Error 1" in failing.stderr
    drifted = sorted({line.split(":", 1)[0] for line in failing.stdout.splitlines() if " CPY001 " in line})
    assert len(drifted) > 5 and source not in drifted  # every copy of `set_begin_index`, not the source

    fixing = _make(root, env, "fix-copies")
    assert fixing.returncode == 0, fixing.stdout + fixing.stderr
    for path in drifted:
        assert "self._begin_index = int(begin_index)" in (root / path).read_text(encoding="utf-8")
    again = _make(root, env, "repo-consistency")
    assert again.returncode == 0, again.stdout + again.stderr


def test_diffusers_quality_target_passes_after_the_quick_start(development_tree):
    """`make quality` (ruff check, ruff format --check, repo-lint) with the ruff version the tree pins: the safe
    fixes of the quick start leave code `make style` would not change."""
    from repo_lint.formatting import choose_ruff, pinned_ruff_version

    root, env = development_tree
    if shutil.which("make") is None:
        pytest.skip("MAKE NOT ON PATH: the Makefile block is not run on the development tree")
    if not (root / ".repo-lint-baseline.toml").is_file():
        pytest.skip("the quick start test did not leave its baseline (run the module's tests together)")
    pin = pinned_ruff_version(root)
    choice = choose_ruff(root)
    if pin is None or choice.version != pin[0]:
        pytest.skip(f"no ruff=={pin and pin[0]} installed (the version the tree pins): put one on PATH")
    shutil.copyfile(ROOT / "docs" / "Makefile.diffusers.snippet", root / "Makefile.repo-lint")
    quality = _make(root, env, "quality", f"RUFF={shlex.quote(choice.path)}", "check_dirs=examples src tests setup.py")
    assert quality.returncode == 0, quality.stdout[-3000:] + quality.stderr[-3000:]
