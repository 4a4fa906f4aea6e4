"""What a conversion copied as it is from its parents, found once its texts are made (patching.py says why): the
spans of the parent definitions placed whole and of the methods merged classes hold as the parent wrote them,
with their shapes and the skeletons of those classes."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable

import libcst as cst
from repo_lint.checks.modular.code import statement_code
from repo_lint.checks.modular.patching import Copies, Span, definition_shape, method_lines, method_texts, skeleton
from repo_lint.checks.modular.renaming import (
    AUTO_CONFIGURATION,
    NameRenamer,
    RenameTransformer,
)

from repo_lint.facts.config_mapping import config_class_names
from repo_lint.parsing import lines_as_parsed


def copied_spans(
    code: str, body: list[cst.CSTNode], parents: dict, merged_copies: dict, merge_counts: Counter
) -> list[Span]:
    """Where the parent definitions copied whole lie in `code` (a generated file's code, whose `body` ends it).
    `parents`: path -> the conversion's view of that parent (parent_view.Parent); `merged_copies`: id(merged class)
    -> (it, parent path, parent class, the parent's methods it holds as they are); `merge_counts`: how often
    each (parent path, parent class) was merged."""
    copied = {
        node_id: (parent_path, *found)
        for parent_path, parent in parents.items()
        for node_id, found in parent.copied_whole().items()
    }
    spans, end = [], len(code)
    for node in reversed(body):
        start = end - len(statement_code(node).code)
        found = copied.get(id(node))
        # the node is the definition itself, and its code is its renamed text
        if found is not None and found[1] is node and code[start:end] == found[3]:
            spans.append(Span(found[0], found[2], start, end))
        merged = merged_copies.get(id(node))
        if merged is not None and merged[0] is node and merge_counts[merged[1], merged[2]] == 1:
            spans.extend(reversed(_method_spans(code, start, end, parents[merged[1]], *merged[1:])))
        end = start
    return spans[::-1]


def _method_spans(code: str, start: int, end: int, parent, parent_path: str, base: str, methods) -> list[Span]:
    """Where the parent's methods a merged class holds as they are lie in `code` (the class is [start, end)):
    each method's renamed text, found once in the class."""
    found = parent.merged_sources(base)
    if found is None:
        return []
    original, source, renamed = found
    lines = method_lines(source)
    if lines is None or len(lines_as_parsed(source)) != len(lines_as_parsed(renamed)):
        return []
    texts = method_texts(renamed, {method: lines[method] for method in methods if method in lines}) or {}
    spans = []
    for method, text in texts.items():
        at = code.find(text, start, end)
        if at >= 0 and code.find(text, at + 1, end) < 0:
            spans.append(Span(parent_path, f"{original}.{method}", at, at + len(text)))
    kept: list[Span] = []
    for span in sorted(spans, key=lambda span: span.start):
        if not kept or kept[-1].end <= span.start:
            kept.append(span)
    return kept


def describe_copies(spans_by_file: dict[str, list[Span]], parents: dict, copies: Copies) -> None:
    """Fill `copies` from the spans of each generated file: the shapes of what was copied, the skeletons of the
    classes whose methods were, and what each parent's model name was renamed to (what patching needs to rename
    a new version the same way)."""
    methods: dict[tuple[str, str], dict[str, str]] = {}  # (parent, class) -> method -> its span's name
    for spans in spans_by_file.values():
        for span in spans:
            shapes = copies.shapes.setdefault(span.parent, {})
            if "." in span.name:
                class_name, method = span.name.split(".", 1)
                methods.setdefault((span.parent, class_name), {})[method] = span.name
            elif span.name not in shapes:
                shapes[span.name] = parents[span.parent].shape(span.name)
    for (parent_path, class_name), names in methods.items():
        source = parents[parent_path].source(class_name)
        cut = {method: method_lines(source)[method] for method in names}
        copies.skeletons.setdefault(parent_path, {})[class_name] = skeleton(source, cut)
        for method, text in method_texts(source, cut).items():
            copies.shapes[parent_path][names[method]] = definition_shape("method", text)
    for generated, spans in spans_by_file.items():
        kept = [span for span in spans if copies.shapes[span.parent][span.name] is not None]
        copies.spans[generated] = kept
        for span in kept:
            copies.renamed_as[span.parent] = parents[span.parent].renamer.new


def copy_transformer(
    modular_path: str, parent_path: str, renamed_as: str, read_file: Callable[[str], str | None]
) -> RenameTransformer:
    """The renaming a conversion of `modular_path` applied to the definitions of `parent_path` it copied whole,
    given what that parent's model name was renamed to (Copies.renamed_as)."""
    models_folder = posixpath.dirname(posixpath.dirname(modular_path))
    config_names = config_class_names(*(read_file(posixpath.join(models_folder, auto)) for auto in AUTO_CONFIGURATION))
    model = posixpath.basename(modular_path).removeprefix("modular_").removesuffix(".py")
    return RenameTransformer(NameRenamer(parent_path.split("/")[-2], renamed_as, config_names), model)
