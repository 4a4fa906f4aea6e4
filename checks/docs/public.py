"""Which classes a package exports from its main init, and what a static reader knows of their docstrings
and signatures.

Exports are followed the way the import system would, without running anything: the `from .x import A`
and `from .x import *` statements of an init (at any depth, including `if TYPE_CHECKING:` blocks, but not
in `except` handlers, where the dummy objects are imported), then each module's `__all__`, or for a
package without one, its own imports again. Dummy-object modules (`dummy_*`) are never followed.

A class's signature is what `inspect.signature` would show: its own `__init__`, else the fields of a
dataclass, else what it inherits from its first base defined in the package. A base outside the package
(`nn.Module`, `dict`, ...) leaves the signature unknown.
"""

from __future__ import annotations

import ast
import re
from typing import NamedTuple

from repo_lint.checks.docs.sections import HEADER, Default, Param, default_of

from repo_lint.facts.ast_names import base_names, decorator_name, last_name
from repo_lint.parsing import Unparsable, parse_module

_ALL = re.compile(r"^__all__\s*(?::[^=\n]*)?=\s*", re.MULTILINE)
_IMPORT_HINT = re.compile(r"^\s*from\s+\.", re.MULTILINE)
_NO_FORMAT = re.compile(r"^\s*#\s*no-format\s*$")
_IGNORE_ORDER = re.compile(r"^\s*#\s*ignore-order\s*$")
DATACLASS_DECORATORS = frozenset({"dataclass", "strict"})


class ImportFact(NamedTuple):  # a tuple: compact in the fact cache
    level: int  # number of leading dots
    module: str  # dotted module after the dots ("" for `from . import x`)
    names: tuple[tuple[str, str], ...]  # (name in the module, name bound here); empty for `*`


class ModuleExports(NamedTuple):  # a tuple: compact in the fact cache
    imports: tuple[ImportFact, ...]
    all_names: tuple[str, ...] | None  # a literal `__all__`, if any
    classes: tuple[str, ...]  # top-level class names


_DEFINITION = re.compile(r"^(class|def|async[ \t]+def)[ \t]+(\w+)", re.MULTILINE)
_QUOTED_NAME = re.compile(r"[\"']([A-Za-z_]\w*)[\"']")


def read_module_exports(text: str, package_init: bool = False) -> ModuleExports:
    """Cheap: regular expressions, and `ast` only for a package init (its imports sit in `if TYPE_CHECKING:` /
    `try:` blocks); another module's imports are read by `read_top_imports` when a name is looked up there."""
    classes, functions = [], set()
    for kind, name in _DEFINITION.findall(text):
        (classes.append(name) if kind == "class" else functions.add(name))
    all_names = None
    at = 0 if text.startswith("__all__") else text.find("\n__all__") + 1
    match = _ALL.match(text, at) if at >= 0 and text.startswith("__all__", at) else None
    if match:
        all_names = _literal_names(text, match.end())
    if not (package_init and "from ." in text and _IMPORT_HINT.search(text)):
        return ModuleExports((), all_names, tuple(classes))  # a module's imports: `read_top_imports`, on demand
    tree = parse_module(text)
    if isinstance(tree, Unparsable):
        return ModuleExports((), all_names, tuple(classes))
    return ModuleExports(tuple(_relative_imports(tree)), all_names, tuple(classes))


def read_top_imports(text: str) -> tuple[ImportFact, ...]:
    """The top-level relative imports of a module (not an init), for a name it re-exports: only those
    statements are parsed."""
    source = "\n".join(m.group(0) for m in _TOP_IMPORT.finditer(text))
    tree = parse_module(source)
    return () if isinstance(tree, Unparsable) else tuple(_relative_imports(tree))


_TOP_IMPORT = re.compile(r"^from[ \t]+\.[\w.]*[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)", re.MULTILINE)


def _relative_imports(tree: ast.Module) -> list[ImportFact]:
    """`from .x import ...` statements at any depth of `if` / `try` blocks, except in `except` handlers."""
    imports = []
    stack = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.ImportFrom) and node.level:
            if any(alias.name == "*" for alias in node.names):
                names: tuple[tuple[str, str], ...] = ()
            else:
                names = tuple((a.name, a.asname or a.name) for a in node.names)
            imports.append(ImportFact(node.level, node.module or "", names))
        elif isinstance(node, (ast.If, ast.Try)):
            for block in (node.body, node.orelse, getattr(node, "finalbody", [])):
                stack.extend(reversed(block))
    return imports


def _literal_names(text: str, start: int) -> tuple[str, ...] | None:
    """The names of a literal list or tuple of strings (None when `__all__` is built some other way)."""
    closing = {"[": "]", "(": ")"}.get(text[start : start + 1])
    if closing is None:
        return None
    end = text.find(closing, start)
    if end == -1:
        return None
    body = text[start + 1 : end]
    names = tuple(_QUOTED_NAME.findall(body))
    leftover = _QUOTED_NAME.sub("", body)
    if leftover.replace(",", "").split() and not all(
        part.startswith("#") for part in leftover.split("\n") if part.strip(" ,")
    ):
        return None  # something else than quoted names and comments: not a plain literal
    return names


