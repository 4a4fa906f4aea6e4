"""AUT: auto mappings and model registration (replaces the mapping parts of `utils/check_repo.py` and
`utils/sort_auto_mappings.py`, and checks the custom-model registration calls no existing tool checks)."""

from __future__ import annotations

from repo_lint.checks.auto.registration_rules import REGISTRATION_RULES
from repo_lint.checks.auto.rules import MAPPING_RULES

from repo_lint.config import Option
from repo_lint.presets.transformers import AUTO_CLASSES as TRANSFORMERS_AUTO_CLASSES

FAMILY = "AUT"
SECTION = "auto"
JUDGE = "repo_lint.checks.auto.judge:judge"  # imported on first use: a no-op run never needs it
RULES = MAPPING_RULES + REGISTRATION_RULES

OPTIONS = (
    Option("mapping-files", "list[str]", [], "Glob patterns of the files holding the auto mappings.", path="globs"),
    Option("sort", "bool", True, "Report auto mappings whose entries are not sorted by key (AUT001)."),
    Option("config-mapping", "str", "CONFIG_MAPPING_NAMES", "The mapping from model type to config class."),
    Option(
        "key-checked-mappings",
        "list[str]",
        [
            r"MODEL_\w*MAPPING_NAMES",
            r"\w*PROCESSOR_MAPPING_NAMES",
            r"FEATURE_EXTRACTOR_MAPPING_NAMES",
            r"TOKENIZER_MAPPING_NAMES",
        ],
        "Regular expressions of mapping names whose keys must be config keys.",
    ),
    Option(
        "non-config-keys",
        "list[str]",
        [],
        "Mapping keys that are no model type on purpose (tokenizer-only models that reuse another config).",
    ),
    Option(
        "deprecated-folder", "str", "", "Folder of deprecated models that `DEPRECATED_MODELS` must list.", path="path"
    ),
    Option(
        "models-folder",
        "str",
        "",
        "Folder of model folders whose `modeling_*.py` classes must be in an auto mapping (AUT004).",
        path="path",
    ),
    Option("model-mappings", "str", r"MODEL_\w*MAPPING_NAMES", "Regex of the mappings that count for AUT004."),
    Option("base-model-class", "str", "PreTrainedModel", "The library's base model class."),
    Option("unmapped-models", "list[str]", [], "Model classes that need no auto mapping."),
    Option(
        "unmapped-substrings",
        "list[str]",
        ["Encoder", "Decoder"],
        "A model whose name contains one of these is a building block and needs no auto mapping.",
    ),
    Option("unchecked-modules", "list[str]", [], "Modeling modules AUT004 does not look at."),
    Option(
        "generated-file",
        "str",
        "",
        "The module of mappings generated from the model folders (AUT008; empty: not checked).",
        path="path",
    ),
    Option("generated-config-base", "str", "PreTrainedConfig", "The base of the config classes it maps (AUT008)."),
    Option(
        "generated-special-mapping",
        "str",
        "SPECIAL_MODEL_TYPE_TO_MODULE_NAME",
        "Its mapping of the model types owned by a folder of another name to that folder (AUT008).",
    ),
    Option(
        "generated-processors",
        "dict[str,list[str]]",
        {},
        "Its processor mappings, in file order: name -> sources `<file prefix>:<Base>|<Base>[:<label>]` (AUT008).",
    ),
    Option(
        "auto-classes",
        "dict[str,list[str]]",
        # Custom code registers with the transformers auto classes: without a preset, those of the release the
        # transformers preset was measured on.
        TRANSFORMERS_AUTO_CLASSES,
        "The auto classes a registration may name (AUT103), each with the base classes whose "
        "`register_for_auto_class()` defaults to it (default: those of transformers 5.23.0).",
    ),
)


__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
