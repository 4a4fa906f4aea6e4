"""TOC001/TOC002 with the `diffusers` preset on the Diffusers development tree's `_toctree.yml`, beside its own
`utils/check_doc_toc.py` (read from the same commit and run as a separate process on the same files): both pass
on the clean file; each edit below is reported by repo-lint at the edited entry, the script fails on it too
(but where said), and `--fix` gives a file the script accepts, byte-identical to the clean one when the edit
only moved or repeated entries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.devtrees import dev_file_or_skip, diffusers_repository
from tests.helpers import check_json, run_cli

pytestmark = pytest.mark.realtree

TOCTREE = "docs/source/en/_toctree.yml"
SCRIPT = "utils/check_doc_toc.py"
CONFIG = '[tool.repo-lint]\npreset = "diffusers"\nselect = ["TOC"]\n'


def _block(lines: list[str], item: str) -> tuple[int, int]:
    """The lines (0-based, half-open) of the list item `item` (its title, `@n` for the title's n-th use, from
    0): its `- ` line and the deeper ones."""
    title, _, occurrence = item.partition("@")
    found = [index for index, line in enumerate(lines) if line.strip() == f"title: {title}"]
    assert found, f"no item titled {title!r}"
    index = found[int(occurrence or 0)]
    depth = _indent(lines[index]) - 2  # the `- ` of the item is two columns left of its keys
    start = index
    while not (lines[start].lstrip().startswith("- ") and _indent(lines[start]) == depth):
        start -= 1
    end = start + 1
    while end < len(lines) and _indent(lines[end]) > depth:
        end += 1
    return start, end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _swap(first: str, second: str):
    """The edit that exchanges the blocks of two items of the same list (`first` comes first)."""

    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)
        (a, b), (c, d) = _block(lines, first), _block(lines, second)
        assert b <= c, (first, second)
        return "".join(lines[:a] + lines[c:d] + lines[b:c] + lines[a:b] + lines[d:])

    return edit


def _repeat(title: str, new_title: str | None = None):
    """The edit that lists the item `title` again right after itself (under `new_title` when given)."""

    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)
        start, end = _block(lines, title)
        copy = lines[start:end]
        if new_title is not None:
            copy = [line.replace(f"title: {title}", f"title: {new_title}") for line in copy]
        return "".join(lines[:end] + copy + lines[end:])

    return edit


def _retitle(title: str, new_title: str):
    return lambda text: text.replace(f"title: {title}\n", f"title: {new_title}\n", 1)


# (edit, the item the finding is at, its code, the script fails too, --fix gives back the clean file)
EDITS = {
    "schedulers-swapped": (_swap("DDIMScheduler", "DDPMScheduler"), "DDPMScheduler", "TOC001", True, True),
    "schedulers-overview-moved": (
        _swap("Overview@5", "BlockRefinementScheduler"),
        "BlockRefinementScheduler",
        "TOC001",
        True,
        True,
    ),
    "pipelines-in-a-sub-section": (_swap("Motif-Video", "SkyReels-V2"), "SkyReels-V2", "TOC001", True, True),
    "pipelines-sub-sections": (_swap("Image", "Text"), "Text", "TOC001", True, True),
    "autopipeline-after-a-sub-section": (_swap("AutoPipeline@1", "Audio"), "Audio", "TOC001", True, True),
    "models-in-a-sub-section": (
        _swap("ControlNetModel", "ControlNetUnionModel"),
        "ControlNetUnionModel",
        "TOC001",
        True,
        True,
    ),
    "models-sub-sections": (_swap("ControlNets", "Transformers"), "Transformers", "TOC001", True, True),
    "scheduler-repeated": (_repeat("PNDMScheduler"), "PNDMScheduler@1", "TOC002", True, True),
    "scheduler-repeated-other-title": (
        _repeat("PNDMScheduler", "PNDMScheduler (2)"),
        "PNDMScheduler (2)",
        "TOC002",
        True,
        False,
    ),
    "scheduler-retitled": (_retitle("DDIMScheduler", "ZDDIMScheduler"), "ZDDIMScheduler", "TOC001", True, False),
}


@pytest.fixture(scope="module")
def clean_tree():
    return dev_file_or_skip("diffusers", TOCTREE).read_text(encoding="utf-8"), dev_file_or_skip(
        "diffusers", SCRIPT
    ).read_text(encoding="utf-8")


def _repository(tmp_path, toctree: str, script: str):
    return diffusers_repository(tmp_path / "diffusers", CONFIG, {TOCTREE: toctree, SCRIPT: script})


def _script_passes(root) -> bool:
    """The reference script's verdict (it only reads the toctree, with PyYAML)."""
    done = subprocess.run([sys.executable, SCRIPT], cwd=root, capture_output=True, text=True, timeout=120)
    return done.returncode == 0


def test_the_clean_toctree_passes_both(tmp_path, clean_tree):
    root = _repository(tmp_path, *clean_tree)
    _, findings = check_json(root)
    assert findings == []
    assert _script_passes(root)


def test_a_part_the_toctree_lacks_is_reported(tmp_path, clean_tree):
    toctree, script = clean_tree
    root = _repository(tmp_path, toctree.replace("title: Schedulers\n", "title: Scheduling\n"), script)
    _, findings = check_json(root)
    assert [(f["code"], f["line"]) for f in findings] == [("TOC001", 1)]
    assert "`API / Schedulers` part" in findings[0]["message"]


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_is_reported_where_it_is_and_fixed(tmp_path, clean_tree, name):
    edit, title, code, script_fails, restores = EDITS[name]
    toctree, script = clean_tree
    edited = edit(toctree)
    assert edited != toctree
    root = _repository(tmp_path, edited, script)
    assert _script_passes(root) is not script_fails
    _, findings = check_json(root)
    assert {f["code"] for f in findings} == {code}, findings
    start, _ = _block(edited.splitlines(keepends=True), title)
    assert start + 1 in [f["line"] for f in findings]
    run_cli(root, "check", "--fix")
    fixed = (root / TOCTREE).read_text(encoding="utf-8")
    _, after = check_json(root)
    if name == "scheduler-repeated-other-title":
        assert fixed == edited and [f["code"] for f in after] == ["TOC002"]  # which title is right: not guessed
        return
    assert after == [] and _script_passes(root)
    if restores:
        assert fixed == toctree
