"""Read the auto mappings of Transformers and sort them as `utils/sort_auto_mappings.py` does (the facts of the
AUT mapping rules, whose config mapping the DOC family's checkpoint rule reads too).

The `models/auto/*.py` modules map model types to class names (`MODEL_MAPPING_NAMES = OrderedDict([("albert",
"AlbertModel"), ...])`, one entry per line). `read_mappings` gives their structure, read with `ast` so that any
layout Python accepts is understood, for the AUT rules. `sort_mappings` and `unsorted_mappings` order entries
as the reference writes them, byte for byte, because `make style` runs it and both must agree. Its scan is
textual, and reproduced here quirks included (a continuation line of an entry in another layout than ruff's
is a block of its own, for instance):

1. A line containing `<UPPER>_MAPPING[_<UPPER>] = OrderedDict` (anywhere in it) starts a mapping; its
   indentation plus 8 spaces is the entry indentation `I`.
2. The lines before the first line starting with `I` and `(` are left alone (the `[` line, a comment...).
3. From there to the next line reading `]`, every line is a block, except that a line reading `(` opens a
   block running to the next line starting with `I` and `)` (ruff's layout of a long entry).
4. Blocks are sorted, stably, by the first double-quoted string of two or more characters that follows a
   `(` in them: the key of a usual entry, compared as Python strings (`"Zeta"` < `"alpha"`, `-` < `_`).

Where the reference raises, it writes nothing for the file; we keep going instead:

- Step 2 finds no entry line before the end of the file (IndexError). Any one-line call does this, such as
  `CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)` in the
  `configuration_auto.py` of 5.23.0 (unless a later mapping has an entry at indentation `I`: the reference
  then sorts that later mapping's entries, as we do). Step 3 finds no `]` or `)` line (IndexError). We
  leave such a mapping as written and go on from its next line.
- A block has no key (AttributeError): a blank line, a one-letter key, a comment line. Each comment line is
  its own block, sorted apart from the entry it annotates by the `("xx"` it contains (a commented-out entry
  lands in its place, and so it does with us), and fatal when it contains none. We then read the mapping
  with `ast`: when its entries are `(key, value)` tuples that each own their lines, the comment and blank
  lines right above an entry move with it (after the last entry they stay last), and the entries are sorted
  by the same key. A comment above the first entry heads the list and stays first, as with the reference.

Text is split on "\\n" only, so a "\\r\\n" file keeps its line ends (the reference rewrites it with "\\n").
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from repo_lint.facts.regions import Region, apply_regions
from repo_lint.parsing import Unparsable, parse_module

__all__ = ["Mapping", "MappingEntry", "extract_mapping_facts", "read_mappings", "sort_mappings", "unsorted_mappings"]

_INTRO = re.compile(r"([A-Z_]+_MAPPING(?:_[A-Z_]+)?)\s+=\s+OrderedDict")  # the reference's, with a group
_KEY = re.compile(r'\s*\(\s*"(\S[^"]+)"')  # the reference's sort key
_NAME = re.compile(r"[A-Z_][A-Z0-9_]*_MAPPING(?:_[A-Z0-9_]+)?")  # names `read_mappings` looks at
_OWNED_END = re.compile(r"\s*(,?)\s*(#.*)?")  # what may follow an entry on its last line


@dataclass(frozen=True)
class MappingEntry:
    """One `key -> class names` entry; lines are 1-based and inclusive, `column` is 1-based in characters.

    `value` lists the class names: one for `"Name"`, several for a tuple or list, the values of a dict
    (`{"torchvision": "A", "pil": "B"}`), both branches of `"A" if cond else None`; `None` stands for a
    `None`. `key` is None when the key is not a string literal (the mapping then has a `problem`).
    """

    key: str | None
    value: tuple[str | None, ...]
    line: int
    end_line: int
    column: int


@dataclass
class Mapping:
    """An assignment of a mapping literal to an upper-case `*_MAPPING` / `*_MAPPING_NAMES` name.

    `sortable`: `sort_mappings` puts its entries in order (the reference layout, see the module docstring).
    `problem`: why part of it could not be read (its entries are then the readable ones), else None.
    `merged`: mappings whose entries it also holds (`**OTHER`, `*list(OTHER.items())`), as written.
    """

    name: str
    line: int
    end_line: int
    entries: list[MappingEntry]
    sortable: bool
    problem: str | None
    merged: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Plan:
    """The sorted lines for `lines[start:stop]`; the scan goes on at `stop`."""

    start: int
    stop: int
    new_lines: tuple[str, ...]
    name: str


@dataclass
class _Found:
    """A mapping read by `ast`, with the nodes the fallback sorter needs."""

    mapping: Mapping
    start: int  # 0-based first and past-the-end lines of the statement
    stop: int
    pairs: list[ast.expr] = field(default_factory=list)  # the `(key, value)` nodes, when all entries are ones


# -- public API ------------------------------------------------------------------------------------------------


def read_mappings(text: str) -> list[Mapping]:
    """Every mapping assignment outside functions and classes (also under `if`/`try`), top to bottom.

    Never raises: a file that does not parse gives one mapping per reference intro line, with a `problem`.
    """
    found = _parse(text)
    if isinstance(found, str):
        problem = f"the file cannot be read by `ast` ({found})"
        intros = ((index + 1, _intro_name(line)) for index, line in enumerate(text.split("\n")))
        return [Mapping(name, line, line, [], False, problem) for line, name in intros if name is not None]
    plans = _plans(text.split("\n"), found)
    for item in found:
        item.mapping.sortable = any(item.start <= plan.start and plan.stop <= item.stop for plan in plans)
    return [item.mapping for item in found]


def extract_mapping_facts(text: str, config_mapping: str) -> tuple[list[Mapping], list, dict[str, int], list | None]:
    """Mappings of one file, its unsorted regions, keys added by `<config>.update({...})`, `DEPRECATED_MODELS`."""
    updates: dict[str, int] = {}
    deprecated = None
    tree = parse_module(text)
    for node in tree.body if isinstance(tree, ast.Module) else []:
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr == "update"
            and isinstance(node.value.func.value, ast.Name)
            and node.value.func.value.id == config_mapping
            and node.value.args
            and isinstance(node.value.args[0], ast.Dict)
        ):
            for key in node.value.args[0].keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    updates[key.value] = key.lineno
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "DEPRECATED_MODELS"
            and isinstance(node.value, ast.List)
        ):
            deprecated = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
    return read_mappings(text), unsorted_mappings(text), updates, deprecated


def sort_mappings(text: str) -> str:
    """Return `text` with its auto mappings sorted, as the reference would write it (see module docstring)."""
    regions = unsorted_mappings(text)
    return apply_regions(text, regions) if regions else text


def unsorted_mappings(text: str) -> list[Region]:
    """One `Region` per mapping that is out of order (only its changed lines), top to bottom."""
    lines = text.split("\n")
    found = _parse(text)
    found = found if isinstance(found, list) else []
    regions = []
    for plan in _plans(lines, found):
        old, new = lines[plan.start : plan.stop], list(plan.new_lines)
        if old == new:
            continue
        head = next(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)
        tail = next(i for i, (a, b) in enumerate(zip(old[::-1], new[::-1], strict=True)) if a != b)
        body = "".join(line + "\n" for line in new[head : len(new) - tail])
        name = next((f.mapping.name for f in found if f.start <= plan.start < f.stop), plan.name)
        regions.append(Region(plan.start + head, plan.stop - tail, body, name))
    return regions


# -- the reference's scan ------------------------------------------------------------------------------------


def _intro_name(line: str) -> str | None:
    """The assigned name when `line` starts a mapping for the reference (whole: `SEQ_2_SEQ_MAPPING`)."""
    match = _INTRO.search(line)
    return None if match is None else re.search(r"\w*$", line[: match.end(1)]).group(0)


def _plans(lines: Sequence[str], found: list[_Found]) -> list[_Plan]:
    """Walk `lines` as the reference does, planning each mapping it would sort (or we sort in its stead)."""
    by_line = {item.start: item for item in found}
    plans, index = [], 0
    while index < len(lines):
        name = _intro_name(lines[index])
        if name is None:
            index += 1
            continue
        plan = _reference_plan(lines, index, name)
        if plan is None and index in by_line:
            plan = _fallback_plan(lines, by_line[index])
        if plan is None:  # the reference would crash here: leave this mapping as written
            index += 1
            continue
        plans.append(plan)
        index = plan.stop
    return plans


def _reference_blocks(lines: Sequence[str], intro: int) -> list[tuple[int, int]] | None:
    """The blocks (line ranges) of steps 1-3 of the module docstring, or None where the reference fails."""
    line = lines[intro]
    prefix = " " * (len(line) - len(line.lstrip()) + 8)
    index = intro
    while index < len(lines) and not lines[index].startswith(prefix + "("):
        index += 1
    blocks = []
    while index < len(lines) and lines[index].strip() != "]":
        end = index
        if lines[index].strip() == "(":
            while end < len(lines) and not lines[end].startswith(prefix + ")"):
                end += 1
            if end == len(lines):
                return None
        blocks.append((index, end + 1))
        index = end + 1
    return blocks if index < len(lines) and blocks else None


def _reference_key(lines: Sequence[str]) -> str | None:
    found = _KEY.search("\n".join(lines))
    return None if found is None else found.group(1)


def _reference_plan(lines: Sequence[str], intro: int, name: str) -> _Plan | None:
    blocks = _reference_blocks(lines, intro)
    if blocks is None:
        return None
    keys = [_reference_key(lines[lo:hi]) for lo, hi in blocks]
    if None in keys:
        return None
    order = sorted(range(len(blocks)), key=lambda k: keys[k])
    new_lines = tuple(line for k in order for line in lines[slice(*blocks[k])])
    start, stop = blocks[0][0], blocks[-1][1]
    return _Plan(start, stop, new_lines, name)


# -- our sort where the reference crashes ----------------------------------------------------------------------


def _is_aside(line: str) -> bool:
    """A blank or comment line, which belongs to the entry below it."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _fallback_plan(lines: Sequence[str], item: _Found) -> _Plan | None:
    """Sort a one-entry-per-line-group `OrderedDict([...])`, comments moving with the entry below them.

    None unless every entry starts its first line, ends its last line (but for a comma and a comment) and is
    separated from the next one by comment and blank lines only, and no comma-less entry would move up.
    """
    keys = [entry.key for entry in item.mapping.entries]
    if not item.pairs or None in keys:
        return None
    groups, previous_end = [], None
    for node, literal_key in zip(item.pairs, keys, strict=True):
        first, last = node.lineno - 1, node.end_lineno
        head = lines[first].encode("utf-8")[: node.col_offset]
        tail = _OWNED_END.fullmatch(lines[last - 1].encode("utf-8")[node.end_col_offset :].decode("utf-8"))
        if head.strip() or tail is None:
            return None
        if previous_end is not None and (first < previous_end or not all(map(_is_aside, lines[previous_end:first]))):
            return None
        top = first if previous_end is None else previous_end
        key = _reference_key(lines[first:last]) or literal_key
        groups.append((key, tuple(lines[top:last]), bool(tail.group(1))))
        previous_end = last
    ordered = sorted(groups, key=lambda group: group[0])
    if not all(has_comma for _, _, has_comma in ordered[:-1]):
        return None
    start, stop = item.pairs[0].lineno - 1, previous_end
    new_lines = tuple(line for _, group_lines, _ in ordered for line in group_lines)
    return _Plan(start, stop, new_lines, item.mapping.name)


