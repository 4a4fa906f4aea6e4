"""The `Args:` section of a public object's docstring, read and rewritten the way Transformers'
`utils/check_docstrings.py` does it, without importing anything.

Facts carried over from the reference (its code is not): the section starts at the first line that is exactly
`Args:` / `Arg:` / `Arguments:` / `Attributes:` / `Params:` / `Parameters:` (any indent); it runs while
lines are blank or indented deeper than that header; an entry is a line indented exactly four spaces deeper
that reads `name (description)` optionally followed by `:` and text; every other line belongs to the entry
above it; trailing blank lines are not part of the last entry. The `description` of an entry in the
signature is normalised by `expected_description` (the `*optional*, defaults to X` rules).
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

OPTIONAL = "*optional*"
# One header line (`HEADER.match(line)`), or any header line in a longer text (`HEADER.search(text)`).
HEADER = re.compile(r"^\s*(Args?|Arguments?|Attributes?|Params?|Parameters?):\s*$", re.MULTILINE)
ENTRY_LINE = re.compile(r"^(\s*)(\S+)\s+\((.+)\)(?:\:|$)")
DEFAULT_TEXT = re.compile(r"\*optional\*, defaults to (.*)$")
CURRENT_DEFAULT = re.compile(r"defaults to `?(.*?)(?:`|$)")
NONE_DEFAULT = re.compile(r"defaults to `?None`?")

# A parameter's default, as far as a static reader can know it.
EMPTY = "empty"  # no default
NONE = "none"  # `= None`
VALUE = "value"  # a literal or arithmetic on literals: `value` holds it
ATTRIBUTE = "attribute"  # a dotted name such as `PILImageResampling.BICUBIC` (an enum member, usually)
OPAQUE = "opaque"  # anything else (a name, a call, `field(default_factory=...)`): never guessed


class Default(NamedTuple):  # a tuple: compact in the fact cache
    kind: str
    source: str = ""  # the default as written
    value: object = None  # for VALUE


class Param(NamedTuple):  # a tuple: compact in the fact cache
    name: str
    kind: str  # "arg", "kwonly", "vararg" (`*args`) or "varkw" (`**kwargs`)
    default: Default
    annotation: str  # as written ("" when none)


@dataclass(frozen=True)
class EntryBlock:
    name: str
    description: str  # the text between the parentheses of the entry line
    first: int  # index (in the docstring's lines) of the entry line
    end: int  # one past its last line


@dataclass(frozen=True)
class ArgsSection:
    header: int  # index of the header line
    indent: int  # indent of the header line
    start: int  # first line after the header
    end: int  # one past the last line of the last entry (trailing blank lines excluded)
    entries: tuple[EntryBlock, ...]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def find_args_section(lines: list[str]) -> ArgsSection | None:
    header = next((i for i, line in enumerate(lines) if HEADER.match(line)), None)
    if header is None:
        return None
    indent = _indent(lines[header])
    index = header + 1
    starts: list[tuple[int, str, str]] = []
    while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) > indent):
        line = lines[index]
        if line.strip() and _indent(line) == indent + 4:
            match = ENTRY_LINE.match(line)
            if match:
                starts.append((index, match.group(2), match.group(3)))
        index += 1
    end = index
    while end > header + 1 and not lines[end - 1].strip():
        end -= 1
    if not starts:
        # Lines under the header that are no entry belong to no argument: the reference leaves them alone.
        return ArgsSection(header, indent, header + 1, header + 1, ())
    entries = []
    for number, (first, name, description) in enumerate(starts):
        last = starts[number + 1][0] if number + 1 < len(starts) else end
        entries.append(EntryBlock(name, description, first, last))
    return ArgsSection(header, indent, starts[0][0], end, tuple(entries))


# --- defaults --------------------------------------------------------------------------------------------

_MATH = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.BitXor: operator.xor,
    ast.USub: operator.neg,
}


def _arithmetic(node: ast.AST) -> object:
    """Numbers and + - * / ** ^ on them, nothing else (raises ValueError)."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float, complex):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _MATH:
        return _MATH[type(node.op)](_arithmetic(node.left), _arithmetic(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _MATH:
        return _MATH[type(node.op)](_arithmetic(node.operand))
    raise ValueError("not arithmetic")


def evaluate_text(text: str) -> object:
    """The value of a number or arithmetic written in a docstring, or None."""
    try:
        return _arithmetic(ast.parse(text.strip(), mode="eval").body)
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, OverflowError, RecursionError, MemoryError):
        return None


def default_of(node: ast.expr | None, source: str) -> Default:
    if node is None:
        return Default(EMPTY)
    if isinstance(node, ast.Constant) and node.value is None:
        return Default(NONE, "None")
    try:
        return Default(VALUE, source, ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    try:
        return Default(VALUE, source, _arithmetic(node))
    except (ValueError, TypeError, ZeroDivisionError, OverflowError, RecursionError):
        pass
    if isinstance(node, ast.Attribute):
        return Default(ATTRIBUTE, source)
    return Default(OPAQUE, source)


def render_value(value: object) -> str:
    """How a default is written after `defaults to`: numbers bare (long floats rounded to two decimals),
    numeric strings bare, other strings quoted in backticks, everything else in backticks."""
    if isinstance(value, bool):
        return f"`{value}`"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = str(value)
        return str(round(value, 2)) if len(text) > 6 else text
    if isinstance(value, str):
        return value if value.isnumeric() else f'`"{value}"`'
    return f"`{value}`"


def _rendered_default(description: str, default: Default) -> str | None:
    current = CURRENT_DEFAULT.search(description)
    if default.kind == ATTRIBUTE:
        # An enum member: the written name is kept when it names the same member; otherwise what the
        # reference would print depends on the enum's runtime `str`, which a static reader cannot know.
        if current and current.group(1).split(".")[-1] == default.source.split(".")[-1]:
            return f"`{current.group(1)}`"
        return None
    value = default.value
    if isinstance(value, (int, float)) and current:
        written = current.group(1)
        if value == evaluate_text(written):
            try:
                return str(type(value)(written))
            except (ValueError, TypeError):
                return f"`{written}`"  # arithmetic such as 1/255 is kept as written
    return render_value(value)


def expected_description(description: str, default: Default) -> str | None:
    """The entry's description with its `*optional*` / `defaults to` part made to agree with the default,
    or None when the default cannot be known statically (then the description is not judged)."""
    text = description.replace("`optional`", OPTIONAL).replace("**optional**", OPTIONAL)
    at = text.find(OPTIONAL)
    if default.kind == EMPTY:
        if at == -1:
            return text
        text = text[:at].rstrip()
        return text[:-1].rstrip() if text.endswith(",") else text
    if default.kind == NONE:
        if at == -1:
            return f"{text}, {OPTIONAL}"
        return text[: at + len(OPTIONAL)] if NONE_DEFAULT.search(text) else text
    if default.kind == OPAQUE:
        return None
    rendered = _rendered_default(text, default)
    if rendered is None:
        return None
    if at == -1:
        return f"{text}, {OPTIONAL}, defaults to {rendered}"
    if not DEFAULT_TEXT.search(text):
        return f"{text[: at + len(OPTIONAL)]}, defaults to {rendered}"
    return DEFAULT_TEXT.sub(lambda _: f"{OPTIONAL}, defaults to {rendered}", text)


def placeholder_description(param: Param) -> str:
    """The description of an entry the fixer adds for an undocumented parameter."""
    annotation = param.annotation or "<fill_type>"
    if re.fullmatch(r"[\w.]+", annotation):
        annotation = annotation.rsplit(".", 1)[-1]  # a class: its name, as `__name__` gives it
    if param.default.kind == EMPTY:
        return f"`{annotation}`"
    if param.default.kind == NONE:
        return f"`{annotation}`, {OPTIONAL}"
    if param.default.kind == VALUE:
        return f"`{annotation}`, {OPTIONAL}, defaults to {render_value(param.default.value)}"
    return f"`{annotation}`, {OPTIONAL}, defaults to `{param.default.source}`"


# --- the section as it should read ------------------------------------------------------------------------


def documented(param: Param) -> bool:
    """Private parameters and `*args` / `**kwargs` need no entry (they keep one they have)."""
    return not param.name.startswith("_") and param.kind not in ("vararg", "varkw")


def rewrite_entry_line(line: str, description: str) -> str:
    match = ENTRY_LINE.match(line)
    if match is None:
        return line
    return f"{match.group(1)}{match.group(2)} ({description}):{line[match.end() :]}"


@dataclass(frozen=True)
class SectionVerdict:
    undocumented: tuple[Param, ...]
    stale: tuple[EntryBlock, ...]
    out_of_order: EntryBlock | None  # the first entry out of signature order
    should_precede: str  # the name that should come before it
    misworded: tuple[tuple[EntryBlock, str], ...]  # entries whose first line should read differently
    new_lines: tuple[str, ...] | None  # the section's lines as they should read (None: nothing to change)


def judge_section(
    lines: list[str], section: ArgsSection, params: tuple[Param, ...], ignore_order: bool
) -> SectionVerdict:
    by_name = {p.name: p for p in params}
    blocks: dict[str, list[str]] = {}
    misworded = []
    for entry in section.entries:
        block = list(lines[entry.first : entry.end])
        param = by_name.get(entry.name)
        if param is not None:
            default = Default(NONE) if param.kind == "varkw" else param.default
            description = expected_description(entry.description, default)
            if description is not None:
                new_first = rewrite_entry_line(block[0], description)
                if new_first != block[0]:
                    misworded.append((entry, new_first))
                    block[0] = new_first
        blocks[entry.name] = block  # a name documented twice: the last entry wins, as in the reference
    undocumented = tuple(p for p in params if p.name not in blocks and documented(p))
    for param in undocumented:
        blocks[param.name] = [
            " " * (section.indent + 4) + f"{param.name} ({placeholder_description(param)}): <fill_docstring>"
        ]
    stale = tuple(e for e in section.entries if e.name not in by_name)
    names = [p.name for p in params]
    kept = [e for e in section.entries if e.name in by_name]
    out_of_order, should_precede = None, ""
    if not ignore_order:
        expected = sorted(kept, key=lambda e: names.index(e.name))
        for here, wanted in zip(kept, expected, strict=True):
            if here.name != wanted.name:
                out_of_order, should_precede = here, wanted.name
                break
    if ignore_order:
        order = list(dict.fromkeys(e.name for e in kept)) + [p.name for p in undocumented]
    else:
        order = [n for n in names if n in blocks]
    new_lines = tuple(line for name in order for line in blocks[name])
    old_lines = tuple(lines[section.start : section.end])
    return SectionVerdict(
        undocumented,
        stale,
        out_of_order,
        should_precede,
        tuple(misworded),
        new_lines if new_lines != old_lines else None,
    )
