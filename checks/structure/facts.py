"""Per-file facts of the STR family: the top-level classes of a modeling or configuration file, read with
the standard library `ast` (parsing is all these rules need; nothing is rewritten).

`read_structure(text)` is a pure module-level function returning picklable dataclasses, so the engine can
cache it by content and run it in a process pool on cold runs.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from repo_lint.facts.ast_names import dotted_name, last_part
from repo_lint.facts.classes import class_headers, class_lines
from repo_lint.parsing import Unparsable, nested_statements, parse_module


@dataclass(frozen=True)
class Method:
    name: str
    line: int  # 1-based line of the `def`
    decorators: tuple[str, ...]  # last dotted part of each decorator (`@a.b(...)` -> `b`)
    var_keyword: str | None  # name of the `**kwargs` parameter, if any
    calls_post_init: bool  # `self.post_init()` somewhere in the body
    forwards_kwargs: bool  # a `super().__init__(...)` (or `Base.__init__(self, ...)`) call passes `**<var_keyword>`


@dataclass(frozen=True)
class Attribute:
    """A class-level `name = value` or `name: annotation [= value]`."""

    line: int
    column: int  # 1-based
    value: str | None  # the value's dotted name, or its string constant; None when it is neither
    is_string: bool  # the value is a string constant
    annotation: tuple[str, ...] | None  # the annotation's dotted names (`config: AConfig | BConfig`), if annotated


@dataclass(frozen=True)
class ClassInfo:
    name: str
    line: int  # 1-based line of the `class` keyword
    column: int  # 1-based
    bases: tuple[str, ...]  # as written, dotted (`nn.Sequential`), subscripts dropped
    decorators: tuple[str, ...]  # last dotted part of each decorator
    attributes: dict[str, Attribute]  # only the names STR rules read (see `_ATTRIBUTES`)
    methods: dict[str, Method]  # only the methods STR rules read (see `_METHODS`)


_ATTRIBUTES = frozenset({"config_class", "config", "base_model_prefix"})
_METHODS = frozenset({"__init__", "forward", "call"})


@dataclass(frozen=True)
class FileStructure:
    classes: tuple[ClassInfo, ...]
    error: str | None = None  # the file does not parse (the engine reports RL001)


def _decorators(node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    names = (dotted_name(decorator) for decorator in node.decorator_list)
    return tuple(last_part(name) for name in names if name)


def _is_self_call(call: ast.Call, method: str) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == method
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
    )


def _is_super_init(call: ast.Call) -> bool:
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "__init__"):
        return False
    owner = func.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
        return True  # super().__init__(...) / super(X, self).__init__(...)
    # Base.__init__(self, ...): an explicit parent call
    return (
        isinstance(owner, (ast.Name, ast.Attribute))
        and bool(call.args)
        and isinstance(call.args[0], ast.Name)
        and call.args[0].id == "self"
    )


def _statement_calls(body: list[ast.stmt]):
    """The calls made as statements (`self.post_init()`, `x = super().__init__(...)`), in nested blocks too.
    Walking statements rather than every expression node keeps this cheap on long `__init__` bodies."""
    for statement in nested_statements(body):
        value = getattr(statement, "value", None)
        if isinstance(value, ast.Call):
            yield value


def _method(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Method:
    var_keyword = node.args.kwarg.arg if node.args.kwarg else None
    post_init = forwards = False
    for call in _statement_calls(node.body):
        if _is_self_call(call, "post_init"):
            post_init = True
        elif _is_super_init(call):
            if var_keyword and any(
                k.arg is None and isinstance(k.value, ast.Name) and k.value.id == var_keyword for k in call.keywords
            ):
                forwards = True
    return Method(node.name, node.lineno, _decorators(node), var_keyword, post_init, forwards)


def _attribute(target: ast.expr, value: ast.expr | None, annotation: ast.expr | None) -> Attribute:
    is_string = isinstance(value, ast.Constant) and isinstance(value.value, str)
    if is_string:
        shown = value.value
    elif value is not None:
        shown = dotted_name(value) if isinstance(value, (ast.Name, ast.Attribute)) else None
    else:
        shown = None
    return Attribute(
        target.lineno, target.col_offset + 1, shown, is_string, _union(annotation) if annotation is not None else None
    )


def _union(node: ast.expr) -> tuple[str, ...]:
    """The names of an annotation: `A` -> (A,), `A | B` -> (A, B), `"A"` -> (A,); anything else -> ()."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union(node.left) + _union(node.right)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value.strip(),)
    name = dotted_name(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
    return (name,) if name else ()


def _class(node: ast.ClassDef) -> ClassInfo:
    attributes: dict[str, Attribute] = {}
    methods: dict[str, Method] = {}
    for item in node.body:
        if isinstance(item, ast.Assign):
            for target in item.targets:
                if isinstance(target, ast.Name) and target.id in _ATTRIBUTES:
                    attributes[target.id] = _attribute(target, item.value, None)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.target.id in _ATTRIBUTES:
            attributes[item.target.id] = _attribute(item.target, item.value, item.annotation)
        elif isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in _METHODS:
            methods[item.name] = _method(item)
    bases = tuple(name for name in (dotted_name(base) for base in node.bases) if name)
    return ClassInfo(node.name, node.lineno, node.col_offset + 1, bases, _decorators(node), attributes, methods)


def read_structure(text: str) -> FileStructure | Unparsable:
    """The top-level classes of a module (a class in a function or a string is not one)."""
    tree = parse_module(text)
    if isinstance(tree, Unparsable):  # the engine reports RL001 for the file
        return tree
    classes = tuple(_class(node) for node in tree.body if isinstance(node, ast.ClassDef))
    return FileStructure(classes)


# --- a faster reader for big modeling files -------------------------------------------------------------
# Parsing a whole modeling file costs ~8 ms per 1,000 lines; the STR rules only read class headers, three
# class attributes, `__init__` bodies and `forward`/`call` signatures. `read_model_structure` finds those
# pieces with a text scan and parses only them; when any piece does not parse on its own (an odd layout),
# it parses the whole file instead, so the answer is always that of `read_structure` (decorators aside:
# class and method decorators are not read by this reader).

_TOP_STATEMENT = re.compile(r"^[A-Za-z_@]", re.MULTILINE)
_MEMBER = re.compile(
    r"^    (?:(?P<attribute>config_class|base_model_prefix|config)[ \t]*[:=]"
    r"|(?:async[ \t]+)?def[ \t]+(?P<method>__init__|forward|call)\b)",
    re.MULTILINE,
)
_MEMBER_END = re.compile(r"^ {0,4}[^\s#)\]}]", re.MULTILINE)
_MAX_HEADER_LINES = 80


class _Unreadable(Exception):
    """A piece that does not parse on its own: the whole file is parsed instead."""


def _dedent(text: str) -> str:
    return "\n".join(line[4:] if line.startswith("    ") else line.lstrip(" ") for line in text.split("\n"))


def _parse_header(text: str, start: int, indent: str = "") -> tuple[ast.stmt, int]:
    """The compound statement header starting at `start` (a `class` or `def` line), parsed with a `pass`
    body, and the offset where its body starts."""
    end = start
    for _ in range(_MAX_HEADER_LINES):
        newline = text.find("\n", end)
        end = len(text) if newline == -1 else newline + 1
        piece = text[start:end].rstrip()
        if piece.split("#", 1)[0].rstrip().endswith(":") or piece.endswith(":"):
            try:
                tree = ast.parse(_dedent(text[start:end]) + "\n" + indent + "    pass\n")
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                pass
            else:
                return tree.body[0], end
        if end >= len(text):
            break
    raise _Unreadable


def _parse_statement(text: str, start: int, stop: int) -> ast.stmt:
    """The class-level statement starting at `start` (one line, or more when it continues)."""
    end = start
    for _ in range(_MAX_HEADER_LINES):
        newline = text.find("\n", end, stop)
        end = stop if newline == -1 else newline + 1
        try:
            return ast.parse(_dedent(text[start:end])).body[0]
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            if end >= stop:
                break
    raise _Unreadable


def _balanced(text: str, start: int, stop: int) -> bool:
    """Whether a cut-out piece holds whole triple-quoted strings: a line at column 0 inside a docstring would
    otherwise end a class (or method) early and hide the rest of it."""
    return text.count('"""', start, stop) % 2 == 0 and text.count("'''", start, stop) % 2 == 0


def _scan_class(text: str, start: int, stop: int, line: int) -> ClassInfo:
    if not _balanced(text, start, stop):
        raise _Unreadable
    header, body = _parse_header(text, start)
    if not isinstance(header, ast.ClassDef):
        raise _Unreadable
    attributes: dict[str, Attribute] = {}
    methods: dict[str, Method] = {}
    for match in _MEMBER.finditer(text, body, stop):
        member_line = line + text.count("\n", start, match.start())
        if match.group("attribute"):
            statement = _parse_statement(text, match.start(), stop)
            if isinstance(statement, ast.Assign):
                target, value, annotation = statement.targets[0], statement.value, None
            elif isinstance(statement, ast.AnnAssign):
                target, value, annotation = statement.target, statement.value, statement.annotation
            else:
                continue
            found = _attribute(target, value, annotation)
            attributes[match.group("attribute")] = Attribute(
                member_line, 5, found.value, found.is_string, found.annotation
            )
            continue
        name = match.group("method")
        end = _MEMBER_END.search(text, text.find("\n", match.start()) + 1, stop)
        end_offset = end.start() if end else stop
        if not _balanced(text, match.start(), end_offset):
            raise _Unreadable
        node, body_start = _parse_header(text, match.start(), "    ")
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        found = _method(node)
        if name == "__init__":
            # The body matters only when it can hold what `_method` looks for: most `__init__`s (of layers)
            # mention neither `post_init` nor `**kwargs`, and are not parsed at all.
            body = text[body_start:end_offset]
            if "post_init" in body or (found.var_keyword and f"**{found.var_keyword}" in body):
                try:
                    node = ast.parse(_dedent(text[match.start() : end_offset])).body[0]
                except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
                    raise _Unreadable from error
                found = _method(node)
        methods[name] = Method(name, member_line, (), found.var_keyword, found.calls_post_init, found.forwards_kwargs)
    bases = tuple(name for name in (dotted_name(base) for base in header.bases) if name)
    return ClassInfo(header.name, line, 1, bases, (), attributes, methods)


def read_model_structure(text: str, names: tuple[str, ...] | None = None) -> FileStructure | Unparsable:
    """`read_structure` without class and method decorators, parsing only the pieces the rules read: of the
    classes named `names` only, when given (a model file's layers need no parsing at all)."""
    wanted = None if names is None else set(names)
    try:
        classes = []
        for class_line in class_lines(text):
            if wanted is not None and class_line.name not in wanted:
                continue
            following = _TOP_STATEMENT.search(text, text.find("\n", class_line.start) + 1)
            stop = following.start() if following else len(text)
            classes.append(_scan_class(text, class_line.start, stop, class_line.line))
        return FileStructure(tuple(classes))
    except (_Unreadable, RecursionError, ValueError, MemoryError):
        full = read_structure(text)
        if isinstance(full, Unparsable):
            return full
        return FileStructure(
            tuple(_undecorated(c) for c in full.classes if wanted is None or c.name in wanted), full.error
        )


def read_model_classes(text: str, base: str) -> FileStructure | Unparsable:
    """`read_model_structure` of the classes that look like model classes from the file alone: a base
    written with `base` in its name (`AcmePreTrainedModel`), or a class of the file that looks so. The judge
    reads any other model class (one deriving from another file's model) on its own."""
    bases = {header.name: header.bases or "" for header in class_headers(text, colon=False)}
    wanted = {name for name, written in bases.items() if base in written}
    grown = True
    while grown:
        more = {
            name
            for name, written in bases.items()
            if name not in wanted and any(part.strip().rsplit(".", 1)[-1] in wanted for part in written.split(","))
        }
        wanted |= more
        grown = bool(more)
    return read_model_structure(text, tuple(sorted(wanted)))


def _undecorated(info: ClassInfo) -> ClassInfo:
    methods = {
        name: Method(m.name, m.line, (), m.var_keyword, m.calls_post_init, m.forwards_kwargs)
        for name, m in info.methods.items()
    }
    return ClassInfo(info.name, info.line, info.column, info.bases, (), info.attributes, methods)
