"""TOC011 on the Transformers development tree (the fork `8b-is/transformers` at its pinned commit, from the git
folder named by `REPO_LINT_TRANSFORMERS_CHECKOUT`; skipped, saying why, without it): the toctree's model part
and the 514 pages of `model_doc/` agree; a dropped entry, a deleted page and a renamed page are each reported where
the development `utils/check_doc_toc.py` fails on them (measured beside it by hand, stop-24 note: 6 of 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.devtrees import archive_or_skip
from tests.realtrees import lint_json

pytestmark = pytest.mark.realtree
TOCTREE = "docs/source/en/_toctree.yml"
MODEL_DOC = "docs/source/en/model_doc/"


@pytest.fixture
def docs_tree(tmp_path) -> Path:
    root = archive_or_skip("transformers", [TOCTREE, MODEL_DOC], tmp_path)
    (root / "src/transformers").mkdir(parents=True)
    (root / "src/transformers/__init__.py").write_text("")
    (root / "pyproject.toml").write_text('[tool.repo-lint]\npreset = "transformers"\nselect = ["TOC011"]\n')
    return root


def _pages(root: Path) -> list[tuple[str, str]]:
    return [(f["path"], f["data"]["page"]) for f in lint_json(root, "--no-cache")]


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
