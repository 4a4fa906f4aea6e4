"""Sort the `_import_structure` half of classic lazy `__init__.py` files like `utils/custom_init_isort.py`.

Lazy inits declare their exports twice: a `_import_structure` dict (module -> object names) that is read
at run time, and a `TYPE_CHECKING` half of ordinary imports that ruff/isort already keep sorted. The
reference script sorts the first half with a purely textual, indentation-driven algorithm, and repo-lint
must rewrite files byte for byte as it does. So this module re-implements that algorithm, quirks
included, as a dependency-free text function:

1. Cut the file into top-level blocks, starting at the line `_import_structure = {` and stopping at the
   line `if TYPE_CHECKING:` (the text before and after is left alone).
2. In every block that mentions `_import_structure` (and does not build a dummy module first), cut the
   lines from that mention to the block's last line into sub-blocks at the indentation of the block's
   *second* line, read a key from each (`"key":` inside the dict literal, `_import_structure["key"]`
   elsewhere) and put the keyed sub-blocks in key order, leaving comments and blank lines in place.
3. Sort the object names of every keyed sub-block: UPPER_CASE constants first, then CamelCase classes,
   then lowercase functions, each group by the name lowercased without underscores. One-line
   (`["A", "B"]`), bracket-on-its-own-line and one-name-per-line layouts are kept.

Where the reference would raise (for instance a one-line block, or a name list with a comment in it),
it leaves the file untouched, and so do we: `_Unsupported` marks those points and the public functions
turn it into "nothing to change". Oddities of the reference that we reproduce on purpose, because the
result must be identical: a blank line is added above `_import_structure = {` when it is the very first
line and before the last line of a block that only mentions `_import_structure` on that last line; a
name such as `_FOO` counts as both a constant and a function and is listed twice; an object line
rewritten in the bracket-less three-line layout is normalised to `"A", "B"` (no trailing comma).

Differences between the two copies of the script are selected with `flavor`: the Transformers one skips
inits without `_import_structure = {` (the v5 generated inits, which call `define_import_structure`; the main
init, which has both, is sorted, as the script of August 2026 does) and reads `"key":` keys only in a block
whose first line holds `_import_structure = {`; the Diffusers one reads them in any block whose first line
mentions `_import_structure`.

Text is handled with "\\n" line ends; "\\r\\n" files are processed as if normalised and the new text uses
"\\r\\n" again (the reference, reading in text mode, would rewrite such a file with "\\n").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from repo_lint.facts.regions import Region, apply_regions

__all__ = ["FLAVORS", "sort_init", "sort_names", "unsorted_regions"]

FLAVORS = ("transformers", "diffusers")

_START = "_import_structure = {"
_END = "if TYPE_CHECKING:"
_DICT_KEY = re.compile(r'^\s*"([^"]+)":')  # `"models.bert": [...]` inside the dict literal
_ITEM_KEY = re.compile(r'^\s*_import_structure\["([^"]+)"\]')  # `_import_structure["models.bert"]...`
_QUOTED_LINE = re.compile(r'^\s*"([^"]+)",\s*$')  # one `"Name",` per line
_BRACKETS = re.compile(r"\[([^\]]+)\]")  # `[...]` without nested closing brackets

T = TypeVar("T")


@dataclass(frozen=True)
class _Edit:
    """A `Region` in the making: the replacement as a list of lines without line ends."""

    start: int
    end: int
    lines: tuple[str, ...]
    what: str


class _Unsupported(Exception):
    """The reference script would raise here, which leaves the file as it was."""


# -- public API ----------------------------------------------------------------------------------------


def sort_init(text: str, flavor: str = "transformers") -> str:
    """Return `text` as the reference `custom_init_isort.py` of `flavor` would rewrite it."""
    regions = unsorted_regions(text, flavor)
    return apply_regions(text, regions) if regions else text


def unsorted_regions(text: str, flavor: str = "transformers") -> list[Region]:
    """Return one `Region` per unsorted statement or block of `text`, top to bottom, never overlapping.

    Empty when `text` is sorted, is not a classic lazy init, or is something the reference cannot read.
    """
    if flavor not in FLAVORS:
        raise ValueError(f"unknown flavor {flavor!r}; expected one of {', '.join(FLAVORS)}")
    if not isinstance(text, str):
        return []
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    try:
        edits = _plan(lines, flavor)
    except _Unsupported:
        return []
    last = len(lines)
    regions = []
    for edit in _merge_same_start(edits, lines):
        body = "".join(line + newline for line in edit.lines)
        if edit.end == last and body:  # the final line has no line end (never happens in practice)
            body = body[: -len(newline)]
        regions.append(Region(edit.start, edit.end, body, edit.what))
    return regions


def sort_names(items: Sequence[T], key: Callable[[T], str] = str) -> list[T]:
    """Order `items` by name the way the reference does: constants, then classes, then functions.

    A constant is a name with `str.isupper()`, a class starts with an upper-case letter without being a
    constant, a function does not start with an upper-case letter. Within a group the order ignores case
    and underscores and is stable. The groups can overlap (`_FOO` is a constant and a function), and such
    items then appear twice, as in the reference. An empty name makes the reference fail.
    """
    names = [key(item) for item in items]
    if any(name == "" for name in names):
        raise _Unsupported("empty object name")

    def group(test: Callable[[str], bool]) -> list[T]:
        members = [(item, name) for item, name in zip(items, names, strict=True) if test(name)]
        members.sort(key=lambda pair: pair[1].lower().replace("_", ""))
        return [item for item, _ in members]

    constants = group(str.isupper)
    classes = group(lambda name: name[0].isupper() and not name.isupper())
    functions = group(lambda name: not name[0].isupper())
    return constants + classes + functions


# -- splitting into blocks -------------------------------------------------------------------------------


def _indent(line: str) -> str:
    """The leading whitespace of `line`, or "" when the line is blank (whitespace only)."""
    stripped = line.lstrip()
    return line[: len(line) - len(stripped)] if stripped else ""


def _split_blocks(
    lines: Sequence[str], level: str, start: str | None = None, end: str | None = None
) -> list[tuple[int, int]]:
    """Cut `lines` into consecutive blocks at indentation `level`; return their `(lo, hi)` ranges.

    A non-blank line indented exactly `level` opens a new block, except right after a deeper line: then it
    closes the current block (a `}` or `)`, an `except:`), and the line after it is taken as the first line
    of the next block whatever it is. With `start`, everything before the first line starting with it is
    one leading block (possibly the empty range `(0, 0)`); with `end`, everything from the first line (seen
    by the scan) starting with it is one trailing block. An empty range stands for one empty line, which is
    how the reference's joined text behaves; `lines == []` gives `[(0, 0)]` for the same reason.
    """
    if not lines:
        return [(0, 0)]
    ranges = []
    i = 0
    if start is not None:
        while i < len(lines) and not lines[i].startswith(start):
            i += 1
        if i == len(lines):
            raise _Unsupported(f"no line starts with {start!r}")
        ranges.append((0, i))
    begin, i = i, i + 1
    while i < len(lines) and not (end is not None and lines[i].startswith(end)):
        line = lines[i]
        if line and _indent(line) == level:
            if _indent(lines[i - 1]).startswith(level + " "):  # a closing line ends the current block
                ranges.append((begin, i + 1))
                begin, i = i + 1, i + 2
                continue
            ranges.append((begin, i))
            begin = i
        i += 1
    if begin < min(i, len(lines)):
        ranges.append((begin, min(i, len(lines))))
    if end is not None and i < len(lines):
        ranges.append((i, len(lines)))
    return ranges


def _render(lines: Sequence[str], span: tuple[int, int]) -> list[str]:
    """The lines of a block range, an empty range meaning one empty line (see `_split_blocks`)."""
    lo, hi = span
    return list(lines[lo:hi]) if hi > lo else [""]


# -- sorting one statement's objects ------------------------------------------------------------------------


def _split_names(text: str) -> list[str]:
    """Names in a comma-separated run of quoted names; a trailing comma adds no name."""
    names = [part.strip().replace('"', "") for part in text.split(",")]
    return names[:-1] if names[-1] == "" else names


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _sort_bracket(match: re.Match) -> str:
    """Sorted replacement of one `[...]`; a single name (no comma) is kept exactly as written."""
    content = match.group(1)
    if "," not in content:
        return match.group(0)
    return "[" + _quoted(sort_names(_split_names(content))) + "]"


def _sort_statement(statement: str) -> str:
    """Sort the object names of one keyed statement, keeping its layout (one line, three lines, or more)."""
    lines = statement.split("\n")
    if len(lines) > 3:  # one `"Name",` per line between an opening and a closing line (or two of each)
        edge = 2 if lines[1].strip() == "[" else 1
        named = []
        for line in lines[edge:-edge]:
            found = _QUOTED_LINE.search(line)
            if found is None:
                raise _Unsupported("a line of a one-per-line object list is not a quoted name")
            named.append((line, found.group(1)))
        body = [line for line, _ in sort_names(named, key=lambda pair: pair[1])]
        return "\n".join(lines[:edge] + body + lines[-edge:])
    if len(lines) == 3:  # all names on the middle line, bracketed or not
        if _BRACKETS.search(lines[1]) is not None:
            lines[1] = _BRACKETS.sub(_sort_bracket, lines[1])
        else:
            lines[1] = _indent(lines[1]) + _quoted(sort_names(_split_names(lines[1])))
        return "\n".join(lines)
    return _BRACKETS.sub(_sort_bracket, statement)


# -- sorting the blocks of a file ---------------------------------------------------------------------------


def _plan(lines: list[str], flavor: str) -> list[_Edit]:
    """All edits the reference would make to `lines`, top to bottom."""
    text = "\n".join(lines)
    if "_import_structure" not in text or (flavor == "transformers" and "_import_structure = {" not in text):
        return []
    blocks = _split_blocks(lines, "", _START, _END)
    edits = []
    if blocks[0] == (0, 0):
        edits.append(_Edit(0, 0, ("",), f"blank line the reference adds above a leading `{_START}`"))
    for lo, hi in blocks[1:-1]:
        edits.extend(_block_edits(lines, lo, hi, flavor))
    return edits


def _first_mention(block: Sequence[str]) -> int | None:
    """Index of the block's first line naming `_import_structure`; None if absent or after a dummy import."""
    for index, line in enumerate(block):
        if "_import_structure" in line:
            return index
        if "import dummy" in line:
            return None
    return None


