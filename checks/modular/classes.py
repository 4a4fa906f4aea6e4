"""Laying a modular class over its parent class, the way the modular converter does: docstring from the modular
class if it has one, class attributes and methods in the parent's order with the modular's overrides in place,
new ones appended; `name = AttributeError()` drops a parent attribute and a `def` whose first line raises an
error drops a parent method; property getters and setters are merged pairwise (`super()` calls are unrolled
afterwards, in unroll.py). Overrides that need more than that raise Unsupported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst
from repo_lint.checks.modular.namespace import Unsupported

_TRIPLE_QUOTED = re.compile(r'"""[\s\S]*"""')


@dataclass
class Members:
    docstring: list[cst.CSTNode] = field(default_factory=list)
    attributes: dict[str, cst.CSTNode] = field(default_factory=dict)
    # every attribute statement in order: a later `name = AttributeError()` does not undo an earlier definition
    assignments: list[tuple[str, cst.CSTNode]] = field(default_factory=list)
    methods: dict[str, cst.FunctionDef] = field(default_factory=dict)


def is_docstring(node: cst.CSTNode) -> bool:
    return (
        isinstance(node, cst.SimpleStatementLine)
        and len(node.body) == 1
        and isinstance(node.body[0], cst.Expr)
        and isinstance(node.body[0].value, cst.SimpleString)
        and _TRIPLE_QUOTED.search(node.body[0].value.value) is not None
    )


def class_members(node: cst.ClassDef, class_name: str) -> Members:
    """The docstring, attributes and methods of a class body. Other statements (`...`, `pass`, nested classes,
    `if` blocks) are not part of the merge: the converter drops them from both classes."""
    members = Members()
    for statement in node.body.body:
        if is_docstring(statement):
            members.docstring.append(statement)
        elif isinstance(statement, cst.FunctionDef):
            _add_method(members.methods, statement, class_name)
        elif (attribute := _attribute_name(statement)) is not None:
            members.attributes[attribute] = statement
            members.assignments.append((attribute, statement))
    return members


def _add_method(methods: dict[str, cst.FunctionDef], method: cst.FunctionDef, class_name: str) -> None:
    """Methods are keyed by name, except a second definition of a name (a property's setter or deleter) which is
    keyed `<name>_setter`. Whichever of the two comes second, the `@property` one takes the first key, so it comes
    first in the merged class and overrides meet their counterpart in the parent."""
    name = method.name.value
    if name not in methods:
        methods[name] = method
        return
    if not method.decorators:
        raise Unsupported("method defined twice without decorators", f"{class_name}.{name}")
    second_key = f"{name}_setter"
    first_decorator = method.decorators[0].decorator
    if isinstance(first_decorator, cst.Name) and first_decorator.value == "property":
        methods[second_key] = methods[name]
        methods[name] = method
    else:
        methods[second_key] = method


def _is_single_assignment(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], (cst.Assign, cst.AnnAssign))
    )


def _attribute_name(statement: cst.CSTNode) -> str | None:
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return None
    small = statement.body[0]
    if isinstance(small, cst.Assign):
        target = small.targets[0].target
    elif isinstance(small, cst.AnnAssign):
        target = small.target
    else:
        return None
    return target.value if isinstance(target, cst.Name) else None


def check_modular_class(node: cst.ClassDef) -> None:
    """Raise Unsupported when the modular class overrides its parent in a way the merge does not reproduce."""
    name = node.name.value
    for statement in node.body.body:
        if isinstance(statement, cst.FunctionDef):
            if removes_parent_method(statement):
                continue  # its body is never used when the parent has the method (checked by the merge otherwise)
            if _raises_first(statement):
                _check_raising_method(statement, name)
            else:
                _check_method(statement, name)
        elif _is_single_assignment(statement) and _attribute_name(statement) is None:
            raise Unsupported("class attribute assigned to something other than a name", name)


# The converter drops a parent method when the modular method's own source text (with the blank lines before it,
# without the class indentation) is exactly: one blank line, a one-line `def` signature, then `raise <...>Error(`
# as the first body line. A decorator, a comment, no blank line (first member of the class) or two blank lines
# before it, a docstring first or `raise NotImplementedError` without a call all keep the method as an override.
_SIGNATURE_LINE = re.compile(r"def [^\n]*\([^\n]*\)[^\n]*:[^\n]*")
_RAISE_LINE = re.compile(r"    raise[^\n]*Error\(")
_BARE_MODULE = cst.Module(body=[])


def removes_parent_method(method: cst.FunctionDef) -> bool:
    """Whether this modular method, written as `def name(...):` + `raise SomeError(...)`, removes the parent's."""
    first = method.body.body[0] if isinstance(method.body, cst.IndentedBlock) and method.body.body else None
    if not (isinstance(first, cst.SimpleStatementLine) and _is_raise(first)):
        return False  # the line after the signature cannot be a `raise` (most methods: no code generated)
    lines = _BARE_MODULE.code_for_node(method).split("\n")
    return (
        len(lines) >= 3
        and lines[0] == ""
        and _SIGNATURE_LINE.fullmatch(lines[1]) is not None
        and _RAISE_LINE.match(lines[2]) is not None
    )


def _raises_first(method: cst.FunctionDef) -> bool:
    statements = [s for s in method.body.body if not is_docstring(s)]
    return bool(statements) and isinstance(statements[0], cst.SimpleStatementLine) and _is_raise(statements[0])


def _is_raise(statement: cst.SimpleStatementLine) -> bool:
    return isinstance(statement.body[0], cst.Raise)


def _check_raising_method(method: cst.FunctionDef, class_name: str) -> None:
    """A raising method the converter keeps is an ordinary override (its parent's docstring is laid over it)."""
    where = f"{class_name}.{method.name.value}"
    if len([s for s in method.body.body if not is_docstring(s)]) > 1:
        raise Unsupported("statements after a raise in a modular method", where)
    star_kwarg = method.params.star_kwarg
    if isinstance(star_kwarg, cst.Param) and star_kwarg.name.value == "super_kwargs":
        raise Unsupported("**super_kwargs", where)


def _check_method(method: cst.FunctionDef, class_name: str) -> None:
    where = f"{class_name}.{method.name.value}"
    code = cst.Module(body=[method]).code
    if re.match(r"\ndef .*\(.*\).*:.*\n    raise.*Error\(.*", "\n" + code.lstrip("\n")) or _raises_only(method):
        raise Unsupported("method removed by raising", where)


def is_super_call_to(statement: cst.CSTNode, method_name: str) -> bool:
    """`super().<method_name>(...)` as a statement or returned: the converter inlines the parent's code there."""
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return False
    small = statement.body[0]
    call = small.value if isinstance(small, (cst.Expr, cst.Return)) else None
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == method_name
        and isinstance(call.func.value, cst.Call)
        and isinstance(call.func.value.func, cst.Name)
        and call.func.value.func.value == "super"
    )


