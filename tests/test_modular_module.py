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
