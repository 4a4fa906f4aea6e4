"""Where strings and comments are in Python source, read the way Python's tokenizer reads them.

Where a string ends follows the tokenizer's rules: a backslash always takes the next character with it
(in raw strings too, so `r"\\""` is one string), a triple-quoted string ends at the first unescaped run
of its own three quotes, and a short string may go on over a backslash-newline but not over a bare
newline. A prefix (`r`, `b`, `u`, `f`, `br`, `rb`, `fr`, `rf`, any case) counts only as a whole word
and changes nothing about where a string ends; f-strings are read whole, as Python 3.11 reads them.

Two readings share these rules: `scan` lists every string and comment (for checks that need them all,
and for the tests that hold the rules to `tokenize`); `SourceLines` finds only the strings that can span
lines, which is all the copy checks need on every file they read, and is several times faster because
it looks closely only at lines holding a triple quote or ending in a backslash.

The text must already have "\\n" line endings (`workspace.decode` gives that).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "STRING_PREFIXES",
    "LongString",
    "SourceLines",
    "Span",
    "line_code",
    "long_string_offsets",
    "scan",
    "source_lines",
    "string_continuation_lines",
]

STRING_PREFIXES = frozenset({"", "r", "u", "b", "f", "br", "rb", "fr", "rf"})  # compared lower-cased

# A comment or string token starting exactly here. The bodies are "unrolled loops" (a plain run, then
# one special character and a plain run, repeated), and some branch always matches at a `#` or a quote,
# so the engine never backtracks: a short string without its closing quote leaves a stray quote (as the
# tokenizer does) and an unclosed triple-quoted string runs to the end of the text.
_ALTERNATIVES = r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>
        '''[^'\\]*(?:(?:\\[\s\S]?|'(?!''))[^'\\]*)*(?:'''|\Z)
      | \"\"\"[^"\\]*(?:(?:\\[\s\S]?|"(?!""))[^"\\]*)*(?:\"\"\"|\Z)
      | '[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*'
      | "[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*"
    )
  | (?P<stray>['"])
"""
_TOKEN_AT = re.compile(_ALTERNATIVES, re.VERBOSE)
_CODE_THEN_TOKEN = re.compile(r"[^\#'\"]*(?:" + _ALTERNATIVES + r"|\Z)", re.VERBOSE)
_TOKEN_START = re.compile(r"[#'\"]")
# Only a triple quote or a backslash ending a line can begin a string that spans lines.
_LONG_NEEDLES = ('"""', "'''", "\\\n")
# The strings and comment of one line that starts in code: as above, except that a string left open at
# the end of the line (a triple-quoted one, or a short one continued by a backslash) runs to its end.
_LINE_STRINGS_AND_COMMENT = re.compile(
    r"""
    \#[^\n]*
  | (?:(?<!\w)(?:[rR][bBfF]?|[bBfF][rR]?|[uU]))?
    (?:
    '''[^'\\]*(?:(?:\\[\s\S]?|'(?!''))[^'\\]*)*(?:'''|\Z)
  | \"\"\"[^"\\]*(?:(?:\\[\s\S]?|"(?!""))[^"\\]*)*(?:\"\"\"|\Z)
  | '[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*(?:'|\Z)
  | "[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*(?:"|\Z)
    )
    """,
    re.VERBOSE,
)
_PREFIX_LETTERS = frozenset("rRbBuUfF")
_TRIPLE_QUOTES = ("'''", '"""')


class Span(NamedTuple):
    """A string literal (prefix included) or a comment, as offsets into the text: `text[start:end]`."""

    kind: str  # "string" or "comment"
    start: int
    end: int


def scan(text: str) -> list[Span]:
    """Every string and comment of `text` (a whole module, "\\n" line endings), in order."""
    spans = []
    for match in _CODE_THEN_TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "comment":
            spans.append(Span("comment", match.start(kind), match.end()))
        elif kind == "string":
            spans.append(Span("string", _string_start(text, match.start(kind)), match.end()))
    return spans


class LongString(NamedTuple):
    """Where a string that may span lines starts and ends: 0-based lines, columns in characters."""

    first_line: int
    start_column: int
    last_line: int
    end_column: int  # exclusive


@dataclass(frozen=True)
class SourceLines:
    """The strings of a module that may span lines: every triple-quoted string and every short string
    continued with a backslash-newline (the others, and comments, lie within one line)."""

    long_strings: tuple[LongString, ...]
    inside: frozenset[int]  # lines that start inside one of them
    touched: frozenset[int]  # lines that hold a part of one of them

    @classmethod
    def of(cls, long_strings: tuple[LongString, ...]) -> SourceLines:
        inside: set[int] = set()
        for first, _, last, _ in long_strings:
            if last > first:
                inside.update(range(first + 1, last + 1))
        touched = inside.union(string.first_line for string in long_strings)
        return cls(long_strings, frozenset(inside), frozenset(touched))

    def continuation_lines(self) -> set[int]:
        """0-based indices of the lines that start inside a string (their text is string content)."""
        return set(self.inside)

    def code(self, index: int, line: str) -> str:
        """Line `index` (its text is `line`) without its comment and without the strings in it (or
        running through it); its line ending may be kept or not."""
        if index not in self.touched:
            return line_code(line)
        pieces = []
        position = 0
        for first, start, last, end in self._strings_on(index):
            start = start if first == index else 0
            if start > position:
                pieces.append(line[position:start])
            position = end if last == index else len(line)
        if position < len(line):
            pieces.append(line[position:])
        return "".join(line_code(piece) for piece in pieces)

    def _strings_on(self, index: int) -> tuple[LongString, ...]:
        strings = self.long_strings  # in order, so sorted by first and by last line alike
        return strings[bisect_left(strings, index, key=_last_line) : bisect_right(strings, index, key=_first_line)]


