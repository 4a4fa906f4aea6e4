"""Renaming a parent model's code to the modular model's name, in all casings (`Llama` -> `Qwen2`, `llama` ->
`qwen2`, `LLAMA` -> `QWEN2`), the way Transformers' modular converter does: in names, strings and comments, never
inside absolute imports, and never in the few package names that contain a model name (`mamba_ssm`)."""

from __future__ import annotations

import ast
import re

import libcst as cst

# Names that contain a model name but belong to other packages; the converter leaves them as they are.
NAMES_NEVER_RENAMED = frozenset(
    {
        "mamba_ssm",
        "mamba-ssm",
        "use_mambapy",
        "mamba_inner_fn",
        "mamba_selective_state_update",
        "mamba_selective_scan",
        "is_mambapy_available",
        "mamba2_split_conv1d_scan_combined",
        "mamba2_selective_state_update",
        "mamba2_chunk_scan",
    }
)

AUTO_CONFIGURATION = "auto/configuration_auto.py"


def config_class_names(auto_configuration_text: str | None) -> dict[str, str]:
    """`CONFIG_MAPPING_NAMES` of the auto configuration module (model type -> config class name), read without
    importing it; empty when the text is missing or has no such literal mapping."""
    if not auto_configuration_text:
        return {}
    for node in ast.parse(auto_configuration_text).body:
        if not (isinstance(node, ast.Assign) and any(_is_name(t, "CONFIG_MAPPING_NAMES") for t in node.targets)):
            continue
        pairs = node.value.args[0] if isinstance(node.value, ast.Call) and node.value.args else node.value
        try:
            return dict(ast.literal_eval(pairs))
        except ValueError:
            return {}
    return {}


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def cased_name(lowercase_name: str, config_names: dict[str, str]) -> str:
    """`my_model` -> `MyModel`, unless the auto mapping spells the config class differently (`LlavaNext`)."""
    for key in (lowercase_name, lowercase_name.replace("_", "-")):
        if key in config_names:
            return config_names[key].removesuffix("Config")
    return "".join(part.title() for part in lowercase_name.split("_"))


class NameRenamer:
    """Replaces `old` (a model folder name such as `llama`) with `new` in a piece of text, in all casings."""

    def __init__(self, old: str, new: str, config_names: dict[str, str]):
        old, new = old.replace("-", "_"), new.replace("-", "_")
        self.cased_new = cased_name(new, config_names)
        self.patterns = {old: new, old.upper(): new.upper()}
        # when the cased name is the upper case one (old models), this replaces the previous entry
        self.patterns[cased_name(old, config_names)] = self.cased_new
        alternatives = "|".join(re.escape(key) for key in self.patterns)
        self._regex = re.compile(f"(?<![a-z0-9])({alternatives})(.|$)", re.IGNORECASE | re.DOTALL)

    def __call__(self, text: str) -> str:
        if text in NAMES_NEVER_RENAMED or text.strip('"') in NAMES_NEVER_RENAMED:
            return text
        return self._regex.sub(self._replacement, text)

    def _replacement(self, match: re.Match) -> str:
        found, next_char = match.group(1), match.group(2)
        replacement = self.patterns.get(found, self.cased_new)
        # An all-upper-case cased name (`GPTJ`) is ambiguous: followed by a non-letter it is the upper case name.
        if len(self.patterns) == 2 and found.isupper() and not next_char.isalpha():
            replacement = self.patterns[found.lower()].upper()
        return replacement + next_char


class RenameTransformer(cst.CSTTransformer):
    """Renames names, strings and comments of a module; `# Copied from` comments are dropped and absolute imports
    are left alone."""

    def __init__(self, renamer: NameRenamer):
        super().__init__()
        self.renamer = renamer

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return bool(node.relative)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return updated_node.with_changes(value=self.renamer(updated_node.value))

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString) -> cst.SimpleString:
        return updated_node.with_changes(value=self.renamer(updated_node.value))

    def leave_Comment(self, original_node: cst.Comment, updated_node: cst.Comment):
        if "# Copied from" in updated_node.value:
            return cst.RemoveFromParent()
        return updated_node.with_changes(value=self.renamer(updated_node.value))
