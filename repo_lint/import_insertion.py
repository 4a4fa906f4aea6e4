"""Adding imports to a module with libcst, where its imports are and in their style (the name guard's
insertion step; libcst is loaded only when a fix needs an import)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import libcst as cst
from libcst.helpers import get_full_name_for_node

from repo_lint.workspace import split_lines

if TYPE_CHECKING:
    from repo_lint.name_guard import NeededImport


def add_imports(text: str, needed: list[NeededImport]) -> str | None:
    """`text` with the imports added where its imports are (merged into a one-line `from` import of the
    same module when there is one; a type-checking-only one inside its `if TYPE_CHECKING:`), or None when
    it cannot be done (no such block, or libcst cannot parse the file)."""
    head, tail = _import_head(text)
    patched = _add_imports_to(head, needed)
    return None if patched is None else patched + tail


def _import_head(text: str) -> tuple[str, str]:
    """`text` cut before its first module-level class or function when its imports all come before it: only
    that head goes through libcst (parsing and printing a whole modeling file costs ten times more)."""
    if "\r" in text:  # ast counts a lone CR as a line end, `split_lines` does not: no cut
        return text, ""
    try:
        statements = ast.parse(text).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return text, ""
    definitions = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    first = next((index for index, s in enumerate(statements) if isinstance(s, definitions)), None)
    if first is None or not any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in statements[:first]):
        return text, ""
    line = min([statements[first].lineno, *(d.lineno for d in statements[first].decorator_list)])
    lines = split_lines(text)
    return "".join(lines[: line - 1]), "".join(lines[line - 1 :])


def _add_imports_to(text: str, needed: list[NeededImport]) -> str | None:
    try:
        module = cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError):
        return None
    body = list(module.body)
    checking = [n for n in needed if n.type_checking]
    if checking:
        index = next((i for i, s in enumerate(body) if _is_type_checking_block(s)), None)
        if index is None:
            return None
        block = body[index]
        inner = _insert(list(block.body.body), checking, module)
        body[index] = block.with_changes(body=block.body.with_changes(body=inner))
    plain = [n for n in needed if not n.type_checking]
    if plain and _after_imports(body) == _docstring_count(body):  # the module's first imports
        module, body = _first_imports(module, body, plain)
    elif plain:
        body = _insert(body, plain, module)
    return module.with_changes(body=body).code


def _docstring_count(body: list) -> int:
    first = body[0] if body else None
    return int(
        isinstance(first, cst.SimpleStatementLine)
        and isinstance(first.body[0], cst.Expr)
        and isinstance(first.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _first_imports(module: cst.Module, body: list, needed: list[NeededImport]) -> tuple[cst.Module, list]:
    """Imports in a module that has none: after its docstring, two blank lines before the code. A comment
    ending the file's header (after its last blank line) belongs to the first statement and moves with it."""
    at = _docstring_count(body)
    header = list(module.header)
    if at == 0 and body:
        split = max((i + 1 for i, line in enumerate(header) if line.comment is None), default=0)
        header, attached = header[:split], header[split:]
        body[0] = body[0].with_changes(leading_lines=[*attached, *body[0].leading_lines])
    body = _insert(body, needed, module)
    if at:
        body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine()])
    following = at + len(body) - len(module.body)
    if following < len(body):
        lines = list(body[following].leading_lines)
        blank = next((i for i, line in enumerate(lines) if line.comment is not None), len(lines))
        body[following] = body[following].with_changes(leading_lines=[cst.EmptyLine()] * max(0, 2 - blank) + lines)
    return module.with_changes(header=header), body


def _is_type_checking_block(statement: cst.CSTNode) -> bool:
    if not isinstance(statement, cst.If) or not isinstance(statement.body, cst.IndentedBlock):
        return False
    name = get_full_name_for_node(statement.test)
    return name in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def _insert(statements: list, needed: list[NeededImport], module: cst.Module) -> list:
    # One at a time: a second name from the same module merges into the first one's line.
    for item in sorted(needed, key=lambda n: (n.level > 0, -n.level, n.module, n.name or "")):
        merged = _merge_into_existing(statements, item)
        if merged is None:
            line = cst.parse_statement(item.statement() + module.default_newline, config=module.config_for_parsing)
            at = _insertion_point(statements, item)
            statements[at:at] = [line]
        else:
            index, statement = merged
            statements[index] = statement
    return statements


def _insertion_point(statements: list, item: NeededImport) -> int:
    """After the file's imports; a relative import in isort's order among the relative ones (`...` before
    `..` before `.`, then by module), which is where the formatters of these libraries keep them."""
    end = _after_imports(statements)
    if item.level == 0 or item.name is None:
        return end
    key = (-item.level, item.module)
    for index, statement in enumerate(statements[:end]):
        node = _single_import_from(statement)
        if node is not None and node.relative and (-len(node.relative), _module_name(node)) > key:
            return index
    return end


def _single_import_from(statement: cst.CSTNode) -> cst.ImportFrom | None:
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        node = statement.body[0]
        return node if isinstance(node, cst.ImportFrom) else None
    return None


def _module_name(node: cst.ImportFrom) -> str:
    return (get_full_name_for_node(node.module) or "") if node.module else ""


def _merge_into_existing(statements: list, item: NeededImport) -> tuple[int, cst.CSTNode] | None:
    """A one-line `from <same module> import ...` with the new name added (in order when they are sorted)."""
    if item.name is None:
        return None
    for index, statement in enumerate(statements[: _after_imports(statements)]):  # not a late import
        node = _single_import_from(statement)
        if (
            node is None
            or isinstance(node.names, cst.ImportStar)
            or node.lpar
            or len(node.relative) != item.level
            or _module_name(node) != item.module
        ):
            continue
        alias = cst.ImportAlias(
            name=cst.Name(item.name), asname=cst.AsName(name=cst.Name(item.asname)) if item.asname else None
        )
        names = list(node.names)
        keys = [_alias_key(a) for a in names]
        at = len(names)
        if keys == sorted(keys):
            at = next((i for i, key in enumerate(keys) if key > _alias_key(alias)), len(names))
        names.insert(at, alias)
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        last = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        names = [a.with_changes(comma=comma) for a in names[:-1]] + [last]
        return index, statement.with_changes(body=[node.with_changes(names=names)])
    return None


def _alias_key(alias: cst.ImportAlias) -> str:
    return get_full_name_for_node(alias.name) or ""


def _after_imports(statements: list) -> int:
    """Where new imports go: after the last import before the first class or function (else after a docstring)."""
    at = 0
    for index, statement in enumerate(statements):
        if isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
            break
        if isinstance(statement, cst.SimpleStatementLine):
            if all(isinstance(node, (cst.Import, cst.ImportFrom)) for node in statement.body):
                at = index + 1
            elif (
                index == 0
                and isinstance(statement.body[0], cst.Expr)
                and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
            ):
                at = max(at, 1)
    return at
