"""A parent module as the converter reads it, without parsing all of it with libcst.

A conversion uses a few definitions of each parent module (`LlamaAttention`, `LlamaMLP` and what they need), but
parsing whole modeling files with libcst and renaming them node by node cost more than the rest of the
conversion. Here `ast` gives the top-level statements, their kinds, lines and the names they use; a definition
is renamed as text (renaming.renamed_source) and parsed with libcst only when a conversion reads it. Imports,
`if` blocks and indexed assignments (`MAPPING["key"] = ...`) are parsed at once, being few and small, and read
the way namespace.add_statement reads a module's statements.

A statement's lines are the lines libcst gives its node when it parses the whole module: from the line after
the previous statement (the comments and blank lines in between are its leading lines) to its last line and,
after an indented block, the following lines that start with the block's indentation (the block's footer).
Parsed alone after a prefix that gives the module's indentation and line ending, they make a node equal to the
one of the whole module (tests/test_modular_parent_module.py compares them on real modules).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import lru_cache

import libcst as cst
from repo_lint.checks.modular.namespace import Namespace, add_statement, top_level_uses
from repo_lint.checks.modular.renaming import RenameTransformer, renamed_source

from repo_lint.parsing import lines_as_parsed

_NEWLINE = re.compile(r"\r\n|\r|\n")
_DEFAULT_INDENT = "    "


@dataclass(frozen=True)
class Statement:
    """One top-level statement of libcst's module body (`a; b` is one): its position in the body and its lines
    (0-based, half-open), leading lines and footer included."""

    position: int
    begin: int
    end: int
    nodes: tuple[ast.stmt, ...]


@dataclass(frozen=True)
class _Lazy:
    """A definition not parsed yet."""

    statement: Statement
    kind: str  # "class", "function" or "assignment"


class ParentModule:
    """The namespace of a parent module (namespace.read_namespace with `strict=False`), whose class, function and
    assignment definitions are parsed on demand, renamed."""

    def __init__(self, text: str):
        tree = parsed(text)
        self._lines = lines_as_parsed(text)
        newline = _NEWLINE.search(text)
        indent = _first_indent(tree.body, self._lines)
        self._prefix = "if True:{0}{1}pass{0}pass{0}".format(newline.group() if newline else "\n", indent)
        self.namespace = Namespace()
        self._unrenamed: dict[str, cst.CSTNode] = {}
        self._import_texts: list[str] = []  # the text of the statement each of namespace.imports comes from
        self._bound_again: set[str] = set()  # names two top-level definitions bind
        uses = top_level_uses(tree)
        for statement in statements(tree.body, self._lines):
            self._add(statement, uses)

    def is_class(self, name: str) -> bool:
        definition = self.namespace.definitions.get(name)
        return definition.kind == "class" if isinstance(definition, _Lazy) else isinstance(definition, cst.ClassDef)

    def is_assignment(self, name: str) -> bool:
        """Whether the definition `name` is a one-line assignment (a `SimpleStatementLine`), without parsing it."""
        definition = self.namespace.definitions.get(name)
        if isinstance(definition, _Lazy):
            return definition.kind == "assignment"
        return isinstance(definition, cst.SimpleStatementLine)

    def renamed(self, name: str, transformer: RenameTransformer) -> cst.CSTNode:
        """The definition `name`, renamed by `transformer` (as `node.visit(transformer)` would)."""
        return self.renamed_with_source(name, transformer)[0]

    def renamed_with_source(self, name: str, transformer: RenameTransformer) -> tuple[cst.CSTNode, str | None]:
        """The definition `name` renamed, and the renamed text it was parsed from (None: not parsed on demand)."""
        definition = self.namespace.definitions[name]
        if not isinstance(definition, _Lazy):
            return definition.visit(transformer), None
        text = self._text(definition.statement)
        renamed = renamed_source(text, transformer)
        if renamed != text:
            return self._parse(definition.statement, renamed), renamed
        # untouched by the renaming (`rotate_half`, `repeat_kv`): parsed once for every conversion that uses it
        if name not in self._unrenamed:
            self._unrenamed[name] = self._parse(definition.statement, text)
        return self._unrenamed[name], text

    def verbatim_source(self, name: str) -> str | None:
        """The text of the one statement defining `name`, when the code of its renamed node is that text renamed
        (renaming.renamed_source): a definition parsed on demand, bound once, not the module's first statement
        (whose leading comments libcst gives the module's header). None otherwise."""
        definition = self.namespace.definitions.get(name)
        if not isinstance(definition, _Lazy) or definition.statement.begin == 0 or name in self._bound_again:
            return None
        return self._text(definition.statement)

    def kind_of(self, name: str) -> str | None:
        """ "class", "function" or "assignment" for a definition parsed on demand; None for any other."""
        definition = self.namespace.definitions.get(name)
        return definition.kind if isinstance(definition, _Lazy) else None

    def renamed_imports(self, transformer: RenameTransformer) -> list[cst.CSTNode]:
        """The module's imports renamed by `transformer`; an import whose text the renaming cannot change is
        the module's own node (most are: `import torch`, `from ...utils import logging`)."""
        return [
            node.visit(transformer) if transformer.may_change(text) else node
            for node, text in zip(self.namespace.imports, self._import_texts, strict=True)
        ]

    def _add(self, statement: Statement, uses: dict[str, set[str]]) -> None:
        kind = _kind(statement.nodes)
        if kind is None:
            return  # a statement read_namespace ignores in a parent module
        if kind == "parse":
            text = self._text(statement)
            module, node = self._parse_with_module(statement, text)
            add_statement(self.namespace, statement.position, node, module, uses, strict=False)
            self._import_texts.extend([text] * (len(self.namespace.imports) - len(self._import_texts)))
            return
        name = _defined_name(statement.nodes[0])
        if name in self.namespace.definitions:
            self._bound_again.add(name)
        self.namespace.definitions[name] = _Lazy(statement, kind)
        self.namespace.line_order[name] = statement.position
        self.namespace.uses[name] = self.namespace.uses.get(name, set()) | uses.get(name, set())

    def _text(self, statement: Statement) -> str:
        return "".join(self._lines[statement.begin : statement.end])

    def _parse(self, statement: Statement, text: str) -> cst.CSTNode:
        return self._parse_with_module(statement, text)[1]

    def _parse_with_module(self, statement: Statement, text: str) -> tuple[cst.Module, cst.CSTNode]:
        if statement.begin == 0:  # the module's header comes before it: parsed as the module starts
            module = cst.parse_module(text)
            return module, module.body[0]
        module = cst.parse_module(self._prefix + text)
        return module, module.body[2]


@lru_cache(maxsize=128)
def parsed(text: str) -> ast.Module:
    """`ast.parse(text)`, once per text: a parent is checked for libcst (conversions._unconvertible) and read
    here, and the same parents come back for many modular files. Not to be changed."""
    return ast.parse(text)


def statements(body: list[ast.stmt], lines: list[str]) -> list[Statement]:
    """libcst's top-level statements of a module, from its `ast` body and its lines."""
    groups: list[list[ast.stmt]] = []
    for node in body:
        if groups and node.lineno == groups[-1][-1].end_lineno:  # `a = 1; b = 2`: one statement line
            groups[-1].append(node)
        else:
            groups.append([node])
    found, begin = [], 0
    for position, group in enumerate(groups):
        end = group[-1].end_lineno
        following = _first_line(groups[position + 1][0]) - 1 if position + 1 < len(groups) else len(lines)
        block_indent = _footer_indent(group[-1], lines)
        if block_indent is not None:
            for index in range(end, following):
                if lines[index].startswith(block_indent):
                    end = index + 1
        found.append(Statement(position, begin, end, tuple(group)))
        begin = end
    return found


def _first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", None) or []
    return min([node.lineno, *(decorator.lineno for decorator in decorators)])


def _clause_bodies(node: ast.stmt) -> list[list[ast.stmt]]:
    """The blocks of a compound statement in source order (an `elif` is the blocks of the `if` it holds)."""
    if isinstance(node, ast.If):
        # `elif x:` and `else:` + `if x:` are the same in ast, but an `elif` starts at the column of its `if`
        elif_branch = node.orelse[0] if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If) else None
        if elif_branch is not None and elif_branch.col_offset == node.col_offset:
            return [node.body, *_clause_bodies(elif_branch)]
        return [node.body, node.orelse]
    if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
        return [node.body, *(handler.body for handler in node.handlers), node.orelse, node.finalbody]
    if isinstance(node, ast.Match):
        return [case.body for case in node.cases]
    return [getattr(node, "body", []), getattr(node, "orelse", [])] if hasattr(node, "body") else []