def merged_attributes(parent: Members, modular: Members, class_name: str) -> list[cst.CSTNode]:
    """The parent's class attributes in its order with the modular's overrides in place, then the modular's new
    ones; `name = AttributeError()` drops the parent's `name` (a modular definition of `name` stays)."""
    kept = dict(parent.attributes)
    overrides: dict[str, cst.CSTNode] = {}
    for name, statement in modular.assignments:
        where = f"{class_name}.{name}"
        if not _is_attribute_removal(statement):
            overrides[name] = statement
        elif kept.pop(name, None) is None:
            raise Unsupported("AttributeError removes an attribute the parent lacks", where)
    return list({**kept, **overrides}.values())


def inherited_methods(parent: Members, modular: Members, class_name: str) -> dict[str, cst.FunctionDef]:
    """The parent's methods the modular class starts from: all but those a modular class attribute shadows (a
    dataclass field `latent_stride: int = 16` over a parent's `@property def latent_stride`), as in the released
    tree (pocket_tts_audio_tokenizer over mimi, the one such case)."""
    shadowed = [name for name, _ in modular.assignments if name in parent.methods]
    for name in shadowed:
        if f"{name}_setter" in parent.methods:
            raise Unsupported("modular class attribute shadows a parent property with a setter", f"{class_name}.{name}")
    return {key: method for key, method in parent.methods.items() if key not in shadowed}


