"""Module-level statements of a modular file other than definitions, imports and `__all__`, and where the
converter puts them in the generated files.

`__getattr__ = deprecate_attr(__name__, remove={"OldKwargs": (DeprecatedOldKwargs, "5.29.0")})` keeps old
names importable from a generated module: the 5.23.0 files hold it in the file the deprecated names belong to
(routed by their suffix, like classes), after every class and right before that file's `__all__`.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst
from repo_lint.checks.modular.namespace import Unsupported


def deprecated_names(node: cst.SimpleStatementLine) -> list[str]:
    """The names a `__getattr__ = deprecate_attr(...)` statement keeps importable: the string keys of the dicts
    passed to the call."""
    value = node.body[0].value
    if not isinstance(value, cst.Call):
        raise Unsupported("module __getattr__ other than a call", cst.Module(body=[node]).code.strip()[:60])
    names = []
    for argument in value.args:
        if isinstance(argument.value, cst.Dict):
            names.extend(
                element.key.evaluated_value
                for element in argument.value.elements
                if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString)
            )
    return names


def getattr_file_type(node: cst.SimpleStatementLine, file_type_of: Callable[[str], str]) -> str:
    """The generated file that receives the module `__getattr__`: the one its deprecated names route to."""
    file_types = {file_type_of(name) for name in deprecated_names(node)}
    if len(file_types) != 1:
        raise Unsupported("module __getattr__ deprecating names of several files", ", ".join(sorted(file_types)))
    return file_types.pop()


def without_trailing_comma(node: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
    """The statement with no comma after the call's last argument. The 5.23.0 files show the modular's magic
    trailing comma gone (colmodernvbert's `deprecate_attr(\\n    __name__,\\n    remove={...},\\n)` is joined by ruff
    as far as the line length allows), while commas inside the arguments (aria's multi-line dict) stay."""
    assign = node.body[0]
    call = assign.value
    if not isinstance(call, cst.Call) or not call.args:
        return node
    last = call.args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    call = call.with_changes(args=[*call.args[:-1], last])
    return node.with_changes(body=[assign.with_changes(value=call)])
