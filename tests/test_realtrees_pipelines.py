"""PIP on the released transformers 5.23.0 tree (the `transformers` preset): the clean tree gives nothing, and
each seeded mutation of the task table, of `pipeline()` or of its generated overloads is reported at the line
where the overloads go wrong; `--fix` gives back the released bytes when the mutation was in the overloads, and a
file the next run accepts otherwise."""

from __future__ import annotations

import pytest

from tests.helpers import run_cli
from tests.realtrees import edit_file, fresh_copy, lint_json, tree_or_skip

pytestmark = pytest.mark.realtree

PIPELINES = "src/transformers/pipelines/__init__.py"
FILL_MASK = 'def pipeline(task: Literal["fill-mask"]'
IMAGE_CLASSIFICATION = 'def pipeline(task: Literal["image-classification"]'


@pytest.fixture(scope="module")
def released():
    return tree_or_skip("transformers")


def _overload_of(text: str, start: str) -> str:
    """The two lines `@overload` + `def pipeline(...)` of the overload whose `def` line starts with `start`."""
    at = text.index(start)
    return text[text.rindex("@overload\n", 0, at) : text.index("\n", at) + 1]


def _line(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def test_the_clean_tree_has_no_finding(released):
    assert lint_json(released, "--select", "PIP") == []


def _removed(text: str) -> str:
    return text.replace(_overload_of(text, FILL_MASK), "", 1)


def _swapped(text: str) -> str:
    fill, image = (
        _overload_of(text, FILL_MASK),
        _overload_of(text, 'def pipeline(task: Literal["image-classification"]'),
    )
    return text.replace(fill + image, image + fill, 1)


def _task_added(text: str) -> str:
    """A copy of the `fill-mask` entry of the task table under a new task name, before it."""
    start = text.index('    "fill-mask": {\n')
    end = text.index("\n    },\n", start) + len("\n    },\n")
    return text[:start] + text[start:end].replace('"fill-mask"', '"fill-mask-v2"', 1) + text[start:]


def _parameter_added(text: str) -> str:
    return text.replace(
        "    pipeline_class: Any | None = None,\n", "    pipeline_class: Any | None = None,\n    extra: int = 0,\n", 1
    )


def _impl_changed(text: str) -> str:
    return text.replace(
        '"transformers.pipelines.fill_mask.FillMaskPipeline"',
        '"transformers.pipelines.token_classification.TokenClassificationPipeline"',
        1,
    )


def _return_changed(text: str) -> str:
    line = _overload_of(text, FILL_MASK)
    return text.replace(line, line.replace("-> FillMaskPipeline: ...", "-> TokenClassificationPipeline: ..."), 1)


# (mutation, the text at the reported line of the mutated file: the first line that differs from the expected
# overloads, and whether the fix gives back the released bytes)
MUTATIONS = {
    "overload-removed": (_removed, IMAGE_CLASSIFICATION, True),
    "return-type-changed": (_return_changed, FILL_MASK, True),
    "overloads-swapped": (_swapped, IMAGE_CLASSIFICATION, True),
    "task-added": (_task_added, IMAGE_CLASSIFICATION, False),
    "parameter-added": (_parameter_added, "def pipeline(task: Literal[None]", False),
    "impl-changed": (_impl_changed, FILL_MASK, False),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_a_mutation_is_reported_where_the_overloads_go_wrong_and_fixed(released, tmp_path, name):
    mutate, at, restores = MUTATIONS[name]
    root = fresh_copy(released, tmp_path / "transformers")
    original = (root / PIPELINES).read_text(encoding="utf-8")
    mutated = mutate(original)
    assert mutated != original
    (root / PIPELINES).write_text(mutated, encoding="utf-8")
    findings = lint_json(root, "--select", "PIP", "--no-cache")
    assert [(f["code"], f["path"], f["line"]) for f in findings] == [("PIP001", PIPELINES, _line(mutated, at))]
    run_cli(root, "check", "--select", "PIP", "--no-cache", "--fix")
    fixed = (root / PIPELINES).read_text(encoding="utf-8")
    assert (fixed == original) == restores
    assert lint_json(root, "--select", "PIP", "--no-cache") == []


def test_a_task_table_changed_after_its_definition_cannot_be_checked(released, tmp_path):
    root = fresh_copy(released, tmp_path / "transformers")
    edit_file(root, PIPELINES, "\nPIPELINE_REGISTRY = ", '\nSUPPORTED_TASKS["x"] = {}\nPIPELINE_REGISTRY = ')
    findings = lint_json(root, "--select", "PIP", "--no-cache")
    assert [f["code"] for f in findings] == ["PIP003"] and "changed after" in findings[0]["message"]


def test_a_task_missing_from_the_metadata_table(released, tmp_path):
    # the released tree has no `utils/`: a metadata script written beside it, as the development tree has one
    root = fresh_copy(released, tmp_path / "transformers")
    rows = '    ("fill-mask", "MODEL_FOR_MASKED_LM_MAPPING_NAMES", "AutoModelForMaskedLM"),\n'
    (root / "utils").mkdir()
    (root / "utils" / "update_metadata.py").write_text(f"PIPELINE_TAGS_AND_AUTO_MODELS = [\n{rows}]\n")
    findings = [f for f in lint_json(root, "--select", "PIP", "--no-cache") if f["code"] == "PIP002"]
    text = (root / PIPELINES).read_text(encoding="utf-8")
    assert "fill-mask" not in {f["data"]["task"] for f in findings}
    assert {f["data"]["task"]: f["line"] for f in findings}["depth-estimation"] == _line(
        text, '    "depth-estimation": {'
    )
