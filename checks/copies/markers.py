"""The `# Copied from <prefix>.<dotted.path> [with A->B, C->D all-casing]` marker grammar."""

from __future__ import annotations

import re
from dataclasses import dataclass

from repo_lint.checks.copies.patterns import check_replacement, substitution

# A marker is a whole comment line; what follows the dotted target is the replacement pattern.
_MARKER = re.compile(r"^(?P<indent>[ \t]*)#\s*Copied from\s+(?P<target>\S+)(?P<rest>.*)$")
# One replacement as the reference reads it: no spaces around the arrow, an optional option after.
_PIECE = re.compile(r"^\s*(?P<old>\S+)->(?P<new>\S+)(?P<option>\s+.*|)$")
_WITH = re.compile(r"^\s*with\b")
_SUPPRESSION = re.compile(r"\s*#\s*repo-lint:")
# A marker naming a package that is not a configured root must read as one: `<package>.<module>.<object>`,
# all identifiers. Anything else (`# Copied from https://...`, `# Copied from the original repo`) is prose.
_FOREIGN_NAME = re.compile(r"[^\W\d]\w*(?:\.[^\W\d]\w*){2,}")


@dataclass(frozen=True)
class Replacement:
    old: str
    new: str
    all_casing: bool

    def variants(self) -> tuple[tuple[str, str], ...]:
        """The (old, new) substitutions run in order: as written, then lower and upper case with `all-casing`."""
        if not self.all_casing:
            return ((self.old, self.new),)
        return ((self.old, self.new), (self.old.lower(), self.new.lower()), (self.old.upper(), self.new.upper()))


@dataclass(frozen=True)
class PatternProblem:
    piece: str
    message: str
    applied: bool  # whether the reference still applies (part of) this piece
    # The reference skips this piece in silence (spaces around `->`, an empty piece): the copy it expects, and
    # the fix it writes, are the source without it.
    reference_skips: bool = False


@dataclass(frozen=True)
class Marker:
    line: int  # 0-based index of the comment line
    indent: str
    prefix: str  # `transformers`, `tests`, ...
    target: str  # dotted name after the prefix, e.g. `models.bert.modeling_bert.BertModel`
    pattern_text: str  # the raw text after the target, stripped
    replacements: tuple[Replacement, ...]
    problems: tuple[PatternProblem, ...]
    column_of_pattern: int  # 0-based column where the pattern text starts

    @property
    def has_pattern(self) -> bool:
        """Whether the reference would format the expected code (it does when any text follows)."""
        return bool(self.pattern_text)

    @property
    def full_target(self) -> str:
        return f"{self.prefix}.{self.target}"


def without_skipped_pieces(line: str, marker: Marker) -> str | None:
    """The marker line without the pieces the reference skips (what it checks stays the same), or None when
    there is none. `with` goes too when no piece is left."""
    skipped = {problem.piece.strip() for problem in marker.problems if problem.reference_skips}
    start = line.find(marker.pattern_text, marker.column_of_pattern)
    if not skipped or not marker.pattern_text or start < 0:
        return None
    pieces = [_WITH.sub("", raw, count=1).strip() for raw in _WITH.sub("", marker.pattern_text, count=1).split(",")]
    kept = [piece for piece in pieces if piece and piece.strip() not in skipped]
    pattern = ("with " + ", ".join(kept)) if kept else ""
    head = line[:start].rstrip()
    tail = line[start + len(marker.pattern_text) :]
    return head + (" " + pattern if pattern else "") + tail


def quick_filter(text: str) -> bool:
    """Cheap test that a file can hold a marker at all."""
    return "Copied from" in text


def parse_marker_line(line: str, index: int, prefixes: tuple[str, ...], foreign: bool = False) -> Marker | None:
    """Parse one line; None unless it is a marker with one of `prefixes`, or (with `foreign`) a marker whose
    whole dotted name is made of identifiers (other text after `# Copied from` is prose)."""
    line = _SUPPRESSION.split(line.rstrip("\r\n"), maxsplit=1)[0].rstrip()
    match = _MARKER.match(line)
    if match is None:
        return None
    full = match.group("target")
    prefix, _, target = full.partition(".")
    if prefix in prefixes:
        if "." not in target.strip("."):
            return None
    elif not (foreign and _FOREIGN_NAME.fullmatch(full)):
        return None
    rest = match.group("rest")
    pattern_text = rest.strip()
    replacements, problems = parse_pattern(pattern_text)
    column = match.start("rest") + (len(rest) - len(rest.lstrip()))
    return Marker(
        line=index,
        indent=match.group("indent"),
        prefix=prefix,
        target=target,
        pattern_text=pattern_text,
        replacements=replacements,
        problems=problems,
        column_of_pattern=column,
    )


def find_markers(lines: list[str], prefixes: tuple[str, ...], foreign: bool = False) -> list[Marker]:
    markers = []
    for index, line in enumerate(lines):
        if "Copied from" in line:
            marker = parse_marker_line(line, index, prefixes, foreign)
            if marker is not None:
                markers.append(marker)
    return markers


def parse_pattern(text: str) -> tuple[tuple[Replacement, ...], tuple[PatternProblem, ...]]:
    """Split `with A->B, C->D all-casing` into replacements, keeping the reference's reading.

    The reference drops every `with`, splits on commas and applies each piece that reads `A->B`, even
    when the `with` is missing; a piece it cannot read is skipped silently there and reported here.
    Text without any `->` that does not start with `with` is a free comment, not a pattern.
    """
    if not text:
        return (), ()
    starts_with_with = bool(_WITH.match(text))
    if not starts_with_with and "->" not in text:
        return (), ()
    replacements: list[Replacement] = []
    problems: list[PatternProblem] = []
    if not starts_with_with:
        problems.append(PatternProblem(text, "the replacements are not introduced by `with` (applied anyway)", True))
    for raw_piece in _WITH.sub("", text, count=1).split(","):
        piece = _WITH.sub("", raw_piece, count=1).strip()
        if not piece:
            problems.append(PatternProblem(raw_piece, "empty replacement between commas", False, True))
            continue
        match = _PIECE.match(piece)
        if match is None:
            hint = " (write it without spaces around `->`)" if "->" in piece else ""
            problems.append(PatternProblem(piece, f"`{piece}` is not a replacement `A->B`{hint}", False, True))
            continue
        old, new, option = match.group("old"), match.group("new"), match.group("option").strip()
        replacement = Replacement(old, new, option == "all-casing")
        refusal = next(filter(None, (check_replacement(a, b) for a, b in replacement.variants())), None)
        if refusal is not None:
            problems.append(PatternProblem(piece, f"`{piece}` is not applied: {refusal}", False))
            continue
        if option and option != "all-casing":
            problems.append(
                PatternProblem(
                    piece,
                    f"unknown option `{option}` in `{piece}` (only `all-casing` exists; "
                    f"`{old}->{new}` is applied and the rest ignored)",
                    True,
                )
            )
        replacements.append(replacement)
    return tuple(replacements), tuple(problems)


def apply_replacements(code: str, replacements: tuple[Replacement, ...]) -> str:
    """Apply each replacement in order as `re.sub` over the whole text (reference semantics), in bounded time.

    `parse_pattern` keeps only replacements that `substitution` accepts; one built elsewhere that it
    refuses raises PatternRefused rather than run unbounded.
    """
    for replacement in replacements:
        for old, new in replacement.variants():
            code = substitution(old, new)(code)
    return code
