"""Per-file facts of the DOC family, read with the standard library `ast` (pure, picklable results).

`read_docstring_facts(text, specs, decorators, marker)` returns, for every class whose base names (the last
dotted part, as written) include one of a spec's bases, the spec's method defined directly in the class
body: its parameters with positions, how its docstring can be read, and the entries of the docstring's
`Args:` / `Arguments:` / `Parameters:` section with their source lines. It also returns every
`<fill_type>` / `<fill_docstring>` placeholder found in a docstring of the file.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from repo_lint.checks.docs.public import Segments, signature_params
from repo_lint.checks.docs.sections import placeholder_description

from repo_lint.facts.ast_names import base_names, decorator_name
from repo_lint.parsing import Unparsable, parse_module

ARGS_HEADERS = frozenset({"Args:", "Arguments:", "Parameters:"})
# Section headers that end an `Args:` section when they are not indented deeper than its header.
SECTION_HEADERS = ARGS_HEADERS | frozenset(
    {
        "Returns:",
        "Return:",
        "Yields:",
        "Raises:",
        "Examples:",
        "Example:",
        "Note:",
        "Notes:",
        "References:",
        "See Also:",
    }
)
ENTRY = re.compile(r"([A-Za-z_]\w*)\s*[(:]")
PLACEHOLDERS = ("<fill_type>", "<fill_docstring>")

# How the docstring of a method can be read.
STATIC = "static"  # a plain string literal: checked as written
MISSING = "missing"  # no docstring at all: nothing is documented
DYNAMIC = "dynamic"  # an f-string or a decorator that builds the text when the module is imported


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "posonly", "arg", "kwonly" (`*args` / `**kwargs` are never documented entries)
    line: int  # 1-based
    column: int  # 1-based
    # what goes between the parentheses of an entry the fix adds: `` `torch.Tensor`, *optional* ``
    description: str = ""


@dataclass(frozen=True)
class Entry:
    name: str
    line: int  # 1-based source line of the entry
    column: int  # 1-based
    # 1-based source line just after the entry's block (its text up to the next entry or the end of the section,
    # trailing blank lines excluded); 0 when the block cannot be cut out by whole lines
    end_line: int = 0


@dataclass(frozen=True)
class Method:
    spec: int  # index of the (method, bases) spec that selected it
    class_name: str
    name: str
    line: int
    column: int
    params: tuple[Param, ...]
    docstring: str  # STATIC, MISSING or DYNAMIC
    builder: str  # the decorator that builds the docstring at import time ("" when none)
    has_args_section: bool
    entries: tuple[Entry, ...]
    ignore_order: bool  # the order marker appears in the method's header or docstring


@dataclass(frozen=True)
class Placeholder:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class FileFacts:
    methods: tuple[Method, ...]
    placeholders: tuple[Placeholder, ...]


def read_docstring_facts(text: str, specs: tuple, decorators: tuple, marker: str) -> FileFacts | None:
    """`specs`: ((method name, (base names...)), ...). None when the file does not parse (RL001 says so)."""
    tree = parse_module(text)
    if isinstance(tree, Unparsable):
        return tree
    lines = text.splitlines()
    segment = Segments(text)
    methods: list[Method] = []
    if specs:
        for node in _definitions(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = set(base_names(node)) - {""}
            for index, (method_name, wanted) in enumerate(specs):
                if not bases.intersection(wanted):
                    continue
                func = next(
                    (
                        item
                        for item in node.body
                        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == method_name
                    ),
                    None,
                )
                if func is not None:
                    methods.append(_method(index, node.name, func, lines, segment, decorators, marker))
    placeholders: list[Placeholder] = []
    if any(p in text for p in PLACEHOLDERS):
        placeholders = _placeholders(tree)
    return FileFacts(tuple(methods), tuple(placeholders))


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _definitions(tree: ast.Module) -> list:
    """Every class and function definition at any depth, found by walking statements only (expressions hold
    no definitions; skipping them makes this several times faster than `ast.walk`)."""
    found = []
    stack = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append(node)
        for field in _BLOCKS:
            block = getattr(node, field, None)
            if block:
                stack.extend(reversed(block))
    return found


def _docstring_node(func) -> ast.expr | None:
    if func.body and isinstance(func.body[0], ast.Expr):
        value = func.body[0].value
        if isinstance(value, ast.Constant) and isinstance(value.value, str) or isinstance(value, ast.JoinedStr):
            return value
    return None


def _method(
    spec: int, class_name: str, func, lines: list[str], segment: Segments, decorators: tuple, marker: str
) -> Method:
    args = func.args
    descriptions = {param.name: placeholder_description(param) for param in signature_params(args, segment)}
    params = []
    for kind, group in (("posonly", args.posonlyargs), ("arg", args.args), ("kwonly", args.kwonlyargs)):
        for arg in group:
            if arg.arg not in ("self", "cls"):
                description = descriptions.get(arg.arg, "")
                params.append(Param(arg.arg, kind, arg.lineno, arg.col_offset + 1, description))
    builder = next((name for name in map(decorator_name, func.decorator_list) if name in decorators), "")
    doc = _docstring_node(func)
    entries: tuple[Entry, ...] = ()
    has_section = False
    if doc is None:
        state = DYNAMIC if builder else MISSING
    elif isinstance(doc, ast.JoinedStr):
        state = DYNAMIC
    else:
        state = DYNAMIC if builder else STATIC
        has_section, entries = _args_entries(doc, lines)
    end = doc.end_lineno if doc is not None else func.body[0].lineno - 1
    start = func.decorator_list[0].lineno if func.decorator_list else func.lineno
    ignore_order = bool(marker) and any(marker in line for line in lines[start - 1 : end])
    return Method(
        spec,
        class_name,
        func.name,
        func.lineno,
        func.col_offset + 1,
        tuple(params),
        state,
        builder,
        has_section,
        entries,
        ignore_order,
    )


def _args_entries(doc: ast.Constant, lines: list[str]) -> tuple[bool, tuple[Entry, ...]]:
    """The entries of the first `Args:`-like section, read on the docstring as `inspect.cleandoc` sees it:
    entries are the lines at the indent of the section's first non-blank line that start with `name (` or
    `name:`; the section ends at a known section header not indented deeper than its own header."""
    raw = doc.value.expandtabs().split("\n")
    exact = doc.end_lineno - doc.lineno + 1 == len(raw)  # one value line per source line (no escaped newlines)
    margin = min((len(line) - len(line.lstrip()) for line in raw[1:] if line.strip()), default=0)

    def indent(i: int) -> int:
        return 0 if i == 0 else len(raw[i]) - len(raw[i].lstrip()) - margin

    def position(i: int) -> tuple[int, int]:
        line = doc.lineno + i if exact else doc.lineno
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        name = raw[i].strip()
        column = source.find(name) if name else -1
        return line, (column + 1 if column >= 0 else 1)

    def end_line(first: int, end: int, last: bool) -> int:
        """The source line after the block of raw lines `first`..`end` (the last entry's ends before its
        trailing blank lines, which separate the section from what follows); 0 when the lines are not the
        source's or the block holds the docstring's closing line."""
        while last and end > first + 1 and not raw[end - 1].strip():
            end -= 1
        return doc.lineno + end if exact and end < len(raw) else 0

    start = next((i for i, line in enumerate(raw) if line.strip() in ARGS_HEADERS), None)
    if start is None:
        return False, ()
    header = indent(start)
    entry_indent = None
    starts: list[tuple[int, str]] = []
    section_end = len(raw)
    for i in range(start + 1, len(raw)):
        stripped = raw[i].strip()
        if not stripped:
            continue
        here = indent(i)
        if here <= header and stripped in SECTION_HEADERS:
            section_end = i
            break
        if entry_indent is None:
            entry_indent = here
        if here != entry_indent:
            continue
        match = ENTRY.match(stripped)
        if match:
            starts.append((i, match.group(1)))
    ends = [first for first, _ in starts[1:]] + [section_end]
    entries = [
        Entry(name, *position(i), end_line(i, end, end == section_end))
        for (i, name), end in zip(starts, ends, strict=True)
    ]
    return True, tuple(entries)


def _placeholders(tree: ast.Module) -> list[Placeholder]:
    found = []
    for node in (tree, *_definitions(tree)):
        body = node.body
        if not (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            continue
        doc = body[0].value
        raw = doc.value.split("\n")
        exact = doc.end_lineno - doc.lineno + 1 == len(raw)
        for i, line in enumerate(raw):
            for text in PLACEHOLDERS:
                at = line.find(text)
                while at >= 0:
                    column = at + 1 + (doc.col_offset + 3 if i == 0 else 0)
                    found.append(Placeholder(text, doc.lineno + i if exact else doc.lineno, column))
                    at = line.find(text, at + 1)
    found.sort(key=lambda p: (p.line, p.column))
    return found
