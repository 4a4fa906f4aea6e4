"""`repo-lint check --fix` on the released trees leaves no file it changes with more undefined names
(ruff F821, counted per name) than before: a fix that needs an import adds it, or the file is not written."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import check, ruff_undefined_names
from tests.realtrees import fresh_copy, tree_or_skip

pytestmark = [pytest.mark.realtree, pytest.mark.slow]

IDEFICS = [
    "src/transformers/models/idefics2/modeling_idefics2.py",
    "src/transformers/models/idefics3/modeling_idefics3.py",
]
CLIP_IMPORT = "from ..clip.configuration_clip import CLIPTextConfig, CLIPVisionConfig\n"


def python_digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*.py")
        if ".repo-lint-cache" not in p.parts
    }


def total(found: dict[str, Counter]) -> int:
    return sum(sum(names.values()) for names in found.values())


@pytest.mark.parametrize("name", ["transformers", "diffusers"])
def test_fix_leaves_no_new_undefined_name(name, tmp_path):
    tree = tree_or_skip(name)
    root = fresh_copy(tree, tmp_path / name)
    before_digests = python_digests(root)
    result = check(root, "--fix", "--no-cache")
    assert result.returncode in (0, 1), result.stderr
    changed = sorted(p for p, digest in python_digests(root).items() if before_digests.get(p) != digest)
    assert changed, "the released trees have drifted copies: --fix changes files"
    before, after = ruff_undefined_names(tree, changed), ruff_undefined_names(root, changed)
    worse = {path: after[path] - before[path] for path in changed if after[path] - before[path]}
    refused = [line for line in result.stderr.splitlines() if "fix not written: it would leave" in line]
    print(
        f"\n{name}: {len(changed)} .py files changed by --fix, F821 before {total(before)} after {total(after)}, "
        f"{len(refused)} refused"
    )
    assert worse == {}
    if name == "transformers":
        for path in IDEFICS:  # fixed with the import its CLIP source uses, or left alone
            text = (root / path).read_text(encoding="utf-8")
            assert (CLIP_IMPORT in text) if path in changed else (text == (tree / path).read_text(encoding="utf-8"))
