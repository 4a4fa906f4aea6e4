"""The lazy-init reader: what a lazy `__init__.py` declares, shared by the INI and DUM families.

It understands the forms the Transformers and Diffusers trees use:

- the `_import_structure` half: the dict literal, `_import_structure["k"] = [...]`, `.append`, `.extend`,
  `+=`, `.setdefault`, and the comprehension over a dummy module in the `except` branch of a guard;
- backend guards: `try: if not is_x_available() [and|or ...]: raise OptionalDependencyNotAvailable()
  except OptionalDependencyNotAvailable: ... else: ...` (single, parenthesised, `and`-joined, negated-each);
- the `if TYPE_CHECKING[ or SLOW_IMPORT]:` half: `from .x import a, b as c`, parenthesised imports, star
  imports, dummy star imports, and the same guards nested inside it;
- `define_import_structure(...)` (Transformers v5) and plain inits without any of this.

Only the init files are parsed, with the standard library's `ast`: it gives exact positions for free and
is ten times faster than libcst with position metadata (1.4 s of metadata for Diffusers' 147 inits), and
nothing is rewritten through the tree (fixes are text edits). Anything the reader does not understand is
recorded as a `problem` with its line instead of being guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NONE = "none"  # the backend key of objects that need no optional backend
_AVAILABLE = re.compile(r"is_([a-z0-9_]*)_available\b")
_DUMMY_MODULE = re.compile(r"\bdummy_[A-Za-z0-9_]+_objects\b")


@dataclass(frozen=True)
class Export:
    name: str
    module: str  # `models.bert` for `_import_structure["models.bert"]`, `.models.bert` -> `models.bert`
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Guard:
    key: str
    backends: tuple[str, ...]  # as written
    line: int
    half: str  # "structure" or "type_checking"
    exports: tuple[Export, ...] = ()  # what its `else:` branch adds
    dummy_module: str | None = None  # the dummy module its `except` branch falls back on, e.g. `dummy_pt_objects`


@dataclass
class LazyInit:
    """What a lazy init declares, per backend key, in each half."""

    is_lazy: bool = False  # has an `_import_structure` or `define_import_structure`
    structure: dict[str, list[Export]] = field(default_factory=dict)
    type_checking: dict[str, list[Export]] = field(default_factory=dict)
    has_type_checking: bool = False
    type_checking_guarded: bool = False  # whether the TYPE_CHECKING half has backend guards at all
    star_imports: list[tuple[str, int]] = field(default_factory=list)  # (module, line) in TYPE_CHECKING
    module_imports: dict[str, int] = field(default_factory=dict)  # plain `from .x import a` at module level
    structure_keys: dict[str, int] = field(default_factory=dict)  # module key -> first line
    dummy_modules: set[str] = field(default_factory=set)
    defined_structures: list[tuple[str, int]] = field(default_factory=list)  # define_import_structure prefixes
    guards: list[Guard] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


_CLASSIC = re.compile(r"^_import_structure\s*=", re.MULTILINE)


def quick_filter(text: str) -> bool:
    """Whether a file is a classic lazy init (v5 generated model inits are read as text elsewhere)."""
    return "_import_structure" in text and _CLASSIC.search(text) is not None


def extract_init(text: str, key_order: str) -> LazyInit | None:
    """Facts of one init; None when it is not a classic lazy init or does not parse (RL001 says so)."""
    if not quick_filter(text):
        return None
    try:
        return read_init(text, key_order)
    except Exception as error:  # libcst's ParserSyntaxError and friends: the engine reports RL001
        broken = LazyInit(is_lazy=True)
        broken.problems.append((getattr(error, "raw_line", 1) or 1, "the init does not parse; not checked"))
        return broken


def backend_key(backends: list[str], order: str) -> str:
    """Transformers sorts the backends of a guard; Diffusers keeps them in the order written."""
    names = sorted(backends) if order == "sorted" else list(backends)
    return "_and_".join(names) if names else NONE


def read_init(text: str, key_order: str = "sorted") -> LazyInit:
    """Parse an init's text. Raises SyntaxError on invalid Python (callers report RL001)."""
    import ast
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = ast.parse(text)
    reader = _Reader(text, key_order)
    reader.statements(module.body, half="structure", key=NONE)
    return reader.result


def _is_name(node, name: str) -> bool:
    import ast

    return isinstance(node, ast.Name) and node.id == name


