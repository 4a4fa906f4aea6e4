"""Doctest lists (`utils/not_doctested.txt`, ...): one repository path per line, first word only."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ListedPath:
    path: str  # the line's first space-separated word (the rest of the line is a comment)
    line: int  # 1-based


def read_doctest_list(text: str) -> list[ListedPath]:
    """Every line's first word, blank lines included (as an empty path), as `check_doctest_list.py` reads
    them; a final newline does not start another line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ListedPath(line.strip().split(" ")[0], number) for number, line in enumerate(lines, 1)]


def sorted_text(entries: list[ListedPath]) -> str:
    """What `check_doctest_list.py --fix_and_overwrite` writes: the first words, sorted, one a line."""
    return "\n".join(sorted(entry.path for entry in entries)) + "\n"


def first_unsorted(entries: list[ListedPath]) -> int | None:
    """Index of the first entry that is smaller than the one before it."""
    for index in range(1, len(entries)):
        if entries[index].path < entries[index - 1].path:
            return index
    return None