def _is_attribute_removal(statement: cst.CSTNode) -> bool:
    """`name = AttributeError()` in a modular class: the parent's attribute is dropped."""
    small = statement.body[0]
    return (
        isinstance(small, cst.Assign)
        and isinstance(small.value, cst.Call)
        and _call_name(small.value) == "AttributeError"
    )


class ParentCallToSuper(cst.CSTTransformer):
    """`Base.method(self, ...)` (or `module.Base.method(...)`) in a modular method, with `Base` one of the class's
    bases, becomes `super().method(...)`, as the converter writes it."""

    def __init__(self, bases: list[str]):
        super().__init__()
        self.bases = bases

    def _is_base(self, name: str | None) -> bool:
        return (
            name in self.bases
            or (name == "nn.Module" and "GradientCheckpointingLayer" in self.bases)
            or (name == "PreTrainedModel" and any("PreTrainedModel" in base for base in self.bases))
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = updated_node.func
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, (cst.Name, cst.Attribute))):
            return updated_node
        if not self._is_base(dotted_name(func.value)):
            return updated_node
        args = updated_node.args
        if args and isinstance(args[0].value, cst.Name) and args[0].value.value == "self":
            args = args[1:]
        return updated_node.with_changes(func=func.with_changes(value=cst.Call(func=cst.Name("super"))), args=args)


def dotted_name(node: cst.CSTNode) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        prefix = dotted_name(node.value)
        return f"{prefix}.{node.attr.value}" if prefix is not None else None
    return None


def _raises_only(method: cst.FunctionDef) -> bool:
    statements = [s for s in method.body.body if not is_docstring(s)]
    return (
        len(statements) == 1
        and isinstance(statements[0], cst.SimpleStatementLine)
        and isinstance(statements[0].body[0], cst.Raise)
    )


def _call_name(call: cst.Call) -> str:
    return call.func.value if isinstance(call.func, cst.Name) else ""


def kept_decorators(modular_node, parent_node) -> tuple[cst.Decorator, ...]:
    """The modular node's decorators if it has any (`@no_inherit_decorator` alone: none), else the parent's. Only the
    bare name forces no decorators: `@no_inherit_decorator()` or `@utils.no_inherit_decorator` are kept as written."""
    written = [_BARE_MODULE.code_for_node(decorator.decorator) for decorator in modular_node.decorators]
    if "no_inherit_decorator" in written:
        if len(written) > 1:
            raise Unsupported("no_inherit_decorator with other decorators", modular_node.name.value)
        return ()
    return tuple(modular_node.decorators) or tuple(parent_node.decorators)


def merged_method(parent_method: cst.FunctionDef | None, method: cst.FunctionDef) -> cst.FunctionDef:
    """A modular method that overrides a parent method keeps its body, parameters and (when it has them) its
    docstring, decorators and return annotation; the parent's fill in what it lacks."""
    if parent_method is None:
        return method
    body = list(method.body.body)
    if not any(is_docstring(statement) for statement in body):
        body = [statement for statement in parent_method.body.body if is_docstring(statement)] + body
    return parent_method.with_changes(
        body=method.body.with_changes(body=body),
        params=_merged_parameters(parent_method.params, method.params),
        decorators=kept_decorators(method, parent_method),
        returns=method.returns or parent_method.returns,
    )


def _merged_parameters(parent: cst.Parameters, modular: cst.Parameters) -> cst.Parameters:
    """The modular parameters, except with `**super_kwargs`: then the parent's positional parameters (the
    modular's own, past `self`, override or extend them) and the parent's `**kwargs`. The modular keyword-only
    parameters and `*args` stay, the parent's do not: that is what the converter writes."""
    star_kwarg = modular.star_kwarg
    if not (isinstance(star_kwarg, cst.Param) and star_kwarg.name.value == "super_kwargs"):
        return modular
    merged = {param.name.value: param for param in parent.params}
    merged.update((param.name.value, param) for param in modular.params[1:])
    return modular.with_changes(params=list(merged.values()), star_kwarg=parent.star_kwarg)
