"""TOC011 on the Transformers development tree (the fork `8b-is/transformers` at its pinned commit, from the git
folder named by `REPO_LINT_TRANSFORMERS_CHECKOUT`; skipped, saying why, without it): the toctree's model part
and the 514 pages of `model_doc/` agree; a dropped entry, a deleted page and a renamed page are each reported where
the development `utils/check_doc_toc.py` fails on them (measured beside it by hand, stop-24 note: 6 of 6)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.devtrees import COMMITS

pytestmark = pytest.mark.realtree
TOCTREE = "docs/source/en/_toctree.yml"
MODEL_DOC = "docs/source/en/model_doc/"


@pytest.fixture
def docs_tree(tmp_path) -> Path:
    checkout = os.environ.get("REPO_LINT_TRANSFORMERS_CHECKOUT")
    if not checkout:
        pytest.skip("REPO_LINT_TRANSFORMERS_CHECKOUT is not set: the Transformers development tree is not available")
    where = ["--git-dir", checkout] if (Path(checkout) / "HEAD").is_file() else ["-C", checkout]
    archive = subprocess.run(
        ["git", *where, "archive", COMMITS["transformers"], TOCTREE, MODEL_DOC], capture_output=True
    )
    if archive.returncode != 0:
        pytest.skip(f"`git archive` failed in {checkout}: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "x"], input=archive.stdout, cwd=tmp_path, check=True)
    (tmp_path / "src/transformers").mkdir(parents=True)
    (tmp_path / "src/transformers/__init__.py").write_text("")
    (tmp_path / "pyproject.toml").write_text('[tool.repo-lint]\npreset = "transformers"\nselect = ["TOC011"]\n')
    return tmp_path


def _pages(root: Path) -> list[tuple[str, str]]:
    done = subprocess.run(
        ["python", "-m", "repo_lint", "check", "--no-cache", "--output-format", "json", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    return [(f["path"], f["data"]["page"]) for f in json.loads(done.stdout)]


def test_toctree_and_pages_agree_and_each_edit_is_reported(docs_tree):
    assert _pages(docs_tree) == []
    toctree = docs_tree / TOCTREE
    lines = toctree.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "- local: model_doc/llama")
    toctree.write_text("".join(lines[:at] + lines[at + 2 :]), encoding="utf-8")
    (docs_tree / MODEL_DOC / "bert.md").unlink()
    (docs_tree / MODEL_DOC / "gpt2.md").rename(docs_tree / MODEL_DOC / "gpt_2.md")
    assert sorted(_pages(docs_tree)) == sorted(
        [
            (MODEL_DOC + "gpt_2.md", "gpt_2"),
            (MODEL_DOC + "llama.md", "llama"),
            (TOCTREE, "model_doc/bert"),
            (TOCTREE, "model_doc/gpt2"),
        ]
    )
