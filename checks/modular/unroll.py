"""Unrolling `super().<method>(...)` in a merged class, the way the modular converter does it.

A method the modular class overrides, whose body holds `super().<same method>(...)` as a statement or returned,
gets the parent's body inlined at that spot: the modular statements before the call stay first, then the
parent's statements (an assignment the modular code makes again after the call replaces the parent's at its
place, a target it `del`s drops the parent's assignment, the parent's docstring is dropped), then the modular
statements after the call that the parent does not already have. `self.post_init()` is moved last and
`super().__init__(...)` first (after the docstring) unless the parent deliberately calls it later.

The converter keeps the re-assigned and deleted targets for the whole class, not per method: a target
re-assigned after the `super()` call of one method also replaces the parent's assignment in the methods unrolled
after it. That is reproduced as is, since the generated files were written by it.
"""

from __future__ import annotations

import re

import libcst as cst
from repo_lint.checks.modular.classes import ParentCallToSuper, is_docstring, is_super_call_to
from repo_lint.checks.modular.namespace import Unsupported

_CODEGEN = cst.Module(body=[])
_WITHOUT_FUNCTIONS = (cst.BaseExpression, cst.SimpleStatementLine, cst.Decorator, cst.Parameters)


def unroll_super_calls(
    class_node: cst.ClassDef, parent_methods: dict[str, cst.FunctionDef], modular_names: set[str], bases: list[str]
) -> cst.ClassDef:
    """`class_node` (the merged class) with the `super()` calls of the methods named in `modular_names` unrolled,
    and `Base.method(self, ...)` written `super().method(...)` in their modular statements. A member holding no
    function of those names is kept as it is (the same node: visiting it would only copy it)."""
    if not isinstance(class_node.body, cst.IndentedBlock):
        return class_node  # `class X: ...` on one line holds no function
    unroller = _SuperCallUnroller(parent_methods, modular_names, bases)
    body = [
        member.visit(unroller) if _holds_function_named(member, modular_names) else member
        for member in class_node.body.body
    ]
    return class_node.with_changes(body=class_node.body.with_changes(body=body))


_BLOCKS = ("body", "orelse", "handlers", "finalbody", "cases")  # the fields of compound statements that hold code


def _holds_function_named(node: cst.CSTNode, names: set[str]) -> bool:
    """Whether `node` is or holds (in its blocks, at any depth) a `def` of one of `names`."""
    if isinstance(node, cst.FunctionDef) and node.name.value in names:
        return True
    if isinstance(node, _WITHOUT_FUNCTIONS + (cst.BaseSmallStatement,)):
        return False
    for field in _BLOCKS:
        value = getattr(node, field, None)
        for child in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(child, cst.CSTNode) and _holds_function_named(child, names):
                return True
    return False


class _SuperCallUnroller(cst.CSTTransformer):
    """Visits every function of the class, nested ones first, as the converter does; the state is per class."""

    def __init__(self, parent_methods: dict[str, cst.FunctionDef], modular_names: set[str], bases: list[str]):
        super().__init__()
        self.parent_methods = parent_methods
        self.modular_names = modular_names
        self.to_super = ParentCallToSuper(bases)
        self.reassigned: dict[str, cst.BaseStatement] = {}  # assignment target code -> the modular statement
        self.deleted: set[str] = set()  # `del` target code

    def on_visit(self, node: cst.CSTNode) -> bool:
        # only functions change: expressions, simple statements, decorators and parameters hold none, and
        # walking them is most of the cost of visiting a class
        return not isinstance(node, _WITHOUT_FUNCTIONS) and super().on_visit(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        name = updated_node.name.value
        if name not in self.modular_names:
            return updated_node
        statements = list(updated_node.body.body)
        body = []
        for position, statement in enumerate(statements):
            if is_super_call_to(statement, name):
                parent = self.parent_methods.get(name)
                if parent is None:
                    # the converter fails on it: the parent's body is not in the parent class
                    raise Unsupported("super() call to a method the parent class does not define", name)
                parent_body = list(parent.body.body)
                body.extend(self._inlined(parent_body, statements[position + 1 :]))
                body = _super_init_first(body, parent_body)
                break
            # only the statements before the call: the converter leaves those after it as written
            body.append(statement.visit(self.to_super))
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))

    def _inlined(self, parent_body: list[cst.BaseStatement], after: list[cst.BaseStatement]) -> list:
        """The parent's statements with the modular re-assignments and deletions applied, then the modular
        statements after the call that are new."""
        for statement in after:
            if (target := _assigned_target(statement)) is not None:
                self.reassigned[target] = statement
            if (target := _deleted_target(statement)) is not None:
                self.deleted.add(target)
        merged, seen = [], set()
        for statement in parent_body:
            target = _assigned_target(statement)
            if target is not None:
                if target in self.deleted:
                    continue
                statement = self.reassigned.get(target, statement)
            elif is_docstring(statement):
                continue
            merged.append(statement)
            seen.add(_comparable(statement))
        for statement in after:
            key = _comparable(statement)
            # identity: a re-assignment already placed where the parent's was is not added again
            if any(statement is kept for kept in merged) or key in seen or _deleted_target(statement) is not None:
                continue
            merged.append(statement)
            seen.add(key)
        return _post_init_last(merged)


def _assigned_target(statement: cst.CSTNode) -> str | None:
    """The code of the first target of a line holding a single assignment (`self.x = ...`, `self.x: int = ...`).
    Annotated ones count too: 5.23.0's `del self.q_lora_rank` drops `self.q_lora_rank: int = ...`
    (mistral_large4), although the converter script this follows matches plain assignments only."""
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, cst.Assign):
            return _CODEGEN.code_for_node(small.targets[0].target)
        if isinstance(small, cst.AnnAssign):
            return _CODEGEN.code_for_node(small.target)
    return None


def _deleted_target(statement: cst.CSTNode) -> str | None:
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, cst.Del):
            return _CODEGEN.code_for_node(small.target)
    return None


def _comparable(statement: cst.CSTNode) -> str:
    """A statement's code without comments (anything after `#`, as the converter cuts it) and trailing spaces."""
    code = re.sub(r"#.*", "", _CODEGEN.code_for_node(statement)).strip()
    return re.sub(r" *\n", "\n", code).strip()


def _post_init_last(body: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    for position, statement in enumerate(body):
        if "self.post_init(" in _comparable(statement) and position < len(body) - 1:
            return [*body[:position], *body[position + 1 :], statement]
    return body


def _super_init_first(body: list[cst.BaseStatement], parent_body: list[cst.BaseStatement]) -> list:
    """`super().__init__(...)` moved right after the leading docstrings, unless the parent calls it later on
    purpose (after other statements)."""
    if _late_super_init(parent_body) is not None:
        return body
    position = _late_super_init(body)
    if position is None:
        return body
    start = _leading_docstrings(body)
    return [*body[:start], body[position], *body[start:position], *body[position + 1 :]]


def _late_super_init(body: list[cst.BaseStatement]) -> int | None:
    """Where `super().__init__` is called after the leading docstrings and other statements."""
    start = _leading_docstrings(body)
    for position, statement in enumerate(body):
        if position < start:
            continue
        if "super().__init__" in _comparable(statement) and position > start:
            return position
    return None


def _leading_docstrings(body: list[cst.BaseStatement]) -> int:
    count = 0
    while count < len(body) and is_docstring(body[count]):
        count += 1
    return count
