"""The generated code of a top-level statement, and what it reads, made once per node and conversion.

A conversion needs the code of the same statement several times (the names it uses when it is placed, the names
the file's imports must bind, the file itself), and libcst's code generation and `ast.parse` are most of a
conversion's time. libcst nodes are immutable, so a node's code never changes: the memo is keyed by the node's
identity (holding the node, so that the identity is not reused) and emptied after each conversion.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

_CODEGEN = cst.Module(body=[])


@dataclass(frozen=True)
class StatementCode:
    node: cst.CSTNode
    code: str
    tree: ast.Module


_MEMO: dict[int, StatementCode] = {}


def statement_code(node: cst.CSTNode) -> StatementCode:
    """`node` (a top-level statement) as code, with its leading lines, and that code parsed by `ast`."""
    known = _MEMO.get(id(node))
    if known is None or known.node is not node:
        code = _CODEGEN.code_for_node(node)
        known = _MEMO[id(node)] = StatementCode(node, code, ast.parse(code))
    return known


def module_code(header: list[cst.EmptyLine], body: list[cst.CSTNode]) -> str:
    """What `cst.Module(body=body, header=header).code` gives, from the memo: a module's code is its header's,
    then its statements' one after the other (a newline when that is nothing)."""
    code = "".join(_CODEGEN.code_for_node(line) for line in header)
    code += "".join(statement_code(node).code for node in body)
    return code or "\n"


def forget_codes() -> None:
    _MEMO.clear()
