"""The `diffusers` preset: every value repo-lint sets for Hugging Face Diffusers, as data.

Measured on the released tree of diffusers 0.42.1 (the release the real-tree tests check), or named after the
reference script in Diffusers' `utils/` it follows. `TOP` holds the top-level settings; each check family has
its own block below, collected in `SECTIONS` under the family's section name (a new family only adds a block
here). `repo_lint/presets/__init__.py` reads `TOP` and `SECTIONS`.
"""

from __future__ import annotations

from typing import Any

# ============================================================================================= top-level settings
# MPB002 (a marked modular block whose docstring needs running code: 120 of the 274 classes of the development
# tree at 58eb52c080, behind 43 blocks) is reported for changed files only, as the transformers preset does with
# MOD004: a full run says it left it out, a pull request hears about the classes it touches. STR013 (a new model,
# scheduler or pipeline without test: utils/check_test_missing.py) is a pull request's business too.
TOP: dict[str, Any] = {"package": "diffusers", "source": "src/diffusers", "changed-only": ["MPB002", "STR013"]}


# ==================================================================================================== copies: CPY
COPIES: dict[str, Any] = {
    # Diffusers checks `diffusers.` markers in the library only.
    "roots": {"diffusers": "src/diffusers"},
    "flavor": "diffusers",
    "ignore-decorators": ["replace_example_docstring"],
}


# ===================================================================================================== inits: INI
INITS: dict[str, Any] = {
    "backend-key-order": "as-written",
    # Diffusers' check_submodules never ran (it walks src/transformers): no convention to enforce.
    "check-submodules": False,
    "ignore-submodules": ["convert_pytorch_checkpoint_to_tf2", "modeling_flax_pytorch_utils"],
    "isort-flavor": "diffusers",
}


# ================================================================================================= dummies: DUM
DUMMIES: dict[str, Any] = {"flavor": "diffusers", "init-half": "type_checking"}


# ====================================================================================================== auto: AUT
# Diffusers' auto-pipeline mappings hold the classes themselves, in a deliberate order (no sort_auto_mappings
# script) and keyed by pipeline family, not by a config's model type. Custom code registers with the
# transformers auto classes: `auto-classes` keeps its default (those of transformers 5.23.0).
AUTO: dict[str, Any] = {
    "mapping-files": ["src/diffusers/pipelines/auto_pipeline.py", "src/diffusers/models/auto_model.py"],
    "sort": False,
    "key-checked-mappings": [],
}


# ===================================================================================================== toc: TOC
# utils/check_doc_toc.py keeps three parts of API sorted by title, `Overview` and `AutoPipeline` first: the
# Schedulers list, and the Pipelines and Models lists with each of their sub-sections. Diffusers has no
# modalities, doctest lists or one doc page per `models/` subfolder. utils/check_support_list.py (run in CI)
# keeps five API pages complete: its selectors are the support lists.
# (the script's `\w+Processor\d*_?\d*` as globs: `AttnProcessor2_0` is listed, `AttnProcessor2_0_NPU` is not)
_PROCESSOR_NAMES = ["?*Processor", "?*Processor[0-9]", "?*Processor[0-9]_[0-9]"]
_MODULE_CLASSES = {"bases": ["nn.Module"]}
TOC: dict[str, Any] = {
    "models-part": [],
    "sorted-parts": ["API / Schedulers", "API / Pipelines", "API / Models"],
    "fixed-titles": ["overview", "autopipeline"],
    "doctest-lists": [],
    "models-folder": "",
    "support-lists": {
        "docs/source/en/api/attnprocessor.md": {
            "source": "{source}/models/attention_processor.py",
            "names": _PROCESSOR_NAMES,
            "exclude": ["*LoRA*", "Attention"],
        },
        "docs/source/en/api/image_processor.md": {
            "source": "{source}/image_processor.py",
            "names": _PROCESSOR_NAMES,
        },
        "docs/source/en/api/activations.md": {"source": "{source}/models/activations.py", **_MODULE_CLASSES},
        "docs/source/en/api/normalization.md": {
            "source": "{source}/models/normalization.py",
            **_MODULE_CLASSES,
            "exclude": ["LayerNorm"],
        },
        "docs/source/en/api/loaders/lora.md": {
            "source": "{source}/loaders/lora_pipeline.py",
            "names": ["?*LoraLoaderMixin"],
        },
    },
}


# ============================================================================================== docstrings: DOC
# utils/check_forward_call_docstrings.py checks that arguments are documented, not their order.
DOCSTRINGS: dict[str, Any] = {"check-order": False}


# ============================================================================================== structure: STR
# Diffusers models derive from ModelMixin in `models/` (any file name); they have no `post_init`, no `**kwargs`
# convention for `forward`, no config classes and no TensorFlow files.
STRUCTURE: dict[str, Any] = {
    "model-files": ["{source}/models/**/*.py"],
    # models/modeling_utils.py & co. are the library's own base classes (ModelMixin, LegacyModelMixin).
    "ignore-files": ["{source}/models/modeling_*.py"],
    "base-class": "ModelMixin",
    "config-files": [],
    "tf-files": [],
    "post-init": False,
    "forward-kwargs": False,
    # utils/check_test_missing.py (the pull-request labeller): what a branch adds is imported by a test.
    "tested-bases": ["ModelMixin", "SchedulerMixin", "DiffusionPipeline"],
}


# ================================================================================================= naming: NAM
# Diffusers' `models/` is split by architecture family (`unets/`, `transformers/`), not one folder per model, and
# has no config class per folder: NAM001/NAM002 do not apply. Its guide sets no naming style rules either, so
# NAM003-NAM005 look at no file unless configured.
NAMING: dict[str, Any] = {"models-folder": "", "style-files": [], "annotation-files": []}


# ========================================================================================================= deps
# `python setup.py deps_table_update` (in `make style` / `make fix-repo`) writes this table from `_deps`.
DEPS: dict[str, Any] = {"table-file": "src/diffusers/dependency_versions_table.py"}


# ======================================================================================== the sections, by family
# ======================================================================================== modular-blocks: MPB
# utils/modular_auto_docstring.py runs in CI with transformers from git main, where `Qwen2TokenizerFast` is only
# an alias of `Qwen2Tokenizer` (transformers v5): the committed docstrings print the class's runtime `__name__`,
# which the source (`from transformers import Qwen2TokenizerFast`) cannot tell.
MODULAR_BLOCKS: dict[str, Any] = {"aliases": {"Qwen2TokenizerFast": "Qwen2Tokenizer"}}


SECTIONS: dict[str, dict[str, Any]] = {
    "copies": COPIES,
    "inits": INITS,
    "dummies": DUMMIES,
    "auto": AUTO,
    "toc": TOC,
    "docstrings": DOCSTRINGS,
    "structure": STRUCTURE,
    "naming": NAMING,
    "deps": DEPS,
    "modular-blocks": MODULAR_BLOCKS,
}
