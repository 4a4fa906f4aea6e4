"""Unrolling `super().<method>(...)`, `**super_kwargs` and `del` in the modular converter slice
(`checks/modular/unroll.py`), on a small hand-written parent; expected texts are before ruff."""

from __future__ import annotations

import libcst as cst
import pytest
from repo_lint.checks.modular.convert import Unsupported
from repo_lint.checks.modular.unroll import _holds_function_named, unroll_super_calls

from tests.test_modular_convert import MODELS, banner, convert

PARENT_PATH = f"{MODELS}/llama/modeling_llama.py"

LLAMA_MODELING = '''from torch import nn

from .configuration_llama import LlamaConfig


class LlamaModel(nn.Module):
    def __init__(self, config: LlamaConfig):
        """Builds the layers."""
        super().__init__()
        self.size = config.hidden_size
        # the layers
        self.layers = nn.ModuleList()
        self.norm = nn.LayerNorm(self.size)
        self.post_init()

    def forward(self, x, mask=None, **kwargs):
        """Runs the layers."""
        x = self.norm(x)
        return x
'''

HEADER = "from torch import nn\n\n\nclass Qwen2Model(nn.Module):\n"

PARENT_FORWARD = (
    "    def forward(self, x, mask=None, **kwargs):\n"
    '        """Runs the layers."""\n'
    "        x = self.norm(x)\n"
    "        return x\n"
)


def generated_class(*methods: str) -> str:
    modular = "from ..llama.modeling_llama import LlamaModel\n\n\nclass Qwen2Model(LlamaModel):\n" + "\n".join(methods)
    files = convert(modular, {PARENT_PATH: LLAMA_MODELING})
    text = files[f"{MODELS}/qwen2/modeling_qwen2.py"]
    assert text.startswith(banner())
    return text[len(banner()) :]


def test_super_init_is_unrolled_with_reassignments_in_place_deletions_dropped_and_post_init_last():
    text = generated_class(
        "    def __init__(self, config):\n"
        "        self.early = 1\n"
        "        super().__init__(config)\n"
        "        self.norm = None  # no norm\n"
        "        del self.size\n"
        "        self.extra = nn.Linear(2, 2)\n"
        "        self.post_init()\n"
    )
    assert text == HEADER + (
        "    def __init__(self, config):\n"
        '        """Builds the layers."""\n'
        # moved before the modular statements that preceded the call
        "        super().__init__()\n"
        "        self.early = 1\n"
        "        # the layers\n"
        "        self.layers = nn.ModuleList()\n"
        "        self.norm = None  # no norm\n"
        "        self.extra = nn.Linear(2, 2)\n"
        "        self.post_init()\n"
        "\n" + PARENT_FORWARD
    )


def test_returned_super_call_inlines_the_parent_body_after_the_modular_statements_and_docstring():
    text = generated_class(
        "    def forward(self, x, mask=None, **kwargs):\n"
        '        """Own docstring."""\n'
        "        y = nn.Module.forward(self, x)\n"
        "        return super().forward(x)\n"
    )
    assert text.endswith(
        "    def forward(self, x, mask=None, **kwargs):\n"
        '        """Own docstring."""\n'
        "        y = super().forward(x)\n"
        "        x = self.norm(x)\n"
        "        return x\n"
    )


def test_statements_after_the_call_are_kept_as_written_and_reassignments_reach_later_methods():
    text = generated_class(
        "    def __init__(self, config):\n"
        "        super().__init__(config)\n"
        "        self.layers = nn.Module.build(self)\n"
        "        x = 0\n",
        "    def forward(self, x, **kwargs):\n        return super().forward(x, **kwargs)\n",
    )
    assert text == HEADER + (
        "    def __init__(self, config):\n"
        '        """Builds the layers."""\n'
        "        super().__init__()\n"
        "        self.size = config.hidden_size\n"
        "        self.layers = nn.Module.build(self)\n"
        "        self.norm = nn.LayerNorm(self.size)\n"
        "        x = 0\n"
        "        self.post_init()\n"
        "\n"
        "    def forward(self, x, **kwargs):\n"
        '        """Runs the layers."""\n'
        # the converter keeps re-assigned targets for the whole class
        "        x = 0\n"
        "        return x\n"
    )


def test_super_kwargs_takes_the_parent_signature_and_body_with_the_modular_decorators():
    text = generated_class(
        "    @decorated\n"
        "    def forward(self, x, extra=2, **super_kwargs):\n"
        "        return super().forward(**super_kwargs)\n"
    )
    assert text.endswith(
        "    @decorated\n"
        "    def forward(self, x, mask=None, extra=2, **kwargs):\n"
        '        """Runs the layers."""\n'
        "        x = self.norm(x)\n"
        "        return x\n"
    )


def test_a_late_super_init_in_the_parent_stays_where_the_modular_puts_it():
    parent = LLAMA_MODELING.replace(
        "        super().__init__()\n        self.size = config.hidden_size\n",
        "        self.size = config.hidden_size\n        super().__init__()\n",
    )
    modular = (
        "from ..llama.modeling_llama import LlamaModel\n\n\nclass Qwen2Model(LlamaModel):\n"
        "    def __init__(self, config):\n        self.early = 1\n        super().__init__(config)\n"
    )
    text = convert(modular, {PARENT_PATH: parent})[f"{MODELS}/qwen2/modeling_qwen2.py"]
    assert (
        '        """Builds the layers."""\n'
        "        self.early = 1\n"
        "        self.size = config.hidden_size\n"
        "        super().__init__()\n"
    ) in text


