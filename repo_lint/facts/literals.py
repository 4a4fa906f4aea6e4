"""Top-level literal assignments of a module, read with `ast` (`ast.literal_eval`: nothing of the module runs)."""

from __future__ import annotations

import ast
from typing import Any

from repo_lint.parsing import PARSE_FAILURES


class NotLiteral(ValueError):
    """The assignment cannot be read statically; the message says why."""


def assigned_literal(text: str, name: str) -> Any:
    """The value of the last top-level `name = <literal>` of a module; NotLiteral when the module does not
    parse, assigns no `name` at the top level, or assigns it something other than a literal."""
    try:
        body = ast.parse(text).body
    except PARSE_FAILURES as error:
        raise NotLiteral("the module does not parse") from error
    found = [node for node in body if isinstance(node, ast.Assign) and _assigns(node, name)]
    if not found:
        raise NotLiteral(f"no top-level `{name} = ...`")
    try:
        return ast.literal_eval(found[-1].value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as error:
        raise NotLiteral(f"`{name}` is not a literal") from error


def _assigns(node: ast.Assign, name: str) -> bool:
    return any(isinstance(target, ast.Name) and target.id == name for target in node.targets)
