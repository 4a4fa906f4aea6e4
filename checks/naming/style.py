"""The style facts of one file (NAM003 one-letter names, NAM004 discouraged abbreviations, NAM005 missing
annotations), from one `ast` walk. Pure: `read_style_facts(text, spec)` with a hashable `StyleSpec`."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from repo_lint.facts.ast_names import decorator_name
from repo_lint.parsing import Unparsable, parse_module

ONE_LETTER = "NAM003"
ABBREVIATION = "NAM004"
ANNOTATION = "NAM005"

# Methods whose return annotation is not asked for: they return None by contract.
_NO_RETURN = frozenset({"__init__", "__post_init__", "__init_subclass__", "__setattr__", "__delattr__"})


@dataclass(frozen=True)
class StyleSpec:
    codes: tuple[str, ...]  # which of NAM003-NAM005 to look for in this file
    one_letter_allowed: tuple[str, ...] = ("_",)
    abbreviations: tuple[tuple[str, str], ...] = ()  # word -> preferred word
    annotate_star_args: bool = True
    implicit_first: tuple[str, ...] = ("self", "cls")


@dataclass(frozen=True)
class Finding:
    code: str
    line: int  # 1-based
    column: int  # 1-based
    name: str  # the identifier (NAM003/NAM004) or the function's qualified name (NAM005)
    kind: str  # variable, parameter, attribute, function (NAM003/NAM004); what is missing (NAM005)
    detail: str = ""  # NAM004: the abbreviation and its preferred word as "act=activation"


@dataclass(frozen=True)
class StyleFacts:
    findings: tuple[Finding, ...]


def read_style_facts(text: str, spec: StyleSpec) -> StyleFacts | None:
    """Every NAM003-NAM005 finding of a file, at most one per name and scope; None if it does not parse."""
    tree = parse_module(text)
    if isinstance(tree, Unparsable):
        return tree
    walker = _Walker(spec, walrus=":=" in text)
    walker.walk_body(tree.body, scope=("module",), class_name=None, public=True)
    return StyleFacts(tuple(sorted(walker.found, key=lambda f: (f.line, f.column, f.code))))


class _Walker:
    def __init__(self, spec: StyleSpec, walrus: bool = True) -> None:
        self.spec = spec
        self.walrus = walrus  # whether the text holds `:=` at all (the walk for walrus targets is skipped if not)
        self.one_letter = ONE_LETTER in spec.codes
        self.abbreviation = ABBREVIATION in spec.codes and bool(spec.abbreviations)
        self.annotation = ANNOTATION in spec.codes
        self.allowed = frozenset(spec.one_letter_allowed)
        self.words = dict(spec.abbreviations)
        self.seen: set[tuple] = set()
        self.found: list[Finding] = []

    # --- names -------------------------------------------------------------------------------------------

    def name(self, name: str, line: int, column: int, kind: str, scope: tuple, loop: bool = False) -> None:
        """A binding of `name` (column 0-based); reported once per scope and rule."""
        if (
            self.one_letter
            and not loop
            and kind != "function"
            and len(name.strip("_")) == 1
            and name not in self.allowed
        ):
            key = (ONE_LETTER, scope, name)
            if key not in self.seen:
                self.seen.add(key)
                self.found.append(Finding(ONE_LETTER, line, column + 1, name, kind))
        if self.abbreviation:
            for word in name.strip("_").lower().split("_"):
                preferred = self.words.get(word)
                if preferred is not None:
                    key = (ABBREVIATION, scope, name)
                    if key not in self.seen:
                        self.seen.add(key)
                        self.found.append(Finding(ABBREVIATION, line, column + 1, name, kind, f"{word}={preferred}"))
                    break

    def target(self, node: ast.AST, scope: tuple, attribute_scope: tuple | None, loop: bool = False) -> None:
        """The names an assignment target binds: plain names, `self.x` / `cls.x` attributes, unpacking."""
        if isinstance(node, ast.Name):
            self.name(node.id, node.lineno, node.col_offset, "variable", scope, loop)
        elif isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts:
                self.target(element, scope, attribute_scope, loop)
        elif isinstance(node, ast.Starred):
            self.target(node.value, scope, attribute_scope, loop)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in self.spec.implicit_first
            and attribute_scope is not None
        ):
            line = node.end_lineno or node.lineno
            column = (node.end_col_offset or 0) - len(node.attr)
            self.name(node.attr, line, column, "attribute", attribute_scope)

    # --- statements --------------------------------------------------------------------------------------

    def walk_body(
        self,
        body: list[ast.stmt],
        scope: tuple,
        class_name: str | None,
        public: bool,
        attribute_scope: tuple | None = None,
    ) -> None:
        for statement in body:
            self.statement(statement, scope, class_name, public, attribute_scope)

    def statement(
        self, node: ast.stmt, scope: tuple, class_name: str | None, public: bool, attribute_scope: tuple | None
    ) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(node, scope, class_name, public)
            return
        if isinstance(node, ast.ClassDef):
            inner = (*scope, node.name)
            nested_public = public and scope == ("module",) and not node.name.startswith("_")
            self.walk_body(node.body, inner, node.name, nested_public, attribute_scope=None)
            return
        kind_attribute = "attribute" if class_name is not None and attribute_scope is None else None
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind(target, scope, attribute_scope, kind_attribute)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            self._bind(node.target, scope, attribute_scope, kind_attribute)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self.target(node.target, scope, attribute_scope, loop=True)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self.target(item.optional_vars, scope, attribute_scope)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            for handler in node.handlers:
                if handler.name:
                    self.name(handler.name, handler.lineno, handler.col_offset, "variable", scope)
        # Walrus targets anywhere in the statement's own expressions (not in nested bodies).
        for expression in _own_expressions(node) if self.walrus else ():
            for sub in ast.walk(expression):
                if isinstance(sub, ast.NamedExpr):
                    self.target(sub.target, scope, attribute_scope)
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                self.walk_body(inner, scope, class_name, public, attribute_scope)
        if isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            for handler in node.handlers:
                self.walk_body(handler.body, scope, class_name, public, attribute_scope)
        if isinstance(node, ast.Match):
            for case in node.cases:
                self.walk_body(case.body, scope, class_name, public, attribute_scope)

    def _bind(self, target: ast.AST, scope: tuple, attribute_scope: tuple | None, kind_attribute: str | None):
        if kind_attribute and isinstance(target, ast.Name):  # `x = ...` in a class body: a class attribute
            self.name(target.id, target.lineno, target.col_offset, kind_attribute, scope)
        else:
            self.target(target, scope, attribute_scope)

    def function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: tuple, class_name: str | None, public: bool
    ) -> None:
        inner = (*scope, node.name)
        if self.abbreviation:
            self.name(node.name, node.lineno, _name_column(node), "function", scope)
        arguments = node.args
        positional = [*arguments.posonlyargs, *arguments.args]
        static = any(decorator_name(d, nested_calls=True) == "staticmethod" for d in node.decorator_list)
        implicit = None
        if class_name is not None and not static and positional and positional[0].arg in self.spec.implicit_first:
            implicit = positional[0]
        params = [a for a in (*positional, *arguments.kwonlyargs) if a is not implicit]
        stars = [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
        for argument in (*params, *stars):
            self.name(argument.arg, argument.lineno, argument.col_offset, "parameter", inner)
        if self.annotation and public and _is_public(node.name) and scope[-1] == (class_name or "module"):
            missing = [f"`{a.arg}`" for a in params if a.annotation is None]
            if self.spec.annotate_star_args:
                missing += [f"`{'*' if a is arguments.vararg else '**'}{a.arg}`" for a in stars if a.annotation is None]
            wants_return = node.returns is None and node.name not in _NO_RETURN
            if missing or wants_return:
                what = []
                if missing:
                    what.append(f"parameter{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
                if wants_return:
                    what.append("return")
                qualified = f"{class_name}.{node.name}" if class_name else node.name
                self.found.append(Finding(ANNOTATION, node.lineno, _name_column(node) + 1, qualified, "; ".join(what)))
        # Methods bind `self.x` attributes of their class; nested functions keep the enclosing method's.
        attribute_scope = (*scope,) if class_name is not None and implicit is not None else None
        self.walk_body(node.body, inner, None, False, attribute_scope)


def _is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def _name_column(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> int:
    """0-based column of the name in `def name(` (the node's own column is that of `def`/`async`)."""
    return node.col_offset + (10 if isinstance(node, ast.AsyncFunctionDef) else 4)


def _own_expressions(node: ast.stmt):
    """The expressions of a statement itself, not those of the statements nested in its bodies."""
    for field, value in ast.iter_fields(node):
        if field in ("body", "orelse", "finalbody", "handlers", "cases"):
            continue
        if isinstance(value, ast.expr):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, ast.expr))
