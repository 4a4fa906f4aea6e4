"""The imports a generated file keeps: of all the imports gathered from the modular file and its parents, those
whose names the file's code reads (a name is imported once; protected `if` imports come last). The conditions of
every gathered protected import read names too, whether the import is kept or not, as in the converter."""

from __future__ import annotations

import ast
import re

import libcst as cst
from repo_lint.checks.modular.code import statement_code
from repo_lint.checks.modular.namespace import is_import_block


def needed_imports(imports: list[cst.CSTNode], body: list[cst.CSTNode], defined: set[str]) -> list[cst.CSTNode]:
    """The imports whose names the body uses (a name is imported once; protected `if` imports come last, their
    first branch filtered, an `elif` / `else` branch kept as it is)."""
    unused = _unused_import_names(imports, body) | defined
    plain, protected, added = [], [], set()
    for node in imports:
        if is_import_block(node):
            statements = [kept for statement in node.body.body if (kept := _keep_names(statement, unused, added))]
            if statements:
                protected.append(node.with_changes(body=node.body.with_changes(body=statements)))
        elif kept := _keep_names(node, unused, added):
            plain.append(kept)
    return plain + protected


def _unused_import_names(imports: list[cst.CSTNode], body: list[cst.CSTNode]) -> set[str]:
    """Names bound by `imports` that the body never reads (string annotations count as reads)."""
    # conditions of protected imports (`if is_cv2_available():`) read names too
    conditions = [cst.SimpleStatementLine(body=[cst.Expr(node.test)]) for node in imports if is_import_block(node)]
    read = set()
    for statement in [*conditions, *body]:
        read |= _read_names(statement_code(statement).tree)
    bound = set()
    for node in imports:
        statements = node.body.body if is_import_block(node) else [node]
        for statement in statements:
            for alias in statement.body[0].names:
                bound.add(alias.evaluated_alias or alias.evaluated_name)
    return {name for name in bound if name.split(".")[0] not in read}


def _read_names(tree: ast.AST) -> set[str]:
    read = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            read.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _IDENTIFIER_ONLY.fullmatch(node.value):
            read.update(re.findall(r"[A-Za-z_]\w*", node.value))
    return read


# a string that could be a type annotation (`"torch.Tensor"`, `"Optional[Cache]"`), not prose
_IDENTIFIER_ONLY = re.compile(r"[\w.\[\], |]+")


def _keep_names(statement: cst.SimpleStatementLine, unused: set[str], added: set[str]):
    small = statement.body[0]
    if isinstance(small.names, cst.ImportStar):
        return statement
    kept = []
    for alias in small.names:
        bound = alias.evaluated_alias or alias.evaluated_name
        if bound not in unused and bound not in added:
            kept.append(alias.with_changes(comma=cst.MaybeSentinel.DEFAULT))
            added.add(bound)
    return statement.with_changes(body=[small.with_changes(names=kept)]) if kept else None
