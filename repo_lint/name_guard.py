"""A fix never leaves code that uses names it no longer defines.

A copy fixed from its source can start using a name its own module never binds (the source imports it, the
copy's module does not). After the fix rounds, the changed Python files are checked with ruff's F821
(undefined name) before and after the fix, each side in one batched call. A name the fix made undefined is
imported the way the copy's source file binds it at module level, translated to the changed file's location;
a file that still has a new undefined name after that is refused (not written).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from repo_lint.formatting import FormatterUnavailable, find_ruff
from repo_lint.parsing import Unparsable, parse_module

ReadText = Callable[[str], "str | None"]
_UNDEFINED_NAME = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Binding:
    """How a module binds a name at module level: `kind` is "from" (`from module import name [as ...]`),
    "import" (`import module [as ...]`) or "defined" (a class, function or assignment of that module)."""

    kind: str
    module: str = ""
    level: int = 0
    name: str | None = None
    asname: str | None = None
    type_checking: bool = False  # inside `if TYPE_CHECKING:`


@dataclass(frozen=True)
class NeededImport:
    """An import to add: `from <level dots><module> import name [as asname]`, or `import module [as asname]`
    when `name` is None."""

    module: str
    level: int = 0
    name: str | None = None
    asname: str | None = None
    type_checking: bool = False

    def statement(self) -> str:
        alias = f" as {self.asname}" if self.asname else ""
        if self.name is None:
            return f"import {self.module}{alias}"
        return f"from {'.' * self.level}{self.module} import {self.name}{alias}"


@dataclass(frozen=True)
class Refusal:
    names: tuple[str, ...]
    sources: tuple[str, ...]
    problem: str | None = None  # set when the names could not be checked at all

    def reason(self) -> str:
        if self.problem:
            return self.problem
        names = ", ".join(f"`{name}`" for name in self.names)
        if not self.sources:  # a copy of an installed package's code: its imports are that package's business
            return f"it would leave {names} undefined (the fix's source is not a file of this repository)"
        return f"it would leave {names} undefined (no import for them found in {', '.join(self.sources)})"


@dataclass
class GuardResult:
    texts: dict[str, str] = field(default_factory=dict)  # path -> text to write, for every .py change not refused
    added: dict[str, list[str]] = field(default_factory=dict)  # path -> import statements added to it
    refused: dict[str, Refusal] = field(default_factory=dict)  # path -> why it is not written


def source_hints(fixed: Iterable[Any]) -> dict[str, set[str]]:
    """Changed path -> the files its applied fixes copied from (`data["source_path"]` of the diagnostics)."""
    hints: dict[str, set[str]] = {}
    for diagnostic in fixed:
        source = diagnostic.data.get("source_path")
        if not isinstance(source, str) or diagnostic.fix is None:
            continue
        for edit in diagnostic.fix.edits:
            hints.setdefault(edit.path or diagnostic.path, set()).add(source)
    return hints


def guard(
    root: Path, changes: dict[str, tuple[str, str]], hints: dict[str, set[str]], read_text: ReadText
) -> GuardResult:
    """Which changed `.py` files may be written, with which text, so that no fix leaves a name undefined."""
    python = {path: texts for path, texts in changes.items() if path.endswith(".py")}
    result = GuardResult()
    if not python:
        return result
    before, failed_old = undefined_names_isolating({("old", p): old for p, (old, _) in python.items()})
    after, failed_new = undefined_names_isolating({("new", p): new for p, (_, new) in python.items()})
    for (_, path), error in {**failed_old, **failed_new}.items():  # one file ruff cannot read stops only that file
        result.refused[path] = Refusal((), (), f"names the fix uses could not be checked ({error})")
    python = {path: texts for path, texts in python.items() if path not in result.refused}
    packages = _PackageDirs(root)
    final: dict[str, str] = {}

    def current(path: str) -> str | None:  # a hint that is itself fixed is read as fixed (and guarded)
        if path in final:
            return final[path]
        return python[path][1] if path in python else read_text(path)

    for path in _sources_first(sorted(python), hints):
        new = python[path][1]
        missing = _more(after.get(("new", path)), before.get(("old", path)))
        if not missing:
            final[path] = new
            continue
        sources = sorted(hints.get(path, ()))
        needed, unknown = resolve_imports(path, missing, sources, current, packages)
        patched = add_imports(new, needed) if needed and not unknown else None
        if patched is None:
            result.refused[path] = Refusal(tuple(sorted(unknown or missing)), tuple(sources))
            continue
        final[path] = patched
        result.added[path] = [n.statement() for n in needed]
    _verify(result, final, before, hints)
    result.texts = {path: text for path, text in final.items() if path not in result.refused}
    return result


def _verify(result: GuardResult, final: dict[str, str], before: dict, hints: dict[str, set[str]]) -> None:
    """Refuse the patched files in which ruff still finds a name the fix made undefined."""
    if not result.added:
        return
    try:
        again = undefined_names({("patched", path): final[path] for path in result.added})
    except NameCheckUnavailable as error:
        problem = f"names the fix uses could not be checked ({error})"
        result.refused.update({path: Refusal((), (), problem) for path in result.added})
        result.added.clear()
        return
    for path in list(result.added):
        still = _more(again.get(("patched", path)), before.get(("old", path)))
        if still:
            result.refused[path] = Refusal(tuple(sorted(still)), tuple(sorted(hints.get(path, ()))))
            del result.added[path]


def _more(after: Counter | None, before: Counter | None) -> set[str]:
    """Names undefined more often after than before (counted: a line moving is not a new use)."""
    after, before = after or Counter(), before or Counter()
    return {name for name, count in after.items() if count > before[name]}


def _sources_first(paths: list[str], hints: dict[str, set[str]]) -> list[str]:
    """`paths` with a changed file's changed sources before it (a copy of a copy reads its source as fixed)."""
    ordered: list[str] = []
    visiting: set[str] = set()
    wanted = set(paths)

    def visit(path: str) -> None:
        if path in ordered or path in visiting:
            return
        visiting.add(path)
        for source in sorted(hints.get(path, ())):
            if source in wanted:
                visit(source)
        ordered.append(path)

    for path in paths:
        visit(path)
    return ordered


