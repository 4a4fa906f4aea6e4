"""MPB units: the docstring of small synthetic blocks (type names, templates, the framework's composition rules,
the layout and reflow), and what is not static, on an in-memory repository (no engine, no files)."""

from __future__ import annotations

import textwrap

import pytest
from repo_lint.checks.modular_blocks.blocks import Resolver
from repo_lint.checks.modular_blocks.facts import normalise_marker, read_module
from repo_lint.checks.modular_blocks.index import Index, Unresolved
from repo_lint.checks.modular_blocks.judge import generate
from repo_lint.checks.modular_blocks.render import docstring_lines

MARKER = "# auto_docstring"
BASE = "src/pkg/modular_pipelines/"
FRAMEWORK = {
    BASE + "modular_pipeline.py": "\n\n".join(
        f"class {name}:\n    pass\n"
        for name in (
            "ModularPipelineBlocks",
            "SequentialPipelineBlocks",
            "AutoPipelineBlocks",
            "ConditionalPipelineBlocks",
            "LoopSequentialPipelineBlocks",
        )
    ),
    BASE + "modular_pipeline_utils.py": textwrap.dedent(
        """\
        class InputParam:
            pass


        class OutputParam:
            pass


        class ComponentSpec:
            pass


        class ConfigSpec:
            pass


        INPUT_PARAM_TEMPLATES = {
            "strength": {"type_hint": float, "default": 0.3, "description": "How much to change the image."},
            "prompt": {"type_hint": str, "required": True, "description": "The prompt."},
        }
        OUTPUT_PARAM_TEMPLATES = {"latents": {"type_hint": list, "description": "The latents."}}
        """
    ),
}
HEAD = textwrap.dedent(
    """\
    from typing import Any, Optional

    import torch

    from .modular_pipeline import (
        AutoPipelineBlocks,
        LoopSequentialPipelineBlocks,
        ModularPipelineBlocks,
        SequentialPipelineBlocks,
    )
    from .modular_pipeline_utils import ComponentSpec, ConfigSpec, InputParam, OutputParam
    """
)


class MemoryRepo:
    def __init__(self, files: dict[str, str]) -> None:
        self.files = files

    def exists(self, path: str) -> bool:
        return path in self.files

    def facts(self, path, extractor, *args):
        return extractor(self.files[path], *args)


def doc(body: str, name: str) -> str:
    """The generated docstring of class `name` of a module `steps.py` holding HEAD + `body`."""
    files = {**FRAMEWORK, BASE + "steps.py": HEAD + textwrap.dedent(body)}
    index = Index(MemoryRepo(files), "pkg", "src", MARKER)
    module = index.module("pkg.modular_pipelines.steps")
    return "\n".join(generate(Resolver(), module, name))


def leaf(name: str, inputs: str = "[]", outputs: str = "[]", description: str = "", extra: str = "") -> str:
    text = f"class {name}(ModularPipelineBlocks):\n"
    if description:
        text += f"    @property\n    def description(self):\n        return {description!r}\n\n"
    text += f"    @property\n    def inputs(self):\n        return {inputs}\n\n"
    text += f"    @property\n    def intermediate_outputs(self):\n        return {outputs}\n"
    return text + extra + "\n\n"


def test_leaf_layout_and_first_line_indent():
    body = leaf("A", '[InputParam("x", type_hint=int, required=True, description="The x.")]', description="Does A.")
    assert doc(body, "A") == textwrap.indent(
        '"""\nDoes A.\n\n  Inputs:\n      x (`int`):\n          The x.\n"""', "    "
    )


def test_type_names():
    inputs = (
        '[InputParam("a", type_hint=tuple[int, ...] | list[int]), InputParam("b", type_hint=Optional[torch.Tensor]),'
        ' InputParam("c", type_hint=Any), InputParam("d", type_hint=torch.dtype, default=torch.float32)]'
    )
    text = doc(leaf("A", inputs), "A")
    assert "a (`tuple | list`, *optional*):" in text
    assert "b (`Tensor | NoneType`, *optional*):" in text
    assert "c (``, *optional*):" in text
    assert "d (`dtype`, *optional*, defaults to torch.float32):" in text
    assert text.count("TODO: Add description.") == 4


def test_template_with_note_and_override():
    inputs = '[InputParam.template("strength", note="img2img only", default=0.5)]'
    text = doc(leaf("A", inputs), "A")
    assert (
        "strength (`float`, *optional*, defaults to 0.5):\n              How much to change the image. (img2img only)"
        in (text)
    )


def test_sequential_drops_produced_inputs_and_quirk_of_block_names():
    body = (
        leaf("P", '[InputParam("x")]', '[OutputParam("y")]')
        + leaf("Q", '[InputParam("y"), InputParam("w")]', '[OutputParam("z")]')
        + "class S(SequentialPipelineBlocks):\n    block_classes = [P, Q]\n    block_names = ['p', 'q']\n\n\n"
        + "class T(SequentialPipelineBlocks):\n    block_classes = [P, Q]\n    block_names = ['p', 'y']\n"
    )
    s = doc(body, "S")
    assert "x (`None`, *optional*)" in s and "w (`None`" in s and " y (`None`, *optional*)" not in s.split("Outputs")[0]
    assert "Outputs:\n          y (`None`):" in s and "z (`None`):" in s
    # a child whose block name is one of its own inputs is left out of the outputs (the framework does that)
    t = doc(body, "T")
    assert "z (`None`)" not in t.split("Outputs:")[1]


