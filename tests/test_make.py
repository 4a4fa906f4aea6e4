"""The Makefile block of docs/Makefile.snippet (what adopting repositories paste) run by `make` in a scratch
git repository made from the bundled fixture `fixtures/copies/clean`: `quality` checks everything,
`fixup` fixes what changed since main and what depends on it, `fix-copies` fixes every copy."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scratch_git import (
    BERT,
    BERT_SELF_OUTPUT_COPIES,
    FIXTURE,
    NEW_SOURCE_LINE,
    OLD_SOURCE_LINE,
    ROBERTA_TEST,
    committed_library,
    edit,
    fixture_copy,
    git,
    isolated_git_env,
)

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "docs" / "Makefile.snippet"
pytestmark = pytest.mark.slow

# This checkout's repo-lint, whatever `repo-lint` on PATH is: the block lets the caller say how to run it.
REPO_LINT = f"REPO_LINT={shlex.quote(sys.executable)} -m repo_lint"


def tools_or_skip() -> None:
    for tool in ("make", "git"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool.upper()} NOT ON PATH: the Makefile block of docs/Makefile.snippet is not tested")


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """The scratch git configuration, and no outer make or REPO_LINT setting."""
    return isolated_git_env(tmp_path, drop=("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "REPO_LINT"))


def make(repo: Path, env: dict[str, str], target: str, *variables: str) -> subprocess.CompletedProcess:
    command = ["make", target, REPO_LINT, *variables]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result


def status(result: subprocess.CompletedProcess) -> int:
    """repo-lint's exit status through make: make itself exits 2 when a recipe fails and says
    `make: *** [Makefile:N: target] Error <status of the recipe>`."""
    if result.returncode == 0:
        return 0
    assert result.returncode == 2, result.stderr
    found = re.search(r"^make: \*\*\* \[.*\] Error (\d+)$", result.stderr, re.M)
    assert found, result.stderr
    return int(found.group(1))


def files(repo: Path) -> dict[str, bytes]:
    """Bytes of every file of the work tree (not .git, not the caches)."""
    skipped = {".git", ".repo-lint-cache", ".ruff_cache", "__pycache__"}
    return {
        path.relative_to(repo).as_posix(): path.read_bytes()
        for path in sorted(repo.rglob("*"))
        if path.is_file() and not skipped & set(path.relative_to(repo).parts)
    }


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@pytest.fixture
def scratch(tmp_path):
    """The fixture library with the block as its Makefile, committed on `main`."""
    tools_or_skip()
    env = isolated_env(tmp_path)
    return committed_library(tmp_path / "lib", env, {"Makefile": SNIPPET}), env


def test_the_snippet_holds_the_three_targets():
    text = SNIPPET.read_text(encoding="utf-8")
    assert "REPO_LINT ?= repo-lint" in text
    for target, recipe in [
        ("quality", "check"),
        ("fixup", "check --changed-since --fix"),
        ("fix-copies", "check --fix --select CPY,DUM"),
        ("check-repo", "check --extend-select MOD"),
        ("fix-repo", "check --extend-select MOD --fix"),
    ]:
        assert f"\n{target}:\n\t$(REPO_LINT) {recipe}\n" in text, target
    docs = (ROOT / "docs" / "integrations-make-precommit.md").read_text(encoding="utf-8")
    assert f"```make\n{text}```" in docs  # the integration docs show the block as it is tested


def test_quality_fixup_and_fix_copies(scratch):
    repo, env = scratch

    clean = files(repo)
    result = make(repo, env, "quality")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed!" in result.stdout
    assert files(repo) == clean

    # On main, a drifted copy nobody fixed: not the business of a branch's `fixup`.
    edit(repo, ROBERTA_TEST, "intermediate_size=37", "intermediate_size=36")
    git(repo, env, "commit", "-q", "-am", "an old drift")
    # On a branch, the source of BertSelfOutput changes (its three copies in other files do not).
    git(repo, env, "checkout", "-q", "-b", "change-bert")
    edit(repo, BERT, OLD_SOURCE_LINE, NEW_SOURCE_LINE)
    git(repo, env, "commit", "-q", "-am", "change a copy source")

    before = files(repo)
    result = make(repo, env, "quality")
    assert status(result) == 1, result.stdout + result.stderr
    reported = {line.split(":", 1)[0] for line in result.stdout.splitlines() if ": CPY001 " in line}
    assert reported == set(BERT_SELF_OUTPUT_COPIES) | {ROBERTA_TEST}, result.stdout
    assert files(repo) == before  # quality fixes nothing

    result = make(repo, env, "fixup")
    assert result.returncode == 0, result.stdout + result.stderr
    after = files(repo)
    # The dependents, not the source or the old drift.
    assert changed(before, after) == set(BERT_SELF_OUTPUT_COPIES)
    for copy in BERT_SELF_OUTPUT_COPIES:
        assert NEW_SOURCE_LINE.encode() in after[copy] and OLD_SOURCE_LINE.encode() not in after[copy]
    assert b"intermediate_size=36" in after[ROBERTA_TEST]

    result = make(repo, env, "fixup")  # a second run finds nothing more
    assert result.returncode == 0, result.stdout + result.stderr
    assert files(repo) == after

    result = make(repo, env, "quality")
    assert status(result) == 1, result.stdout + result.stderr
    assert [line.split(":", 1)[0] for line in result.stdout.splitlines() if " CPY" in line] == [ROBERTA_TEST]

    result = make(repo, env, "fix-copies")
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = files(repo)
    assert changed(after, fixed) == {ROBERTA_TEST}
    assert b"intermediate_size=37" in fixed[ROBERTA_TEST] and b"intermediate_size=36" not in fixed[ROBERTA_TEST]

    result = make(repo, env, "quality")
    assert result.returncode == 0, result.stdout + result.stderr
    assert files(repo) == fixed


def test_fixup_fixes_uncommitted_drift_in_a_changed_file(scratch):
    repo, env = scratch
    git(repo, env, "checkout", "-q", "-b", "work")
    roberta = "src/transformers/models/roberta/modeling_roberta.py"
    edit(repo, roberta, OLD_SOURCE_LINE, "return self.LayerNorm(hidden_states)")  # unstaged, not committed
    before = files(repo)

    result = make(repo, env, "fixup")
    assert result.returncode == 0, result.stdout + result.stderr
    after = files(repo)
    assert changed(before, after) == {roberta}
    assert after[roberta] == (FIXTURE / roberta).read_bytes()


def test_fixup_outside_git_is_an_error_not_a_clean_run(tmp_path):
    tools_or_skip()
    repo = fixture_copy(tmp_path / "lib", {"Makefile": SNIPPET})
    result = make(repo, isolated_env(tmp_path), "fixup")
    assert status(result) == 2
    assert "needs a git repository" in result.stderr


def test_this_repositorys_makefile_has_the_same_targets():
    tools_or_skip()
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(
        ["make", "-n", "quality", "fix-copies", "check-repo", "fix-repo", "test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "-m ruff check ." in result.stdout
    assert "-m repo_lint check --config fixtures/copies/clean/pyproject.toml" in result.stdout
    assert "-m repo_lint check --fix --select CPY,DUM --config fixtures/copies/clean/pyproject.toml" in result.stdout
    assert "-m repo_lint check --extend-select MOD --config fixtures/modular/clean/pyproject.toml" in result.stdout
    assert (
        "-m repo_lint check --extend-select MOD --fix --config fixtures/modular/clean/pyproject.toml" in result.stdout
    )
    assert '-m pytest -m "" -ra' in result.stdout
    assert "fixup:" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_check_repo_and_fix_repo_on_the_modular_fixture(tmp_path):
    """`check-repo` reports the stale generated files of `fixtures/modular/broken`, `fix-repo` regenerates them
    (what `fixed/` holds) and leaves the findings it cannot fix."""
    tools_or_skip()
    fixture = ROOT / "fixtures" / "modular"
    repo = Path(shutil.copytree(fixture / "broken", tmp_path / "lib"))
    shutil.copy(SNIPPET, repo / "Makefile")
    env = isolated_env(tmp_path)
    result = make(repo, env, "check-repo")
    assert status(result) == 1, result.stdout + result.stderr
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines() if ": MOD" in line] == [
        "MOD001",
        "MOD001",
        "MOD004",
        "MOD003",
    ]
    before = files(repo)
    result = make(repo, env, "fix-repo")
    assert status(result) == 1, result.stdout + result.stderr  # MOD003 and MOD004 remain
    after = files(repo)
    expected = {p.relative_to(fixture / "fixed").as_posix() for p in (fixture / "fixed").rglob("*.py")}
    assert changed(before, after) == expected
    for path in expected:
        assert after[path] == (fixture / "fixed" / path).read_bytes()
