"""STR: the fact extractors, the class hierarchy, the presets on scratch trees and the released trees."""

from __future__ import annotations

import textwrap

import pytest
from repo_lint.checks.structure.facts import (
    FileStructure,
    _undecorated,
    read_model_classes,
    read_model_structure,
    read_structure,
)
from repo_lint.checks.structure.hierarchy import Hierarchy

from repo_lint.facts.classes import ClassFact
from repo_lint.parsing import Unparsable
from tests.helpers import check_json, run_cli, write

MODEL_FILE = textwrap.dedent(
    """\
    from torch import nn


    @auto_docstring
    class AcmePreTrainedModel(PreTrainedModel):
        config: AcmeConfig | AcmeTextConfig
        base_model_prefix = "acme"


    class AcmeModel(
        AcmePreTrainedModel,
    ):
        config_class = configs.AcmeConfig

        def __init__(self, config, **kwargs):
            super().__init__(config, **kwargs)
            if config.extra:
                self.extra = nn.Linear(2, 2)
            else:
                self.post_init()

        @can_return_tuple
        def forward(
            self,
            input_ids: torch.Tensor | None = None,
            **kwargs: Unpack[TransformersKwargs],
        ) -> tuple | BaseModelOutput:
            return input_ids


    class AcmeLayer(nn.Module):
        def __init__(self, config):
            super().__init__()
            # self.post_init() is only a comment here
            self.layer = nn.Linear(2, 2)

        def forward(self, hidden_states):
            return self.layer(hidden_states)
    """
)


def test_read_structure_reads_headers_attributes_and_methods():
    structure = read_structure(MODEL_FILE)
    pretrained, model, layer = structure.classes
    assert (pretrained.name, pretrained.line, pretrained.bases, pretrained.decorators) == (
        "AcmePreTrainedModel",
        5,
        ("PreTrainedModel",),
        ("auto_docstring",),
    )
    assert pretrained.attributes["config"].annotation == ("AcmeConfig", "AcmeTextConfig")
    prefix = pretrained.attributes["base_model_prefix"]
    assert (prefix.value, prefix.is_string, prefix.line, prefix.column) == ("acme", True, 7, 5)
    assert model.bases == ("AcmePreTrainedModel",) and model.attributes["config_class"].value == "configs.AcmeConfig"
    init = model.methods["__init__"]
    assert (init.line, init.var_keyword, init.calls_post_init, init.forwards_kwargs) == (15, "kwargs", True, True)
    forward = model.methods["forward"]
    assert (forward.line, forward.var_keyword, forward.decorators) == (23, "kwargs", ("can_return_tuple",))
    assert not layer.methods["__init__"].calls_post_init  # a comment is not a call
    assert layer.methods["forward"].var_keyword is None


def test_model_reader_gives_the_same_facts_as_the_full_parse():
    full = read_structure(MODEL_FILE)
    assert read_model_structure(MODEL_FILE) == FileStructure(tuple(_undecorated(c) for c in full.classes))


def test_model_reader_falls_back_to_a_full_parse_on_odd_layouts():
    # A string at column 0 inside `__init__` ends the piece the scan cuts out; the full parse takes over.
    text = (
        'class AcmeModel(AcmePreTrainedModel):\n    def __init__(self, config):\n        doc = """\nx\n"""\n'
        "        self.post_init()\n"
    )
    fast = read_model_structure(text)
    assert fast.classes[0].methods["__init__"].calls_post_init
    assert fast == FileStructure(tuple(_undecorated(c) for c in read_structure(text).classes))


def test_unparsable_file_gives_an_error_not_a_crash():
    assert isinstance(read_structure("class A(:\n"), Unparsable)
    assert isinstance(read_model_structure("class A(:\n    pass\n"), Unparsable)


def _fact(name: str, *bases: str) -> ClassFact:
    return ClassFact(name, bases, None, 1)


def test_hierarchy_counts_model_file_classes_only():
    index = {
        "PreTrainedModel": [("lib/modeling_utils.py", _fact("PreTrainedModel", "Module"))],
        "AudioBase": [("lib/modeling_utils.py", _fact("AudioBase", "PreTrainedModel"))],
        "APreTrainedModel": [("m/a.py", _fact("APreTrainedModel", "AudioBase"))],
        "AModel": [("m/a.py", _fact("AModel", "APreTrainedModel", "Mixin"))],
        "ABackbone": [("m/a.py", _fact("ABackbone", "AModel"))],
        "Loop": [("m/a.py", _fact("Loop", "Loop2"))],
        "Loop2": [("m/a.py", _fact("Loop2", "Loop"))],
    }
    hierarchy = Hierarchy(index, {"PreTrainedModel"}, {"m/a.py"})
    assert hierarchy.level("APreTrainedModel", "m/a.py") == 1  # AudioBase is library code: level 0
    assert hierarchy.chain("ABackbone", "m/a.py") == ("ABackbone", "AModel", "APreTrainedModel", "AudioBase")
    assert hierarchy.level("Loop", "m/a.py") is None
    assert hierarchy.level("Mixin", "m/a.py") is None


