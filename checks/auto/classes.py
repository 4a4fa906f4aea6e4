"""A cheap index of the classes a package defines: name, bases as written, `model_type` string, line.

Every Python file of the package is scanned (a text scan, cached per file by the engine), which is what
the mapping rules need to answer "is this class defined anywhere" and "what is this config's model_type"
without importing the library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLASS = re.compile(r"^class[ \t]+(\w+)[ \t]*(?:\((?P<bases>[^)]*)\))?[ \t]*:", re.MULTILINE)
_MODEL_TYPE = re.compile(r"^(?:    |\t)model_type[ \t]*(?::[^=\n]*)?=[ \t]*[\"']([^\"'\n]+)[\"']", re.MULTILINE)
_TOP_LEVEL = re.compile(r"^\S", re.MULTILINE)
_ALIAS = re.compile(r"^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)", re.MULTILINE)
_ASSIGNMENT_START = re.compile(r"^[A-Za-z_]", re.MULTILINE)


@dataclass(frozen=True)
class ClassFact:
    name: str
    bases: tuple[str, ...]  # base names as written, without dotted prefixes or generics
    model_type: str | None
    line: int  # 1-based


def extract_classes(text: str) -> tuple[ClassFact, ...]:
    """Top-level classes of a module (a class inside a string or a function is not one: `^class`)."""
    facts = []
    line, counted = 1, 0
    for match in _CLASS.finditer(text):
        line += text.count("\n", counted, match.start())  # counted incrementally: one pass over the text
        counted = match.start()
        bases = tuple(_base_name(b) for b in (match.group("bases") or "").split(",") if b.strip())
        body_start = match.end()
        following = _TOP_LEVEL.search(text, body_start + 1)
        body_end = following.start() if following else len(text)
        has_model_type = text.find("model_type", body_start, body_end) != -1
        model_type = _MODEL_TYPE.search(text, body_start, body_end) if has_model_type else None
        facts.append(
            ClassFact(
                name=match.group(1),
                bases=tuple(b for b in bases if b),
                model_type=model_type.group(1) if model_type else None,
                line=line,
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