# -- ruff F821 -----------------------------------------------------------------------------------------


class NameCheckUnavailable(RuntimeError):
    """ruff could not be run or gave no answer."""


def undefined_names_isolating(
    texts: dict[tuple[str, str], str],
) -> tuple[dict[tuple[str, str], Counter], dict[tuple[str, str], str]]:
    """`undefined_names`, and for the texts ruff cannot check (it crashes on some: a 20,000-term expression
    overflows its stack) why not: a failing batch is split in halves until the failing texts stand alone."""
    try:
        return undefined_names(texts), {}
    except NameCheckUnavailable as error:
        if len(texts) == 1:
            return {}, {key: str(error) for key in texts}
    items = list(texts.items())
    found: dict[tuple[str, str], Counter] = {}
    failed: dict[tuple[str, str], str] = {}
    for half in (dict(items[: len(items) // 2]), dict(items[len(items) // 2 :])):
        half_found, half_failed = undefined_names_isolating(half)
        found.update(half_found)
        failed.update(half_failed)
    return found, failed


def undefined_names(texts: dict[tuple[str, str], str]) -> dict[tuple[str, str], Counter]:
    """(variant, path) -> how often ruff reports each name undefined (F821) in that text: one ruff call for all texts.

    Each text is written under its own file name (an `__init__.py` or `.pyi` is judged as one), and the
    repository's ruff settings stay out (`--isolated`): both sides of a comparison are judged alike."""
    with tempfile.TemporaryDirectory(prefix="repo-lint-names-") as folder:
        names: dict[str, tuple[str, str]] = {}
        for index, (key, text) in enumerate(texts.items()):
            file = Path(folder) / str(index) / PurePosixPath(key[1]).name
            file.parent.mkdir()
            file.write_text(text, encoding="utf-8", errors="replace", newline="\n")  # no name holds a lone surrogate
            names[str(file.resolve())] = key
        try:
            command = [
                find_ruff(),
                "check",
                "--isolated",
                "--no-cache",
                "--select",
                "F821",
                "--output-format",
                "json",
                "--exit-zero",
                *names,
            ]
            done = subprocess.run(command, capture_output=True, cwd=folder)
        except (OSError, FormatterUnavailable) as error:
            raise NameCheckUnavailable(str(error)) from error
    if done.returncode != 0:
        raise NameCheckUnavailable(f"ruff exited with {done.returncode}: {done.stderr.decode(errors='replace')[:200]}")
    try:
        items = json.loads(done.stdout.decode() or "[]")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise NameCheckUnavailable(f"unreadable ruff output: {error}") from error
    found: dict[tuple[str, str], Counter] = {key: Counter() for key in texts}
    for item in items:
        key = names.get(str(Path(item.get("filename", "")).resolve()))
        match = _UNDEFINED_NAME.search(item.get("message", ""))
        if item.get("code") == "F821" and key is not None and match:
            found[key][match.group(1)] += 1
    return found


# -- where a source binds a name, and how the changed file imports it -----------------------------------


def module_bindings(text: str) -> dict[str, Binding]:
    """The names a module binds unconditionally at module level (or under `if TYPE_CHECKING:`), first wins.

    Names bound under any other condition (`if is_torch_available():`, `try:`) are left out: copying such an
    import to the top of another module would change what that module needs to import."""
    tree = parse_module(text)
    if isinstance(tree, Unparsable):
        return {}
    bindings: dict[str, Binding] = {}
    _collect(tree.body, bindings, type_checking=False)
    return bindings


def _collect(statements: list[ast.stmt], bindings: dict[str, Binding], type_checking: bool) -> None:
    for statement in statements:
        for name, binding in _bound_by(statement, type_checking):
            bindings.setdefault(name, binding)
        if isinstance(statement, ast.If) and not type_checking and _is_type_checking(statement.test):
            _collect(statement.body, bindings, type_checking=True)


def _bound_by(statement: ast.stmt, type_checking: bool) -> list[tuple[str, Binding]]:
    if isinstance(statement, ast.ImportFrom):
        return [
            (
                alias.asname or alias.name,
                Binding("from", statement.module or "", statement.level, alias.name, alias.asname, type_checking),
            )
            for alias in statement.names
            if alias.name != "*"
        ]
    if isinstance(statement, ast.Import):
        return [
            (
                alias.asname or alias.name.split(".")[0],
                Binding("import", alias.name, asname=alias.asname, type_checking=type_checking),
            )
            for alias in statement.names
        ]
    if type_checking:
        return []
    if isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        return [(statement.name, Binding("defined"))]
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        targets = [statement.target]
    elif type(statement).__name__ == "TypeAlias":  # `type X = ...` (Python 3.12+)
        targets = [statement.name]  # type: ignore[attr-defined]
    return [(target.id, Binding("defined")) for target in targets if isinstance(target, ast.Name)]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _PackageDirs:
    """Which repository folders are regular packages (hold an `__init__.py`), asked once each."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._known: dict[tuple[str, ...], bool] = {}

    def is_package(self, parts: tuple[str, ...]) -> bool:
        if parts not in self._known:
            self._known[parts] = bool(parts) and (self.root.joinpath(*parts) / "__init__.py").is_file()
        return self._known[parts]

    def top(self, parts: tuple[str, ...]) -> int | None:
        """The length of the outermost package folder that `parts` (a folder) is inside, or None."""
        if not self.is_package(parts):
            return None
        size = len(parts)
        while size > 1 and self.is_package(parts[: size - 1]):
            size -= 1
        return size

    def dotted(self, location: tuple[str, ...]) -> str | None:
        """The absolute module name of a module at `location` (folder parts + module name), if it has one."""
        folder = location if self.is_package(location) else location[:-1]
        size = self.top(folder)
        return ".".join(location[size - 1 :]) if size else None


def resolve_imports(
    path: str, names: set[str], sources: list[str], read_text: ReadText, packages: _PackageDirs
) -> tuple[list[NeededImport], set[str]]:
    """The imports that bind `names` in `path` as the first of `sources` binding each does, and the names
    no source binds in a way `path` can import."""
    bindings = [(source, module_bindings(text)) for source in sources if (text := read_text(source)) is not None]
    needed: list[NeededImport] = []
    unknown: set[str] = set()
    for name in sorted(names):
        found = None
        for source, bound in bindings:
            if name in bound:
                found = _translate(name, bound[name], source, path, packages)
                if found is not None:
                    break
        if found is None:
            unknown.add(name)
        else:
            needed.append(found)
    return needed, unknown


def _translate(name: str, binding: Binding, source: str, target: str, packages: _PackageDirs) -> NeededImport | None:
    """How `target` imports what `binding` binds to `name` in `source`."""
    if binding.kind == "import":
        return NeededImport(binding.module, asname=binding.asname, type_checking=binding.type_checking)
    if binding.kind == "from" and binding.level == 0:
        return NeededImport(binding.module, 0, binding.name, binding.asname, binding.type_checking)
    source_path = PurePosixPath(source)
    folder = source_path.parent.parts
    if binding.kind == "defined":
        location = folder if source_path.name == "__init__.py" else (*folder, source_path.stem)
        imported, asname = name, None
    else:
        if binding.level - 1 > len(folder):
            return None
        location = folder[: len(folder) - (binding.level - 1)] + tuple(p for p in binding.module.split(".") if p)
        imported, asname = binding.name, binding.asname
    relative = _relative_to(location, target, packages)
    if relative is not None:
        level, module = relative
    else:
        dotted = packages.dotted(location)
        if dotted is None:
            return None
        level, module = 0, dotted
    if binding.kind == "defined" and _module_location(target) == location:
        return None  # the changed file itself: importing it from itself binds nothing
    return NeededImport(module, level, imported, asname, binding.type_checking)


def _module_location(path: str) -> tuple[str, ...]:
    file = PurePosixPath(path)
    return file.parent.parts if file.name == "__init__.py" else (*file.parent.parts, file.stem)


def _relative_to(location: tuple[str, ...], target: str, packages: _PackageDirs) -> tuple[int, str] | None:
    """(level, module) of a relative import of `location` from `target`, when both are in one package."""
    folder = PurePosixPath(target).parent.parts
    top = packages.top(folder)
    if top is None or location[:top] != folder[:top]:
        return None
    common = 0
    while common < min(len(folder), len(location)) and folder[common] == location[common]:
        common += 1
    return len(folder) - common + 1, ".".join(location[common:])


def add_imports(text: str, needed: list[NeededImport]) -> str | None:
    """`text` with the imports added where its imports are, or None when that cannot be done."""
    from repo_lint.import_insertion import add_imports as insert  # libcst, loaded only when needed

    return insert(text, needed)
