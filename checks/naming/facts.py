"""Per-file facts of the NAM family that need no syntax tree: the top-level classes of a file (a regex over
column-0 `class` lines, checked against `ast` only where it matters) and the modular banner of a generated
file. Pure functions of the file's text, cached by content."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from repo_lint.facts.classes import ClassLine, class_lines
from repo_lint.parsing import Unparsable, parse_module

_MODULAR_SOURCE = re.compile(r"\b(modular_\w+\.py)\b")


@dataclass(frozen=True)
class FileClasses:
    classes: tuple[ClassLine, ...]
    generated_from: str  # the `modular_*.py` a generated file says it comes from ("" if none)


def read_file_classes(text: str, generated_marker: str) -> FileClasses:
    """The column-0 `class` statements of a file (`class_lines`, confirmed with `ast` before a finding is
    reported: `read_class_names`) and, when the file carries `generated_marker` in its first lines, the
    modular file it names. A name starting with a digit is no class name, and is left out."""
    classes = [class_line for class_line in class_lines(text) if not class_line.name[0].isdecimal()]
    generated_from = ""
    if generated_marker:
        head = text[:2048]
        at = head.find(generated_marker)
        if at >= 0:
            found = _MODULAR_SOURCE.search(head, at)
            generated_from = found.group(1) if found else "a modular file"
    return FileClasses(tuple(classes), generated_from)


def read_class_names(text: str) -> frozenset[str] | None:
    """The names of the classes defined at the top level of a module, from its syntax tree; None when it
    does not parse (RL001 reports it)."""
    tree = parse_module(text)
    if isinstance(tree, Unparsable):
        return tree
    return frozenset(node.name for node in tree.body if isinstance(node, ast.ClassDef))


def normalized(name: str) -> str:
    """How prefixes are compared: case and underscores ignored (`PaliGemma` / `Paligemma`, `Qwen2_5_VL`)."""
    return name.replace("_", "").lower()


def file_kind(stem: str, folder: str, kinds: tuple[str, ...] | list[str]) -> str | None:
    """The kind (`modeling_`, ...) of a file stem named `<kind><folder>` or `<kind><folder>_<variant>`
    (`tokenization_cpm_fast`, `configuration_data2vec_audio`); the longest kind that fits, or None."""
    best = None
    for kind in kinds:
        rest = stem[len(kind) :] if stem.startswith(kind) else None
        if rest is not None and (rest == folder or rest.startswith(folder + "_")):
            if best is None or len(kind) > len(best):
                best = kind
    return best
