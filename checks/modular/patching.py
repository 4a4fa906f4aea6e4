"""Patching a conversion instead of making it again, when a parent edit touched only definitions it copied whole.

Most parent definitions a conversion uses are copied into the generated file as they are, renamed:
`rotate_half`, `apply_rotary_pos_emb`, `repeat_kv`, a class another class needs. An edit inside one of them
(a comment, a docstring, a changed expression) changes the generated files of every modular file that copies
it, and converting them all again is most of a pre-commit run after such an edit. The converter's other
decisions read only *names* from such a definition: what kind of statement it is, where it comes in its module
(the order of what it places), the names it uses (the dependencies it pulls in, the imports the file needs).
So a conversion records, for each definition it copied whole, where its renamed text lies in each generated file
before ruff (a span), and the definition's *shape*: its kind and the words of its names and strings (comments and
numbers aside). The same holds one level down for the methods of a parent class a modular class inherits without
overriding them (`LlamaMLP.forward` in `class Qwen2MLP(LlamaMLP)`): the span is the method's text inside the
merged class, and the rest of the parent class (its *skeleton*: docstring, attributes, decorators, the other
methods, the comments between them) must be unchanged. When a parent edit changes only such definitions, and each
keeps its shape and its place among the definitions the conversion used, the new generated text is the old one
with each span replaced by the definition's new text renamed the same way; it then goes through ruff like any
conversion. Anything else (an import, the rest of a class it merged, a new name used, a moved definition)
converts again.
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import tokenize
from collections import Counter
from dataclasses import dataclass, field

from repo_lint.checks.modular.renaming import renamed_source

from repo_lint.parsing import PARSE_FAILURES, lines_as_parsed

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
    # parent -> class -> the digest of its skeleton, for the classes whose methods were copied (`Class.method`
    # in spans and shapes)
    skeletons: dict[str, dict[str, str]] = field(default_factory=dict)


def definition_shape(kind: str, source: str) -> str | None:
    """What the converter can read of a definition copied whole, as a digest: its kind, the set of words of its
    names and strings (not of its comments, numbers and operators) and the names of the functions it defines.
    None when it does not tokenize."""
    words: set[str] = set()
    defined: list[str] = []  # the functions it defines, nested ones included (unrolling looks for them by name)
    previous = ""
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in _WORDY:
                words.update(_WORD.findall(token.string))
                if previous == "def":
                    defined.append(token.string)
                previous = token.string
    except (tokenize.TokenError, SyntaxError):
        return None
    payload = kind + "\n" + "\n".join(sorted(words)) + "\n\0" + "\n".join(sorted(defined))
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


def method_lines(class_source: str) -> dict[str, tuple[int, int]] | None:
    """Method name -> its lines in the text of a class statement (0-based, half-open, from its first decorator to
    its last line), for the names the class defines once; None when the text is not one class statement."""
    try:
        body = ast.parse(class_source).body
    except PARSE_FAILURES:
        return None
    if len(body) != 1 or not isinstance(body[0], ast.ClassDef):
        return None
    methods = [node for node in body[0].body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    named = Counter(method.name for method in methods)
    return {
        method.name: (min([method.lineno, *(d.lineno for d in method.decorator_list)]) - 1, method.end_lineno)
        for method in methods
        if named[method.name] == 1
    }


def method_texts(class_source: str, lines: dict[str, tuple[int, int]]) -> dict[str, str] | None:
    """The text of each method of `lines` in `class_source` (possibly the class's renamed text, which keeps its
    lines); None when the text has fewer lines than a method needs."""
    source_lines = lines_as_parsed(class_source)
    if any(end > len(source_lines) for _, end in lines.values()):
        return None
    return {name: "".join(source_lines[start:end]) for name, (start, end) in lines.items()}


def skeleton(class_source: str, lines: dict[str, tuple[int, int]]) -> str:
    """A digest of the class text with the lines of the methods of `lines` cut out (a mark of each left)."""
    source_lines = lines_as_parsed(class_source)
    for name, (start, end) in sorted(lines.items(), key=lambda item: item[1], reverse=True):
        source_lines[start:end] = ["\0" + name + "\n"]
    return hashlib.blake2b("".join(source_lines).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def new_texts(copies: Copies, parent: str, name: str, kind: str | None, source: str | None, transformer) -> dict | None:
    """The new renamed texts of what a conversion copied of the edited definition `name` of `parent` (`kind` and
    `source`: its kind and text now): {name: text} for the definition copied whole, {"Class.method": text} for
    the methods of a class it merged. None when the edit changed more than that text (patching is not enough)."""
    whole = copies.shapes.get(parent, {}).get(name)
    class_skeleton = copies.skeletons.get(parent, {}).get(name)
    if source is None or kind is None or (whole is None and class_skeleton is None):
        return None
    renamed = renamed_source(source, transformer)
    found = {}
    if whole is not None:
        if definition_shape(kind, source) != whole:
            return None
        found[name] = renamed
    if class_skeleton is not None:
        methods = [key.split(".", 1)[1] for key in copies.shapes[parent] if key.startswith(name + ".")]
        lines = method_lines(source)
        if lines is None or any(method not in lines for method in methods):
            return None
        cut = {method: lines[method] for method in methods}
        if skeleton(source, cut) != class_skeleton or len(lines_as_parsed(renamed)) != len(lines_as_parsed(source)):
            return None
        texts, renamed_texts = method_texts(source, cut), method_texts(renamed, cut)
        for method in methods:
            if definition_shape("method", texts[method]) != copies.shapes[parent][f"{name}.{method}"]:
                return None
            found[f"{name}.{method}"] = renamed_texts[method]
    return found
