"""The hooks of .pre-commit-hooks.yaml run by the real pre-commit in a scratch git repository made from the
bundled fixture `fixtures/copies/clean`.

The hooks come from a temporary git repository holding this checkout's files as they are (working-tree
changes included), so pre-commit installs repo-lint from it into its own environment, as it would from
GitHub. PRE_COMMIT_HOME and the git configuration are temporary: nothing global is read or touched.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scratch_git import (
    BERT,
    BERT_SELF_OUTPUT_COPIES,
    NEW_SOURCE_LINE,
    OLD_SOURCE_LINE,
    ROBERTA,
    ROBERTA_TEST,
    committed_library,
    edit,
    git,
    isolated_git_env,
)

ROOT = Path(__file__).resolve().parent.parent
# What `pip install .` of this project needs (see pyproject.toml) and the hook manifest.
PROJECT_FILES = ["pyproject.toml", "setup.py", "README.md", ".pre-commit-hooks.yaml", "repo_lint", "checks"]
pytestmark = pytest.mark.slow

NEW_FUNCTION = "\n\ndef roberta_new_helper(x):\n    return x\n"

DOC = ROOT / "docs" / "integrations-make-precommit.md"


def adopter_config(repo: str, rev: str) -> str:
    """The `.pre-commit-config.yaml` of the integration docs, pointed at `repo` and `rev`."""
    import yaml

    text = DOC.read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    config = yaml.safe_load(block)
    assert [hook["id"] for hook in config["repos"][0]["hooks"]] == ["repo-lint", "repo-lint-fix"]
    config["repos"][0].update(repo=repo, rev=rev)
    return yaml.safe_dump(config, sort_keys=False)


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """The scratch git configuration, pre-commit's home in `tmp_path`, no outer virtual environment."""
    env = isolated_git_env(tmp_path, drop=("PRE_COMMIT",))
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env.pop("VIRTUAL_ENV", None)
    return env


def run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    result.output = result.stdout + result.stderr  # type: ignore[attr-defined]
    return result


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return run(cwd, env, sys.executable, "-m", "pre_commit", *args)


def hook_repository(folder: Path, env: dict[str, str]) -> str:
    """A git repository holding this checkout's files; returns its commit."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".repo-lint-cache", "*.egg-info")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=ignore)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / name)
    git(folder, env, "init", "-q")
    git(folder, env, "add", "-A")
    git(folder, env, "commit", "-q", "-m", "repo-lint as checked out")
    return git(folder, env, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """pre-commit's environment with repo-lint installed from the hook repository (shared by the tests)."""
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("PRE-COMMIT NOT INSTALLED (it is in the `test` extra): the hooks are not tested")
    if shutil.which("git") is None:
        pytest.skip("GIT NOT ON PATH: pre-commit hooks not tested")
    tmp_path = tmp_path_factory.mktemp("pre-commit")
    env = isolated_env(tmp_path)
    rev = hook_repository(tmp_path / "hooks", env)
    config = adopter_config((tmp_path / "hooks").as_posix(), rev)
    # install-hooks needs a repository holding the configuration; the libraries below reuse its environment
    # (same PRE_COMMIT_HOME, same repo and rev).
    warmup = tmp_path / "warmup"
    warmup.mkdir()
    (warmup / ".pre-commit-config.yaml").write_text(config)
    git(warmup, env, "init", "-q")
    result = pre_commit(warmup, env, "install-hooks")
    if result.returncode != 0:
        lowered = result.output.lower()
        if any(word in lowered for word in ("could not find a version", "connection", "temporary failure")):
            pytest.skip(f"PACKAGE INDEX UNAVAILABLE, pre-commit could not install repo-lint: {result.output[-800:]}")
        raise AssertionError(result.output)
    return tmp_path, env, config


@pytest.fixture
def library(installed, tmp_path):
    """The fixture library with the hooks configured and installed, committed on `main`."""
    _, env, config = installed
    repo = committed_library(tmp_path / "lib", env, {".pre-commit-config.yaml": config})
    result = pre_commit(repo, env, "install")
    assert result.returncode == 0, result.output
    # A drift nobody fixed, committed without the hooks: never reported by a commit that does not touch it.
    edit(repo, ROBERTA_TEST, "intermediate_size=37", "intermediate_size=36")
    git(repo, env, "commit", "-q", "--no-verify", "-am", "an old drift")
    return repo, env


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess:
    return run(repo, env, "git", "commit", "-m", message)


