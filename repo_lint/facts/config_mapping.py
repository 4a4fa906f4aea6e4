"""`CONFIG_MAPPING_NAMES` (model type -> config class name) of a Transformers-style auto package, read with `ast`
from the modules that build it (the modular converter renames by it, TOC009 checks doc pages against its keys)."""

from __future__ import annotations

import ast
from functools import lru_cache


@lru_cache(maxsize=8)  # the same auto modules for every conversion of a run: parsed once (do not mutate)
def config_class_names(*texts: str | None) -> dict[str, str]:
    """`CONFIG_MAPPING_NAMES` (model type -> config class name) as the auto modules build it, read without
    importing them: literal assignments, `OrderedDict(...)` of pairs, `.update({...})` and
    `OrderedDict(**{...}, **CONFIG_MAPPING_NAMES)`, applied in the order of `texts`."""
    mapping: dict[str, str] = {}
    for text in texts:
        for node in ast.parse(text or "").body:
            if isinstance(node, ast.Assign) and any(_is_name(t, "CONFIG_MAPPING_NAMES") for t in node.targets):
                mapping = _mapping_value(node.value, mapping)
            elif (
                isinstance(node, ast.Expr)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute)
                and node.value.func.attr == "update"
                and _is_name(node.value.func.value, "CONFIG_MAPPING_NAMES")
                and node.value.args
            ):
                mapping.update(_literal(node.value.args[0]))
    return mapping


def _mapping_value(value: ast.expr, current: dict[str, str]) -> dict[str, str]:
    if not isinstance(value, ast.Call):
        return _literal(value)
    if value.args:
        return _literal(value.args[0])
    merged: dict[str, str] = {}
    for keyword in value.keywords:  # `**{...}` and `**CONFIG_MAPPING_NAMES`
        merged.update(current if _is_name(keyword.value, "CONFIG_MAPPING_NAMES") else _literal(keyword.value))
    return merged


def _literal(node: ast.expr) -> dict[str, str]:
    try:
        return dict(ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return {}


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