# -- reading with ast ---------------------------------------------------------------------------------------------


def _parse(text: str) -> list[_Found] | str:
    """The mappings of `text` read with `ast`, or why `ast` cannot read it (a lone "\\r" counts: a line end
    to Python, so `ast` lines would not be our "\\n"-split lines)."""
    source = text.removeprefix("\ufeff")
    if re.search(r"\r(?!\n)", source):
        return "a lone carriage return"
    tree = parse_module(source)
    if isinstance(tree, Unparsable):
        return f"line {tree.line}: {tree.message}"
    lines = source.split("\n")
    found = []
    for node in _module_statements(tree):
        name, value = _assignment(node)
        if name is not None:
            found.append(_read_mapping(name, node, value, lines))
    return found


def _module_statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """Statements in source order, entering `if`/`try`/`with`/loops but not functions and classes."""
    stack: list[ast.AST] = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.stmt):
            yield node
        children = [c for c in ast.iter_child_nodes(node) if isinstance(c, (ast.stmt, ast.excepthandler))]
        stack.extend(reversed(children))


def _assignment(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    """`(name, value)` when `node` assigns a mapping literal or constructor call to a mapping name."""
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets, value = [node.target], node.value
    else:
        return None, None
    names = [t.id for t in targets if isinstance(t, ast.Name) and _NAME.fullmatch(t.id)]
    if not names or not (isinstance(value, ast.Dict) or _constructor(value)):
        return None, None
    return names[0], value


def _constructor(value: ast.expr) -> bool:
    """`OrderedDict(...)`, `collections.OrderedDict[str, str](...)`, `dict(...)`."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func.value if isinstance(value.func, ast.Subscript) else value.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    return name in ("OrderedDict", "dict")


class _Reader:
    """Collects the entries of one mapping value, noting what it cannot read."""

    def __init__(self, lines: Sequence[str]):
        self.lines = lines
        self.entries: list[MappingEntry] = []
        self.merged: list[str] = []
        self.problems: list[str] = []
        self.pairs: list[ast.expr] = []

    def value(self, node: ast.expr) -> None:
        if isinstance(node, ast.Dict):
            return self.dict(node)
        if len(node.args) > 1:
            self.problems.append(f"line {node.lineno}: more than one positional argument")
        elif node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            self.sequence(node.args[0])
        elif node.args and isinstance(node.args[0], ast.Dict):
            self.dict(node.args[0])
        elif node.args:
            self.problems.append(f"line {node.args[0].lineno}: the argument is not a list, tuple or dict literal")
        for keyword in node.keywords:
            if keyword.arg is None:
                self.splat(keyword.value)
            else:
                self.add(keyword.arg, keyword.value, keyword, keyword)

    def sequence(self, node: ast.List | ast.Tuple) -> None:
        for item in node.elts:
            if isinstance(item, ast.Tuple) and len(item.elts) == 2:
                self.pairs.append(item)
                self.add(self.key(item.elts[0]), item.elts[1], item, item)
            elif isinstance(item, ast.Starred) and _items_of(item.value) is not None:
                self.merged.append(_items_of(item.value))
            else:
                self.problems.append(f"line {item.lineno}: an item is not a `(key, value)` tuple")

    def dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                self.splat(value)
            else:
                self.add(self.key(key), value, key, value)

    def splat(self, node: ast.expr) -> None:
        if isinstance(node, ast.Dict):
            self.dict(node)
        elif isinstance(node, (ast.Name, ast.Attribute)):
            self.merged.append(ast.unparse(node))
        else:
            self.problems.append(f"line {node.lineno}: `**` of something other than a dict literal or a name")

    def key(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        self.problems.append(f"line {node.lineno}: a key is not a string literal")
        return None

    def add(self, key: str | None, value: ast.expr, first: ast.AST, last: ast.AST) -> None:
        names = _class_names(value)
        if names is None:
            self.problems.append(f"line {value.lineno}: a value is not class names (strings, names, None, tuples)")
        column = len(self.lines[first.lineno - 1].encode("utf-8")[: first.col_offset].decode("utf-8", "replace"))
        self.entries.append(MappingEntry(key, names or (), first.lineno, last.end_lineno, column + 1))


def _items_of(node: ast.expr) -> str | None:
    """`OTHER` for `OTHER.items()` or `list(OTHER.items())` (a `*` item of an entry list), else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple"):
        node = node.args[0] if len(node.args) == 1 else node
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "items":
        return ast.unparse(node.func.value)
    return None


def _class_names(node: ast.expr) -> tuple[str | None, ...] | None:
    """The class names a value can hold (see `MappingEntry`), or None when it is something else."""
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, str)):
        return (node.value,)
    if isinstance(node, ast.Name):  # Diffusers maps to the classes themselves
        return (node.id,)
    if isinstance(node, (ast.Tuple, ast.List, ast.Dict, ast.IfExp)):
        if isinstance(node, ast.IfExp):
            parts = [node.body, node.orelse]
        else:
            parts = node.values if isinstance(node, ast.Dict) else node.elts
        names = [_class_names(part) for part in parts]
        return None if None in names else tuple(name for group in names for name in group)
    return None


def _read_mapping(name: str, node: ast.stmt, value: ast.expr, lines: Sequence[str]) -> _Found:
    reader = _Reader(lines)
    reader.value(value)
    problem = "; ".join(reader.problems) or None
    mapping = Mapping(name, node.lineno, node.end_lineno, reader.entries, False, problem, tuple(reader.merged))
    found = _Found(mapping, node.lineno - 1, node.end_lineno)
    if reader.pairs and len(reader.pairs) == len(reader.entries) and not reader.problems:
        found.pairs = reader.pairs
    return found
