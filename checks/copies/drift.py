"""The mechanical drifts of a copy that lie outside its compared code: its decorators (CPY007) and its
`def`/`class` header (CPY008), with the conventions that make a difference deliberate and the line edits
that fix the rest."""

from __future__ import annotations

from repo_lint.checks.copies.definitions import Definition, decorator_block_start, decorator_name
from repo_lint.checks.copies.signatures import first_parameter_span

from repo_lint.diagnostics import Edit

INSTANCE_LESS = frozenset({"staticmethod", "classmethod"})


def decorator_names(lines: list[str]) -> set[str]:
    return {decorator_name(line) for line in lines if line.strip()[:1] == "@"}


def is_static_instance_copy(
    copy_def: Definition, copy_decorators: list[str], source_def: Definition, source_decorators: list[str]
) -> bool:
    """A method copied as a `@staticmethod` whose first parameter stands for the instance (Diffusers'
    modular pipeline blocks call `get_timesteps(components, ...)`): deliberate, so the added decorator and
    the first parameter's own name are not drifts."""
    return (
        copy_def.kind == "def"
        and source_def.kind == "def"
        and bool(copy_def.indent)
        and bool(source_def.indent)
        and "staticmethod" in decorator_names(copy_decorators)
        and not decorator_names(source_decorators) & INSTANCE_LESS
    )


def without_static_instance(expected: list[str], actual: list[str]) -> list[str]:
    """`actual` without the `@staticmethod` a static instance copy adds."""
    if "staticmethod" in decorator_names(expected):
        return actual
    return [line for line in actual if decorator_names([line]) != {"staticmethod"}]


def decorator_edit(lines: list[str], copy_def: Definition, expected: list[str]) -> Edit | None:
    """Replace the copy's decorators by `expected` (the source's, replacements applied), keeping its comment
    lines (the marker) above them. None when a decorator spans several lines on either side: the edit is
    only made where each decorator is one line."""
    top = decorator_block_start(lines, copy_def.line, copy_def.indent)
    block = lines[top : copy_def.line]
    if any(_is_open(line) for line in [*block, *expected] if line.strip()[:1] == "@"):
        return None
    if any(line.strip() and line.strip()[:1] not in "@#" for line in block):
        return None
    comments = [line for line in block if line.strip()[:1] == "#"]
    decorators = [copy_def.indent + line.strip() + "\n" for line in expected]
    return Edit(top, copy_def.line, "".join(_newline(line) for line in comments) + "".join(decorators))


def _is_open(line: str) -> bool:
    return line.count("(") != line.count(")") or line.count("[") != line.count("]")


def _newline(line: str) -> str:
    return line.rstrip("\r\n") + "\n"


def one_line_header_edit(copy_line: str, line_index: int, expected: str, keep_instance: bool) -> Edit:
    """Rewrite a one-line `def` header to `expected`, keeping the copy's own first parameter name when it
    stands for the instance (`keep_instance`)."""
    text = expected.rstrip("\r\n")
    if keep_instance:
        want, have = first_parameter_span(text), first_parameter_span(copy_line.rstrip("\r\n"))
        if want is not None and have is not None:
            text = text[: want[0]] + copy_line[have[0] : have[1]] + text[want[1] :]
    return Edit(line_index, line_index + 1, text + "\n")
