"""Module-level behaviours of the modular converter slice (`checks/modular/convert.py`): statements other than
class definitions, classes renamed away from their parent's name, parents combined with other bases. Expected
texts are before ruff, as in tests/test_modular_convert.py."""

from __future__ import annotations

import pytest
from repo_lint.checks.modular.convert import Unsupported

from tests.test_modular_convert import MODELS, banner, convert

DEPRECATING_MODULAR = (
    "from ...modeling_utils import PreTrainedModel\n"
    "from ...processing_utils import ProcessingKwargs, ProcessorMixin\n"
    "from ...utils.deprecation import deprecate_attr\n"
    "\n"
    "\n"
    "class Qwen2Processor(ProcessorMixin):\n"
    "    pass\n"
    "\n"
    "\n"
    "class Qwen2Model(PreTrainedModel):\n"
    "    pass\n"
    "\n"
    "\n"
    '__getattr__ = deprecate_attr(__name__, rename={"Qwen2ProcessorKwargs": (ProcessingKwargs, "5.29.0")})\n'
    "\n"
    '__all__ = ["Qwen2Processor", "Qwen2Model"]\n'
)


def test_module_getattr_goes_to_the_file_of_the_names_it_deprecates_before_all():
    files = convert(DEPRECATING_MODULAR, parents={})
    assert files[f"{MODELS}/qwen2/processing_qwen2.py"] == banner() + (
        "from ...processing_utils import ProcessingKwargs, ProcessorMixin\n"
        "from ...utils.deprecation import deprecate_attr\n"
        "\n"
        "\n"
        "class Qwen2Processor(ProcessorMixin):\n"
        "    pass\n"
        "\n"
        "\n"
        '__getattr__ = deprecate_attr(__name__, rename={"Qwen2ProcessorKwargs": (ProcessingKwargs, "5.29.0")})\n'
        "\n"
        '__all__ = ["Qwen2Processor"]\n'
    )
    assert "deprecate" not in files[f"{MODELS}/qwen2/modeling_qwen2.py"]


def test_module_getattr_deprecating_names_of_two_files_is_unsupported():
    modular = DEPRECATING_MODULAR.replace('"5.29.0")}', '"5.29.0"), "Qwen2OldModel": (Qwen2Model, "5.29.0")}')
    with pytest.raises(Unsupported, match="several files"):
        convert(modular, parents={})


TEXT_MLP_PARENT = '''from torch import nn


class LlamaTextMLP(nn.Module):
    """The LlamaText MLP, see `llama_text`."""

    def forward(self, x):
        # LlamaText scaling
        return LlamaTextScale(x)
'''


def test_a_class_named_unlike_its_renamed_parent_takes_the_new_name_in_docs_only():
    # the parent module is renamed with the prefix `Qwen2Vision` (LlamaTextMLP -> Qwen2VisionTextMLP); the class
    # is then named Qwen2VisionMLP, and `Qwen2VisionText` -> `Qwen2Vision` in its strings and comments only
    modular = "from ..llama.modeling_llama import LlamaTextMLP\n\n\nclass Qwen2VisionMLP(LlamaTextMLP):\n    pass\n"
    files = convert(modular, parents={f"{MODELS}/llama/modeling_llama.py": TEXT_MLP_PARENT})
    assert files == {
        f"{MODELS}/qwen2/modeling_qwen2.py": banner()
        + (
            "from torch import nn\n"
            "\n"
            "\n"
            "class Qwen2VisionMLP(nn.Module):\n"
            '    """The Qwen2Vision MLP, see `qwen2_vision`."""\n'
            "\n"
            "    def forward(self, x):\n"
            "        # Qwen2Vision scaling\n"
            "        return Qwen2VisionTextScale(x)\n"
        )
    }


BLOCKS_PARENT = """from torch import nn

from ...modeling_layers import GradientCheckpointingLayer
from ...modeling_utils import PreTrainedModel
from ...processing_utils import ProcessorMixin


class LlamaPreTrainedModel(PreTrainedModel):
    pass


class LlamaModel(LlamaPreTrainedModel):
    pass


class LlamaLayer(GradientCheckpointingLayer):
    pass


class LlamaProcessor(ProcessorMixin, total=False):
    pass
"""


