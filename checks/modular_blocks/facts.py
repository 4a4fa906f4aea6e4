"""What one Python file says, for the MPB family: its module-level names (classes, assignments, imports), the
statements of each top-level class, and the classes marked for generated docstrings. Pure functions of the
text (cached by content through `repo.facts`); statements are kept as their source lines and parsed again
only when a docstring needs them (`parse_statement`)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Statement:
    """One statement as written: its whole lines (from its first to its last), and its first line (1-based)."""

    line: int
    source: str


@dataclass(frozen=True)
class Member:
    """A statement of a class body that binds a name: a `def` (`func`) or an assignment (`attr`)."""

    name: str
    kind: str  # "func" | "attr"
    statement: Statement


@dataclass(frozen=True)
class ClassFacts:
    name: str
    line: int  # the `class` line (1-based)
    bases: tuple[str, ...]  # each base as written (unparsed)
    keywords: bool  # the class statement has keyword arguments (metaclass=...)
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Symbol:
    """A module-level name: `class`, `assign` (its statement), `from` (module as written, level, original
    name) or `import` (the dotted module it binds)."""

    kind: str
    statement: Statement | None = None
    module: str | None = None
    level: int = 0
    original: str = ""


@dataclass(frozen=True)
class Marked:
    """A class under a marker line: where its docstring is (lines, 1-based inclusive) and what it holds."""

    name: str
    marker_line: int
    class_line: int
    top_level: bool
    doc_start: int  # first line of the docstring statement, or the line the docstring goes before (0: unknown)
    doc_end: int  # last line of the docstring statement; doc_start - 1 when there is none
    has_docstring: bool
    docstring_lines: tuple[str, ...]  # the lines doc_start..doc_end without their endings
    shares_line: bool  # the docstring starts on the class line or code follows it on its last line


@dataclass(frozen=True)
class ModuleFacts:
    symbols: dict[str, Symbol] = field(default_factory=dict)
    classes: dict[str, ClassFacts] = field(default_factory=dict)
    marked: tuple[Marked, ...] = ()
    orphans: tuple[int, ...] = ()  # marker lines followed by no class statement


def normalise_marker(text: str) -> str:
    """`#auto_docstring`, `#  auto_docstring  ` and `# auto_docstring` are the same marker (the reference
    accepts any spaces around the comment's words)."""
    text = text.strip()
    if text.startswith("#"):
        return "# " + " ".join(text[1:].split())
    return " ".join(text.split())


def read_module(text: str, marker: str) -> ModuleFacts:
    lines = text.split("\n")  # as the engine numbers lines (a file's "\r\n" is read as "\n")
    tree = ast.parse(text)
    symbols: dict[str, Symbol] = {}
    classes: dict[str, ClassFacts] = {}
    for statement in _module_statements(tree.body):
        if isinstance(statement, ast.ClassDef):
            classes[statement.name] = _class_facts(statement, lines)
            symbols[statement.name] = Symbol("class")
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    symbols[target.id] = Symbol("assign", _statement(statement, lines))
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
            symbols[statement.target.id] = Symbol("assign", _statement(statement, lines))
        elif isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                symbols[alias.asname or alias.name] = Symbol(
                    "from", module=statement.module, level=statement.level, original=alias.name
                )
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                bound = alias.asname or alias.name.split(".")[0]
                symbols[bound] = Symbol("import", module=alias.name if alias.asname else bound)
    marked, orphans = _marked(tree, lines, normalise_marker(marker))
    return ModuleFacts(symbols, classes, marked, orphans)


def _module_statements(body: list[ast.stmt]):
    """Module-level statements, those under `if`/`try` included (backend guards, TYPE_CHECKING)."""
    for statement in body:
        if isinstance(statement, ast.If):
            yield from _module_statements(statement.body)
            yield from _module_statements(statement.orelse)
        elif isinstance(statement, ast.Try):
            yield from _module_statements(statement.body)
        else:
            yield statement


def _statement(node: ast.stmt, lines: list[str]) -> Statement:
    return Statement(node.lineno, "\n".join(lines[node.lineno - 1 : node.end_lineno]) + "\n")


def _class_facts(node: ast.ClassDef, lines: list[str]) -> ClassFacts:
    members = []
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            members.append(Member(statement.name, "func", _statement(statement, lines)))
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    members.append(Member(target.id, "attr", _statement(statement, lines)))
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
            members.append(Member(statement.target.id, "attr", _statement(statement, lines)))
    bases = tuple(ast.unparse(base) for base in node.bases)
    return ClassFacts(node.name, node.lineno, bases, bool(node.keywords), tuple(members))


def parse_statement(statement: Statement) -> ast.stmt | None:
    """The statement parsed again from its lines (an indented one inside `if 1:`), None if its lines hold
    something else too (`a = 1; b = 2`)."""
    source = statement.source
    indented = source[:1] in (" ", "\t")
    try:
        tree = ast.parse("if 1:\n" + source if indented else source)
    except SyntaxError:
        return None
    body = tree.body[0].body if indented and tree.body and isinstance(tree.body[0], ast.If) else tree.body
    return body[0] if len(body) == 1 else None


def _marked(tree: ast.Module, lines: list[str], marker: str) -> tuple[tuple[Marked, ...], tuple[int, ...]]:
    starts = {}
    top = {id(node) for node in tree.body if isinstance(node, ast.ClassDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            starts.setdefault(node.lineno, node)
    marked, orphans = [], []
    word = marker.lstrip("# ")  # a cheap test first: most lines do not hold it
    for index, line in enumerate(lines):
        if word not in line or normalise_marker(line) != marker:
            continue
        after = index + 1
        while after < len(lines) and (not lines[after].strip() or lines[after].lstrip().startswith("#")):
            after += 1
        node = starts.get(after + 1)
        if node is None or not lines[after].lstrip().startswith("class "):
            orphans.append(index + 1)
            continue
        marked.append(_marked_class(node, index + 1, lines, id(node) in top))
    return tuple(marked), tuple(orphans)


def _marked_class(node: ast.ClassDef, marker_line: int, lines: list[str], top_level: bool) -> Marked:
    first = node.body[0]
    has = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    start = first.lineno
    if not has and getattr(first, "decorator_list", None):
        start = min(d.lineno for d in first.decorator_list)
    last = lines[first.end_lineno - 1].rstrip().encode()  # ast columns count UTF-8 bytes
    shares = start == node.lineno or (has and len(last) > first.end_col_offset)
    if has:
        end = first.end_lineno
        text = tuple(lines[start - 1 : end])
    else:
        end, text = start - 1, ()
    return Marked(node.name, marker_line, node.lineno, top_level, start, end, has, text, shares)
