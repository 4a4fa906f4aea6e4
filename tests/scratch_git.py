"""A scratch git repository made from the bundled fixture `fixtures/copies/clean`, with a git configuration
of its own (no global or system settings, a fixed identity): where tests/test_make.py runs `make` and
tests/test_precommit.py runs `pre-commit`, as an adopting library would."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "copies" / "clean"

BERT = "src/transformers/models/bert/modeling_bert.py"
ROBERTA = "src/transformers/models/roberta/modeling_roberta.py"
# The copies of BertSelfOutput (`Copied from transformers.models.bert.modeling_bert.BertSelfOutput`), sorted.
BERT_SELF_OUTPUT_COPIES = [
    "src/transformers/models/camembert/modeling_camembert.py",
    "src/transformers/models/roberta/modeling_roberta.py",
    "src/transformers/models/xlm_roberta/modeling_xlm_roberta.py",
]
OLD_SOURCE_LINE = "return self.LayerNorm(hidden_states + input_tensor)"
NEW_SOURCE_LINE = "return self.LayerNorm(input_tensor + hidden_states)"
# A copy in the tests folder (of tests.models.bert...BertModelTester.get_config), unrelated to BertSelfOutput.
ROBERTA_TEST = "tests/models/roberta/test_modeling_roberta.py"


def isolated_git_env(tmp_path: Path, drop: tuple[str, ...] = ()) -> dict[str, str]:
    """This environment without `GIT_*` variables (and the names or prefixes in `drop`), reading an empty git
    configuration with a fixed identity."""
    empty = tmp_path / "empty-gitconfig"
    empty.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", *drop))}
    env.update(
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        PYTHONIOENCODING="utf-8",
    )
    env.pop("NO_COLOR", None)
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    """Replace `old`, which must occur exactly once in the file, by `new`."""
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def fixture_copy(repo: Path, extra: dict[str, Path | str]) -> Path:
    """The fixture library at `repo` with the `extra` files (path -> file to copy, or text), checking only the
    copy and dummy rules (the scenarios are about copies; whether the fixture is clean for every family is
    the business of tests/test_fixtures.py)."""
    shutil.copytree(FIXTURE, repo, ignore=shutil.ignore_patterns(".repo-lint-cache", "__pycache__"))
    for rel, content in extra.items():
        if isinstance(content, Path):
            shutil.copyfile(content, repo / rel)
        else:
            (repo / rel).write_text(content)
    edit(repo, "pyproject.toml", "[tool.repo-lint]\n", '[tool.repo-lint]\nselect = ["CPY", "DUM"]\n')
    return repo


def committed_library(repo: Path, env: dict[str, str], extra: dict[str, Path | str]) -> Path:
    """`fixture_copy`, committed on `main` of a new git repository."""
    fixture_copy(repo, extra)
    git(repo, env, "init", "-q")
    git(repo, env, "checkout", "-q", "-b", "main")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "the library")
    return repo
