"""MPB with the `diffusers` preset on the Diffusers development tree at its pinned commit (the package extracted
with `git archive` from the clone `REPO_LINT_DIFFUSERS_CHECKOUT` names): the committed docstrings are all what
repo-lint generates (the 154 static ones), the 120 others are MPB002 and the stray marker is MPB003; an edited
`InputParam` description is reported on exactly the classes whose docstrings show it (a leaf and the composite
block containing it, in another file), and regenerating after undoing the edit gives the original bytes back.

Beside Diffusers' own `utils/modular_auto_docstring.py` (run by hand, with torch, torchvision and transformers
installed: see docs/coverage.md) the same edits are reported on the same classes where repo-lint can read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.devtrees import archive_or_skip
from tests.helpers import check_json

pytestmark = pytest.mark.realtree

PACKAGE = "src/diffusers"
STEP = "src/diffusers/modular_pipelines/krea2/before_denoise.py"
BLOCKS = "src/diffusers/modular_pipelines/krea2/modular_blocks_krea2.py"
EXPECTED = {"MPB001": 0, "MPB002": 120, "MPB003": 1}
ORIGINAL = "Per-prompt boolean text mask (B, text_seq_len)."
EDITED = "Per-prompt boolean attention mask (B, text_seq_len)."


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = archive_or_skip("diffusers", [PACKAGE], tmp_path_factory.mktemp("diffusers"))
    (root / "pyproject.toml").write_text('[tool.repo-lint]\npreset = "diffusers"\n')
    return root


def _run(root: Path, *args: str, select: str = "MPB") -> list[dict]:
    # MPB002 is `changed-only` in the preset: naming it on the command line reports it on a full run
    _, findings = check_json(root, "--select", select, "--no-cache", *args)
    return findings


def test_clean_tree(tree):
    findings = _run(tree)
    counts = {code: sum(f["code"] == code for f in findings) for code in EXPECTED}
    assert counts == EXPECTED, [f["message"] for f in findings if f["code"] == "MPB001"]
    blocked = {f["data"].get("blocked_by") for f in findings if f["code"] == "MPB002"}
    assert "LTX2LoopDenoiser" in blocked


def test_edited_description_is_reported_and_fixed_back(tree):
    step, blocks = tree / STEP, tree / BLOCKS
    original = {step: step.read_bytes(), blocks: blocks.read_bytes()}
    declaration = f'description="{ORIGINAL}"'
    assert original[step].count(declaration.encode()) == 2  # Krea2TextInputsStep's and the turbo step's: edit the first
    try:
        step.write_bytes(original[step].replace(declaration.encode(), f'description="{EDITED}"'.encode(), 1))
        stale = {(f["path"], f["data"]["class"]) for f in _run(tree, select="MPB001")}
        assert stale == {(STEP, "Krea2TextInputsStep"), (BLOCKS, "Krea2CoreDenoiseStep")}
        _run(tree, "--fix", select="MPB001")
        assert EDITED in step.read_text() and EDITED in blocks.read_text()
        assert _run(tree, select="MPB001") == []  # idempotent: nothing left to fix
        step.write_bytes(step.read_bytes().replace(f'description="{EDITED}"'.encode(), declaration.encode()))
        assert {f["data"]["class"] for f in _run(tree, select="MPB001")} == {t[1] for t in stale}
        _run(tree, "--fix", select="MPB001")
        assert step.read_bytes() == original[step] and blocks.read_bytes() == original[blocks]
    finally:
        for path, data in original.items():
            path.write_bytes(data)
