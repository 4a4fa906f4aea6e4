"""Where classes and functions start and end, found by a text scan (no parser: this runs on every file
with a marker and every source of one, so it must be cheap); strings are located by `repo_lint.pysource`.

Extents follow the reference script's reading so that fixes write the same bytes: a definition runs from
its `def`/`class` line while lines are blank, deeper indented, a closing `):` of a multi-line signature,
or inside a triple-quoted string; trailing blank lines are not part of it. Unlike the reference, lines
inside strings never start or end a definition, and nested names are looked up only inside their parent.
The decorator lines above a definition are read here too (CPY007 compares them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from repo_lint.pysource import SourceLines, line_code, source_lines, string_continuation_lines
from repo_lint.workspace import split_lines

__all__ = ["Definition", "index_definitions", "resolve", "split_lines", "string_continuation_lines"]

_DEF = re.compile(r"^(?P<indent>[ \t]*)(?P<async>async[ \t]+)?(?P<kind>class|def)[ \t]+(?P<name>\w+)[ \t]*[(:\[]")
_HEADER_CLOSE = re.compile(r"^\s*\)(\s*->.*:|:)\s*$")


def indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def is_blank(line: str) -> bool:
    return not line.strip()


@dataclass
class Definition:
    name: str
    kind: str  # "class" or "def"
    is_async: bool
    indent: str
    line: int  # 0-based index of the `def`/`class` line
    header_end: int  # index of the first line after the signature
    end: int  # exclusive; trailing blank lines excluded
    decorator_start: int  # first decorator line (== line when undecorated)
    children: list[Definition] = field(default_factory=list)


class _CodeOfLines:
    """The code of a file's lines (no comments, no strings), read line by line; the whole file is
    scanned only for a line that starts inside a string."""

    def __init__(self, lines: list[str], strings: set[int], source: SourceLines | None) -> None:
        self.lines, self.strings, self.source = lines, strings, source

    def __call__(self, index: int) -> str:
        if index not in self.strings:
            return line_code(self.lines[index])
        if self.source is None:
            self.source = source_lines("".join(self.lines))
        return self.source.code(index, self.lines[index])


def header_end(lines: list[str], start: int, limit: int, code: Callable[[int], str]) -> int:
    """Index of the first line after the signature that starts on `start`."""
    depth = _bracket_depth(code(start))
    if depth <= 0:
        return start + 1
    index = start + 1
    while index < limit:
        line = lines[index]
        if _HEADER_CLOSE.match(line):
            return index + 1
        depth += _bracket_depth(code(index))
        if depth <= 0 and line.rstrip().endswith(":"):
            return index + 1
        index += 1
    return start + 1


def _bracket_depth(code: str) -> int:
    return code.count("(") + code.count("[") + code.count("{") - code.count(")") - code.count("]") - code.count("}")


def decorator_start(lines: list[str], line: int, indent: str, strings: set[int]) -> int:
    """First line of the decorators directly above a definition (the definition line itself if none)."""
    start = line
    index = line - 1
    while index >= 0 and index not in strings:
        text = lines[index]
        if text.startswith(indent + "@") and not text[len(indent) + 1 : len(indent) + 2].isspace():
            start = index
        elif not (len(indent_of(text)) > len(indent) and not is_blank(text)) and not text.lstrip().startswith(")"):
            break
        index -= 1
    return start


def index_definitions(lines: list[str], strings: set[int] | None = None) -> list[Definition]:
    """Top-level definitions of a file, each with its nested definitions, in one pass over the lines.

    A definition ends before the first line (outside strings, not a closing `):` of a signature) that
    is indented no deeper than its `def`/`class` line; trailing blank lines are not part of it.
    """
    source = None
    if strings is None:
        source = source_lines("".join(lines))
        strings = source.continuation_lines()
    code = _CodeOfLines(lines, strings, source)
    roots: list[Definition] = []
    stack: list[Definition] = []
    last_content = -1
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if index in strings:
            if stripped:
                last_content = index
            continue
        if not stripped:
            continue
        width = len(line) - len(stripped)
        if stack and width <= len(stack[-1].indent) and not (stripped[0] == ")" and _HEADER_CLOSE.match(line)):
            while stack and width <= len(stack[-1].indent) and index >= stack[-1].header_end:
                closed = stack.pop()
                closed.end = max(last_content + 1, closed.header_end)
        match = _DEF.match(line) if stripped.startswith(("def", "class", "async")) else None
        if match is not None and not (stack and index < stack[-1].header_end):
            indent = match.group("indent")
            definition = Definition(
                name=match.group("name"),
                kind=match.group("kind"),
                is_async=bool(match.group("async")),
                indent=indent,
                line=index,
                header_end=header_end(lines, index, len(lines), code),
                end=index + 1,
                decorator_start=decorator_start(lines, index, indent, strings),
            )
            (stack[-1].children if stack else roots).append(definition)
            stack.append(definition)
        last_content = index
    while stack:
        closed = stack.pop()
        closed.end = max(last_content + 1, closed.header_end)
    return roots


def resolve(roots: list[Definition], names: list[str]) -> tuple[Definition | None, list[str]]:
    """Follow nested names exactly; return the definition and the names that were found."""
    found: list[str] = []
    candidates = roots
    current: Definition | None = None
    for name in names:
        current = next((d for d in candidates if d.name == name), None)
        if current is None:
            return None, found
        found.append(name)
        candidates = current.children
    return current, found


def definition_at(roots: list[Definition], line: int) -> Definition | None:
    """The innermost definition whose `def`/`class` line is `line`."""
    for definition in roots:
        if definition.line == line:
            return definition
        if definition.line < line < definition.end:
            return definition_at(definition.children, line)
    return None


def qualified_name_at(roots: list[Definition], line: int) -> list[str] | None:
    """Nested names leading to the definition that starts on `line`."""
    for definition in roots:
        if definition.line == line:
            return [definition.name]
        if definition.line < line < definition.end:
            inner = qualified_name_at(definition.children, line)
            return None if inner is None else [definition.name, *inner]
    return None


def first_code_line_indent(lines: list[str], start: int, end: int, strings: set[int]) -> str | None:
    for index in range(start, end):
        if index not in strings and not is_blank(lines[index]):
            return indent_of(lines[index])
    return None


def decorator_name(line: str) -> str:
    """`no_grad` for `@torch.no_grad()`: the last dotted name of a decorator line, without its arguments."""
    return line.strip()[1:].split("(", 1)[0].strip().rsplit(".", 1)[-1]


def without_decorators(lines: list[str], names: set[str]) -> list[str]:
    """Drop the decorators called `names` (with their argument lines) from decorator lines."""
    if not names:
        return lines
    kept: list[str] = []
    dropping = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("@"):
            dropping = decorator_name(stripped) in names
        if not dropping:
            kept.append(line)
    return kept


def decorators_of(lines: list[str], definition_line: int, indent: str) -> list[str]:
    """Decorator lines above a definition, looking through comment lines (such as its own marker)."""
    top = decorator_block_start(lines, definition_line, indent)
    return [line for line in lines[top:definition_line] if not line.strip().startswith("#")]


def decorator_block_start(lines: list[str], definition_line: int, indent: str) -> int:
    """Index of the first decorator line above a definition, comment lines between them included."""
    top = definition_line
    index = definition_line - 1
    while index >= 0:
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            break
        if line.startswith(indent + "@"):
            top = index
        elif not (
            (stripped.startswith("#") and indent_of(line) == indent)
            or len(indent_of(line)) > len(indent)
            or (indent_of(line) == indent and stripped.startswith(")"))
        ):
            break
        index -= 1
    return top