# --- class facts -------------------------------------------------------------------------------------------


class ClassDoc(NamedTuple):  # a tuple: compact in the fact cache
    name: str
    line: int
    column: int
    bases: tuple[str, ...]  # last dotted part, as written
    decorators: tuple[str, ...]
    is_dataclass: bool  # a dataclass or a NamedTuple: its signature is its fields
    init: tuple[Param, ...] | None  # own `__init__` parameters (without self), None when not defined
    fields: tuple[Param, ...]  # dataclass fields written in the body
    doc_line: int  # 1-based line of the docstring's first line (0: no docstring)
    doc_lines: tuple[str, ...]  # the docstring's lines when it has an `Args:`-like header, else ()
    doc_exact: bool  # one value line per source line (so source lines can be rewritten)
    no_format: bool  # `# no-format` on the line before the docstring
    ignore_order: bool  # `# ignore-order` on the line before the docstring


def read_class_docs(text: str) -> tuple[ClassDoc, ...] | None:
    """Every top-level class of the module (None when it does not parse: RL001 says so)."""
    tree = parse_module(text)
    if isinstance(tree, Unparsable):
        return tree
    lines = text.splitlines()
    segment = Segments(text)
    found = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            found.append(_class_doc(node, segment, lines))
    return tuple(found)


class Segments:
    """The source text of a node (`ast.get_source_segment` splits the whole file on every call: quadratic)."""

    def __init__(self, text: str):
        self.lines = text.splitlines(keepends=True)

    def __call__(self, node: ast.AST | None) -> str:
        if node is None or getattr(node, "end_lineno", None) is None:
            return ""
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self.lines[first].encode()[node.col_offset : node.end_col_offset].decode(errors="replace")
        head = self.lines[first].encode()[node.col_offset :].decode(errors="replace")
        tail = self.lines[last].encode()[: node.end_col_offset].decode(errors="replace")
        return head + "".join(self.lines[first + 1 : last]) + tail


def _class_doc(node: ast.ClassDef, segment: Segments, lines: list[str]) -> ClassDoc:
    decorators = tuple(decorator_name(d, subscript=True) for d in node.decorator_list)
    bases = base_names(node, call=True, subscript=True)
    init = None
    fields = []
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == "__init__":
            init = signature_params(item.args, segment)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            annotation = segment(item.annotation)
            if "ClassVar" in annotation or "InitVar" in annotation:
                continue
            fields.append(Param(item.target.id, "arg", _field_default(item.value, segment), annotation))
    doc_line, doc_lines, exact = 0, (), False
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        value = first.value
        doc_line = value.lineno
        if HEADER.search(value.value):  # the text is kept only where there is an `Args:` to compare
            doc_lines = tuple(value.value.split("\n"))
            exact = value.end_lineno - value.lineno + 1 == len(doc_lines)
    above = lines[doc_line - 2] if doc_line >= 2 else ""
    return ClassDoc(
        name=node.name,
        line=node.lineno,
        column=node.col_offset + 1,
        bases=bases,
        decorators=decorators,
        is_dataclass=bool(DATACLASS_DECORATORS.intersection(decorators)) or "NamedTuple" in bases,
        init=init,
        fields=tuple(fields),
        doc_line=doc_line,
        doc_lines=doc_lines,
        doc_exact=exact,
        no_format=bool(_NO_FORMAT.match(above)),
        ignore_order=bool(_IGNORE_ORDER.match(above)),
    )


def _field_default(value: ast.expr | None, segment: Segments) -> Default:
    if isinstance(value, ast.Call) and last_name(value.func, subscript=True) == "field":
        keyword = next((k for k in value.keywords if k.arg == "default"), None)
        if keyword is None:
            # `field(default_factory=...)` (or no default): inspect shows a sentinel; not judged.
            has_factory = any(k.arg == "default_factory" for k in value.keywords)
            return Default("opaque", "<factory>") if has_factory else default_of(None, "")
        value = keyword.value
    return default_of(value, segment(value))


def signature_params(args: ast.arguments, segment: Segments) -> tuple[Param, ...]:
    """The parameters of a method but its first (`self`), with their defaults and annotations as written."""
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = []

    def make(arg: ast.arg, kind: str, default: ast.expr | None) -> Param:
        return Param(arg.arg, kind, default_of(default, segment(default)), segment(arg.annotation))

    for index, (arg, default) in enumerate(zip(positional, defaults, strict=True)):
        if index == 0:
            continue  # self
        params.append(make(arg, "arg", default))
    if args.vararg:
        params.append(make(args.vararg, "vararg", None))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        params.append(make(arg, "kwonly", default))
    if args.kwarg:
        params.append(make(args.kwarg, "varkw", None))
    return tuple(params)
