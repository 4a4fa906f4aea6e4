"""The modular converter slice (`checks/modular/convert.py`) on small hand-written parents and modular files
(expected texts are before ruff), what it reports as unsupported, and a floor for how many generated files of
the released transformers tree it reproduces byte for byte (benchmarks/modular_reproduction.py)."""

from __future__ import annotations

import os
import subprocess

import pytest
from repo_lint.checks.modular.banner import generated_banner
from repo_lint.checks.modular.convert import Unsupported, convert_modular

from tests.realtrees import tree_or_skip

MODELS = "src/pkg/models"
MODULAR_PATH = f"{MODELS}/qwen2/modular_qwen2.py"

LLAMA_MODELING = '''import torch
from torch import nn

from ...activations import ACT2FN
from .configuration_llama import LlamaConfig


def scaled(x):
    return x * 2


def unused_helper(x):
    return x


class LlamaMLP(nn.Module):
    """The Llama MLP."""

    def __init__(self, config: LlamaConfig):
        super().__init__()
        self.act = ACT2FN[config.hidden_act]

    def forward(self, x):
        return scaled(self.act(x))


class LlamaBlock(nn.Module):
    size = 4
    kind = "llama"

    def __init__(self, config: LlamaConfig):
        super().__init__()
        self.mlp = LlamaMLP(config)

    def forward(self, x):
        return self.mlp(x)
'''

PARENTS = {f"{MODELS}/llama/modeling_llama.py": LLAMA_MODELING}


def banner(modular_path: str = MODULAR_PATH) -> str:
    return generated_banner(modular_path)


def convert(modular: str, parents: dict[str, str] = PARENTS) -> dict[str, str]:
    return convert_modular(modular, MODULAR_PATH, parents.get)


def test_a_pass_class_is_the_parent_renamed_with_its_dependencies_and_used_imports():
    modular = (
        "from ..llama.modeling_llama import LlamaMLP\n\n\nclass Qwen2MLP(LlamaMLP):\n    pass\n\n\n"
        '__all__ = ["Qwen2MLP"]\n'
    )
    expected = banner() + (
        "from torch import nn\n"
        "\n"
        "from ...activations import ACT2FN\n"
        "from .configuration_qwen2 import Qwen2Config\n"
        "\n"
        "\n"
        "def scaled(x):\n"
        "    return x * 2\n"
        "\n"
        "\n"
        "class Qwen2MLP(nn.Module):\n"
        '    """The Qwen2 MLP."""\n'
        "\n"
        "    def __init__(self, config: Qwen2Config):\n"
        "        super().__init__()\n"
        "        self.act = ACT2FN[config.hidden_act]\n"
        "\n"
        "    def forward(self, x):\n"
        "        return scaled(self.act(x))\n"
        "\n"
        "\n"
        '__all__ = ["Qwen2MLP"]\n'
    )
    assert convert(modular) == {f"{MODELS}/qwen2/modeling_qwen2.py": expected}


def test_overrides_replace_members_in_place_and_parent_classes_used_are_pulled_in():
    modular = (
        "from ..llama.modeling_llama import LlamaBlock\n"
        "\n"
        "\n"
        "class Qwen2Block(LlamaBlock):\n"
        "    kind = 'qwen'\n"
        "\n"
        "    def forward(self, x):\n"
        "        return nn.Module.forward(self, x) + 1\n"
        "\n"
        "    def extra(self):\n"
        "        return self.size\n"
    )
    generated = convert(modular)[f"{MODELS}/qwen2/modeling_qwen2.py"]
    body = generated[len(banner()) :]
    assert body.index("def scaled") < body.index("class Qwen2MLP") < body.index("class Qwen2Block")
    assert "    size = 4\n    kind = 'qwen'\n" in body
    # a call to a base's method is written with super(); new methods come last
    assert "        return super().forward(x) + 1\n\n    def extra(self):" in body
    assert "unused_helper" not in body and "import torch\n" not in body


def test_classes_are_routed_by_suffix_and_import_each_other_across_files():
    modular = (
        "from ...configuration_utils import PreTrainedConfig\n"
        "from ...modeling_utils import PreTrainedModel\n"
        "\n"
        "\n"
        "class Qwen2Config(PreTrainedConfig):\n"
        '    model_type = "qwen2"\n'
        "\n"
        "\n"
        "class Qwen2Model(PreTrainedModel):\n"
        "    config_class = Qwen2Config\n"
        "\n"
        "\n"
        '__all__ = ["Qwen2Config", "Qwen2Model"]\n'
    )
    files = convert(modular, parents={})
    assert files[f"{MODELS}/qwen2/configuration_qwen2.py"] == banner() + (
        "from ...configuration_utils import PreTrainedConfig\n"
        "\n"
        "\n"
        "class Qwen2Config(PreTrainedConfig):\n"
        '    model_type = "qwen2"\n'
        "\n"
        "\n"
        '__all__ = ["Qwen2Config"]\n'
    )
    assert files[f"{MODELS}/qwen2/modeling_qwen2.py"] == banner() + (
        "from ...modeling_utils import PreTrainedModel\n"
        "from .configuration_qwen2 import Qwen2Config\n"
        "\n"
        "\n"
        "class Qwen2Model(PreTrainedModel):\n"
        "    config_class = Qwen2Config\n"
        "\n"
        "\n"
        '__all__ = ["Qwen2Model"]\n'
    )


@pytest.mark.parametrize(
    ("modular", "reason"),
    [
        (
            "from ..llama.modeling_llama import LlamaMLP\n\nclass Qwen2MLP(LlamaMLP, OneMixin, OtherMixin):\n"
            "    pass\n",
            "several bases added",
        ),
        ("from ..mistral.modeling_mistral import MistralMLP\n\nclass Qwen2MLP(MistralMLP):\n    pass\n", "missing"),
        ("from ..llama.modeling_llama import LlamaMLP\n\nprint(1)\n", "top-level statement"),
    ],
)
def test_what_it_does_not_reproduce_is_reported_not_guessed(modular, reason):
    with pytest.raises(Unsupported) as raised:
        convert(modular)
    assert reason in raised.value.reason


# Measured on the transformers 5.23.0 tree (benchmarks/modular_reproduction.py): with the tree's pinned ruff
# 0.14.10 and with the project's ruff 0.17.6 (REPO_LINT_MODULAR_RUFF picks the executable); the files that differ
# under 0.17.6 only are its own formatting (`x if x else y` becomes `x or y`, a lambda body in parentheses, ...).
REPRODUCED_AT_LEAST = {"ruff 0.14.10": 667, "ruff 0.17.6": 660}


@pytest.mark.realtree
@pytest.mark.slow
def test_reproduction_on_the_real_tree_does_not_regress():
    from benchmarks.modular_reproduction import measure

    tree = tree_or_skip("transformers")
    ruff = os.environ.get("REPO_LINT_MODULAR_RUFF", "ruff")
    version = subprocess.run([ruff, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    if version not in REPRODUCED_AT_LEAST:
        pytest.skip(f"no floor measured for {version}")
    result = measure(tree, ruff)
    assert not result.errors
    assert len(result.identical) >= REPRODUCED_AT_LEAST[version], result.differing
