"""The drop-in Makefile blocks for the two layouts (docs/Makefile.transformers.snippet and
docs/Makefile.diffusers.snippet): their consistency targets run only ruff and repo-lint, and each is run by
`make` in a scratch git repository made from the bundled fixture: clean passes, a drifted copy and a badly
formatted line fail the check target (both reported, nothing written), the fix target repairs both, and the
check passes again."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from tests.scratch_git import BERT_SELF_OUTPUT_COPIES, committed_library, edit
from tests.test_make import changed, files, isolated_env, make, status, tools_or_skip

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
pytestmark = pytest.mark.slow

# layout -> (snippet, the check target, the fix target)
LAYOUTS = {
    "transformers": ("Makefile.transformers.snippet", "check-repo", "fix-repo"),
    "diffusers": ("Makefile.diffusers.snippet", "quality", "style"),
}
RUFF = f"RUFF={shlex.quote(sys.executable)} -m ruff"
# The fixture holds `src/` and `tests/`; its imports are there for the copies, so only syntax errors and undefined
# names are asked of ruff's linter here (its formatter is checked whole).
RUFF_LINT = '\n[tool.ruff.lint]\nselect = ["E9", "F63", "F7", "F82"]\n'
BADLY_FORMATTED = ("src/transformers/__init__.py", "x=[1,2]\n")
DRIFTED = BERT_SELF_OUTPUT_COPIES[0]


def _recipe_commands(text: str) -> list[str]:
    """The commands of every recipe: tab-indented lines, split at `;` and `||`, without the status bookkeeping."""
    commands = []
    for line in text.splitlines():
        if not line.startswith("\t"):
            continue
        for part in re.split(r";|\|\|", line.strip().lstrip("@").rstrip("\\")):
            part = part.strip()
            if part and not re.fullmatch(r"status=\S*|exit \$\$status", part):
                commands.append(part)
    return commands


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_block_runs_only_ruff_and_repo_lint_and_the_docs_show_it(layout):
    snippet, check, fix = LAYOUTS[layout]
    text = (DOCS / snippet).read_text(encoding="utf-8")
    commands = _recipe_commands(text)
    assert commands and all(c.startswith(("$(RUFF) ", "$(REPO_LINT) ")) for c in commands), commands
    assert f"\n{check}:\n" in text and f"\n{fix}:\n" in text
    docs = (DOCS / "integrations-make-precommit.md").read_text(encoding="utf-8")
    assert f"```make\n{text}```" in docs  # the docs show the block as it is tested


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_check_fails_fix_repairs_check_passes(tmp_path, layout):
    tools_or_skip()
    snippet, check, fix = LAYOUTS[layout]
    env = isolated_env(tmp_path)
    repo = committed_library(tmp_path / "lib", env, {"Makefile": DOCS / snippet})
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(RUFF_LINT)
    variables = (RUFF, "check_dirs=src tests")

    assert make(repo, env, check, *variables).returncode == 0

    edit(repo, DRIFTED, "return self.LayerNorm(hidden_states + input_tensor)", "return self.LayerNorm(hidden_states)")
    path, line = BADLY_FORMATTED
    (repo / path).write_text((repo / path).read_text(encoding="utf-8") + line, encoding="utf-8")
    before = files(repo)
    result = make(repo, env, check, *variables)
    assert status(result) == 1, result.stdout + result.stderr
    assert re.search(r"(?i)would (be )?reformat", result.stdout + result.stderr)  # ruff's words vary by version
    if layout == "diffusers":  # `quality` stops at ruff's failure; `repo-consistency` is repo-lint alone
        result = make(repo, env, "repo-consistency", *variables)
        assert status(result) == 1, result.stdout + result.stderr
    assert f"{DRIFTED}:" in result.stdout and ": CPY001 " in result.stdout, result.stdout
    assert files(repo) == before  # a check writes nothing

    result = make(repo, env, fix, *variables)
    assert result.returncode == 0, result.stdout + result.stderr
    assert changed(before, files(repo)) == {DRIFTED, path}
    assert "x = [1, 2]\n" in (repo / path).read_text(encoding="utf-8")
    assert make(repo, env, check, *variables).returncode == 0
