"""What the MOD family reads from a file's text: the modular file a generated file's banner names, and the
modules of the package a modular file imports from (its parents)."""

from __future__ import annotations

import ast
import posixpath
import re

from repo_lint.parsing import Unparsable, nested_statements, parse_module

_PATH_AFTER_MARKER = re.compile(r"\s+(\S+?\.py)\.?\s*$")


def banner_source(text: str, marker: str, lines: int) -> tuple[str, int] | None:
    """(the path the banner names, its 1-based line) when one of the first `lines` lines is a comment holding
    `marker` followed by a `.py` path; None otherwise (the model-folder inits name a folder, not a file)."""
    for number, line in enumerate(text.split("\n", lines)[:lines], start=1):
        if not line.lstrip().startswith("#") or marker not in line:
            continue
        match = _PATH_AFTER_MARKER.match(line.split(marker, 1)[1])
        if match:
            return match.group(1), number
    return None


def modular_parents(text: str, path: str, package: str, source: str) -> tuple[str, ...] | Unparsable:
    """The modules of the package that the modular file `path` imports from, as repository paths without
    `.py` (`src/pkg/models/llama/modeling_llama`): relative imports resolved from its folder, absolute ones
    when they start with `package`. Sorted; a module named twice is listed once."""
    tree = parse_module(text, path)
    if isinstance(tree, Unparsable):
        return tree
    folder = posixpath.dirname(path)
    found = set()
    for node in nested_statements(tree.body):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = folder
            for _ in range(node.level - 1):
                base = posixpath.dirname(base)
            module = posixpath.join(base, *node.module.split(".")) if node.module else None
        elif node.module and package and node.module.split(".")[0] == package:
            module = posixpath.join(source, *node.module.split(".")[1:])
        else:
            module = None
        if module is not None:
            found.add(module)
    return tuple(sorted(found))