def test_hierarchy_prefers_the_local_definition_then_the_shortest_chain():
    index = {
        "Base": [("m/a.py", _fact("Base", "PreTrainedModel")), ("m/b.py", _fact("Base", "Other"))],
        "Other": [("m/b.py", _fact("Other", "PreTrainedModel"))],
        "Child": [("m/b.py", _fact("Child", "Base")), ("m/c.py", _fact("Child", "Base"))],
    }
    hierarchy = Hierarchy(index, {"PreTrainedModel"}, {"m/a.py", "m/b.py", "m/c.py"})
    assert hierarchy.level("Child", "m/b.py") == 3  # its own file's Base -> Other -> PreTrainedModel
    assert hierarchy.level("Child", "m/c.py") == 2  # Base is ambiguous from c.py: the shortest chain wins


def _scratch_diffusers(root) -> None:
    write(root, "pyproject.toml", '[tool.repo-lint]\npreset = "diffusers"\nselect = ["STR"]\n')
    write(root, "src/diffusers/__init__.py", "")
    write(
        root,
        "src/diffusers/models/modeling_utils.py",
        "class ModelMixin(nn.Module):\n    pass\n\n\nclass LegacyModelMixin(ModelMixin):\n    pass\n",
    )
    write(
        root,
        "src/diffusers/models/unets/unet_acme.py",
        "class UNetAcmeModel(LegacyModelMixin, ConfigMixin):\n"
        "    def __init__(self, sample_size=64):\n        super().__init__()\n\n"
        "    def forward(self, sample):\n        return sample\n",
    )


def test_diffusers_preset_is_silent_on_conventional_models(tmp_path):
    _scratch_diffusers(tmp_path)
    assert check_json(tmp_path)[1] == []


def test_diffusers_preset_reports_sequential_and_deep_models(tmp_path):
    _scratch_diffusers(tmp_path)
    write(
        tmp_path,
        "src/diffusers/models/unets/unet_deep.py",
        "class UNetDeepModel(UNetAcmeModel):\n    pass\n\n\nclass UNetDeeperModel(UNetDeepModel):\n    pass\n\n\n"
        "class Blocks(nn.Sequential):\n    pass\n",
    )
    findings = check_json(tmp_path)[1]
    got = sorted((f["code"], f["line"], f["data"]["class"]) for f in findings)
    assert got == [("STR004", 5, "UNetDeeperModel"), ("STR005", 9, "Blocks")]


def test_exempt_option_silences_one_rule_for_one_class(tmp_path):
    write(
        tmp_path,
        "pyproject.toml",
        '[tool.repo-lint]\npackage = "pkg"\nsource = "src/pkg"\nselect = ["STR"]\n'
        '[tool.repo-lint.structure]\nexempt = { STR008 = ["AcmeModel"] }\n',
    )
    write(
        tmp_path,
        "src/pkg/models/acme/modeling_acme.py",
        "class AcmePreTrainedModel(PreTrainedModel):\n    config: AcmeConfig\n\n\n"
        "class AcmeModel(AcmePreTrainedModel):\n    def forward(self, x):\n        return x\n\n\n"
        "class AcmeOtherModel(AcmePreTrainedModel):\n    def forward(self, x):\n        return x\n",
    )
    findings = check_json(tmp_path)[1]
    assert [(f["code"], f["data"]["class"]) for f in findings] == [("STR008", "AcmeOtherModel")]


# --- the released trees ----------------------------------------------------------------------------------


def _keyed(findings: list[dict]) -> set[tuple[str, str, str]]:
    return {(f["code"], f["path"], f["data"]["class"]) for f in findings}


@pytest.mark.realtree
@pytest.mark.slow
def test_transformers_findings_are_exactly_the_listed_defects():
    from tests.realtree_expected_structure import TRANSFORMERS
    from tests.realtrees import lint_json, tree_or_skip

    findings = lint_json(tree_or_skip("transformers"), "--select", "STR", "--ignore", "STR010")
    assert len(findings) == len(_keyed(findings))  # one finding per rule and class
    assert _keyed(findings) == set(TRANSFORMERS)


