"""Per-file facts of the NAM family that need no syntax tree: the top-level classes of a file (a regex over
column-0 `class` lines, checked against `ast` only where it matters) and the modular banner of a generated
file. Pure functions of the file's text, cached by content."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from repo_lint.parsing import Unparsable, parse_module

# A top-level `class` statement always starts a line at column 0 (after its decorators, which are lines of
# their own), so every top-level class is found; a column-0 `class` line inside a triple-quoted string would
# be found too, which is why a finding is confirmed with `ast` before it is reported (`read_class_names`).
_CLASS_LINE = re.compile(r"^class[ \t]+([^\W\d]\w*)", re.MULTILINE)
_MODULAR_SOURCE = re.compile(r"\b(modular_\w+\.py)\b")


@dataclass(frozen=True)
class ClassLine:
    name: str
    line: int  # 1-based
    column: int  # 1-based, of the name


@dataclass(frozen=True)
class FileClasses:
    classes: tuple[ClassLine, ...]
    generated_from: str  # the `modular_*.py` a generated file says it comes from ("" if none)


def read_file_classes(text: str, generated_marker: str) -> FileClasses:
    """The column-0 `class` statements of a file and, when the file carries `generated_marker` in its first
    lines, the modular file it names."""
    classes = []
    line = 1
    last = 0
    for match in _CLASS_LINE.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        classes.append(ClassLine(match.group(1), line, match.start(1) - match.start() + 1))
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
