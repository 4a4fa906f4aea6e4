"""Parsing a module with CPython's parser without letting one file stop the run.

`ast.parse` fails in more ways than `SyntaxError`: null bytes raise `ValueError`, and a long flat expression
(`x = 1 + 1 + ... + 1`) or deep nesting exhausts the recursion limit (`RecursionError`) or memory. An
extractor that parses a whole file calls `parse_module` and returns its `Unparsable` result as the file's
facts; the engine turns that into RL001 for the file (ruff may accept what CPython rejects) and gives the
check `None`, as for a file that cannot be read.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

PARSE_FAILURES = (SyntaxError, ValueError, RecursionError, MemoryError)


@dataclass(frozen=True)
class Unparsable:
    """Why CPython's parser rejects a file: 1-based position and message."""

    line: int
    column: int
    message: str


def unparsable(error: BaseException) -> Unparsable:
    """The `Unparsable` verdict for an exception raised by `ast.parse`/`compile`."""
    if isinstance(error, SyntaxError):
        return Unparsable(error.lineno or 1, max(error.offset or 1, 1), error.msg)
    if isinstance(error, RecursionError):
        return Unparsable(1, 1, "too deeply nested or too long an expression for the parser")
    if isinstance(error, MemoryError):
        return Unparsable(1, 1, "the parser ran out of memory")
    return Unparsable(1, 1, str(error))


def parse_module(text: str, filename: str = "<unknown>") -> ast.Module | Unparsable:
    """The module's syntax tree, or why CPython rejects it (never raises for bad input)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like are not our findings
            return ast.parse(text, filename=filename)
    except PARSE_FAILURES as error:
        return unparsable(error)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def lines_as_parsed(text: str) -> list[str]:
    """The lines of a source as CPython's parser (and `ast` line numbers, and `tokenize`) count them: ended by
    `\\r\\n`, `\\r` or `\\n`, each with its ending."""
    return _LINE.findall(text)


def nested_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement of `body` and of the blocks nested in it (functions, classes, `if`/`try`/`with`/loops,
    `except` and `case` blocks), in no particular order; expressions are not walked, which keeps it cheap."""
    pending = list(body)
    while pending:
        statement = pending.pop()
        yield statement
        for field in ("body", "orelse", "finalbody"):
            pending.extend(getattr(statement, field, ()))
        for handler in getattr(statement, "handlers", ()):
            pending.extend(handler.body)
        for case in getattr(statement, "cases", ()):
            pending.extend(case.body)