@pytest.mark.realtree
def test_transformers_unread_config_arguments_are_those_the_script_reports():
    from tests.realtree_expected_structure import STR010_TRANSFORMERS
    from tests.realtrees import lint_json, tree_or_skip

    findings = lint_json(tree_or_skip("transformers"), "--select", "STR010")
    pairs = [(f["data"]["class"], f["data"]["argument"]) for f in findings]
    assert len(pairs) == len(set(pairs)) and set(pairs) == STR010_TRANSFORMERS


@pytest.mark.realtree
def test_diffusers_has_no_structure_findings():
    from tests.realtree_expected_structure import DIFFUSERS
    from tests.realtrees import lint_json, tree_or_skip

    # STR013 (a class no test imports) is the preset's `changed-only` business: naming STR on the command line
    # would report it for every older class of the release
    assert _keyed(lint_json(tree_or_skip("diffusers"), "--select", "STR", "--ignore", "STR013")) == set(DIFFUSERS)


@pytest.mark.realtree
def test_model_reader_matches_the_full_parse_on_real_modeling_files():
    from tests.realtrees import tree_or_skip

    tree = tree_or_skip("transformers")
    paths = sorted((tree / "src/transformers/models").glob("*/modeling_*.py"))[::9]  # a spread sample
    assert len(paths) > 40
    for path in paths:
        text = path.read_text(encoding="utf-8")
        full = read_structure(text)
        assert read_model_structure(text) == FileStructure(tuple(_undecorated(c) for c in full.classes)), path


def test_model_classes_reader_parses_only_what_looks_like_a_model():
    names = [info.name for info in read_model_classes(MODEL_FILE, "PreTrainedModel").classes]
    assert names == ["AcmePreTrainedModel", "AcmeModel"]  # AcmeLayer(nn.Module) is not parsed
    only = read_model_structure(MODEL_FILE, ("AcmeLayer",))
    assert [info.name for info in only.classes] == ["AcmeLayer"]


@pytest.mark.realtree
def test_parameterized_below_a_decorator_is_moved_first_on_the_released_tree(tmp_path):
    """STR011's fix on the three tests of transformers 5.23.0 that have one: each `@parameterized.expand` becomes
    the first decorator, the other decorators and the code stay, and a second run finds nothing."""
    import ast

    from tests.realtrees import tree_or_skip

    path = "tests/test_processing_common.py"
    original = (tree_or_skip("transformers") / path).read_text(encoding="utf-8")
    write(tmp_path, path, original)
    write(tmp_path, "src/transformers/__init__.py", "")
    write(tmp_path, "pyproject.toml", '[tool.repo-lint]\npreset = "transformers"\nselect = ["STR011"]\n')
    before = check_json(tmp_path)[1]
    assert [f["data"]["class"] for f in before] == [
        "test_apply_chat_template_audio",
        "test_apply_chat_template_decoded_video",
        "test_apply_chat_template_video",
    ]
    run_cli(tmp_path, "check", "--fix")
    fixed = (tmp_path / path).read_text(encoding="utf-8")
    assert check_json(tmp_path)[1] == []

    def decorators(text: str) -> dict[str, list[str]]:
        return {
            node.name: sorted(ast.unparse(d) for d in node.decorator_list)
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef)
        }

    assert decorators(fixed) == decorators(original)
    assert sorted(fixed.splitlines()) == sorted(original.splitlines())  # lines moved, none changed


def test_config_reads_match_the_reference_text_search():
    """STR010's reads of a folder: `config.<name>` as a text match (a prefix, also inside `sub_config.<name>`),
    `getattr(config, "name")` with spaces and line breaks, `config.get_text_config().<name>` for text configs."""
    from repo_lint.checks.structure.config_attributes import ConfigReads, config_reads_in

    modeling = (
        "x = self.config.vision_config.hidden_size_per_head\n"
        'y = getattr(\n    self.config,\n    "rope_theta", None)\n'
        "z = config.get_text_config().vocab_size\n"
    )
    reads = ConfigReads.of([config_reads_in(modeling), config_reads_in("w = config.layer_norm_eps\n")])
    assert reads.reads(["vision_config"], text_config=False)
    assert reads.reads(["hidden_size"], text_config=False)  # `config.hidden_size_per_head`, inside the nested read
    assert reads.reads(["rope_theta"], text_config=False)
    assert reads.reads(["layer_norm_eps"], text_config=False)
    assert not reads.reads(["rope"], text_config=False)  # getattr names are whole names
    assert not reads.reads(["intermediate_size"], text_config=False)
    assert reads.reads(["vocab_size"], text_config=True) and reads.reads(["vocab"], text_config=True)
    assert reads.reads(["get_text_config"], text_config=False)  # `config.get_text_config` is a text match too
