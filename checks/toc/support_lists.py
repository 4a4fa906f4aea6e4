"""Support lists: doc pages that must document every class of a source module that a selector picks (the attention
processors, activations, normalizations... of Diffusers' `utils/check_support_list.py`). The classes are read with
`ast` (every class statement of the module, nested ones too); names are matched with `fnmatch` globs, which
cannot backtrack without end whatever a configuration writes."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from fnmatch import fnmatchcase

from repo_lint.facts.ast_names import dotted_name
from repo_lint.parsing import PARSE_FAILURES


@dataclass(frozen=True)
class SupportList:
    """One `support-lists` entry: the page, the modules whose classes it lists, and which of their classes."""

    page: str
    sources: tuple[str, ...]
    names: tuple[str, ...]  # globs; a class matching none of them (nor `bases`) is not listed; both empty: all
    bases: tuple[str, ...]  # dotted names (`nn.Module`): a class with such a base (`torch.nn.Module` too) is listed
    exclude: tuple[str, ...]  # globs of names never listed

    def lists(self, name: str, bases: tuple[str, ...]) -> bool:
        if any(fnmatchcase(name, pattern) for pattern in self.exclude):
            return False
        if not self.names and not self.bases:
            return True
        return any(fnmatchcase(name, pattern) for pattern in self.names) or any(
            base == wanted or base.endswith("." + wanted) for base in bases for wanted in self.bases
        )


def _strings(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def support_lists(option: dict[str, dict], source: str) -> tuple[SupportList, ...]:
    """The entries of the `support-lists` option, `{source}` filled in."""
    fill = lambda path: path.replace("{source}", source).strip("/")  # noqa: E731
    return tuple(
        SupportList(
            fill(page),
            tuple(fill(path) for path in _strings(table.get("source"))),
            _strings(table.get("names")),
            _strings(table.get("bases")),
            _strings(table.get("exclude")),
        )
        for page, table in option.items()
    )


@dataclass(frozen=True)
class ClassStatement:
    name: str
    line: int
    bases: tuple[str, ...]  # dotted, as written (`nn.Module`); a base that is not a dotted name is left out


def class_statements(text: str) -> tuple[ClassStatement, ...] | None:
    """Every class statement of a module, in the order of the text; None when it does not parse."""
    try:
        tree = ast.parse(text)
    except PARSE_FAILURES:
        return None
    found = [
        ClassStatement(node.name, node.lineno, tuple(filter(None, (dotted_name(base) for base in node.bases))))
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    return tuple(sorted(found, key=lambda statement: statement.line))