def _block_edits(lines: Sequence[str], lo: int, hi: int, flavor: str) -> list[_Edit]:
    """Edits for the top-level block `lines[lo:hi]`: key order of its sub-blocks, then their objects."""
    block = lines[lo:hi]
    first = _first_mention(block)
    if first is None:
        return []
    if len(block) < 2:
        raise _Unsupported("one-line block mentioning _import_structure")
    inner_lo, inner = lo + first, lines[lo + first : hi - 1]
    if not inner:
        what = "blank line the reference adds before a block's last line naming `_import_structure`"
        return [_Edit(hi - 1, hi - 1, ("",), what)]
    parts = _split_blocks(inner, _indent(block[1]))
    marker = _START if flavor == "transformers" else "_import_structure"
    in_dict = marker in block[0]
    key_re = _DICT_KEY if in_dict else _ITEM_KEY
    texts = ["\n".join(_render(inner, part)) for part in parts]
    keys = [_key_of(key_re, text) for text in texts]
    slots = [index for index, key in enumerate(keys) if key is not None]
    order = sorted(slots, key=lambda index: keys[index])
    new_texts = list(texts)
    for slot, source in zip(slots, order, strict=True):
        new_texts[slot] = _sort_statement(texts[source])
    moved = [slot for slot, source in zip(slots, order, strict=True) if slot != source]
    spans = [(inner_lo + a, inner_lo + b) for a, b in parts]
    keys_what = "keys of `_import_structure`" if in_dict else "the `_import_structure[...]` statements"
    edits = []
    if moved:
        first_part, last_part = moved[0], moved[-1]
        new_lines = "\n".join(new_texts[first_part : last_part + 1]).split("\n")
        edits.append(_Edit(spans[first_part][0], spans[last_part][1], tuple(new_lines), keys_what))
    for slot in slots:
        if moved and moved[0] <= slot <= moved[-1]:
            continue
        if new_texts[slot] != texts[slot]:
            what = f'objects of `_import_structure["{keys[slot]}"]`'
            edits.append(_Edit(spans[slot][0], spans[slot][1], tuple(new_texts[slot].split("\n")), what))
    edits.sort(key=lambda edit: edit.start)
    return [edit for edit in edits if list(edit.lines) != list(lines[edit.start : edit.end])]


def _key_of(pattern: re.Pattern, text: str) -> str | None:
    found = pattern.search(text)
    return None if found is None else found.group(1)


def _merge_same_start(edits: Sequence[_Edit], lines: Sequence[str]) -> list[_Edit]:
    """Fold an insertion into the edit starting on the same line, so no two regions share a start."""
    merged: list[_Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and edit.start == merged[-1].start and merged[-1].end <= edit.start:
            prev = merged.pop()
            joined = prev.lines + tuple(lines[prev.end : edit.start]) + edit.lines
            edit = _Edit(prev.start, edit.end, joined, f"{prev.what}; {edit.what}")
        merged.append(edit)
    return merged