def _block_indent(block: list[ast.stmt], lines: list[str]) -> str | None:
    """The indentation of a block whose first statement starts its own line; None for `if x: pass`."""
    if not block:
        return None
    first = block[0]
    line = lines[_first_line(first) - 1]
    prefix = line[: first.col_offset]
    return prefix if prefix.strip() == "" and prefix else None


def _footer_indent(node: ast.stmt, lines: list[str]) -> str | None:
    bodies = [body for body in _clause_bodies(node) if body]
    return _block_indent(bodies[-1], lines) if bodies else None


def _first_indent(body: list[ast.stmt], lines: list[str]) -> str:
    """The indentation libcst takes for the module's default: that of the first indented block (a block on its
    header's line holds no other block, but the next clause of its statement may be one)."""
    for node in body:
        for block in _clause_bodies(node):
            indent = _block_indent(block, lines)
            if indent is not None:
                return indent
    return _DEFAULT_INDENT


def _kind(nodes: tuple[ast.stmt, ...]) -> str | None:
    """ "class", "function" or "assignment" for a definition parsed on demand, "parse" for a statement parsed
    now, None for one a parent module's namespace ignores."""
    if len(nodes) > 1:
        return "parse" if all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in nodes) else None
    node = nodes[0]
    if isinstance(node, ast.ClassDef):
        return "class"
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return "function"
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.If)):
        return "parse"
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name):
            return "parse" if target.id == "__all__" else "assignment"
        if isinstance(target, (ast.Subscript, ast.Attribute)) and isinstance(target.value, ast.Name):
            return "parse"  # `MAPPING["key"] = value`: named by its code
    return None


def _defined_name(node: ast.stmt) -> str:
    return node.targets[0].id if isinstance(node, ast.Assign) else node.name
