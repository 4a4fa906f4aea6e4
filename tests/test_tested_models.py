"""STR012 (every model class tested by its test module): the reading of test modules, and the Transformers
development tree (the fork `8b-is/transformers` at its pinned commit, from the git folder named by
`REPO_LINT_TRANSFORMERS_CHECKOUT`; skipped, saying why, without it): clean, and six edits each reported where
`utils/check_repo.py` would fail on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from repo_lint.checks.structure.tested_models import model_testers
from repo_lint.checks.structure.tested_models import tested_classes as classes_tested

from tests.devtrees import archive_or_skip
from tests.realtrees import lint_json

TESTERS = model_testers(
    {"CausalLMModelTester": ["causal_lm_class=ForCausalLM", "sequence_classification_class=ForSequenceClassification"]}
)


def test_all_model_classes_in_any_layout():
    text = (
        "class ATest:\n    all_model_classes = (\n        (\n            AModel,\n            AForX,\n        )\n"
        "        if is_torch_available()\n        else ()\n    )\n\n\n"
        "class BTest:\n    all_model_classes = (BModel,) if is_torch_available() else ()\n"
    )
    assert classes_tested(text, TESTERS) == {"AModel", "AForX", "BModel"}


def test_a_causal_lm_tester_tests_what_it_infers_and_what_it_names():
    text = (
        "class LlamaModelTester(CausalLMModelTester):\n"
        "    if is_torch_available():\n        base_model_class = LlamaModel if is_torch_available() else None\n"
        "    sequence_classification_class = LlamaForScoring\n"
    )
    assert classes_tested(text, TESTERS) == {"LlamaModel", "LlamaForCausalLM", "LlamaForScoring"}


def test_an_attribute_set_to_none_tests_nothing():
    text = (
        "class LlamaModelTester(CausalLMModelTester):\n    base_model_class = LlamaModel\n    causal_lm_class = None\n"
    )
    assert classes_tested(text, TESTERS) == {"LlamaModel", "LlamaForSequenceClassification"}


def test_a_module_without_tests_tests_nothing_and_bad_syntax_is_unreadable():
    assert classes_tested("class ATest(unittest.TestCase):\n    pass\n", TESTERS) == frozenset()
    assert classes_tested("class (:\n", TESTERS) is None


# --- the development tree ------------------------------------------------------------------------------------

M = "src/transformers/models/"
EDITS = {
    "left-out": ("tests/models/bert/test_modeling_bert.py", "            BertForMaskedLM,\n", "", "BertForMaskedLM"),
    "tester-none": (
        "tests/models/llama/test_modeling_llama.py",
        "        base_model_class = LlamaModel\n",
        "        base_model_class = LlamaModel\n        causal_lm_class = None\n",
        "LlamaForCausalLM",
    ),
    "new-head": (
        M + "mistral/modeling_mistral.py",
        "\n\n__all__",
        "\n\nclass MistralForFoo(MistralPreTrainedModel):\n    pass\n\n\n__all__",
        "MistralForFoo",
    ),
    "no-common-tests": (
        "tests/models/vit/test_modeling_vit.py",
        "all_model_classes = (",
        "classes = (",
        "modeling_vit",
    ),
}


@pytest.fixture(scope="module")
def transformers_tree(tmp_path_factory) -> Path:
    root = archive_or_skip("transformers", ["src/transformers", "tests"], tmp_path_factory.mktemp("transformers"))
    (root / "pyproject.toml").write_text('[tool.repo-lint]\npreset = "transformers"\nselect = ["STR012"]\n')
    return root


def _findings(root: Path) -> list[dict]:
    return lint_json(root, "--no-cache")


@pytest.mark.realtree
@pytest.mark.slow
def test_the_development_tree_tests_every_model(transformers_tree):
    assert _findings(transformers_tree) == []


@pytest.mark.realtree
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_untested_model_is_reported(transformers_tree, name):
    path, old, new, expected = EDITS[name]
    file = transformers_tree / path
    original = file.read_text(encoding="utf-8")
    assert old in original
    try:
        file.write_text(original.replace(old, new, 1), encoding="utf-8")
        assert [f["data"]["class"] for f in _findings(transformers_tree)] == [expected]
    finally:
        file.write_text(original, encoding="utf-8")


def test_a_class_without_test_is_reported_for_changed_files_only(tmp_path):
    """STR013 as the `diffusers` preset runs it (`changed-only`): a full run leaves the old untested class alone; a
    run on the changed files reports the new one, not once a test imports it."""
    from tests.helpers import check_json, run_cli, write

    write(tmp_path, "pyproject.toml", '[tool.repo-lint]\npreset = "diffusers"\nselect = ["STR013"]\n')
    write(tmp_path, "src/diffusers/__init__.py", "")
    old = "src/diffusers/schedulers/scheduling_old.py"
    new = "src/diffusers/pipelines/acme/pipeline_acme.py"
    write(tmp_path, old, "class OldScheduler(SchedulerMixin, ConfigMixin):\n    pass\n")
    write(tmp_path, new, "class AcmePipeline(DiffusionPipeline):\n    pass\n")
    write(tmp_path, "tests/test_other.py", "from diffusers import OtherPipeline\n")
    assert check_json(tmp_path)[1] == []
    full = run_cli(tmp_path, "check", "-v")
    assert "STR013 applies to changed files only" in full.stdout + full.stderr
    _, findings = check_json(tmp_path, "--changed-files", new)
    assert [(f["code"], f["path"], f["data"]["class"]) for f in findings] == [("STR013", new, "AcmePipeline")]
    write(tmp_path, "tests/pipelines/test_acme.py", "from diffusers import AcmePipeline\n")
    assert check_json(tmp_path, "--changed-files", new)[1] == []