def line_code(line: str) -> str:
    """A line that starts outside any string, without its comment and without its strings."""
    if "#" not in line and "'" not in line and '"' not in line:
        return line  # most lines; `in` is much cheaper than the regex
    return _LINE_STRINGS_AND_COMMENT.sub("", line)


def _first_line(string: LongString) -> int:
    return string.first_line


def _last_line(string: LongString) -> int:
    return string.last_line


@lru_cache(maxsize=8)
def source_lines(text: str) -> SourceLines:
    """The `SourceLines` of a module's text ("\\n" line endings); the last few are kept, since the copy
    checks ask for the same file's strings and then its definitions."""
    located = []
    line = 0
    counted_to = 0
    for start, end in _long_strings(text):
        line += text.count("\n", counted_to, start)
        # Up to the last character: a string left open at the end of the text may end with a newline.
        last_line = line + text.count("\n", start, end - 1)
        start_column = start - text.rfind("\n", 0, start) - 1
        end_column = end - text.rfind("\n", 0, end - 1) - 1
        located.append(LongString(line, start_column, last_line, end_column))
        line, counted_to = last_line, end
    return SourceLines.of(tuple(located))


def long_string_offsets(text: str) -> tuple[list[int], list[int]]:
    """Start (at the opening quote, after any prefix) and end offsets of the strings that may span lines."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _long_strings(text):
        while text[start] not in "'\"":
            start += 1
        starts.append(start)
        ends.append(end)
    return starts, ends


def string_continuation_lines(lines: list[str]) -> set[int]:
    """0-based indices of the lines (each ending in "\\n") that start inside a string literal."""
    return source_lines("".join(lines)).continuation_lines()


def _long_strings(text: str) -> list[tuple[int, int]]:
    """The strings that may span lines. Away from a triple quote or a line-ending backslash every line
    starts in code, so only the lines holding one are read token by token, from their start (or from
    the end of the string before)."""
    spans: list[tuple[int, int]] = []
    position = 0
    upcoming = [text.find(needle) for needle in _LONG_NEEDLES]  # str.find: much faster than a regex
    while (at := _next_needle(text, position, upcoming)) != -1:
        line_end = text.find("\n", at)
        line_end = len(text) if line_end == -1 else line_end
        cursor = max(position, text.rfind("\n", 0, at) + 1)
        position = line_end + 1
        while (found := _TOKEN_START.search(text, cursor, line_end)) is not None:
            start = found.start()
            triple = text.startswith(_TRIPLE_QUOTES, start)
            end = _triple_quoted_end(text, start) if triple else -1
            if end == -1:
                token = _TOKEN_AT.match(text, start)
                if token.lastgroup == "comment":
                    break
                end = token.end()
                if token.lastgroup == "stray" or not (triple or end > line_end):
                    cursor = end
                    continue
            spans.append((_string_start(text, start), end))
            if end > line_end:
                position = end
                break
            cursor = end
    return spans


def _triple_quoted_end(text: str, start: int) -> int:
    """Where the triple-quoted string opening at `start` ends, when no backslash can change that (most
    docstrings); -1 to leave it to the regular expression."""
    close = text.find(text[start : start + 3], start + 3)
    if close == -1 or text.find("\\", start + 3, close) != -1:
        return -1
    return close + 3


def _next_needle(text: str, position: int, upcoming: list[int]) -> int:
    """The first of `_LONG_NEEDLES` at or after `position` (-1 if none); `upcoming` holds where each
    needle was last found, and is brought up to `position`."""
    for index, found in enumerate(upcoming):
        if -1 < found < position:
            upcoming[index] = text.find(_LONG_NEEDLES[index], position)
    return min((found for found in upcoming if found != -1), default=-1)


def _string_start(text: str, quote: int) -> int:
    """Where the string whose quote is at `quote` starts: at its prefix when the word before the quote
    is one (`rb"..."`), else at the quote (`xr"..."` is a name followed by a string)."""
    if quote == 0 or text[quote - 1] not in _PREFIX_LETTERS:
        return quote
    start = quote - 1
    while start > 0 and quote - start < 3 and _is_word(text[start - 1]):
        start -= 1
    if start > 0 and _is_word(text[start - 1]):
        return quote  # a longer word: a name, not a prefix
    return start if text[start:quote].lower() in STRING_PREFIXES else quote


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"
