"""One reader for lazy `__init__.py` files, shared by the INI and DUM families.

It understands the forms the Transformers and Diffusers trees use:

- the `_import_structure` half: the dict literal, `_import_structure["k"] = [...]`, `.append`, `.extend`,
  `+=`, `.setdefault`, and the comprehension over a dummy module in the `except` branch of a guard;
- backend guards: `try: if not is_x_available() [and|or ...]: raise OptionalDependencyNotAvailable()
  except OptionalDependencyNotAvailable: ... else: ...` (single, parenthesised, `and`-joined, negated-each);
- the `if TYPE_CHECKING[ or SLOW_IMPORT]:` half: `from .x import a, b as c`, parenthesised imports, star
  imports, dummy star imports, and the same guards nested inside it;
- `define_import_structure(...)` (Transformers v5) and plain inits without any of this.

Only the init files are parsed (a few dozen per tree), so libcst is affordable here. Anything the reader
does not understand is recorded as a `problem` with its line instead of being guessed.
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

    def structure_names(self, key: str | None = None) -> list[Export]:
        if key is not None:
            return self.structure.get(key, [])
        return [e for exports in self.structure.values() for e in exports]

    def type_checking_names(self, key: str | None = None) -> list[Export]:
        if key is not None:
            return self.type_checking.get(key, [])
        return [e for exports in self.type_checking.values() for e in exports]


_CLASSIC = re.compile(r"^_import_structure\s*=", re.MULTILINE)


def quick_filter(text: str) -> bool:
    """Whether a file is a classic lazy init (v5 generated model inits are read as text elsewhere)."""
    return "_import_structure" in text and _CLASSIC.search(text) is not None


def backend_key(backends: list[str], order: str) -> str:
    """Transformers sorts the backends of a guard; Diffusers keeps them in the order written."""
    names = sorted(backends) if order == "sorted" else list(backends)
    return "_and_".join(names) if names else NONE


def read_init(text: str, key_order: str = "sorted") -> LazyInit:
    """Parse an init's text. Raises libcst's ParserSyntaxError on invalid Python (callers report RL001)."""
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    module = cst.parse_module(text)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    reader = _Reader(positions, key_order)
    reader.statements(wrapper.module.body, half="structure", key=NONE)
    return reader.result


class _Reader:
    def __init__(self, positions, key_order: str) -> None:
        import libcst as cst
        import libcst.matchers as m

        self.cst, self.m = cst, m
        self.positions = positions
        self.key_order = key_order
        self.result = LazyInit()

    # -- helpers -----------------------------------------------------------------------------------------
    def where(self, node) -> tuple[int, int]:
        start = self.positions[node].start
        return start.line, start.column + 1

    def add(self, half: str, key: str, name: str, module: str, node) -> None:
        line, column = self.where(node)
        table = self.result.structure if half == "structure" else self.result.type_checking
        table.setdefault(key, []).append(Export(name, module, line, column))

    def problem(self, node, message: str) -> None:
        self.result.problems.append((self.where(node)[0], message))

    def code(self, node) -> str:
        return self.cst.Module(body=[]).code_for_node(node)

    # -- statements --------------------------------------------------------------------------------------
    def statements(self, body, half: str, key: str) -> None:
        for statement in body:
            self.statement(statement, half, key)

    def statement(self, node, half: str, key: str) -> None:
        cst = self.cst
        if isinstance(node, cst.SimpleStatementLine):
            for small in node.body:
                self.small_statement(small, half, key)
        elif isinstance(node, cst.If):
            self.if_statement(node, half, key)
        elif isinstance(node, cst.Try):
            self.try_statement(node, half, key)

    def if_statement(self, node, half: str, key: str) -> None:
        cst = self.cst
        test_code = self.code(node.test)
        if half == "structure" and "TYPE_CHECKING" in test_code:
            self.result.has_type_checking = True
            self.statements(node.body.body, "type_checking", NONE)
            if isinstance(node.orelse, cst.Else):  # installs the lazy module: only `define_import_structure`
                self.statements(node.orelse.body.body, "install", NONE)
            return
        self.statements(node.body.body, half, key)
        orelse = node.orelse
        if isinstance(orelse, cst.If):
            self.if_statement(orelse, half, key)
        elif isinstance(orelse, cst.Else):
            self.statements(orelse.body.body, half, key)

    def try_statement(self, node, half: str, key: str) -> None:
        guard = self.guard_of(node)
        if guard is None:
            self.statements(node.body.body, half, key)
            for handler in node.handlers:
                self.statements(handler.body.body, half, key)
            if node.orelse is not None:
                self.statements(node.orelse.body.body, half, key)
            return
        backends, line = guard
        guard_key = backend_key(backends, self.key_order)
        if half == "type_checking":
            self.result.type_checking_guarded = True
        for handler in node.handlers:  # the dummy fallback
            self.statements(handler.body.body, half, f"dummy:{guard_key}")
        table = self.result.structure if half == "structure" else self.result.type_checking
        before = len(table.get(guard_key, []))
        if node.orelse is not None:
            self.statements(node.orelse.body.body, half, guard_key)
        exports = tuple(table.get(guard_key, [])[before:])
        dummy = next((m.group(0) for m in _DUMMY_MODULE.finditer(
            "".join(self.code(h) for h in node.handlers))), None)
        self.result.guards.append(Guard(guard_key, tuple(backends), line, half, exports, dummy))

    def guard_of(self, node) -> tuple[list[str], int] | None:
        """`try: if not <backends>: raise OptionalDependencyNotAvailable()` -> the backends and the line."""
        cst = self.cst
        body = node.body.body
        if len(body) != 1 or not isinstance(body[0], cst.If):
            return None
        condition = body[0]
        raises = condition.body.body
        if not (raises and isinstance(raises[0], cst.SimpleStatementLine)
                and isinstance(raises[0].body[0], cst.Raise)):
            return None
        backends = _AVAILABLE.findall(self.code(condition.test))
        if not backends:
            return None
        return backends, self.where(condition)[0]

    def small_statement(self, node, half: str, key: str) -> None:
        cst, m = self.cst, self.m
        if half == "install":  # the lazy module installation rebuilds the structure; only read this much
            value = getattr(node, "value", None)
            if m.matches(value, m.Call(func=m.Name("define_import_structure"))):
                self.define_import_structure(value)
            return
        dummy = key.startswith("dummy:")
        if isinstance(node, cst.ImportFrom):
            self.import_from(node, half, key)
        elif isinstance(node, cst.Assign):
            target = node.targets[0].target if len(node.targets) == 1 else None
            if m.matches(target, m.Name("_import_structure")):
                self.result.is_lazy = True
                self.dict_literal(node.value, half, key)
            elif m.matches(target, m.Subscript(value=m.Name("_import_structure"))):
                module = self.subscript_key(target)
                if module is not None:
                    self.register_key(module, node)
                    if dummy or isinstance(node.value, cst.ListComp):
                        self.result.dummy_modules.add(module)
                    else:
                        self.list_literal(node.value, half, key, module)
            elif m.matches(node.value, m.Call(func=m.Name("define_import_structure"))):
                self.define_import_structure(node.value)
        elif isinstance(node, cst.AugAssign):
            if m.matches(node.target, m.Subscript(value=m.Name("_import_structure"))):
                module = self.subscript_key(node.target)
                if module is not None:
                    self.register_key(module, node)
                    self.list_literal(node.value, half, key, module)
        elif isinstance(node, cst.Expr) and isinstance(node.value, cst.Call):
            self.call(node.value, half, key)

    def call(self, node, half: str, key: str) -> None:
        cst, m = self.cst, self.m
        func = node.func
        if m.matches(func, m.Attribute(value=m.Subscript(value=m.Name("_import_structure")))):
            module = self.subscript_key(func.value)
            if module is None:
                return
            self.register_key(module, node)
            if key.startswith("dummy:"):
                return
            method = func.attr.value
            if method == "append" and node.args:
                self.string_items([node.args[0].value], half, key, module)
            elif method == "extend" and node.args:
                self.list_literal(node.args[0].value, half, key, module)
            else:
                self.problem(node, f"`_import_structure[...].{method}(...)` is not understood")
        elif m.matches(func, m.Attribute(value=m.Name("_import_structure"), attr=m.Name("setdefault"))):
            if node.args and isinstance(node.args[0].value, cst.SimpleString):
                self.register_key(node.args[0].value.evaluated_value, node)
        elif m.matches(func, m.Attribute(value=m.Name("_import_structure"), attr=m.Name("update"))):
            if node.args:
                self.dict_literal(node.args[0].value, half, key)

    def define_import_structure(self, node) -> None:
        self.result.is_lazy = True
        prefix = ""
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "prefix" and isinstance(arg.value, self.cst.SimpleString):
                prefix = arg.value.evaluated_value
        self.result.defined_structures.append((prefix, self.where(node)[0]))

    # -- literals ----------------------------------------------------------------------------------------
    def subscript_key(self, node) -> str | None:
        cst = self.cst
        elements = node.slice
        if len(elements) == 1 and isinstance(elements[0].slice, cst.Index):
            value = elements[0].slice.value
            if isinstance(value, cst.SimpleString):
                return value.evaluated_value
        self.problem(node, "`_import_structure[...]` with a key that is not a string literal")
        return None

    def register_key(self, module: str, node) -> None:
        self.result.structure_keys.setdefault(module, self.where(node)[0])

    def dict_literal(self, node, half: str, key: str) -> None:
        cst = self.cst
        if not isinstance(node, cst.Dict):
            self.problem(node, "`_import_structure` is not built from a dict literal")
            return
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                self.problem(element, "an `_import_structure` entry whose key is not a string literal")
                continue
            module = element.key.evaluated_value
            self.register_key(module, element)
            if isinstance(element.value, cst.ListComp):
                self.result.dummy_modules.add(module)
            else:
                self.list_literal(element.value, half, key, module)

    def list_literal(self, node, half: str, key: str, module: str) -> None:
        cst = self.cst
        if isinstance(node, (cst.List, cst.Tuple)):
            self.string_items([e.value for e in node.elements], half, key, module)
        elif isinstance(node, cst.ListComp):
            self.result.dummy_modules.add(module)
        else:
            self.problem(node, f"objects of `_import_structure[{module!r}]` are not a list literal")

    def string_items(self, values, half: str, key: str, module: str) -> None:
        for value in values:
            if isinstance(value, self.cst.SimpleString):
                self.add(half, key, value.evaluated_value, module, value)
            else:
                self.problem(value, f"an object of `_import_structure[{module!r}]` is not a string literal")

    def import_from(self, node, half: str, key: str) -> None:
        """`from .x import a` inside TYPE_CHECKING, or at module level (type checkers see both).

        Only imports from the package's own submodules (one leading dot) count: `_import_structure` keys
        name submodules, so `from ..utils import x` is a helper import, not an export.
        """
        cst = self.cst
        if len(node.relative) != 1:
            return
        module_level = half == "structure"
        if module_level:
            if key != NONE:
                return
            half = "type_checking"
        module = self.code(node.module) if node.module is not None else ""
        if key.startswith("dummy:") or "dummy_" in module:
            return
        if isinstance(node.names, cst.ImportStar):
            if not module_level:
                self.result.star_imports.append((module, self.where(node)[0]))
            return
        for alias in node.names:
            name = alias.asname.name.value if alias.asname is not None else self.code(alias.name)
            if module_level and name != self.code(alias.name):
                continue
            if module_level and alias.asname is None:
                # A plain import: visible to type checkers, but usually a helper for the init itself, so it
                # only excuses a lazy export of the same name; `from .x import a as a` re-exports.
                self.result.module_imports.setdefault(name, self.where(alias)[0])
                continue
            self.add(half, key, name, module, alias)
