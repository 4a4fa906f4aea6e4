"""Details of the modular converter slice that change the generated text only after ruff (a magic trailing comma
kept or dropped, a name kept in an import that ruff later merges and wraps): protected imports with `elif`
branches and the module `__getattr__` call. Expected texts are before ruff, as in tests/test_modular_convert.py."""

from __future__ import annotations

from tests.test_modular_convert import MODELS, banner, convert

VIDEO_PARENT = (
    "from ...utils import is_torchvision_available, is_torchvision_v2_available\n"
    "from ...video_processing_utils import BaseVideoProcessor\n"
    "\n"
    "\n"
    "if is_torchvision_v2_available():\n"
    "    from torchvision.transforms.v2 import functional as tvF\n"
    "elif is_torchvision_available():\n"
    "    from torchvision.transforms import functional as tvF\n"
    "\n"
    "\n"
    "class LlamaVideoProcessor(BaseVideoProcessor):\n"
    "    def resize(self, video):\n"
    "        return tvF.resize(video)\n"
)
VIDEO_PARENTS = {f"{MODELS}/llama/video_processing_llama.py": VIDEO_PARENT}


def test_a_protected_import_with_an_elif_branch_is_kept_whole_with_its_conditions_imports():
    modular = (
        "from ..llama.video_processing_llama import LlamaVideoProcessor\n"
        "\n"
        "\n"
        "class Qwen2VideoProcessor(LlamaVideoProcessor):\n"
        "    pass\n"
    )
    files = convert(modular, parents=VIDEO_PARENTS)
    assert files == {
        f"{MODELS}/qwen2/video_processing_qwen2.py": banner()
        + (
            "from ...utils import is_torchvision_available, is_torchvision_v2_available\n"
            "from ...video_processing_utils import BaseVideoProcessor\n"
            "\n"
            "\n"
            "if is_torchvision_v2_available():\n"
            "    from torchvision.transforms.v2 import functional as tvF\n"
            "elif is_torchvision_available():\n"
            "    from torchvision.transforms import functional as tvF\n"
            "\n"
            "\n"
            "class Qwen2VideoProcessor(BaseVideoProcessor):\n"
            "    def resize(self, video):\n"
            "        return tvF.resize(video)\n"
        )
    }


def test_the_conditions_of_a_parents_elif_import_keep_their_names_in_every_generated_file():
    # the converter reads names in the conditions of all the imports it gathered, used or not: ruff removes them
    # later, after sorting has wrapped the longer `...utils` import (its trailing comma then stays)
    modular = (
        "from ...configuration_utils import PreTrainedConfig\n"
        "from ...utils import auto_docstring\n"
        "from ..llama.video_processing_llama import LlamaVideoProcessor\n"
        "\n"
        "\n"
        "@auto_docstring\n"
        "class Qwen2Config(PreTrainedConfig):\n"
        "    pass\n"
        "\n"
        "\n"
        "class Qwen2VideoProcessor(LlamaVideoProcessor):\n"
        "    pass\n"
    )
    config = convert(modular, parents=VIDEO_PARENTS)[f"{MODELS}/qwen2/configuration_qwen2.py"]
    assert config == banner() + (
        "from ...configuration_utils import PreTrainedConfig\n"
        "from ...utils import auto_docstring\n"
        "from ...utils import is_torchvision_available, is_torchvision_v2_available\n"
        "\n"
        "\n"
        "@auto_docstring\n"
        "class Qwen2Config(PreTrainedConfig):\n"
        "    pass\n"
    )


def test_the_module_getattr_call_loses_its_magic_trailing_comma_but_not_the_inner_ones():
    modular = (
        "from ...processing_utils import ProcessingKwargs, ProcessorMixin\n"
        "from ...utils.deprecation import deprecate_attr\n"
        "\n"
        "\n"
        "class Qwen2Processor(ProcessorMixin):\n"
        "    pass\n"
        "\n"
        "\n"
        "__getattr__ = deprecate_attr(\n"
        "    __name__,\n"
        '    remove={"Qwen2ProcessorKwargs": (ProcessingKwargs, "5.29.0"),},\n'
        ")\n"
    )
    files = convert(modular, parents={})
    assert files[f"{MODELS}/qwen2/processing_qwen2.py"].endswith(
        "__getattr__ = deprecate_attr(\n"
        "    __name__,\n"
        '    remove={"Qwen2ProcessorKwargs": (ProcessingKwargs, "5.29.0"),})\n'
    )


ROTARY_LLAMA = (
    "import torch\n"
    "\n"
    "\n"
    "def rotate_half(x):\n"
    "    return torch.cat((-x, x), dim=-1)\n"
    "\n"
    "\n"
    "def apply_rotary_pos_emb(q, k):\n"
    "    return rotate_half(q), rotate_half(k)\n"
)
ROTARY_VL = (
    "import torch\n"
    "\n"
    "\n"
    "def rotate_half(x):\n"
    "    return torch.cat((-x, x), dim=-1)\n"
    "\n"
    "\n"
    "def apply_rotary_pos_emb_vision(q, k):\n"
    "    return rotate_half(q), rotate_half(k)\n"
)


