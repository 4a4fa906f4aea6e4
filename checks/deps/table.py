"""The requirements of a setup file and the table generated from them, read with `ast` (nothing runs)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from repo_lint.facts.literals import NotLiteral, assigned_literal
from repo_lint.parsing import PARSE_FAILURES

_SPECIFIER_START = "!=<>~ "  # a requirement's name ends where its version specifier starts


@dataclass(frozen=True)
class Table:
    """The `deps = {...}` of the generated module: its entries in order, and its lines ([start, end), 0-based,
    the braces included)."""

    entries: tuple[tuple[str, str], ...] = ()
    start: int = 0
    end: int = 0
    problem: str = ""


def requirement_name(requirement: str) -> str:
    """`torch>=2.2` -> `torch`, `ray[tune]>=2.7.0` -> `ray[tune]`, `av` -> `av`."""
    for position, character in enumerate(requirement):
        if character in _SPECIFIER_START:
            return requirement[:position]
    return requirement


def requirements(text: str, name: str) -> list[str] | str:
    """The literal list `name = [...]` of strings of a setup file, or why it cannot be read."""
    try:
        value = assigned_literal(text, name)
    except NotLiteral as error:
        return str(error)
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        return f"`{name}` is not a list of strings"
    return list(value)


def expected_entries(listed: list[str]) -> tuple[tuple[str, str], ...]:
    """name -> requirement, in the list's order (a name listed twice keeps its first place and its last value)."""
    table: dict[str, str] = {}
    for requirement in listed:
        table[requirement_name(requirement)] = requirement
    return tuple(table.items())


def read_table(text: str) -> Table:
    try:
        body = ast.parse(text).body
    except PARSE_FAILURES:
        return Table(problem="the table module does not parse")
    found = [node for node in body if isinstance(node, ast.Assign) and _names(node) == ["deps"]]
    if len(found) != 1 or not isinstance(found[0].value, ast.Dict):
        return Table(problem="no single top-level `deps = {...}`")
    node = found[0].value
    entries = []
    for key, value in zip(node.keys, node.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(value, ast.Constant)):
            return Table(problem="an entry of `deps` is not a literal string")
        if not (isinstance(key.value, str) and isinstance(value.value, str)):
            return Table(problem="an entry of `deps` is not a literal string")
        entries.append((key.value, value.value))
    return Table(tuple(entries), node.lineno - 1, node.end_lineno)


def table_lines(entries: tuple[tuple[str, str], ...]) -> str:
    """`deps = {` ... `}` as the setup command writes them (one entry a line, double quotes)."""
    return "deps = {\n" + "".join(f'    "{name}": "{requirement}",\n' for name, requirement in entries) + "}\n"


def _names(node: ast.Assign) -> list[str]:
    return [target.id for target in node.targets if isinstance(target, ast.Name)]


def first_difference(current: tuple, expected: tuple) -> str:
    have, want = dict(current), dict(expected)
    for name, requirement in expected:
        if name not in have:
            return f"`{name}` is missing (`{requirement}`)"
        if have[name] != requirement:
            return f"`{name}` is `{have[name]}`, the setup file says `{requirement}`"
    for name, _ in current:
        if name not in want:
            return f"`{name}` is not in the setup file's requirements"
    return "the entries are not in the setup file's order"
