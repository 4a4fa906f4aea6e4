"""AGT on the `.ai/` folder of the Diffusers development tree (pinned files, tests/devtrees.py): nothing on the
clean folder, and each edit below reported at the edited line with the code `utils/check_ai.py` has a message
for (the script itself imports the `diffusers` package, so it is not run here)."""

from __future__ import annotations

import pytest

from tests.devtrees import dev_file_or_skip, diffusers_repository
from tests.helpers import check_json

pytestmark = pytest.mark.realtree

FILES = (
    ".ai/AGENTS.md",
    ".ai/references/code_style.md",
    ".ai/references/models.md",
    ".ai/references/modular.md",
    ".ai/references/pipelines.md",
    ".ai/references/pitfalls.md",
    ".ai/references/review-rules.md",
    ".ai/references/testing.md",
    ".ai/skills/custom-blocks/SKILL.md",
    ".ai/skills/diffusers-cli/SKILL.md",
    ".ai/skills/diffusers-cli/run.md",
    ".ai/skills/model-integration/SKILL.md",
    ".ai/skills/self-review/SKILL.md",
)
CONFIG = '[tool.repo-lint]\npreset = "diffusers"\nselect = ["AGT"]\n'
INTEGRATION = ".ai/skills/model-integration/SKILL.md"

# name -> (file, old text, new text, the expected (code, line) findings in that file)
EDITS = {
    "link-moved": (".ai/AGENTS.md", "(references/code_style.md)", "(references/style.md)", [("AGT002", 58)]),
    "link-climbs-out": (
        INTEGRATION,
        "Implement the model with `from_pretrained` support (conventions: [models.md](references/models.md))",
        "Implement the model with `from_pretrained` support (conventions: [models.md](../../references/models.md))",
        [("AGT001", 32)],
    ),
    "guide-renamed": (
        ".ai/skills/self-review/SKILL.md",
        "`references/review-rules.md` is the canonical rubric",
        "`references/rubric.md` is the canonical rubric",
        [("AGT003", 33)],
    ),
    "sibling-uncited": (
        INTEGRATION,
        "[Modular Diffusers](references/modular.md)|see [modular.md](references/modular.md) for",
        "Modular Diffusers|see the modular guide for",
        [("AGT004", 40), ("AGT004", 90)],  # pipelines.md and testing.md link to modular.md
    ),
    "skill-renamed": (".ai/skills/diffusers-cli/SKILL.md", "name: diffusers-cli", "name: cli", [("AGT005", 2)]),
    "sibling-file-moved": (
        ".ai/skills/diffusers-cli/run.md",
        "[`SKILL.md`](SKILL.md)",
        "[`SKILL.md`](skill.md)",
        [("AGT002", 4)],
    ),
}


@pytest.fixture(scope="module")
def guides():
    return {path: dev_file_or_skip("diffusers", path).read_text(encoding="utf-8") for path in FILES}


def _repository(tmp_path, files: dict[str, str]):
    return diffusers_repository(tmp_path / "diffusers", CONFIG, files)


def test_the_clean_guides_pass(tmp_path, guides):
    _, findings = check_json(_repository(tmp_path, guides))
    assert findings == []


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_is_reported_where_it_is(tmp_path, guides, name):
    path, old, new, expected = EDITS[name]
    text = guides[path]
    for before, after in zip(old.split("|"), new.split("|"), strict=True):
        assert before in text, before
        text = text.replace(before, after)
    _, findings = check_json(_repository(tmp_path, {**guides, path: text}))
    assert sorted((f["code"], f["line"]) for f in findings) == expected
    assert {f["path"] for f in findings} == {path}
