"""Reading the task table of a pipelines module and the metadata table of a script, with `ast` (nothing runs),
and the `pipeline()` overloads the task table calls for."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from repo_lint.facts.literals import NotLiteral, assigned_literal
from repo_lint.parsing import PARSE_FAILURES, lines_as_parsed

BLOCK_START = "# <generated-code>"
BLOCK_END = "# </generated-code>"
TASK_PARAMETER = "task: str | None = None"  # the parameter each overload narrows to one task
_SIGNATURE = re.compile(r"def pipeline(\(.*?\)) -> (\w+):", re.DOTALL)
_OVERLOAD = re.compile(r"def pipeline\(task: Literal\[(?P<task>[^\]]*)\].* -> (?P<type>\w+): \.\.\.$")


@dataclass(frozen=True)
class Task:
    name: str
    line: int  # 1-based, of its key
    impl: str  # the pipeline class name (the last part of a dotted path)
    auto_class: str | None  # the first class of its `pt` entry, if any


@dataclass(frozen=True)
class TaskTable:
    tasks: tuple[Task, ...] = ()
    problem: str = ""  # why the table cannot be read (then `tasks` is empty)
    line: int = 1


def task_table(text: str, name: str) -> TaskTable:
    """The literal dict `name = {...}` of a module: task -> {"impl": ..., "pt": ...}, in its order."""
    try:
        body = ast.parse(text).body
    except PARSE_FAILURES:
        return TaskTable(problem="the module does not parse")
    found = [node for node in body if _assigns(node, name)]
    if not found:
        return TaskTable(problem=f"no top-level `{name} = {{...}}`")
    node = found[-1]
    if len(found) > 1 or any(_changes(statement, name) for statement in body):
        return TaskTable(problem=f"`{name}` is changed after it is defined", line=node.lineno)
    if not isinstance(node.value, ast.Dict):
        return TaskTable(problem=f"`{name}` is not a literal dict", line=node.lineno)
    tasks = []
    for key, value in zip(node.value.keys, node.value.values, strict=True):
        task = _task(key, value)
        if task is None:
            return TaskTable(problem=f"an entry of `{name}` is not a literal", line=(key or value).lineno)
        tasks.append(task)
    return TaskTable(tuple(tasks), line=node.lineno)


def _assigns(node: ast.stmt, name: str) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    return any(isinstance(target, ast.Name) and target.id == name for target in targets)


def _changes(node: ast.stmt, name: str) -> bool:
    """`name[...] = ...` or `name.update(...)` at the top level."""
    if isinstance(node, ast.Assign):
        return any(isinstance(t, ast.Subscript) and _is_name(t.value, name) for t in node.targets)
    call = node.value if isinstance(node, ast.Expr) else None
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and _is_name(call.func.value, name)


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _task(key: ast.expr | None, value: ast.expr) -> Task | None:
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Dict)):
        return None
    fields = {k.value: v for k, v in zip(value.keys, value.values, strict=True) if isinstance(k, ast.Constant)}
    impl = _class_name(fields.get("impl"))
    if impl is None:
        return None
    return Task(key.value, key.lineno, impl, _first_class(fields.get("pt")))


def _class_name(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.rsplit(".", 1)[-1]  # a dotted path, resolved when the task is used
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _first_class(node: ast.expr | None) -> str | None:
    """`(AutoModelForX, ...) if is_torch_available() else ()` -> `AutoModelForX`."""
    if isinstance(node, ast.IfExp):
        node = node.body
    if isinstance(node, (ast.Tuple, ast.List)):
        node = node.elts[0] if node.elts else None
    return _class_name(node) if isinstance(node, (ast.Name, ast.Attribute)) else None


def metadata_table(text: str, name: str) -> tuple[set[str], set[str]] | str:
    """The tasks and the auto classes of the literal list `name = [(task, mapping, auto class), ...]`, or why it
    cannot be read."""
    try:
        rows = assigned_literal(text, name)
    except NotLiteral as error:
        return str(error)
    if not isinstance(rows, (list, tuple)) or not all(isinstance(row, tuple) and len(row) == 3 for row in rows):
        return f"`{name}` is not a list of (task, mapping, auto class)"
    return {row[0] for row in rows}, {row[2] for row in rows}


@dataclass(frozen=True)
class Overloads:
    """The generated part of a pipelines module: the lines of its overloads ([start, end), 0-based) and what
    they should be; or why that cannot be said."""

    start: int = 0
    end: int = 0
    current: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()
    problem: str = ""
    line: int = 1


def overloads(text: str, tasks: tuple[Task, ...]) -> Overloads:
    lines = lines_as_parsed(text)
    starts = [n for n, line in enumerate(lines) if line.startswith(BLOCK_START)]
    ends = [n for n, line in enumerate(lines) if line.startswith(BLOCK_END)]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        return Overloads(problem=f"no single `{BLOCK_START}` ... `{BLOCK_END}` block")
    first, last = starts[0], ends[0]
    outside = "".join(lines[:first] + lines[last + 1 :])
    match = _SIGNATURE.search(outside)
    if match is None:
        return Overloads(problem="no `def pipeline(...) -> <class>:` outside the generated block", line=first + 1)
    signature = match.group(1).replace("(\n    ", "(").replace(",\n    ", ", ").replace(",\n)", ")")
    if TASK_PARAMETER not in signature:
        return Overloads(problem=f"`pipeline()` has no `{TASK_PARAMETER}` parameter", line=first + 1)
    expected = []
    for task, kind in [(None, match.group(2)), *sorted((f'"{t.name}"', t.impl) for t in tasks)]:
        narrowed = signature.replace(TASK_PARAMETER, f"task: Literal[{task}]")
        expected += ["@overload\n", f"def pipeline{narrowed} -> {kind}: ...\n"]
    inside = range(first + 1, last)
    marked = [n for n in inside if lines[n].startswith(("@overload", "def pipeline"))]
    if marked:
        start, end = marked[0], marked[-1] + 1
    else:  # before the comments that close the block
        start = end = next((n + 1 for n in reversed(inside) if not lines[n].startswith("#")), first + 1)
    return Overloads(start, end, tuple(lines[start:end]), tuple(expected), line=start + 1)


def difference(current: tuple[str, ...], expected: tuple[str, ...]) -> tuple[int, str]:
    """The first line (0-based, in `current`) where the overloads differ, and what differs there."""
    have = _by_task(current)
    want = _by_task(expected)
    for task, kind in want.items():
        if task not in have:
            return _first_difference(current, expected), f"no overload for task {task}"
        if have[task] != kind:
            return _first_difference(
                current, expected
            ), f"the overload for task {task} returns `{have[task]}`, not `{kind}`"
    for task in have:
        if task not in want:
            return _first_difference(current, expected), f"an overload for {task}, which is not a task"
    return _first_difference(
        current, expected
    ), "the overloads' order or signature is not the one `pipeline()` calls for"


def _by_task(lines: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = _OVERLOAD.match(line.rstrip("\r\n"))
        if match:
            found[match.group("task")] = match.group("type")
    return found


def _first_difference(current: tuple[str, ...], expected: tuple[str, ...]) -> int:
    for n, (have, want) in enumerate(zip(current, expected, strict=False)):
        if have != want:
            return n
    return min(len(current), len(expected))
