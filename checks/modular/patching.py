"""Patching a conversion instead of making it again, when a parent edit touched only definitions it copied whole.

Most parent definitions a conversion uses are copied into the generated file as they are, renamed:
`rotate_half`, `apply_rotary_pos_emb`, `repeat_kv`, a class another class needs. An edit inside one of them
(a comment, a docstring, a changed expression) changes the generated files of every modular file that copies
it, and converting them all again is most of a pre-commit run after such an edit. The converter's other
decisions read only *names* from such a definition: what kind of statement it is, where it comes in its module
(the order of what it places), the names it uses (the dependencies it pulls in, the imports the file needs).
So a conversion records, for each definition it copied whole, where its renamed text lies in each generated
file before ruff (a span), and the definition's *shape*: its kind and the words of its names and strings
(comments and numbers aside). When a parent edit changes only such definitions, and each keeps its shape and
its place among the definitions the conversion used, the new generated text is the old one with each span
replaced by the definition's new text renamed the same way; it then goes through ruff like any conversion.
Anything else (an import, a definition read to merge a class, a new name used, a moved definition) converts
again.
"""

from __future__ import annotations

import hashlib
import io
import re
import tokenize
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+")
# the token types whose words can matter to the converter: names (keywords included) and strings
_WORDY = {tokenize.NAME, tokenize.STRING} | {
    getattr(tokenize, name) for name in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END") if hasattr(tokenize, name)
}


@dataclass(frozen=True)
class Span:
    """The renamed text of a parent definition in a generated file before ruff: characters [start, end)."""

    parent: str  # the parent module's path
    name: str  # the definition's name in the parent (before renaming)
    start: int
    end: int


@dataclass
class Copies:
    """What a conversion copied whole from its parents (convert.convert_modular fills it)."""

    spans: dict[str, list[Span]] = field(default_factory=dict)  # generated path -> its spans, in order
    shapes: dict[str, dict[str, str | None]] = field(default_factory=dict)  # parent -> name -> shape
    renamed_as: dict[str, str] = field(default_factory=dict)  # parent -> what its model name was renamed to


def definition_shape(kind: str, source: str) -> str | None:
    """What the converter can read of a definition copied whole, as a digest: its kind and the set of words of
    its names and strings (not of its comments, numbers and operators). None when it does not tokenize."""
    words: set[str] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in _WORDY:
                words.update(_WORD.findall(token.string))
    except (tokenize.TokenError, SyntaxError):
        return None
    payload = kind + "\n" + "\n".join(sorted(words))
    return hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def patched(text: str, spans: list[Span], replacements: dict[tuple[str, str], str]) -> tuple[str, list[Span]]:
    """`text` with the spans of the definitions in `replacements` ((parent, name) -> new text) replaced, and
    the spans of the result. Spans do not overlap (each is a top-level statement)."""
    pieces, moved, offset, position = [], [], 0, 0
    for span in sorted(spans, key=lambda span: span.start):
        new = replacements.get((span.parent, span.name), text[span.start : span.end])
        pieces.append(text[position : span.start])
        pieces.append(new)
        start = span.start + offset
        moved.append(Span(span.parent, span.name, start, start + len(new)))
        offset += len(new) - (span.end - span.start)
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces), moved
