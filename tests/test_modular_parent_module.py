"""A parent module read lazily (parent_module.ParentModule: `ast` for its statements, a definition renamed as text
and parsed alone) must give what the whole module parsed and renamed with libcst gives: the same namespace, and
for each definition a node equal to `node.visit(RenameTransformer(...))`."""

from __future__ import annotations

import ast

import libcst as cst
import pytest
from repo_lint.checks.modular.namespace import read_namespace
from repo_lint.checks.modular.parent_module import ParentModule, statements
from repo_lint.checks.modular.renaming import NameRenamer, RenameTransformer, renamed_source

from tests.realtrees import tree_or_skip

TRICKY = '''# Copyright 2026 The Llama team
# a license header

"""The module docstring."""
import os; import sys
from typing import Optional
from transformers.models.llama import LlamaThing  # an absolute import: llama stays

from ...utils import is_torch_available
from .configuration_llama import LlamaConfig

if is_torch_available():
    import torch
elif is_llama_available():
    import llama_kernels
else:
    import numpy as torch

if os.environ.get("LLAMA"):
    LLAMA_FLAG = True

logger = object()
_CHECKPOINT_FOR_DOC = "meta-llama/Llama-2-7b"
LLAMA_MAPPING = {"llama": "LlamaModel"}
LLAMA_MAPPING["llama-2"] = "Llama2Model"
a_llama = 1; b_llama = 2
annotated_llama: int = 3


# Copied from transformers.models.bert.modeling_bert.rotate_half
def rotate_half(x):
    """Rotates half the hidden dims of the llama input."""
    return x  # llama


  # a comment at column 2 goes to the next statement
@dataclass
# a comment between a decorator and its class
class LlamaOutput:
    """Output of a Llama model: `LlamaOutput`."""

    last_hidden_state: Optional[torch.FloatTensor] = None
    # an indented comment after the class: the block's footer
        # deeper still

# at column 0: the next statement's leading line
class LlamaAttention(nn.Module):
    def __init__(self, config: LlamaConfig, layer_idx: int):
        super().__init__()
        self.name = f"llama-{layer_idx} {config.llama_size!r:>{width}} plain llama text"
        self.other = "llama" "LLAMA" f"{LlamaConfig}"
        from transformers.models.llama.modeling_llama import (  # stays
            LlamaMLP,  # stays too
        )  # renamed: llama
        from .modeling_llama import LlamaMLP as Mlp
        from ..llama.modeling_llama import LlamaMLP

        def nested_llama():
            return None if True else False

        if layer_idx:
            pass
        else:
            if layer_idx is None:
                pass
        # trailing comment of the method
    # trailing comment of the class


try:
    import llama_extra
except ImportError:
    llama_extra = None


async def llama_async():
    return await something_llama()


__all__ = ["LlamaAttention", "LlamaOutput"]
'''


def renamer():
    return NameRenamer("llama", "new_model", {"llama": "LlamaConfig", "new_model": "NewModelConfig"})


def assert_same_as_libcst(text: str, transformer: RenameTransformer) -> int:
    """Compares the lazy reading of `text` with libcst's; returns how many definitions were compared."""
    module = cst.parse_module(text)
    expected = read_namespace(module, text, strict=False)
    lazy = ParentModule(text)
    got = lazy.namespace
    assert list(got.definitions) == list(expected.definitions)
    assert got.line_order == expected.line_order
    assert got.uses == expected.uses
    assert [module.code_for_node(node) for node in got.imports] == [
        module.code_for_node(node) for node in expected.imports
    ]
    for name, node in expected.definitions.items():
        assert lazy.is_class(name) == isinstance(node, cst.ClassDef), name
        assert lazy.is_assignment(name) == isinstance(node, cst.SimpleStatementLine), name
        renamed = lazy.renamed(name, transformer)
        assert renamed.deep_equals(node.visit(transformer)), (name, module.code_for_node(renamed))
    return len(expected.definitions)


def test_statement_lines_are_libcsts():
    module = cst.parse_module(TRICKY)
    found = statements(ast.parse(TRICKY).body, TRICKY.splitlines(keepends=True))
    assert len(found) == len(module.body)
    lines = TRICKY.splitlines(keepends=True)
    footer_owner = next(s for s in found if "class LlamaOutput" in "".join(lines[s.begin : s.end]))
    assert "".join(lines[footer_owner.begin : footer_owner.end]).endswith("        # deeper still\n")


