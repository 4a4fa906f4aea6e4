"""The dates line of a model doc page (`*This model was published in HF papers on ... and contributed to Hugging
Face Transformers on 2023-03-16.*`), as Transformers' `utils/add_dates.py --check-only` looks for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PLACEHOLDER = "{contributed_date}"  # what the fix writes: repo-lint never invents a date
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DatesLine:
    line: int  # 1-based: of the dates line, or where it goes (after the copyright comment)
    present: bool
    date: str = ""  # the contributed date as written (when present)
    after_comment: bool = True  # (when missing) whether the page has the copyright comment it goes after


@lru_cache(maxsize=8)
def _contributed(library: str) -> re.Pattern:
    # the library name is literal text (escaped): nothing a configuration writes can make this backtrack
    prefix = r"\*This model was (?:published in HF papers on .* and )?contributed to "
    return re.compile(prefix + re.escape(library) + r" on (\S*?)\.\*")


def dates_line(lines: list[str], library: str) -> DatesLine:
    """Where the page's dates line is, and its contributed date; or where it goes: the line after the first one
    that ends the copyright comment (`-->`), else the first line."""
    pattern = _contributed(library)
    for number, line in enumerate(lines[1:], start=2):  # the script looks after a line break
        match = pattern.search(line)
        if match:
            return DatesLine(number, True, match.group(1))
    comment_end = next((number for number, line in enumerate(lines, start=1) if "-->" in line), None)
    return DatesLine(1 if comment_end is None else comment_end + 1, False, after_comment=comment_end is not None)


def is_date(text: str) -> bool:
    return _DATE.fullmatch(text) is not None


def inserted_line(library: str) -> str:
    return f"*This model was contributed to {library} on {PLACEHOLDER}.*\n"
