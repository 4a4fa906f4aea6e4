"""Reading a part of a `_toctree.yml` (the model part, or any part whose lists are kept sorted) with the line
span of every entry, and the line edits that dedupe and sort it while every other byte of the file stays as
written.

The YAML is composed (not only loaded) so each node keeps its position: an entry's block runs from the end
of the entry before it (so the comments above an entry travel with it) to the end of its last value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


@dataclass(frozen=True)
class Entry:
    """One item of a list (`- local: ...`, or a sub-section). `start`/`end` (0-based, half-open) span its block: the
    comment and blank lines above it (except above the first entry), its `- ` line (`line`) and every
    line of its keys."""

    local: str | None
    title: str | None
    start: int
    end: int
    line: int


@dataclass
class Section:
    """A list of the toctree (a modality such as `Text models`, or a part's own list) and its entries in file
    order."""

    title: str
    line: int  # 0-based line of the modality's `sections:` list
    entries: list[Entry] = field(default_factory=list)
    editable: bool = True  # block style, one entry per `- ` line: the entries can be moved as line blocks


@dataclass
class Toctree:
    sections: list[Section] = field(default_factory=list)
    error: str | None = None  # the file does not parse, or the configured path of titles is missing
    error_line: int = 0  # 0-based


def _scalar(node: Node | None) -> str | None:
    return node.value if isinstance(node, ScalarNode) else None


def _get(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        if _scalar(key_node) == key:
            return value_node
    return None


def _end_line(node: Node) -> int:
    """The 0-based line just after the node's last character."""
    if isinstance(node, ScalarNode) or node.flow_style:
        mark = node.end_mark
        return mark.line + (1 if mark.column > 0 else 0)
    children: list[Node] = []
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            children.extend((key_node, value_node))
    elif isinstance(node, SequenceNode):
        children = list(node.value)
    return max([node.start_mark.line + 1] + [_end_line(child) for child in children])


def _child_with_title(sequence: Node | None, title: str) -> Node | None:
    if not isinstance(sequence, SequenceNode):
        return None
    for item in sequence.value:
        if _scalar(_get(item, "title")) == title:
            return item
    return None


def read_toctree(text: str, titles: tuple[str, ...], whole: bool = False) -> Toctree:
    """The sub-sections of the part under the path of `titles` (default API -> Models: its modalities) and,
    when `whole`, the part's own list first: pure, for `RepoView.facts`."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return Toctree(
            error=f"cannot parse the YAML: {getattr(error, 'problem', None) or error}",
            error_line=mark.line if mark is not None else 0,
        )
    node: Node | None = root
    for depth, title in enumerate(titles):
        sequence = node if depth == 0 else _get(node, "sections")
        found = _child_with_title(sequence, title)
        if found is None:
            where = " -> ".join(titles[:depth]) or "the top level"
            return Toctree(error=f"no `{title}` part under {where}")
        node = found
    lines = text.split("\n")
    toctree = Toctree()
    parts = _get(node, "sections")
    if not isinstance(parts, SequenceNode):
        return toctree
    if whole:
        toctree.sections.append(_section(titles[-1], parts, lines))
    for part in parts.value:
        items = _get(part, "sections")
        if items is None:
            continue  # a page of the part, not a sub-section
        toctree.sections.append(_section(str(_scalar(_get(part, "title")) or ""), items, lines))
    return toctree


def _section(title: str, items: Node, lines: list[str]) -> Section:
    section = Section(title=title, line=items.start_mark.line)
    values = items.value if isinstance(items, SequenceNode) else []
    if not isinstance(items, SequenceNode) or items.flow_style:
        section.editable = False
    previous_end = None
    for item in values:
        line = item.start_mark.line
        end = _end_line(item)
        start = line if previous_end is None else previous_end
        title_node = _get(item, "title")
        section.entries.append(
            Entry(_scalar(_get(item, "local")), None if title_node is None else str(title_node.value), start, end, line)
        )
        if not isinstance(item, MappingNode) or item.flow_style or not start <= line < end:
            section.editable = False
        elif not lines[line].lstrip().startswith("-"):
            section.editable = False  # the item does not begin its own line
        previous_end = end
    return section


def sort_key(entry: Entry, fixed: tuple[str, ...] = ()) -> tuple[int, str]:
    """By lower-cased title, but the `fixed` titles (lower case) come first (a stable sort keeps their order)."""
    title = (entry.title or "").lower()
    return (0, "") if title in fixed else (1, title)


def duplicates(entries: list[Entry]) -> tuple[set[int], set[int]]:
    """Indices of later entries repeating an earlier one's `local`: (same title, different titles)."""
    titles: dict[str, set[str | None]] = {}
    for entry in entries:
        if entry.local is not None:
            titles.setdefault(entry.local, set()).add(entry.title)
    exact, conflicting = set(), set()
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry.local is None:
            continue
        if entry.local in seen:
            (exact if len(titles[entry.local]) == 1 else conflicting).add(index)
        seen.add(entry.local)
    return exact, conflicting


def cleaned(entries: list[Entry], fixed: tuple[str, ...] = ()) -> list[Entry]:
    """Exact duplicates dropped (the first kept), then a stable sort by lower-cased title, `fixed` titles first."""
    exact, _ = duplicates(entries)
    kept = [entry for index, entry in enumerate(entries) if index not in exact]
    return sorted(kept, key=lambda entry: sort_key(entry, fixed))


def rewrite_section(lines: list[str], entries: list[Entry], order: list[Entry]) -> tuple[int, int, str]:
    """The edit `(start, end, text)` that replaces the entries' lines by the blocks of `order`."""
    start, end = entries[0].start, entries[-1].end
    blocks = ["".join(lines[entry.start : entry.end]) for entry in order]
    missing_newline = not lines[end - 1].endswith("\n")
    blocks = [block if block.endswith("\n") else block + "\n" for block in blocks]
    text = "".join(blocks)
    if missing_newline:
        text = text[:-1]
    return start, end, text
