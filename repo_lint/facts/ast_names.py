"""The names an `ast` tree gives decorators, bases and dotted expressions, read the same way by every family.

The families read some shapes differently, on purpose or by history, and their findings depend on it; the
parameters keep each reading, and each docstring says which family reads which way.
"""

from __future__ import annotations

import ast


def last_name(node: ast.AST, *, call: bool = True, nested_calls: bool = False, subscript: bool = False) -> str:
    """`c` for `c` and `a.b.c`; "" for anything else (a lambda, a string, `f()[0]`...). Read through, in order:

    - with `call` (the default), one call: `a.b.c(...)` -> `c`; and with `nested_calls` every call: `f()()`
      -> `f` (NAM's `@staticmethod` test), where one call gives "" (DOC's builder-decorator test);
    - with `subscript`, then one subscript: `Base[T]` -> `Base`, `field[int](...)` -> `field` (DOC's reading
      of a class for its signature; the others give "").
    """
    if call and isinstance(node, ast.Call):
        node = node.func
        while nested_calls and isinstance(node, ast.Call):
            node = node.func
    if subscript and isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def decorator_name(node: ast.expr, *, nested_calls: bool = False, subscript: bool = False) -> str:
    """The name a decorator goes by: `b` for `@b`, `@a.b` and `@a.b(...)`; "" for other expressions.
    `nested_calls` and `subscript` read further, as `last_name` says."""
    return last_name(node, nested_calls=nested_calls, subscript=subscript)


def base_names(node: ast.ClassDef, *, call: bool = False, subscript: bool = False) -> tuple[str, ...]:
    """The `last_name` of each base of a class, in order, "" where a base has none, so that the tuple lines up
    with the bases as written. By default a base is read as written, a name or an attribute (`nn.Module` ->
    `Module`): DOC's method selection. With `call` and `subscript` (`Generic[T]` -> `Generic`): DOC's
    signature resolution."""
    return tuple(last_name(base, call=call, subscript=subscript) for base in node.bases)


def dotted_name(node: ast.AST, *, outer_calls_and_subscripts: bool = True) -> str | None:
    """`a.b.c` for a chain of attributes on a name; None for anything else (`f().b`, a string...).

    With `outer_calls_and_subscripts` (the default), read through the calls and subscripts around the chain, at
    any depth: `a.b[T]`, `a.b(...)` and `a.b(...)[T]` -> `a.b` (STR's bases and decorators); without, only the
    chain itself (AUT's registration values, which strip one subscript themselves).
    """
    while outer_calls_and_subscripts and isinstance(node, (ast.Subscript, ast.Call)):
        node = node.value if isinstance(node, ast.Subscript) else node.func
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def last_part(dotted: str) -> str:
    """`c` for the dotted name `a.b.c`."""
    return dotted.rsplit(".", 1)[-1]
