"""Which name a parent module is renamed to. Usually the modular file's model name, but a modular file may
inherit with another prefix (`class NewModelTextDecoderLayer(LlamaDecoderLayer)` renames `Llama` to
`NewModelText` in that parent); the converter takes the most used prefix per parent module, and falls back to
the model name when the prefix would collide with a class the parent already has."""

from __future__ import annotations

import re
from collections import Counter

import libcst as cst
from repo_lint.checks.modular.renaming import NameRenamer, RenameTransformer, cased_name


def common_suffix(first: str, second: str) -> str:
    """The longest common suffix of two names, empty when it is the whole of either."""
    length = 0
    while length < min(len(first), len(second)) and first[-1 - length] == second[-1 - length]:
        length += 1
    suffix = first[len(first) - length :] if length else ""
    return "" if suffix in (first, second) else suffix


def lowercase_name(cased: str, config_names: dict[str, str]) -> str:
    """`MyModel` -> `my_model`, unless the auto mapping has the config class under another model type."""
    for model_type, config_class in config_names.items():
        if config_class == cased + "Config":
            return model_type
    return "_".join(part.lower() for part in re.findall(r"[A-Z][^A-Z]*", cased))


def class_prefix(class_name: str, base: str, model_cased: str, parent_folder: str, config_names) -> str:
    """The cased prefix `class_name` gives its parent class `base`."""
    suffix = common_suffix(class_name, base)
    if suffix and suffix[0].isupper():
        prefix = class_name.replace(suffix, "")
        # both model names ending alike makes the shared end look like a suffix
        if len(prefix) < len(model_cased) and model_cased in class_name:
            return model_cased
        return prefix
    if class_name.replace(model_cased, "") == base:
        return model_cased + cased_name(parent_folder, config_names)
    return model_cased


def parent_model_names(
    prefixes_by_parent: dict[str, list[str]],
    parent_texts: dict[str, str],
    model: str,
    model_cased: str,
    config_names: dict[str, str],
    searched: dict[str, set[str]] | None = None,
) -> dict[str, str]:
    """Parent module path -> the lowercase model name its code is renamed to. `searched`, when given, receives
    for each parent the names `X` for which its text was searched for a line `class X`."""
    names = {}
    for parent_path, text in parent_texts.items():
        counts = Counter(prefixes_by_parent.get(parent_path, ()))
        if not counts:
            names[parent_path] = model
            continue
        top = max(counts.values())
        most_used = [prefix for prefix, count in counts.items() if count == top]
        chosen = model_cased if model_cased in most_used else most_used[-1]
        old_cased = cased_name(parent_path.split("/")[-2], config_names)
        if chosen != model_cased:
            colliding = chosen.replace(model_cased, old_cased)
            if searched is not None:
                searched.setdefault(parent_path, set()).add(colliding)
            if f"\nclass {colliding}" in text:
                chosen = model_cased
        names[parent_path] = lowercase_name(chosen, config_names)
    return names


def docs_renamed_to(node: cst.ClassDef, new_name: str, config_names: dict[str, str]) -> cst.ClassDef:
    """The parent class `node` (already renamed) taken as `new_name`: what differs between the two names
    (`Qwen2_5_VLPatchEmbed` -> `Qwen2_5_VisionPatchEmbed`, all but the common suffix) is replaced in its strings
    and comments, never in its code."""
    suffix = common_suffix(new_name, node.name.value)
    # `str.replace`, not a suffix strip: the converter removes the suffix wherever it occurs
    old, new = node.name.value.replace(suffix, ""), new_name.replace(suffix, "")
    renamer = NameRenamer(lowercase_name(old, config_names), lowercase_name(new, config_names), config_names)
    return cst.Module(body=[node]).visit(RenameTransformer(renamer, only_doc=True)).body[0]
