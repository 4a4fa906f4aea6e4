"""The unsorted stretches a sorter finds in a file (the auto mappings, lazy inits), as line replacements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from repo_lint.diagnostics import Edit
from repo_lint.fixer import apply_edits


@dataclass(frozen=True)
class Region:
    """Replace lines `start_line:end_line` (0-based, half-open, of the original text) with `new_text`.

    `new_text` holds whole lines with their line ends; an empty range is an insertion before `start_line`.
    `what` says what is out of order there: the mapping's name (AUT), or a phrase such as "keys of
    `_import_structure`" (INI).
    """

    start_line: int
    end_line: int
    new_text: str
    what: str

    def edit(self) -> Edit:
        """The edit that sorts this region, as a fix applies it."""
        return Edit(self.start_line, self.end_line, self.new_text)


def apply_regions(text: str, regions: Sequence[Region]) -> str:
    """Apply non-overlapping `regions` to `text`, as the engine applies fixes."""
    return apply_edits(text, [region.edit() for region in regions])[0]