@pytest.mark.parametrize(
    "variant",
    [
        lambda text: text,
        lambda text: text.replace("\n", "\r\n"),
        lambda text: text.replace("    ", "\t"),
        lambda text: text.rstrip("\n"),  # no newline at the end
        lambda text: text.split('"""The module docstring."""\n', 1)[1],  # a statement on the first line
    ],
    ids=["plain", "crlf", "tabs", "no-final-newline", "no-header"],
)
def test_lazy_reading_equals_libcst(variant):
    text = variant(TRICKY)
    assert assert_same_as_libcst(text, RenameTransformer(renamer(), "new_model")) == 8


def test_the_default_indentation_is_the_first_indented_block_even_after_a_one_line_clause():
    # the `else` block's two spaces are the default, not the class's four
    text = "if FLAG: import os\nelse:\n  import sys\n\n\nclass LlamaModel:\n    def forward(self):\n        return 1\n"
    assert cst.parse_module(text).default_indent == "  "
    assert assert_same_as_libcst(text, RenameTransformer(renamer(), "new_model")) == 1


def test_renamed_source_renames_like_the_transformer():
    transformer = RenameTransformer(renamer(), "new_model")
    expected = cst.parse_module(TRICKY).visit(transformer).code
    assert renamed_source(TRICKY, transformer) == expected
    assert "from transformers.models.llama import LlamaThing  # an absolute import: new_model stays" in expected
    assert "# Copied from" not in expected
    assert 'f"llama-{layer_idx} {config.new_model_size!r:>{width}} plain llama text"' in expected
    assert "from .configuration_new_model import NewModelConfig" in expected


def test_imports_the_renaming_cannot_change_are_the_modules_own_nodes():
    module = ParentModule(TRICKY)
    transformer = RenameTransformer(renamer(), "new_model")
    renamed = module.renamed_imports(transformer)
    expected = [node.visit(transformer) for node in module.namespace.imports]
    assert [node.deep_equals(other) for node, other in zip(renamed, expected, strict=True)] == [True] * len(expected)
    kept = [node is original for node, original in zip(renamed, module.namespace.imports, strict=True)]
    codes = [cst.Module(body=[]).code_for_node(node) for node in module.namespace.imports]
    assert [same for same, code in zip(kept, codes, strict=True) if "llama" in code.lower()] == [False] * 4
    assert all(same for same, code in zip(kept, codes, strict=True) if "llama" not in code.lower())
    assert kept.count(True) >= 3  # `import os; import sys`, `from typing ...`, `from ...utils ...`


def test_renamed_source_with_a_prefix_model_keeps_sibling_modules():
    # renamed to a prefix (`new_model_text`): a sibling module keeps the model's own name
    transformer = RenameTransformer(NameRenamer("llama", "new_model_text", {}), "new_model")
    expected = cst.parse_module(TRICKY).visit(transformer).code
    assert renamed_source(TRICKY, transformer) == expected
    assert "from .configuration_new_model import NewModelTextConfig" in expected


def test_only_doc_renaming_is_refused():
    with pytest.raises(ValueError):
        renamed_source("x = 1\n", RenameTransformer(renamer(), "new_model", only_doc=True))


@pytest.mark.realtree
@pytest.mark.parametrize(
    "parent",
    [
        "llama/modeling_llama.py",
        "bert/modeling_bert.py",
        "qwen2_vl/modeling_qwen2_vl.py",
        "mamba/modeling_mamba.py",
        "gemma3/configuration_gemma3.py",
        "llava/processing_llava.py",
        "detr/image_processing_detr.py",
        "whisper/feature_extraction_whisper.py",
        "t5/tokenization_t5.py",
    ],
)
def test_real_parent_modules(parent):
    root = tree_or_skip("transformers") / "src/transformers/models"
    path = root / parent
    text = path.read_text(encoding="utf-8")
    transformer = RenameTransformer(NameRenamer(parent.split("/")[0], "new_model", {}), "new_model")
    assert assert_same_as_libcst(text, transformer) > 0