def _class_line(modular_class: str, name: str) -> str:
    modular = (
        "from torch import nn\n"
        "from ...modeling_layers import GradientCheckpointingLayer\n"
        "from ...processing_utils import OmniProcessorMixin\n"
        "from ..llama.modeling_llama import LlamaLayer, LlamaModel, LlamaProcessor\n"
        "\n"
        "\n"
        "class Qwen2SpecialPreTrainedModel:\n"
        "    pass\n"
        "\n"
        "\n"
        f"{modular_class}\n"
        "    pass\n"
    )
    files = convert(modular, parents={f"{MODELS}/llama/modeling_llama.py": BLOCKS_PARENT})
    text = files[f"{MODELS}/qwen2/processing_qwen2.py" if "Processor" in name else f"{MODELS}/qwen2/modeling_qwen2.py"]
    return next(line for line in text.splitlines() if line.startswith(f"class {name}("))


@pytest.mark.parametrize(
    ("modular_class", "expected"),
    [
        # a parent base sharing a capitalised end with a modular base is switched to it
        (
            "class Qwen2Model(LlamaModel, Qwen2SpecialPreTrainedModel):",
            "class Qwen2Model(Qwen2SpecialPreTrainedModel):",
        ),
        # a modular base the parent lacks is appended as written (with its comma: ruff then splits the line);
        # nn.Module goes next to GradientCheckpointingLayer
        ("class Qwen2Model(nn.Module, LlamaModel):", "class Qwen2Model(Qwen2PreTrainedModel, nn.Module, ):"),
        ("class Qwen2Layer(LlamaLayer, nn.Module):", "class Qwen2Layer(GradientCheckpointingLayer):"),
        # the whole parent base as the end of a modular base; the parent's keywords stay
        (
            "class Qwen2Processor(OmniProcessorMixin, LlamaProcessor):",
            "class Qwen2Processor(OmniProcessorMixin, total=False):",
        ),
    ],
)
def test_other_bases_of_a_modular_class_are_merged_with_the_parents(modular_class, expected):
    name = modular_class.split()[1].split("(")[0]
    assert _class_line(modular_class, name) == expected


def test_feature_extraction_guards_its_torch_imports_and_imports_the_availability_check():
    modular = (
        "import torch\n"
        "\n"
        "from ...feature_extraction_sequence_utils import SequenceFeatureExtractor\n"
        "from ...utils import logging\n"
        "\n"
        "\n"
        "logger = logging.get_logger(__name__)\n"
        "\n"
        "\n"
        "class Qwen2FeatureExtractor(SequenceFeatureExtractor):\n"
        "    def __call__(self, x):\n"
        '        logger.info("called")\n'
        "        return torch.tensor(x)\n"
    )
    files = convert(modular, parents={})
    assert files[f"{MODELS}/qwen2/feature_extraction_qwen2.py"] == banner() + (
        "\n"
        "from ...feature_extraction_sequence_utils import SequenceFeatureExtractor\n"
        "from ...utils import logging, is_torch_available\n"
        "if is_torch_available():\n"
        "    import torch\n"
        "\n"
        "\n"
        "logger = logging.get_logger(__name__)\n"
        "\n"
        "\n"
        "class Qwen2FeatureExtractor(SequenceFeatureExtractor):\n"
        "    def __call__(self, x):\n"
        '        logger.info("called")\n'
        "        return torch.tensor(x)\n"
    )


