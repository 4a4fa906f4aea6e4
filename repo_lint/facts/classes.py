"""Top-level classes read from a module's text, and the package's class index built from them.

`class_lines` is the one scan for "the top-level classes of a file" by text: every line starting with
`class Name` at column 0. A top-level class statement always starts so (its decorators are lines of their
own), so none is missed; such a line inside a triple-quoted string is found too, which is why a reader that
must not be fooled confirms with `ast` (the NAM family) or parses the pieces it found (the STR family).
`class_headers` adds the bases as written.

`class_index` is a cheap index of the classes a package defines (name, bases as written, `model_type`
string, line), from a cached text scan of every Python file of the package: what the AUT mapping rules need
to answer "is this class defined anywhere" and "what is this config's model_type" without importing the
library, and what the DOC and STR families follow bases through.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_CLASS_LINE = re.compile(r"^class[ \t]+(\w+)", re.MULTILINE)
_BASES = re.compile(r"[ \t]*(?:\((?P<bases>[^)]*)\))?")
_BASES_AND_COLON = re.compile(r"[ \t]*(?:\((?P<bases>[^)]*)\))?[ \t]*:")
_MODEL_TYPE = re.compile(r"^(?:    |\t)model_type[ \t]*(?::[^=\n]*)?=[ \t]*[\"']([^\"'\n]+)[\"']", re.MULTILINE)
_TOP_LEVEL = re.compile(r"^\S", re.MULTILINE)
_ALIAS = re.compile(r"^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)", re.MULTILINE)


@dataclass(frozen=True)
class ClassLine:
    """A line starting with `class Name` at column 0."""

    name: str  # as the scan reads it: `\w+`, so also a name no identifier could have (`class 1A`)
    line: int  # 1-based
    column: int  # 1-based, of the name
    start: int  # offset of `class` in the text
    name_end: int  # offset just past the name


@dataclass(frozen=True)
class ClassHeader(ClassLine):
    """A `ClassLine` with the bases of its header."""

    bases: str | None  # between the parentheses as written (over lines, up to the first `)`); None without
    end: int  # offset past the header: its `)`, or its name; with a required colon, past the `:`


@dataclass(frozen=True)
class ClassFact:
    name: str
    bases: tuple[str, ...]  # base names as written, without dotted prefixes or generics
    model_type: str | None
    line: int  # 1-based


def class_lines(text: str) -> Iterator[ClassLine]:
    """Every line of `text` starting with `class Name` at column 0, top to bottom (lines counted in one pass)."""
    line, counted = 1, 0
    for match in _CLASS_LINE.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        yield ClassLine(match.group(1), line, match.start(1) - match.start() + 1, match.start(), match.end(1))


def class_headers(text: str, *, colon: bool) -> Iterator[ClassHeader]:
    """The `class_lines` with the bases of their headers, read up to the first `)` (over lines if need be).

    A header reads on over its bases: a column-0 `class` line inside them is part of this header, not a
    header of its own. With `colon`, a header must end with `:` after its bases (the class index, which
    leaves out what it cannot read whole: `class A(f(x)):`); without, anything may follow (the STR
    family's model-class preselection, which reads that header with the bases `f(x`).
    """
    tail = _BASES_AND_COLON if colon else _BASES
    read_to = 0
    for found in class_lines(text):
        if found.start < read_to:
            continue
        match = tail.match(text, found.name_end)
        if match is None:
            continue
        read_to = match.end()
        yield ClassHeader(found.name, found.line, found.column, found.start, found.name_end, match["bases"], read_to)


def extract_classes(text: str) -> tuple[ClassFact, ...]:
    """The classes of a module's `class_headers` (with a colon), with their bases and `model_type`."""
    facts = []
    for header in class_headers(text, colon=True):
        bases = tuple(_base_name(b) for b in (header.bases or "").split(",") if b.strip())
        following = _TOP_LEVEL.search(text, header.end + 1)
        body_end = following.start() if following else len(text)
        has_model_type = text.find("model_type", header.end, body_end) != -1
        model_type = _MODEL_TYPE.search(text, header.end, body_end) if has_model_type else None
        facts.append(
            ClassFact(
                name=header.name,
                bases=tuple(b for b in bases if b),
                model_type=model_type.group(1) if model_type else None,
                line=header.line,
            )
        )
    return tuple(facts)


def extract_aliases(text: str) -> tuple[str, ...]:
    """Names bound by a top-level assignment (`BartTokenizer = RobertaTokenizer` defines `BartTokenizer`)."""
    return tuple(match.group(1) for match in _ALIAS.finditer(text))


def _base_name(text: str) -> str:
    base = text.strip().split("[", 1)[0].strip()
    if "=" in base:  # metaclass=..., total=False
        return ""
    return base.rsplit(".", 1)[-1]


def _classes_and_aliases(text: str) -> tuple[tuple[ClassFact, ...], tuple[str, ...]]:
    return extract_classes(text), extract_aliases(text)


def classes_of(repo, path: str) -> tuple[ClassFact, ...]:
    """The top-level classes of one file, from the same cached scan as the class index."""
    facts = repo.facts(path, _classes_and_aliases)
    return facts[0] if facts else ()


def class_index(repo, source: str) -> dict[str, list[tuple[str, ClassFact]]]:
    """Every class of the package by name, with the file defining it; a name only bound by a top-level
    assignment maps to no class. Computed once per run, shared by the AUT, DOC and STR families."""
    return repo.memo(("class_index", source), lambda: _build_class_index(repo, source))


def _build_class_index(repo, source: str) -> dict[str, list[tuple[str, ClassFact]]]:
    index: dict[str, list[tuple[str, ClassFact]]] = {}
    paths = repo.python_files(source)
    repo.prefetch(paths, _classes_and_aliases)
    for path in paths:
        facts = repo.facts(path, _classes_and_aliases)
        if facts is None:
            continue
        for fact in facts[0]:
            index.setdefault(fact.name, []).append((path, fact))
        for alias in facts[1]:
            index.setdefault(alias, [])
    return index
