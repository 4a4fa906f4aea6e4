"""The repository's modules by dotted name, read through the engine (`repo.exists`, `repo.facts`: nothing
outside the repository root, each file's facts cached by content), and what a name of a module is bound to."""

from __future__ import annotations

import ast
import builtins
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager

from repo_lint.checks.modular_blocks.facts import ModuleFacts, Statement, parse_statement, read_module

FRAMEWORK_MODULE = "modular_pipeline"  # the framework's block classes live in `<...>.modular_pipeline`
SPEC_MODULE = "modular_pipeline_utils"  # InputParam, OutputParam, ComponentSpec, ConfigSpec, the templates
FRAMEWORK_KINDS = {
    "ModularPipelineBlocks": "leaf",
    "SequentialPipelineBlocks": "seq",
    "ConditionalPipelineBlocks": "cond",
    "AutoPipelineBlocks": "auto",
    "LoopSequentialPipelineBlocks": "loop",
}
MAX_IMPORT_HOPS = 20


class Unresolved(Exception):
    """A value the docstring needs that only running the code would give. `reason` is short, `detail` says
    where, `origin` names the block whose own declarations are not static."""

    def __init__(self, reason: str, detail: str = "", origin: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail, self.origin = reason, detail, origin


class Module:
    """One module's facts with its dotted name: what each of its names is bound to (`lookup`)."""

    def __init__(self, index: Index, name: str, path: str, facts: ModuleFacts) -> None:
        self.index, self.name, self.path, self.facts = index, name, path, facts
        index.touched.add(path)
        self.is_package = path.endswith("/__init__.py") or path == "__init__.py"
        self.symbols = facts.symbols
        self.short = name.rsplit(".", 1)[-1]

    def absolute(self, module: str | None, level: int) -> str | None:
        if level == 0:
            return module
        parts = self.name.split(".")
        if not self.is_package:
            parts = parts[:-1]
        if level > 1:
            parts = parts[: len(parts) - (level - 1)]
        return ".".join(parts + ([module] if module else []))

    def node(self, statement: Statement) -> ast.stmt:
        return self.index.node(self.path, statement)

    def lookup(self, name: str, hops: int = 0) -> tuple:
        """-> (kind, module, payload); kinds: class (payload: ClassFacts), framework (the class name), assign
        (the value expression), external ((module, name) of another package), extmodule, module, builtin."""
        if hops > MAX_IMPORT_HOPS:
            raise Unresolved("import cycle", name)
        symbol = self.symbols.get(name)
        if symbol is None:
            if hasattr(builtins, name):
                return ("builtin", None, name)
            raise Unresolved("unknown name", f"{name} in {self.name}")
        if symbol.kind == "class":
            if self.short == FRAMEWORK_MODULE and name in FRAMEWORK_KINDS:
                return ("framework", self, name)
            return ("class", self, self.facts.classes[name])
        if symbol.kind == "assign":
            node = self.node(symbol.statement)
            if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
                raise Unresolved("assignment not re-readable", f"{name} in {self.name}")
            return ("assign", self, node.value)
        if symbol.kind == "import":
            return ("extmodule", None, symbol.module)
        target_name = self.absolute(symbol.module, symbol.level)
        if not target_name or not self.index.is_own(target_name):
            return ("external", None, (target_name, symbol.original))
        target = self.index.module(target_name)
        if target is None or symbol.original not in target.symbols:
            sub = self.index.module(f"{target_name}.{symbol.original}")
            if sub is not None:
                return ("module", sub, None)
            if target is None:
                raise Unresolved("unresolved import", f"{target_name}.{symbol.original}")
            raise Unresolved("lazy re-export", f"{symbol.original} from {target_name}")
        return target.lookup(symbol.original, hops + 1)


class Index:
    """Modules by dotted name, their files found below `base` (the folder holding the package folder)."""

    def __init__(self, repo, package: str, base: str, marker: str) -> None:
        self.repo, self.package, self.base, self.marker = repo, package, base, marker
        self._modules: dict[str, Module | None] = {}
        self._nodes: dict[tuple[str, int], ast.stmt] = {}
        self.aliases: dict[str, str] = {}  # an external class's name -> its runtime `__name__`
        self.touched: set[str] = set()  # the files of the modules used (see `recording`)

    def is_own(self, dotted: str) -> bool:
        return dotted == self.package or dotted.startswith(self.package + ".")

    def path_of(self, dotted: str) -> str | None:
        stem = posixpath.join(self.base, *dotted.split("."))
        for path in (stem + ".py", stem + "/__init__.py"):
            if self.repo.exists(path):
                return path
        return None

    def name_of(self, path: str) -> str:
        relative = path[len(self.base) + 1 :] if self.base else path
        parts = relative[: -len(".py")].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        return ".".join(parts)

    def module(self, dotted: str) -> Module | None:
        if dotted not in self._modules:
            path = self.path_of(dotted) if self.is_own(dotted) else None
            facts = self.repo.facts(path, read_module, self.marker) if path else None
            self._modules[dotted] = Module(self, dotted, path, facts) if facts is not None else None
        found = self._modules[dotted]
        if found is not None:
            self.touched.add(found.path)
        return found

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        """The files of the modules used inside the block (for `--changed-since`: a docstring depends on them)."""
        saved, self.touched = self.touched, set()
        try:
            yield self.touched
        finally:
            saved |= self.touched
            self.touched = saved

    def node(self, path: str, statement: Statement) -> ast.stmt:
        key = (path, statement.line)
        if key not in self._nodes:
            node = parse_statement(statement)
            if node is None:
                raise Unresolved("statement not re-readable", f"{path}:{statement.line}")
            self._nodes[key] = node
        return self._nodes[key]
