"""Turn a source definition into the code its copy must hold, and find where a copy departs from it.

Both sides are cut into inner blocks as the reference does (the signature, each inner `def`/`class` with
the comments and decorators right above it, and the code between), so that `# Ignore copy` can exempt
one inner block. Comparison skips blank lines; the copy's own name on its `def`/`class` line is kept.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from repo_lint.checks.copies.definitions import (
    Definition,
    first_code_line_indent,
    indent_of,
    is_blank,
)
from repo_lint.checks.copies.markers import Replacement, apply_replacements

from repo_lint.pysource import line_code

IGNORE_COPY = "# Ignore copy"
WRAPPER = "class Bla:\n"
_NAME_ON_HEADER = re.compile(r"^(?P<head>[ \t]*(?:async[ \t]+)?(?:class|def)[ \t]+)(?P<name>\w+)")
_MARKER_LINE = re.compile(r"^\s*#\s*Copied from\s+\S+")
_SUPPRESSION = re.compile(r"\s*#\s*repo-lint:.*$")


@dataclass(frozen=True)
class Block:
    name: str  # `def forward`, `class Inner`, or `_code_<n>` / `_blank_<n>` for the code between
    start: int
    end: int


def split_blocks(lines: list[str], definition: Definition, end: int, strings: set[int]) -> list[Block]:
    """Cut `lines[definition.line:end]` into the signature, inner definitions and the code between.

    An inner definition at body indentation takes the comment and decorator lines right above it.
    """
    blocks = [Block("_header", definition.line, definition.header_end)]
    body_indent = first_code_line_indent(lines, definition.header_end, end, strings)
    previous_end = definition.header_end
    counters = {"code": 0, "blank": 0}

    def between(start: int, stop: int) -> None:
        if stop <= start:
            return
        kind = "blank" if all(is_blank(line) for line in lines[start:stop]) else "code"
        blocks.append(Block(f"_{kind}_{counters[kind]}", start, stop))
        counters[kind] += 1

    for child in definition.children:
        if child.indent != body_indent or child.line < previous_end or child.line >= end:
            continue
        start = child.line
        while start - 1 >= previous_end and not is_blank(lines[start - 1]) and lines[start - 1].startswith(body_indent):
            start -= 1
        between(previous_end, start)
        inner_end = min(child.end, end)
        blocks.append(Block(f"{child.kind} {child.name}", start, inner_end))
        previous_end = inner_end
    between(previous_end, end)
    return blocks


def stylify_input(code: str) -> tuple[str, bool]:
    """What the reference hands to ruff: indented code is wrapped in a dummy class first."""
    first = next((line for line in code.split("\n") if line), "")
    wrapped = bool(indent_of(first))
    return (WRAPPER + code if wrapped else code), wrapped


def stylify_output(formatted: str, wrapped: bool) -> str:
    return formatted[len(WRAPPER) :] if wrapped else formatted


def rename_header(code: str, new_name: str) -> str:
    """Put the copy's own name on the first `def`/`class` line of `code`."""
    first, newline, rest = code.partition("\n")
    renamed = _NAME_ON_HEADER.sub(lambda m: m.group("head") + new_name, first, count=1)
    return renamed + newline + rest


@dataclass
class CopyPlan:
    """What is known of one copy before formatting: the code to compare and the code a fix writes.

    Transformers formats and compares the whole definition (signature included). Diffusers formats the
    copy's own `def` line followed by the source's body and compares only what follows that line; its
    signature line is compared here on its own (`signature`).
    """

    compare_code: str  # expected code for comparison (unformatted)
    fix_code: str  # expected code for the fix (unformatted)
    format_compare: bool
    format_fix: bool
    observed: list[tuple[int, str]]  # (file line index, text) of the compared non-blank copy lines
    copy_name: str
    copy_start: int  # first line a fix replaces
    copy_end: int
    header_end: int  # copy lines before this index belong to the signature
    body_only: bool  # diffusers: the expected code starts with the copy's own `def` line, cut off after
    head: str = ""  # the copy's `def` line (diffusers)
    signature: str | None = None  # diffusers: the expected `def` line


def plan_copy(
    source_lines: list[str],
    source_def: Definition,
    source_strings: set[int],
    copy_lines: list[str],
    copy_def: Definition,
    copy_end: int,
    copy_strings: set[int],
    replacements: tuple[Replacement, ...],
    has_pattern: bool,
    flavor: str,
) -> CopyPlan:
    source_blocks = split_blocks(source_lines, source_def, source_def.end, source_strings)
    copy_blocks = split_blocks(copy_lines, copy_def, copy_end, copy_strings)

    expected: list[tuple[str, str, bool]] = []  # (name, code, ignored)
    for block in source_blocks:
        name = apply_replacements(block.name, replacements) if not block.name.startswith("_") else block.name
        code = apply_replacements("".join(source_lines[block.start : block.end]), replacements)
        if source_def.indent != copy_def.indent:
            code = reindent(code, source_def.indent, copy_def.indent)
        expected.append((name, code, False))

    observed: list[tuple[int, str]] = []
    for block in copy_blocks:
        code = "".join(copy_lines[block.start : block.end])
        if IGNORE_COPY in code and block.name != "_header":
            position = next((i for i, item in enumerate(expected) if item[0] == block.name and not item[2]), None)
            if position is None:
                expected.append((block.name, code, True))
            else:
                expected[position] = (block.name, code, True)
            continue
        for index in range(block.start, block.end):
            if not is_blank(copy_lines[index]):
                observed.append((index, copy_lines[index]))

    compare_code = "".join(code for _, code, ignored in expected if not ignored)
    fix_code = "".join(code for _, code, _ in expected)
    if flavor != "diffusers":
        return CopyPlan(
            compare_code=_ensure_newline(compare_code),
            fix_code=_ensure_newline(fix_code),
            format_compare=has_pattern,
            format_fix=True,
            observed=observed,
            copy_name=copy_def.name,
            copy_start=copy_def.line,
            copy_end=copy_end,
            header_end=copy_def.header_end,
            body_only=False,
        )
    # Diffusers: nested markers are dropped from the source, and the copy's own `def` line heads the
    # code that is formatted, so only the lines after it are compared and rewritten.
    head = copy_lines[copy_def.line]
    signature = rename_header(compare_code.split("\n", 1)[0] + "\n", copy_def.name)
    if not _is_complete_signature(signature):
        signature = None  # a multi-line signature is compared with the body; a mangled one not at all
    observed = [(i, line) for i, line in observed if i != copy_def.line and not _MARKER_LINE.match(line)]
    return CopyPlan(
        compare_code=_ensure_newline(head + remove_marker_lines(_after_first_line(compare_code))),
        fix_code=_ensure_newline(head + remove_marker_lines(_after_first_line(fix_code))),
        format_compare=has_pattern,
        format_fix=has_pattern,
        observed=observed,
        copy_name=copy_def.name,
        copy_start=copy_def.line + 1,
        copy_end=copy_end,
        header_end=copy_def.line + 1,
        body_only=True,
        head=head,
        signature=signature,
    )


