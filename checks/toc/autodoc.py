"""Which public objects the docs document: `[[autodoc]] Name` lines of the doc pages, and the public names of the
package (its main init's `_import_structure`, and the `__all__` of every module of the folders it hands to
`define_import_structure`), as Transformers' `utils/check_repo.py` (`check_all_objects_are_documented`) reads
them by importing the library. Read here with `ast` and a fixed pattern; nothing is imported."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from repo_lint.parsing import PARSE_FAILURES

_AUTODOC = re.compile(r"\[\[autodoc\]\]\s+(\S+)")  # the last line of a page may have no newline


@dataclass(frozen=True)
class Undocumentable:
    """The names that need no doc page: exact names, and names with one of these prefixes or suffixes."""

    names: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]

    def excuses(self, name: str) -> bool:
        return (
            name.startswith("_")
            or name.isupper()  # constants
            or name in self.names
            or name.startswith(self.prefixes)
            or name.endswith(self.suffixes)
            or (name.startswith("is_") and name.endswith("_available"))
        )


def documented_names(text: str) -> tuple[str, ...]:
    """The objects a doc page documents: the last part of each `[[autodoc]] a.b.Name`."""
    return tuple(found.rsplit(".", 1)[-1] for found in _AUTODOC.findall(text))


def module_all(text: str) -> tuple[tuple[str, ...], int] | None:
    """The names of a module's top-level `__all__ = [...]` (or tuple) and its line; None when it has none that
    is a literal list of strings."""
    try:
        body = ast.parse(text).body
    except PARSE_FAILURES:
        return None
    for node in body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                return None
            if isinstance(value, (list, tuple)) and all(isinstance(name, str) for name in value):
                return tuple(value), node.lineno
            return None
    return None
