"""TOC010 with the `diffusers` preset on the Diffusers development tree's five support-list pages and their
modules, beside its own `utils/check_support_list.py` (read from the same commit and run as a separate process on
the same files; it only reads them with regular expressions): both pass on the clean files, and each edit below
(a class added, an `[[autodoc]]` line removed, on each of the five pages) is reported by both, naming the same
class, repo-lint at the class statement."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.devtrees import dev_file_or_skip, diffusers_repository
from tests.helpers import check_json

pytestmark = pytest.mark.realtree

SCRIPT = "utils/check_support_list.py"
API = "docs/source/en/api/"
MODELS = "src/diffusers/models/"
FILES = (
    API + "attnprocessor.md",
    API + "image_processor.md",
    API + "activations.md",
    API + "normalization.md",
    API + "loaders/lora.md",
    MODELS + "attention_processor.py",
    MODELS + "activations.py",
    MODELS + "normalization.py",
    "src/diffusers/image_processor.py",
    "src/diffusers/loaders/lora_pipeline.py",
)
CONFIG = '[tool.repo-lint]\npreset = "diffusers"\nselect = ["TOC010"]\n'


def _drop_autodoc(page: str, name: str):
    def edit(files: dict[str, str]) -> None:
        lines = files[page].splitlines(keepends=True)
        hits = [i for i, line in enumerate(lines) if re.fullmatch(rf"\[\[autodoc\]\] \S*\.{name}\s*", line)]
        assert hits, name
        del lines[hits[0]]
        files[page] = "".join(lines)

    return edit


def _add_class(module: str, header: str):
    def edit(files: dict[str, str]) -> None:
        files[module] += f"\n\n{header}\n    pass\n"

    return edit


# edit name -> (edit, the class both must name)
EDITS = {
    "processor-undocumented": (_drop_autodoc(API + "attnprocessor.md", "AttnProcessor2_0"), "AttnProcessor2_0"),
    "processor-added": (_add_class(MODELS + "attention_processor.py", "class NewAttnProcessor:"), "NewAttnProcessor"),
    "activation-added": (_add_class(MODELS + "activations.py", "class FancyGELU(nn.Module):"), "FancyGELU"),
    "norm-undocumented": (_drop_autodoc(API + "normalization.md", "AdaLayerNorm"), "AdaLayerNorm"),
    "lora-undocumented": (
        _drop_autodoc(API + "loaders/lora.md", "StableDiffusionLoraLoaderMixin"),
        "StableDiffusionLoraLoaderMixin",
    ),
    "image-processor-undocumented": (
        _drop_autodoc(API + "image_processor.md", "VaeImageProcessor"),
        "VaeImageProcessor",
    ),
}


@pytest.fixture(scope="module")
def clean_files() -> dict[str, str]:
    return {path: dev_file_or_skip("diffusers", path).read_text(encoding="utf-8") for path in (*FILES, SCRIPT)}


def _repository(tmp_path, files: dict[str, str]):
    return diffusers_repository(tmp_path / "diffusers", CONFIG, files)


def _script_names(root) -> list[str]:
    """The classes the reference script says are undocumented (none when it passes)."""
    done = subprocess.run([sys.executable, SCRIPT], cwd=root, capture_output=True, text=True, timeout=120)
    if done.returncode == 0:
        return []
    listed = re.findall(r"^- [^:]+: (.+)$", done.stderr, re.MULTILINE)
    assert listed, done.stderr  # it failed for another reason than a finding
    return sorted(name for line in listed for name in line.split(", "))


def test_the_clean_pages_pass_both(tmp_path, clean_files):
    root = _repository(tmp_path, clean_files)
    _, findings = check_json(root)
    assert findings == []
    assert _script_names(root) == []


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_is_reported_by_both(tmp_path, clean_files, name):
    edit, missing = EDITS[name]
    files = dict(clean_files)
    edit(files)
    root = _repository(tmp_path, files)
    assert _script_names(root) == [missing]
    _, findings = check_json(root)
    assert [(f["code"], f["data"]["name"]) for f in findings] == [("TOC010", missing)]
    source = (root / findings[0]["path"]).read_text(encoding="utf-8").splitlines()
    assert re.match(rf"class {missing}\b", source[findings[0]["line"] - 1])