def test_del_without_a_super_call_stays_in_the_method():
    text = generated_class("    def forward(self, x, **kwargs):\n        del kwargs\n        return x\n")
    assert text.endswith(
        '    def forward(self, x, **kwargs):\n        """Runs the layers."""\n        del kwargs\n        return x\n'
    )


def test_super_call_to_a_method_the_parent_class_lacks_is_reported():
    with pytest.raises(Unsupported) as raised:
        generated_class("    def extra(self):\n        return super().extra()\n")
    assert raised.value.reason == "super() call to a method the parent class does not define"


# Unrolled bodies bring in more of the parents' functions; where they go follows the converter's dependency graph.

ESM_MODELING = """from torch import nn


def rotate(x):
    return x


def attention_fn(x):
    return rotate(x)


class EsmSelfAttention(nn.Module):
    def forward(self, x):
        return attention_fn(x)
"""

LLAMA_ATTENTION = """from torch import nn


def repeat(x):
    return x


def rotate(x):
    return x


def attention_fn(x):
    return repeat(x)


class LlamaAttention(nn.Module):
    def forward(self, x):
        return attention_fn(rotate(x))
"""


def test_a_modular_function_placed_by_one_parent_does_not_bring_names_imported_from_another():
    modular = (
        "from ..esm.modeling_esm import EsmSelfAttention\n"
        "from ..llama.modeling_llama import LlamaAttention, repeat\n"
        "\n\n"
        "def attention_fn(x):\n    return repeat(x)\n"
        "\n\n"
        "class Qwen2SelfAttention(EsmSelfAttention):\n    pass\n"
        "\n\n"
        "class Qwen2Attention(LlamaAttention):\n    pass\n"
    )
    parents = {f"{MODELS}/llama/modeling_llama.py": LLAMA_ATTENTION, f"{MODELS}/esm/modeling_esm.py": ESM_MODELING}
    text = convert(modular, parents)[f"{MODELS}/qwen2/modeling_qwen2.py"]
    definitions = [line.split("(")[0] for line in text.splitlines() if line.startswith(("def ", "class "))]
    # `repeat` comes with the llama class, which reaches it through the already placed `attention_fn`
    assert definitions == [
        "def attention_fn",
        "class Qwen2SelfAttention",
        "def repeat",
        "def rotate",
        "class Qwen2Attention",
    ]


def test_a_name_imported_from_another_parent_keeps_its_place_in_the_parent_that_also_defines_it():
    esm = ESM_MODELING.replace("return attention_fn(x)", "return attention_fn(x) + rotate(x)")
    modular = (
        "from ..esm.modeling_esm import EsmSelfAttention\n"
        "from ..llama.modeling_llama import rotate\n"
        "\n\n"
        "class Qwen2SelfAttention(EsmSelfAttention):\n    pass\n"
    )
    parents = {f"{MODELS}/llama/modeling_llama.py": LLAMA_ATTENTION, f"{MODELS}/esm/modeling_esm.py": esm}
    text = convert(modular, parents)[f"{MODELS}/qwen2/modeling_qwen2.py"]
    definitions = [line.split("(")[0] for line in text.splitlines() if line.startswith(("def ", "class "))]
    assert definitions == ["def rotate", "def attention_fn", "class Qwen2SelfAttention"]


def test_an_annotated_assignment_is_deleted_and_reassigned_like_a_plain_one():
    parent = LLAMA_MODELING.replace(
        "        self.size = config.hidden_size\n",
        "        self.size: int = config.hidden_size\n        self.rank: int = config.rank\n",
    )
    modular = (
        "from ..llama.modeling_llama import LlamaModel\n\n\nclass Qwen2Model(LlamaModel):\n"
        "    def __init__(self, config):\n"
        "        super().__init__(config)\n"
        "        del self.rank\n"
        "        self.size: int = 2\n"
    )
    text = convert(modular, {PARENT_PATH: parent})[f"{MODELS}/qwen2/modeling_qwen2.py"]
    assert (
        '        """Builds the layers."""\n'
        "        super().__init__()\n"
        "        self.size: int = 2\n"
        "        # the layers\n"
    ) in text


def test_only_members_holding_a_function_of_a_modular_name_are_visited():
    class_node = cst.parse_statement(
        "class A(B):\n"
        "    x = 1\n"
        "    def f(self):\n"
        "        if self.x:\n"
        "            def forward(y):\n"
        "                return super().forward(y)\n"
        "        return 1\n"
        "    def g(self):\n"
        "        return 2\n"
    )
    members = class_node.body.body
    assert [_holds_function_named(member, {"forward"}) for member in members] == [False, True, False]
    parent = cst.parse_statement("def forward(self, y):\n    return y\n")
    unrolled = unroll_super_calls(class_node, {"forward": parent}, {"forward"}, ["B"])
    assert [new is old for new, old in zip(unrolled.body.body, members, strict=True)] == [True, False, True]
    assert "def forward(y):\n                return y\n" in cst.Module(body=[unrolled]).code
