"""What differs between the `def`/`class` header of a copy and the one its source gives (CPY008), in words,
and whether rewriting the copy's header is safe.

A header is read with `ast` on its own (`def f(a: int = 1) -> None:` plus a `pass` body). The difference is
sorted into kinds, and only the kinds that cannot change how the copy is called or what it does are safe
to fix: annotations (a type checker's business; a name they need is imported by the fix's name guard),
layout (the same header written another way), and a default value the copy lost (restoring it only makes
more calls valid). A parameter added, lost or renamed, a default changed or added, `async`, or base classes
are unsafe: callers may depend on them, so that fix needs `--unsafe-fixes`; so is any rewrite of a header
that carries a comment (it would drop it).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import io
import tokenize
from dataclasses import dataclass

# Kinds of difference, from harmless to behaviour-changing.
LAYOUT = "layout"
ANNOTATIONS = "annotations"
DEFAULT_RESTORED = "default restored"
DEFAULTS = "defaults"
PARAMETERS = "parameters"
COMMENTED = "commented"  # the copy's header carries a comment a rewrite of it would drop
OTHER = "other"
SAFE_KINDS = frozenset({LAYOUT, ANNOTATIONS, DEFAULT_RESTORED})


@dataclass(frozen=True)
class HeaderDrift:
    parts: tuple[str, ...]  # what differs, in words, from the copy's point of view
    kinds: frozenset[str]

    @property
    def safe(self) -> bool:
        return self.kinds <= SAFE_KINDS

    @property
    def description(self) -> str:
        return "; ".join(self.parts)


@dataclass(frozen=True)
class Parameter:
    kind: str  # "positional-only", "", "*args", "keyword-only", "**kwargs"
    name: str
    annotation: str | None  # normalised (`ast.unparse`), for comparing
    default: str | None
    shown_annotation: str | None = None  # as written, for messages
    shown_default: str | None = None


def _header_source(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines()) + "\n    pass\n"


@functools.lru_cache(maxsize=4096)
def _parse_header(text: str) -> ast.stmt | None:
    try:
        tree = ast.parse(_header_source(text))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    node = tree.body[0] if tree.body else None
    return node if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else None


def _source(node: ast.AST | None) -> str | None:
    return None if node is None else ast.unparse(node)


def parameters_of(node: ast.FunctionDef | ast.AsyncFunctionDef, text: str) -> list[Parameter]:
    """The parameters of a parsed header; `text` is the source it was parsed from (`_header_source`)."""
    args = node.args

    def parameter(kind: str, arg: ast.arg, default: ast.expr | None) -> Parameter:
        annotation, shown_default = arg.annotation, None
        shown_annotation = None if annotation is None else ast.get_source_segment(text, annotation)
        if default is not None:
            shown_default = ast.get_source_segment(text, default)
        return Parameter(kind, arg.arg, _source(annotation), _source(default), shown_annotation, shown_default)

    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    out = [
        parameter("positional-only" if i < len(args.posonlyargs) else "", a, d)
        for i, (a, d) in enumerate(zip(positional, defaults, strict=True))
    ]
    if args.vararg:
        out.append(parameter("*args", args.vararg, None))
    out.extend(parameter("keyword-only", a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True))
    if args.kwarg:
        out.append(parameter("**kwargs", args.kwarg, None))
    return out


def header_drift(expected: str, actual: str, instance_renamed: bool = False) -> HeaderDrift | None:
    """How the copy's header `actual` differs from `expected` (None when they mean the same and read the
    same). With `instance_renamed`, the first parameter's name may differ (a method copied as a
    `@staticmethod` that takes the instance as its first argument)."""
    if " ".join(expected.split()) == " ".join(actual.split()):
        return None
    want, have = _parse_header(expected), _parse_header(actual)
    if want is None or have is None:
        return HeaderDrift(("the header differs (it could not be read as one statement)",), frozenset({OTHER}))
    commented = has_comment(actual)
    if ast.dump(want) == ast.dump(have):
        if commented:
            return HeaderDrift(("the same header with another comment",), frozenset({OTHER}))
        return HeaderDrift(("the same header written another way",), frozenset({LAYOUT}))
    if isinstance(want, ast.ClassDef) or isinstance(have, ast.ClassDef):
        return _class_drift(want, have)
    parts: list[str] = []
    kinds: set[str] = set()
    if type(want) is not type(have):
        parts.append("`async` added" if isinstance(have, ast.AsyncFunctionDef) else "`async` lost")
        kinds.add(OTHER)
    want_text, have_text = _header_source(expected), _header_source(actual)
    _compare_parameters(parameters_of(want, want_text), parameters_of(have, have_text), instance_renamed, parts, kinds)
    if _source(want.returns) != _source(have.returns):
        want_return = None if want.returns is None else ast.get_source_segment(want_text, want.returns)
        have_return = None if have.returns is None else ast.get_source_segment(have_text, have.returns)
        parts.append(_annotation_change("return annotation", want_return, have_return, prefix="-> "))
        kinds.add(ANNOTATIONS)
    if not parts:  # only the instance's own name differs
        return None
    if commented:
        kinds.add(COMMENTED)
    return HeaderDrift(tuple(parts), frozenset(kinds))


def _compare_parameters(
    want: list[Parameter], have: list[Parameter], instance_renamed: bool, parts: list[str], kinds: set[str]
) -> None:
    if instance_renamed and want and have:
        have = [dataclasses.replace(have[0], name=want[0].name), *have[1:]]
    if [(p.kind, p.name) for p in want] != [(p.kind, p.name) for p in have]:
        want_names, have_names = [p.name for p in want], [p.name for p in have]
        lost = [n for n in want_names if n not in have_names]
        added = [n for n in have_names if n not in want_names]
        parts.extend(f"parameter `{n}` lost" for n in lost)
        parts.extend(f"parameter `{n}` added" for n in added)
        if not lost and not added:
            parts.append(
                f"parameters in another order or of another kind: `{_listing(have)}` instead of `{_listing(want)}`"
            )
        kinds.add(PARAMETERS)
        return
    for wanted, found in zip(want, have, strict=True):
        if wanted.annotation != found.annotation:
            what = f"`{wanted.name}`: annotation"
            parts.append(_annotation_change(what, wanted.shown_annotation, found.shown_annotation))
            kinds.add(ANNOTATIONS)
        if wanted.default != found.default:
            if found.default is None:
                parts.append(f"`{wanted.name}`: default `{wanted.shown_default}` lost")
                kinds.add(DEFAULT_RESTORED)
            elif wanted.default is None:
                parts.append(f"`{wanted.name}`: default `{found.shown_default}` added")
                kinds.add(DEFAULTS)
            else:
                parts.append(f"`{wanted.name}`: default `{found.shown_default}` instead of `{wanted.shown_default}`")
                kinds.add(DEFAULTS)


def _listing(parameters: list[Parameter]) -> str:
    names = {"*args": "*", "**kwargs": "**"}
    return ", ".join(names.get(p.kind, "") + p.name for p in parameters)


def _annotation_change(what: str, wanted: str | None, found: str | None, prefix: str = "") -> str:
    if found is None:
        return f"{what} `{prefix}{wanted}` lost"
    if wanted is None:
        return f"{what} `{prefix}{found}` added"
    return f"{what} `{prefix}{found}` instead of `{prefix}{wanted}`"


def _class_drift(want: ast.stmt, have: ast.stmt) -> HeaderDrift:
    if not (isinstance(want, ast.ClassDef) and isinstance(have, ast.ClassDef)):
        return HeaderDrift(("a class copied as a function, or the reverse",), frozenset({OTHER}))
    want_bases = [ast.unparse(b) for b in want.bases] + [ast.unparse(k) for k in want.keywords]
    have_bases = [ast.unparse(b) for b in have.bases] + [ast.unparse(k) for k in have.keywords]
    return HeaderDrift(
        (f"bases `({', '.join(have_bases)})` instead of `({', '.join(want_bases)})`",), frozenset({OTHER})
    )


def first_parameter_span(header: str) -> tuple[int, int] | None:
    """Columns of the first parameter's name in a one-line `def` header (for keeping a renamed instance)."""
    stripped = header.lstrip()
    node = _parse_header(stripped)
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    positional = node.args.posonlyargs + node.args.args
    if not positional or positional[0].lineno != 1:
        return None
    offset = len(header) - len(stripped)
    start = offset + positional[0].col_offset
    return start, start + len(positional[0].arg)


def has_comment(line: str) -> bool:
    """Whether a one-line header carries a comment (a fix rewriting the line would drop it); True when the
    line cannot be tokenized, to stay on the safe side."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return True
    return any(token.type == tokenize.COMMENT for token in tokens)