def test_the_pil_image_processor_copies_what_it_would_import_from_the_torchvision_one():
    modular = (
        "from ...image_processing_backends import PilBackend, TorchvisionBackend\n"
        "from ...processing_utils import ImagesKwargs\n"
        "\n"
        "\n"
        "class Qwen2ImageProcessorKwargs(ImagesKwargs):\n"
        "    pass\n"
        "\n"
        "\n"
        "class Qwen2ImageProcessor(TorchvisionBackend):\n"
        "    valid_kwargs = Qwen2ImageProcessorKwargs\n"
        "\n"
        "\n"
        "class Qwen2ImageProcessorPil(PilBackend):\n"
        "    valid_kwargs = Qwen2ImageProcessorKwargs\n"
    )
    files = convert(modular, parents={})
    # the copy goes before the class that has its position in the pil file; no import of the torchvision module
    assert files[f"{MODELS}/qwen2/image_processing_pil_qwen2.py"] == banner() + (
        "from ...image_processing_backends import PilBackend\n"
        "from ...processing_utils import ImagesKwargs\n"
        "\n"
        "\n"
        "class Qwen2ImageProcessorKwargs(ImagesKwargs):\n"
        "    pass\n"
        "\n"
        "\n"
        "class Qwen2ImageProcessorPil(PilBackend):\n"
        "    valid_kwargs = Qwen2ImageProcessorKwargs\n"
    )


def test_code_taken_from_a_parent_uses_the_parents_assignment_unless_it_is_a_doc_constant():
    parent = (
        "SCALE = 2\n"
        '_CHECKPOINT_FOR_DOC = "llama/base"\n'
        "\n"
        "\n"
        "class LlamaMLP:\n"
        "    def forward(self, x):\n"
        "        return x * SCALE, _CHECKPOINT_FOR_DOC\n"
    )
    modular = (
        "from ..llama.modeling_llama import LlamaMLP\n"
        "\n"
        "SCALE = 3\n"
        '_CHECKPOINT_FOR_DOC = "qwen2/base"\n'
        "\n"
        "\n"
        "class Qwen2MLP(LlamaMLP):\n"
        "    pass\n"
    )
    text = convert(modular, parents={f"{MODELS}/llama/modeling_llama.py": parent})[f"{MODELS}/qwen2/modeling_qwen2.py"]
    assert text[len(banner()) :].startswith('_CHECKPOINT_FOR_DOC = "qwen2/base"\nSCALE = 2\n')


def test_a_parent_class_used_by_name_comes_only_as_a_dependency_of_a_class_taken_from_the_parent():
    parent = (
        "from torch import nn\n"
        "\n"
        "\n"
        "class Snake(nn.Module):\n"
        "    pass\n"
        "\n"
        "\n"
        "class LlamaBlock(nn.Module):\n"
        "    def __init__(self):\n"
        "        self.act = Snake()\n"
    )
    modular = (
        "from ..llama.modeling_llama import LlamaBlock, Snake\n"
        "\n"
        "\n"
        "class Qwen2PreTrainedModel:\n"
        "    def init(self, module):\n"
        "        return isinstance(module, Snake)\n"
        "\n"
        "\n"
        "class Qwen2Block(LlamaBlock):\n"
        "    pass\n"
    )
    text = convert(modular, parents={f"{MODELS}/llama/modeling_llama.py": parent})[f"{MODELS}/qwen2/modeling_qwen2.py"]
    body = text[len(banner()) :]
    assert body.index("class Qwen2PreTrainedModel") < body.index("class Snake(") < body.index("class Qwen2Block")
    assert "import Snake" not in body


def test_an_item_set_on_a_module_variable_comes_with_the_variable():
    modular = (
        "from ...modeling_utils import AttentionInterface\n"
        "\n"
        "\n"
        "def fancy_attention(x):\n"
        "    return x\n"
        "\n"
        "\n"
        "def unused(x):\n"
        "    return x\n"
        "\n"
        "\n"
        "TABLE = AttentionInterface()\n"
        'TABLE["fancy"] = fancy_attention\n'
        "\n"
        "\n"
        "class Qwen2Attention:\n"
        "    def forward(self):\n"
        '        return TABLE["fancy"]\n'
    )
    files = convert(modular, parents={})
    assert files[f"{MODELS}/qwen2/modeling_qwen2.py"] == banner() + (
        "from ...modeling_utils import AttentionInterface\n"
        "\n"
        "\n"
        "def fancy_attention(x):\n"
        "    return x\n"
        "\n"
        "\n"
        "TABLE = AttentionInterface()\n"
        'TABLE["fancy"] = fancy_attention\n'
        "\n"
        "\n"
        "class Qwen2Attention:\n"
        "    def forward(self):\n"
        '        return TABLE["fancy"]\n'
    )
