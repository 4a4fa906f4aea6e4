"""AUT on the released trees, and the custom-model fixture through the CLI.

Clean transformers 5.23.0 gives exactly the findings below, each a real defect; clean diffusers 0.42.1
gives none. Seeded mutations (an unsorted entry, a key missing from the config mapping, a misspelled
class, a changed `model_type`) are each reported, and the sorting fix restores the original bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.realtrees import edit_file as edit  # noqa: E402
from tests.realtrees import fresh_copy  # noqa: E402
from tests.realtrees import lint_json as lint  # noqa: E402
from tests.realtrees import tree_or_skip as tree  # noqa: E402

AUTO = "src/transformers/models/auto"
_STALE_TOKENIZER = (
    "the tokenizer mapping names a class that no module defines (only docstrings mention it), so "
    "`tokenizer_class_from_name` cannot find it and AutoTokenizer falls back silently"
)
TRANSFORMERS_FINDINGS = {
    (
        "AUT005",
        f"{AUTO}/configuration_auto.py",
        "gpt-sw3",
    ): "`gpt-sw3` maps to `GPT2Config`, whose model_type is `gpt2` (the source carries a TODO to remove it)",
    ("AUT003", f"{AUTO}/tokenization_auto.py", "led"): _STALE_TOKENIZER,
    ("AUT003", f"{AUTO}/tokenization_auto.py", "lighton_ocr"): _STALE_TOKENIZER,
    ("AUT003", f"{AUTO}/tokenization_auto.py", "lxmert"): _STALE_TOKENIZER,
    ("AUT003", f"{AUTO}/tokenization_auto.py", "mvp"): _STALE_TOKENIZER,
    ("AUT003", f"{AUTO}/tokenization_auto.py", "vibevoice"): _STALE_TOKENIZER,
}
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "custom_model"


def keyed(findings: list[dict]) -> set[tuple[str, str, str]]:
    return {(d["code"], d["path"], d["data"].get("key")) for d in findings}


@pytest.mark.realtree
def test_clean_transformers_findings_are_the_known_real_defects():
    assert keyed(lint(tree("transformers"), "--select", "AUT")) == set(TRANSFORMERS_FINDINGS)


@pytest.mark.realtree
def test_clean_diffusers_has_no_finding():
    assert lint(tree("diffusers"), "--select", "AUT") == []


@pytest.mark.realtree
def test_diffusers_auto_pipeline_mappings_are_read(tmp_path):
    root = fresh_copy(tree("diffusers"), tmp_path / "diffusers")
    edit(
        root,
        "src/diffusers/pipelines/auto_pipeline.py",
        '("kandinsky", KandinskyPipeline)',
        '("kandinsky", KandinskyPipelin)',
    )
    assert keyed(lint(root, "--select", "AUT")) == {("AUT003", "src/diffusers/pipelines/auto_pipeline.py", "kandinsky")}


@pytest.mark.realtree
def test_transformers_mutations(tmp_path):
    clean = tree("transformers")
    root = fresh_copy(clean, tmp_path / "transformers")
    modeling_auto = f"{AUTO}/modeling_auto.py"
    edit(
        root,
        modeling_auto,
        '        ("albert", "AlbertModel"),\n        ("align", "AlignModel"),\n',
        '        ("align", "AlignModel"),\n        ("albert", "AlbertModel"),\n',
    )  # unsorted
    edit(root, modeling_auto, '("bert", "BertModel")', '("bret", "BertModel")')  # not a config key
    edit(root, modeling_auto, '("bart", "BartModel")', '("bart", "BartModle")')  # misspelled class
    edit(root, "src/transformers/models/bert/configuration_bert.py", 'model_type = "bert"', 'model_type = "bert2"')
    edit(root, modeling_auto, '        ("xlm-roberta", "XLMRobertaForMultipleChoice"),\n', "")  # in no mapping now
    findings = lint(root, "--select", "AUT")
    found = keyed(findings) - set(TRANSFORMERS_FINDINGS)
    assert any(d["code"] == "AUT004" and d["data"]["class"] == "XLMRobertaForMultipleChoice" for d in findings)
    assert ("AUT001", modeling_auto, None) in {(c, p, None) for c, p, _ in found if c == "AUT001"}
    assert ("AUT002", modeling_auto, "bret") in found
    assert ("AUT003", modeling_auto, "bart") in found
    assert ("AUT005", f"{AUTO}/auto_mappings.py", "bert") in found
    # the sorting fix gives back the original order, byte for byte, and nothing else moves
    edit(root, modeling_auto, '("bret", "BertModel")', '("bert", "BertModel")')
    edit(root, modeling_auto, '("bart", "BartModle")', '("bart", "BartModel")')
    (root / modeling_auto).write_text(
        (root / modeling_auto)
        .read_text()
        .replace(
            '        ("xlnet", "XLNetForMultipleChoice"),\n',
            '        ("xlm-roberta", "XLMRobertaForMultipleChoice"),\n        ("xlnet", "XLNetForMultipleChoice"),\n',
            1,
        )
    )
    lint(root, "--select", "AUT001", "--fix")
    assert (root / modeling_auto).read_bytes() == (clean / modeling_auto).read_bytes()


@pytest.mark.realtree
def test_generated_mappings_follow_the_model_folders(tmp_path):
    """AUT008 on transformers 5.23.0: the shipped `auto_mappings.py` is what the model folders generate (no
    finding); an entry removed from it, a `model_type` changed and a new feature extractor are each reported; the
    fix of the removed entry gives back the shipped bytes, and after each fix a second run is clean."""
    clean = tree("transformers")
    generated = f"{AUTO}/auto_mappings.py"
    assert lint(clean, "--select", "AUT008") == []
    root = fresh_copy(clean, tmp_path / "transformers")
    edit(root, generated, '        ("llama", "LlamaConfig"),\n', "")
    findings = lint(root, "--select", "AUT008")
    assert [(d["path"], d["data"]["mapping"]) for d in findings] == [(generated, "CONFIG_MAPPING_NAMES")]
    assert "lacks `'llama'`: `LlamaConfig`" in findings[0]["message"]
    lint(root, "--select", "AUT008", "--fix")
    assert (root / generated).read_bytes() == (clean / generated).read_bytes()

    edit(root, "src/transformers/models/gemma/configuration_gemma.py", 'model_type = "gemma"', 'model_type = "gemma-x"')
    (root / "src/transformers/models/mistral/feature_extraction_mistral.py").write_text(
        "class MistralFeatureExtractor(SequenceFeatureExtractor):\n    pass\n"
    )
    findings = lint(root, "--select", "AUT008")
    assert {d["data"]["mapping"] for d in findings} == {
        "CONFIG_MAPPING_NAMES",
        "SPECIAL_MODEL_TYPE_TO_MODULE_NAME",
        "FEATURE_EXTRACTOR_MAPPING_NAMES",
    }
    lint(root, "--select", "AUT008", "--fix")
    assert lint(root, "--select", "AUT008") == []
    text = (root / generated).read_text(encoding="utf-8")
    assert '("gemma-x", "GemmaConfig")' in text and '("mistral", "MistralFeatureExtractor")' in text