def test_the_manifest_follows_ruff_pre_commit():
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"repo-lint", "repo-lint-fix"}
    assert hooks["repo-lint"]["entry"] == "repo-lint check --changed-files"
    assert hooks["repo-lint-fix"]["entry"] == "repo-lint check --changed-files --fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        # Python files, and the files rules read besides them (`_toctree.yml`, docs pages, pyproject.toml).
        assert hook["types_or"] == ["python", "pyi", "yaml", "markdown", "toml"]
        assert hook["require_serial"] is True
        assert hook.get("pass_filenames", True) is True


def test_a_drifted_copy_is_refused_then_fixed(library):
    repo, env = library
    with open(repo / ROBERTA, "a", encoding="utf-8") as handle:  # a new function, and a drift on the way
        handle.write(NEW_FUNCTION)
    expected = (repo / ROBERTA).read_bytes()
    edit(repo, ROBERTA, OLD_SOURCE_LINE, "return self.LayerNorm(hidden_states)")
    drifted = (repo / ROBERTA).read_bytes()
    git(repo, env, "add", ROBERTA)

    refused = commit(repo, env, "a drifted copy")
    print(refused.output)  # the output of a refused commit, for the record (pytest -s / -rA)
    assert refused.returncode != 0
    assert "repo-lint" in refused.output and "Failed" in refused.output
    assert f"{ROBERTA}:116:9: CPY001 " in refused.output
    assert ROBERTA_TEST not in refused.output  # the old drift is not what this commit touches
    assert (repo / ROBERTA).read_bytes() == drifted  # the check hook fixes nothing
    assert git(repo, env, "log", "-1", "--format=%s").strip() == "an old drift"

    fix = pre_commit(repo, env, "run", "repo-lint-fix", "--hook-stage", "manual", "--files", ROBERTA)
    assert fix.returncode == 1, fix.output  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fix.output
    assert (repo / ROBERTA).read_bytes() == expected  # the copy as its source says, the new function kept

    git(repo, env, "add", ROBERTA)
    accepted = commit(repo, env, "the copy as its source says")
    # Accepted although the repository still has the old drift (a full `repo-lint check` reports it).
    assert accepted.returncode == 0, accepted.output
    assert "repo-lint" in accepted.output and "Passed" in accepted.output
    assert git(repo, env, "status", "--porcelain") == ""
    assert git(repo, env, "log", "-1", "--format=%s").strip() == "the copy as its source says"
    full = run(repo, env, sys.executable, "-m", "repo_lint", "check", "--output-format", "concise")
    assert full.returncode == 1 and ROBERTA_TEST in full.stdout and ROBERTA not in full.stdout


def test_a_changed_source_is_refused_for_copies_the_commit_does_not_touch(library):
    repo, env = library
    edit(repo, BERT, OLD_SOURCE_LINE, NEW_SOURCE_LINE)
    git(repo, env, "add", BERT)

    refused = commit(repo, env, "change a copy source")
    assert refused.returncode != 0
    reported = sorted({line.split(":", 1)[0] for line in refused.output.splitlines() if ": CPY001 " in line})
    assert reported == BERT_SELF_OUTPUT_COPIES, refused.output

    fix = pre_commit(repo, env, "run", "repo-lint-fix", "--hook-stage", "manual", "--files", BERT)
    assert fix.returncode == 1, fix.output
    changed = sorted(git(repo, env, "diff", "--name-only").split())
    assert changed == BERT_SELF_OUTPUT_COPIES  # the copies, outside the files given
    for copy in BERT_SELF_OUTPUT_COPIES:
        assert NEW_SOURCE_LINE in (repo / copy).read_text(encoding="utf-8")

    git(repo, env, "add", *BERT_SELF_OUTPUT_COPIES)
    accepted = commit(repo, env, "change a copy source and its copies")
    assert accepted.returncode == 0, accepted.output
    assert git(repo, env, "status", "--porcelain") == ""
    assert git(repo, env, "log", "-1", "--format=%s").strip() == "change a copy source and its copies"


def test_a_commit_of_only_a_non_python_file_runs_the_hook(library):
    """A docs page, a `_toctree.yml` or the configuration alone is what TOC/DOC/AGT rules and the
    configuration read: the hook runs for it instead of being skipped as "no files to check"."""
    repo, env = library
    with open(repo / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write("# a comment\n")
    git(repo, env, "add", "pyproject.toml")
    accepted = commit(repo, env, "touch the configuration")
    assert accepted.returncode == 0, accepted.output
    hook_line = next(line for line in accepted.output.splitlines() if line.startswith("repo-lint."))
    assert hook_line.endswith("Passed"), accepted.output  # ran, not "(no files to check)Skipped"
