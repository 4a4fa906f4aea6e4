"""The decorator order of tests (STR011, the decorator part of Transformers' and Diffusers' `utils/check_repo.py`):
`@parameterized...` comes first. `parameterized.expand` puts the generated tests into the class and returns a
stand-in, so a decorator written above it (`@slow`, `@require_torch_accelerator`) decorates the stand-in only and
is lost for every generated test. Read with `ast`; the fix moves the decorator's lines above the others."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from repo_lint.facts.ast_names import dotted_name
from repo_lint.parsing import PARSE_FAILURES

PREFIX = "parameterized"


@dataclass(frozen=True)
class LateDecorator:
    """A `@parameterized...` decorator below another decorator of the same definition."""

    definition: str
    decorator: str  # its dotted name: `parameterized.expand`
    line: int  # 1-based, its `@` line
    end_line: int  # 1-based, its last line
    first_line: int  # 1-based, the `@` line of the definition's first decorator
    movable: bool  # every decorator of the definition starts its own line and ends before the next one starts


def late_decorators(text: str) -> tuple[LateDecorator, ...] | None:
    """Every `@parameterized...` decorator that is not the first of its definition; None when the text does not
    parse."""
    try:
        tree = ast.parse(text)
    except PARSE_FAILURES:
        return None
    lines = text.splitlines()
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        decorators = node.decorator_list
        for decorator in decorators[1:]:
            name = dotted_name(decorator) or ""
            if not name.split(".", 1)[0].startswith(PREFIX):
                continue
            found.append(
                LateDecorator(
                    node.name,
                    name,
                    decorator.lineno,
                    decorator.end_lineno or decorator.lineno,
                    decorators[0].lineno,
                    _own_lines(decorators, lines, node),
                )
            )
    return tuple(sorted(found, key=lambda late: late.line))


def _own_lines(decorators: list[ast.expr], lines: list[str], node: ast.AST) -> bool:
    """Each decorator's `@` starts its line and the next decorator (or the definition) starts on a later line."""
    ends = [decorator.end_lineno or decorator.lineno for decorator in decorators]
    starts = [decorator.lineno for decorator in decorators[1:]] + [node.lineno]
    if any(end >= start for end, start in zip(ends, starts, strict=True)):
        return False
    return all(lines[decorator.lineno - 1].lstrip().startswith("@") for decorator in decorators)


def moved_first(lines: list[str], late: LateDecorator) -> str:
    """The text of lines `first_line..end_line` with the late decorator's lines moved to the top."""
    first, start, end = late.first_line - 1, late.line - 1, late.end_line
    return "".join(lines[start:end] + lines[first:start])