def test_auto_blocks_defaults_by_workflow_and_required_intersection():
    body = (
        leaf("I", '[InputParam.template("strength"), InputParam.template("prompt")]')
        + leaf("J", '[InputParam.template("strength", default=0.9999), InputParam.template("prompt")]')
        + "class A(AutoPipelineBlocks):\n    block_classes = [I, J]\n    block_names = ['img', 'txt']\n"
        + "    block_trigger_inputs = ['image', None]\n\n\n"
        + "class N(AutoPipelineBlocks):\n    block_classes = [I, J]\n    block_names = ['img', 'txt']\n"
        + "    block_trigger_inputs = ['image', 'mask']\n"
    )
    text = doc(body, "A")
    assert "strength (`float`, *optional*, defaults to 0.3 or 0.9999, depending on the workflow):" in text
    assert "prompt (`str`):" in text  # required in every child, and there is a default block
    assert "prompt (`str`, *optional*):" in doc(body, "N")  # no default block: nothing is required


def test_loop_inputs_and_last_child_outputs():
    body = (
        leaf("D", '[InputParam("t", required=True)]', '[OutputParam("noise")]')
        + leaf("U", '[InputParam("noise")]', '[OutputParam.template("latents")]')
        + "class L(LoopSequentialPipelineBlocks):\n    block_classes = [D, U]\n    block_names = ['d', 'u']\n\n"
        + "    @property\n    def description(self):\n        return 'The loop.'\n\n"
        + "    @property\n    def loop_inputs(self):\n        return [InputParam('steps', type_hint=int)]\n"
    )
    text = doc(body, "L")
    inputs, outputs = text.split("Outputs:")
    assert inputs.index("steps (`int`, *optional*)") < inputs.index("t (`None`):")
    assert "noise" not in inputs
    assert "latents (`list`):" in outputs  # the last child's outputs


def test_components_merge_into_one_paragraph():
    body = (
        "class C(ModularPipelineBlocks):\n    @property\n    def expected_components(self):\n"
        "        return [ComponentSpec('vae', torch.nn.Module, description='The VAE.'), "
        "ComponentSpec('guider', torch.nn.Module)]\n\n"
        "    @property\n    def expected_configs(self):\n        return [ConfigSpec('zero_cond', False)]\n"
    )
    lines = doc(body, "C").split("\n")
    assert lines[1:6] == [
        "    Components:",
        "          vae (`Module`): The VAE. guider (`Module`)",
        "",
        "      Configs:",
        "          zero_cond (default: False)",
    ]


def test_one_line_docstring():
    assert docstring_lines("class X\n\n  Does X.\n\n\n\n", "X") == ['    """Does X."""']


@pytest.mark.parametrize(
    ("body", "reason", "origin"),
    [
        ("class A(ModularPipelineBlocks):\n    def __init__(self, n=1):\n        self.n = n\n", "custom __init__", "A"),
        (
            leaf("P", "[InputParam('x')]")
            + "class S(SequentialPipelineBlocks):\n    block_classes = [P(n=2)]\n    block_names = ['p']\n\n\n"
            + "class A(SequentialPipelineBlocks):\n    block_classes = [S]\n    block_names = ['s']\n",
            "block_classes: child block built with arguments",
            "S",
        ),
        (leaf("A", "[InputParam(n) for n in 'ab']"), "computed inputs (comprehension)", "A"),
        (
            "class A(SequentialPipelineBlocks):\n    block_classes = [B]\n    block_names = ['b']\n\n\n"
            "class B(SequentialPipelineBlocks):\n    block_classes = [A]\n    block_names = ['a']\n",
            "block contains itself",
            None,
        ),
        (leaf("A", "[InputParam('x', description=f'{1}')]"), "inputs: f-string with placeholders", "A"),
    ],
)
def test_not_static(body, reason, origin):
    with pytest.raises(Unresolved) as caught:
        doc(body, "A")
    assert caught.value.reason == reason
    if origin:
        assert caught.value.origin == origin


def test_markers_and_orphans():
    text = "# auto_docstring\nX = 1\n\n#auto_docstring\n# a comment\n\nclass A:\n    pass\n"
    facts = read_module(text, MARKER)
    assert facts.orphans == (1,)
    assert [(m.name, m.marker_line, m.class_line, m.has_docstring) for m in facts.marked] == [("A", 4, 7, False)]
    assert normalise_marker("  #   auto_docstring  ") == MARKER
    assert normalise_marker("# auto_docstring here") != MARKER


def test_message_names_the_part_that_differs():
    from repo_lint.checks.modular_blocks.judge import _part

    merged = "          text_encoder (`Qwen3`): The encoder. tokenizer (`Qwen2TokenizerFast`) guider (`G`)"
    lines = ["    Components:", merged, "", "      Inputs:", "          prompt (`str`):", "              The prompt."]
    assert _part(lines, 1, merged.replace("Qwen2TokenizerFast", "Qwen2Tokenizer")) == "Components, `tokenizer`"
    assert _part(lines, 5, "              The prompts.") == "Inputs, `prompt`"
    assert _part(["    Does X.", "", "      Inputs:"], 0, "    Does Y.") == "description"