def _is_structure_subscript(node) -> bool:
    import ast

    return isinstance(node, ast.Subscript) and _is_name(node.value, "_import_structure")


def _string(node) -> str | None:
    import ast

    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _Reader:
    def __init__(self, text: str, key_order: str) -> None:
        import ast

        self.ast = ast
        self.lines = [line.encode("utf-8") for line in text.split("\n")]  # ast columns count UTF-8 bytes
        self.key_order = key_order
        self.result = LazyInit()

    # -- helpers -----------------------------------------------------------------------------------------
    @staticmethod
    def where(node) -> tuple[int, int]:
        return node.lineno, node.col_offset + 1

    def add(self, half: str, key: str, name: str, module: str, node) -> None:
        line, column = self.where(node)
        table = self.result.structure if half == "structure" else self.result.type_checking
        table.setdefault(key, []).append(Export(name, module, line, column))

    def problem(self, node, message: str) -> None:
        self.result.problems.append((node.lineno, message))

    def code(self, node) -> str:
        """The source text of a node (`ast.get_source_segment` re-splits the whole file on every call)."""
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self.lines[first][node.col_offset : node.end_col_offset].decode("utf-8", "replace")
        parts = [
            self.lines[first][node.col_offset :],
            *self.lines[first + 1 : last],
            self.lines[last][: node.end_col_offset],
        ]
        return b"\n".join(parts).decode("utf-8", "replace")

    # -- statements --------------------------------------------------------------------------------------
    def statements(self, body, half: str, key: str) -> None:
        ast = self.ast
        for node in body:
            if isinstance(node, ast.If):
                self.if_statement(node, half, key)
            elif isinstance(node, ast.Try):
                self.try_statement(node, half, key)
            else:
                self.small_statement(node, half, key)

    def if_statement(self, node, half: str, key: str) -> None:
        if half == "structure" and "TYPE_CHECKING" in self.code(node.test):
            self.result.has_type_checking = True
            self.statements(node.body, "type_checking", NONE)
            self.statements(node.orelse, "install", NONE)  # installs the lazy module
            return
        self.statements(node.body, half, key)
        self.statements(node.orelse, half, key)

    def try_statement(self, node, half: str, key: str) -> None:
        guard = self.guard_of(node)
        if guard is None:
            self.statements(node.body, half, key)
            for handler in node.handlers:
                self.statements(handler.body, half, key)
            self.statements(node.orelse, half, key)
            return
        backends, line = guard
        guard_key = backend_key(backends, self.key_order)
        if half == "type_checking":
            self.result.type_checking_guarded = True
        for handler in node.handlers:  # the dummy fallback
            self.statements(handler.body, half, f"dummy:{guard_key}")
        table = self.result.structure if half == "structure" else self.result.type_checking
        before = len(table.get(guard_key, []))
        self.statements(node.orelse, half, guard_key)
        exports = tuple(table.get(guard_key, [])[before:])
        handlers = "".join(self.code(handler) for handler in node.handlers)
        dummy = next((m.group(0) for m in _DUMMY_MODULE.finditer(handlers)), None)
        self.result.guards.append(Guard(guard_key, tuple(backends), line, half, exports, dummy))

    def guard_of(self, node) -> tuple[list[str], int] | None:
        """`try: if not <backends>: raise OptionalDependencyNotAvailable()` -> the backends and the line."""
        ast = self.ast
        if len(node.body) != 1 or not isinstance(node.body[0], ast.If):
            return None
        condition = node.body[0]
        if not condition.body or not isinstance(condition.body[0], ast.Raise):
            return None
        backends = _AVAILABLE.findall(self.code(condition.test))
        if not backends:
            return None
        return backends, condition.lineno

    def small_statement(self, node, half: str, key: str) -> None:
        ast = self.ast
        if half == "install":  # the lazy module installation rebuilds the structure; only read this much
            value = getattr(node, "value", None)
            if isinstance(value, ast.Call) and _is_name(value.func, "define_import_structure"):
                self.define_import_structure(value)
            return
        dummy = key.startswith("dummy:")
        if isinstance(node, ast.ImportFrom):
            self.import_from(node, half, key)
        elif isinstance(node, ast.Assign):
            target = node.targets[0] if len(node.targets) == 1 else None
            if _is_name(target, "_import_structure"):
                self.result.is_lazy = True
                self.dict_literal(node.value, half, key)
            elif _is_structure_subscript(target):
                module = self.subscript_key(target)
                if module is not None:
                    self.register_key(module, node)
                    if dummy or isinstance(node.value, ast.ListComp):
                        self.result.dummy_modules.add(module)
                    else:
                        self.list_literal(node.value, half, key, module)
            elif isinstance(node.value, ast.Call) and _is_name(node.value.func, "define_import_structure"):
                self.define_import_structure(node.value)
        elif isinstance(node, ast.AugAssign) and _is_structure_subscript(node.target):
            module = self.subscript_key(node.target)
            if module is not None:
                self.register_key(module, node)
                self.list_literal(node.value, half, key, module)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            self.call(node.value, half, key)

    def call(self, node, half: str, key: str) -> None:
        ast = self.ast
        func = node.func
        if not isinstance(func, ast.Attribute):
            return
        if _is_structure_subscript(func.value):
            module = self.subscript_key(func.value)
            if module is None:
                return
            self.register_key(module, node)
            if key.startswith("dummy:"):
                return
            if func.attr == "append" and node.args:
                self.string_items([node.args[0]], half, key, module)
            elif func.attr == "extend" and node.args:
                self.list_literal(node.args[0], half, key, module)
            else:
                self.problem(node, f"`_import_structure[...].{func.attr}(...)` is not understood")
        elif _is_name(func.value, "_import_structure") and func.attr == "setdefault":
            name = _string(node.args[0]) if node.args else None
            if name is not None:
                self.register_key(name, node)
        elif _is_name(func.value, "_import_structure") and func.attr == "update" and node.args:
            self.dict_literal(node.args[0], half, key)

    def define_import_structure(self, node) -> None:
        self.result.is_lazy = True
        prefix = next((_string(k.value) or "" for k in node.keywords if k.arg == "prefix"), "")
        self.result.defined_structures.append((prefix, node.lineno))

    # -- literals ----------------------------------------------------------------------------------------
    def subscript_key(self, node) -> str | None:
        name = _string(node.slice)
        if name is None:
            self.problem(node, "`_import_structure[...]` with a key that is not a string literal")
        return name

    def register_key(self, module: str, node) -> None:
        self.result.structure_keys.setdefault(module, node.lineno)

    def dict_literal(self, node, half: str, key: str) -> None:
        ast = self.ast
        if not isinstance(node, ast.Dict):
            self.problem(node, "`_import_structure` is not built from a dict literal")
            return
        for key_node, value in zip(node.keys, node.values, strict=True):
            module = _string(key_node) if key_node is not None else None
            if module is None:
                self.problem(value, "an `_import_structure` entry whose key is not a string literal")
                continue
            self.register_key(module, key_node)
            if isinstance(value, ast.ListComp):
                self.result.dummy_modules.add(module)
            else:
                self.list_literal(value, half, key, module)

    def list_literal(self, node, half: str, key: str, module: str) -> None:
        ast = self.ast
        if isinstance(node, (ast.List, ast.Tuple)):
            self.string_items(node.elts, half, key, module)
        elif isinstance(node, ast.ListComp):
            self.result.dummy_modules.add(module)
        else:
            self.problem(node, f"objects of `_import_structure[{module!r}]` are not a list literal")

    def string_items(self, values, half: str, key: str, module: str) -> None:
        for value in values:
            name = _string(value)
            if name is not None:
                self.add(half, key, name, module, value)
            else:
                self.problem(value, f"an object of `_import_structure[{module!r}]` is not a string literal")

    def import_from(self, node, half: str, key: str) -> None:
        """`from .x import a` inside TYPE_CHECKING, or at module level (type checkers see both).

        Only imports from the package's own submodules (one leading dot) count: `_import_structure` keys
        name submodules, so `from ..utils import x` is a helper import, not an export.
        """
        if node.level != 1:
            return
        module_level = half == "structure"
        if module_level:
            if key != NONE:
                return
            half = "type_checking"
        module = node.module or ""
        if key.startswith("dummy:") or "dummy_" in module:
            return
        if len(node.names) == 1 and node.names[0].name == "*":
            if not module_level:
                self.result.star_imports.append((module, node.lineno))
            return
        for alias in node.names:
            name = alias.asname or alias.name
            if module_level and alias.asname is None:
                # A plain import: visible to type checkers, but usually a helper for the init itself, so it
                # only excuses a lazy export of the same name; `from .x import a as a` re-exports.
                self.result.module_imports.setdefault(name, alias.lineno)
                continue
            if module_level and name != alias.name:
                continue
            self.add(half, key, name, module, alias)