def reindent(code: str, old: str, new: str) -> str:
    """Move code from one nesting depth to another (a method copied as a function, say)."""
    return "".join(new + line[len(old) :] if line.startswith(old) else line for line in code.splitlines(keepends=True))


@functools.lru_cache(maxsize=4096)
def _is_complete_signature(line: str) -> bool:
    """Whether `line` is a whole one-line `def`/`class` statement header (replacements can break it)."""
    import ast

    try:
        ast.parse(line.strip() + "\n    pass\n")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _after_first_line(code: str) -> str:
    return code.split("\n", 1)[1] if "\n" in code else ""


def remove_marker_lines(code: str) -> str:
    return "".join(line for line in code.splitlines(keepends=True) if not _MARKER_LINE.match(line))


def _ensure_newline(code: str) -> str:
    return code if code.endswith("\n") or not code else code + "\n"


def expected_text(formatted: str, plan: CopyPlan) -> str:
    """The text a fix writes over `copy_start:copy_end`, from the (formatted) expected code."""
    if plan.body_only:
        return formatted[len(plan.head) :]
    return rename_header(formatted, plan.copy_name)


@dataclass(frozen=True)
class Differences:
    signature: int | None  # file line index of the first differing signature line
    body: int | None  # file line index of the first differing line after the signature


def find_differences(expected: str, plan: CopyPlan, copy_lines: list[str]) -> Differences:
    """Compare the copy with `expected` (the fix text) line by line, blank lines left out."""
    expected_lines = [_without_suppression(line) for line in expected.split("\n") if line.strip()]
    observed = [(index, _without_suppression(line.rstrip("\r\n"))) for index, line in plan.observed]
    signature = None
    if plan.body_only:
        actual = copy_lines[plan.copy_start - 1].rstrip("\r\n")
        if plan.signature is not None and actual.strip() != plan.signature.strip():
            signature = plan.copy_start - 1
        head_count = 0
    else:
        head_count = sum(1 for index, _ in observed if index < plan.header_end)
    expected_head = _signature_length(expected_lines) if not plan.body_only else 0
    pairs_head = zip(observed[:head_count], expected_lines[:expected_head], strict=False)
    for (index, line), wanted in pairs_head:
        if line.rstrip("\r\n") != wanted:
            signature = index
            break
    else:
        if head_count != expected_head:
            signature = observed[0][0] if observed else plan.copy_start
    body = None
    rest_observed, rest_expected = observed[head_count:], expected_lines[expected_head:]
    for position, (index, line) in enumerate(rest_observed):
        if position >= len(rest_expected) or line.rstrip("\r\n") != rest_expected[position]:
            body = index
            break
    else:
        if len(rest_expected) > len(rest_observed):
            body = rest_observed[-1][0] + 1 if rest_observed else plan.copy_end
    return Differences(signature, body)


def _without_suppression(line: str) -> str:
    """A `# repo-lint: ignore[...]` comment is not part of the copied code."""
    return _SUPPRESSION.sub("", line) if "repo-lint:" in line else line


def _signature_length(lines: list[str]) -> int:
    """Number of lines of the signature at the start of `lines` (a `def`/`class` header)."""
    if not lines:
        return 0
    depth = 0
    for count, line in enumerate(lines, start=1):
        code = line_code(line)
        depth += code.count("(") + code.count("[") - code.count(")") - code.count("]")
        if depth <= 0 and code.rstrip().endswith(":"):
            return count
    return 1


def header_lines(text: str) -> str:
    """The `def`/`class` header at the start of `text` (its first statement's lines up to the colon)."""
    lines = [line for line in text.splitlines(keepends=True) if line.strip()]
    return "".join(lines[: _signature_length([line.rstrip("\r\n") for line in lines])])


def decorator_difference(expected: list[str], actual: list[str]) -> str:
    """What the copy's decorators do that the source's do not: `@x` added, `@y` lost, or another order."""
    added = [line for line in actual if line not in expected]
    lost = [line for line in expected if line not in actual]
    parts = [f"`{line}` added" for line in added] + [f"`{line}` lost" for line in lost]
    if not parts:
        return "the same decorators in another order (the source's: " + ", ".join(f"`{e}`" for e in expected) + ")"
    return ", ".join(parts)