def test_a_function_used_by_functions_of_two_parents_is_placed_with_the_last_imported_ones():
    # rotate_half comes from the vl module (imported last), so it is placed with apply_rotary_pos_emb_vision, in
    # that module's order (before it); with llama's, it would follow the vl group
    modular = (
        "from torch import nn\n"
        "\n"
        "from ..llama.modeling_llama import apply_rotary_pos_emb\n"
        "from ..llama_vl.modeling_llama_vl import apply_rotary_pos_emb_vision\n"
        "\n"
        "\n"
        "class Qwen2Attention(nn.Module):\n"
        "    def forward(self, q, k):\n"
        "        return apply_rotary_pos_emb_vision(q, k) + apply_rotary_pos_emb(q, k)\n"
    )
    parents = {
        f"{MODELS}/llama/modeling_llama.py": ROTARY_LLAMA,
        f"{MODELS}/llama_vl/modeling_llama_vl.py": ROTARY_VL,
    }
    body = convert(modular, parents)[f"{MODELS}/qwen2/modeling_qwen2.py"][len(banner()) :]
    order = [line.split("(")[0] for line in body.splitlines() if line.startswith(("def ", "class "))]
    assert order == [
        "def apply_rotary_pos_emb",
        "def rotate_half",
        "def apply_rotary_pos_emb_vision",
        "class Qwen2Attention",
    ]


FROZEN_PARENT = (
    "from torch import nn\n"
    "\n"
    "\n"
    "class LlamaFrozenNorm(nn.Module):\n"
    "    pass\n"
    "\n"
    "\n"
    "def replace_norm(model):\n"
    "    return LlamaFrozenNorm(model)\n"
)


def test_a_parent_class_an_imported_function_uses_comes_along_before_it():
    modular = (
        "from torch import nn\n"
        "\n"
        "from ..llama.modeling_llama import replace_norm\n"
        "\n"
        "\n"
        "class Qwen2Encoder(nn.Module):\n"
        "    def forward(self, model):\n"
        "        return replace_norm(model)\n"
    )
    files = convert(modular, {f"{MODELS}/llama/modeling_llama.py": FROZEN_PARENT})
    assert files[f"{MODELS}/qwen2/modeling_qwen2.py"] == banner() + (
        "from torch import nn\n"
        "\n"
        "\n"
        "class Qwen2FrozenNorm(nn.Module):\n"
        "    pass\n"
        "\n"
        "\n"
        "def replace_norm(model):\n"
        "    return Qwen2FrozenNorm(model)\n"
        "\n"
        "\n"
        "class Qwen2Encoder(nn.Module):\n"
        "    def forward(self, model):\n"
        "        return replace_norm(model)\n"
    )


ATTENTION_PARENT = (
    "from torch import nn\n"
    "\n"
    "\n"
    "def repeat_kv(x):\n"
    "    return x\n"
    "\n"
    "\n"
    "def eager_attention_forward(x):\n"
    "    return repeat_kv(x)\n"
    "\n"
    "\n"
    "class LlamaNorm(nn.Module):\n"
    "    def forward(self, x):\n"
    "        return eager_attention_forward(x)\n"
    "\n"
    "\n"
    "class LlamaAttention(nn.Module):\n"
    "    def forward(self, x):\n"
    "        return eager_attention_forward(x)\n"
    "\n"
    "\n"
    "class LlamaLayer(nn.Module):\n"
    "    def __init__(self):\n"
    "        self.attention = LlamaAttention()\n"
)
OTHER_PARENT = (
    "from torch import nn\n"
    "\n"
    "\n"
    "def eager_attention_forward(x):\n"
    "    return x\n"
    "\n"
    "\n"
    "class MistralNorm(nn.Module):\n"
    "    def forward(self, x):\n"
    "        return eager_attention_forward(x)\n"
)


def test_a_function_reached_through_a_placed_function_comes_right_before_the_class_reaching_it():
    # eager_attention_forward is placed first with Qwen2Norm (from mistral, without repeat_kv); Qwen2Layer's
    # parent class Qwen2Attention reaches llama's repeat_kv through it, so repeat_kv comes right before it
    modular = (
        "from ..llama.modeling_llama import LlamaLayer\n"
        "from ..mistral.modeling_mistral import MistralNorm\n"
        "\n"
        "\n"
        "class Qwen2Norm(MistralNorm):\n"
        "    pass\n"
        "\n"
        "\n"
        "class Qwen2Layer(LlamaLayer):\n"
        "    pass\n"
    )
    parents = {
        f"{MODELS}/llama/modeling_llama.py": ATTENTION_PARENT,
        f"{MODELS}/mistral/modeling_mistral.py": OTHER_PARENT,
    }
    body = convert(modular, parents)[f"{MODELS}/qwen2/modeling_qwen2.py"][len(banner()) :]
    order = [line.split("(")[0] for line in body.splitlines() if line.startswith(("def ", "class "))]
    assert order == [
        "def eager_attention_forward",
        "class Qwen2Norm",
        "def repeat_kv",
        "class Qwen2Attention",
        "class Qwen2Layer",
    ]
