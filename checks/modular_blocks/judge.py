"""Judgement of the MPB family: each class under the docstring marker in the configured folders, its docstring
generated from the declarations of its block tree (read across the repository's files) and compared line by
line with the one it has; a tree that needs running code is reported once, with the block that blocks it."""

from __future__ import annotations

import posixpath

from repo_lint.checks.modular_blocks import rules
from repo_lint.checks.modular_blocks.blocks import Block, Resolver
from repo_lint.checks.modular_blocks.facts import Marked, ModuleFacts, normalise_marker, read_module
from repo_lint.checks.modular_blocks.index import Index, Module, Unresolved
from repo_lint.checks.modular_blocks.render import docstring_lines, format_workflow, make_doc_string

from repo_lint.diagnostics import Diagnostic, Edit, Fix

SECTION = "modular-blocks"
SECTIONS = ("Components:", "Configs:", "Inputs:", "Outputs:", "Supported workflows:")


def judge(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    package, source = repo.config["package"], (repo.config["source"] or "").strip("/")
    marker = options["marker"]
    needle = normalise_marker(marker).lstrip("# ").strip()
    if not package or not source or not needle:
        return []
    index = Index(repo, package, posixpath.dirname(source), marker)
    index.aliases = dict(options["aliases"])
    resolver = Resolver()
    marked: set[str] = set()  # only the files holding the marker's text are parsed
    for folder in options["folders"]:
        folder = folder.replace("{source}", source).strip("/")
        marked.update(path for path in repo.python_files(folder) if repo.contains(path, needle))
    paths = sorted(marked)
    repo.prefetch(paths, read_module, marker)
    found: list[Diagnostic] = []
    for path in paths:
        facts = repo.facts(path, read_module, marker)
        if facts is None:
            continue  # unreadable or unparsable: the engine reports it
        found.extend(_orphans(path, facts))
        if not facts.marked:
            continue
        module = index.module(index.name_of(path)) if path.startswith(index.base) else None
        if module is None or module.path != path:
            module = Module(index, index.name_of(path), path, facts)
        for cls in facts.marked:
            found.extend(_judge_class(repo, path, module, cls, resolver))
    return found


def _orphans(path: str, facts: ModuleFacts) -> list[Diagnostic]:
    return [
        Diagnostic(
            rules.MARKER_ORPHAN.code,
            path,
            line,
            1,
            "the docstring marker is not followed by a class statement: no docstring is generated from it",
        )
        for line in facts.orphans
    ]


def generate(resolver: Resolver, module: Module, name: str, sources: set[str] | None = None) -> list[str]:
    """The lines the docstring of class `name` of `module` must have; raises Unresolved. `sources` receives the
    files it depends on (its block tree's declarations, the template tables, the modules of its type hints)."""
    facts = module.facts.classes.get(name)
    if facts is None:
        raise Unresolved("not a module-level class", name, name)
    with module.index.recording() as touched:
        block: Block = resolver.block(module, facts)
        description = block.description()
        workflows = block.workflow_map()
        if workflows is not None:
            description = f"{description}\n\n{format_workflow(workflows)}"
        inputs, outputs = block.inputs(), block.outputs()
        components, configs = block.expected_components(), block.expected_configs()
        doc = make_doc_string(inputs, outputs, description, name, components, configs)
        lines = docstring_lines(doc, name)
    if sources is not None:
        sources |= block.all_files() | touched
    return lines


def _judge_class(repo, path: str, module: Module, marked: Marked, resolver: Resolver) -> list[Diagnostic]:
    at = (marked.class_line, marked.marker_line)
    try:
        if not marked.top_level:
            raise Unresolved("not a module-level class", marked.name, marked.name)
        sources: set[str] = set()
        expected = generate(resolver, module, marked.name, sources)
    except Unresolved as error:
        return [_not_checkable(path, marked, error, resolver.paths.get(error.origin or ""))]
    except RecursionError:
        error = Unresolved("blocks nested too deeply", marked.name, marked.name)
        return [_not_checkable(path, marked, error, None)]
    actual = list(marked.docstring_lines)
    if expected == actual:
        return []
    offset = next(
        (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b), min(len(expected), len(actual))
    )
    line = marked.doc_start + min(offset, max(len(actual) - 1, 0)) if marked.has_docstring else marked.class_line
    if not marked.has_docstring:
        message = f"`{marked.name}` has no docstring: the marker asks for the one its declarations generate"
    else:
        want = expected[offset].strip() if offset < len(expected) else "(end of the docstring)"
        have = actual[offset].strip() if offset < len(actual) else "(end of the docstring)"
        have_line = actual[offset] if offset < len(actual) else ""
        if want == have:  # the same words, indented otherwise: show the indentation
            want, have = expected[offset].rstrip(), actual[offset].rstrip()
        part = _part(expected, offset, have_line)
        message = (
            f"the docstring of `{marked.name}` is not what its declarations generate ({part}): "
            f"expected `{_clip(want)}`, found `{_clip(have)}`"
        )
    fix = None
    if marked.shares_line:
        message += " (not fixed: the docstring shares a line with other code)"
    else:
        end = marked.doc_end if marked.has_docstring else marked.doc_start - 1
        text = "".join(f"{line}\n" for line in expected)
        following = repo.lines(path)[marked.doc_start - 1 : marked.doc_start]
        if not marked.has_docstring and following and following[0].strip():
            text += "\n"  # ruff format (run by the reference after inserting) leaves a blank line after it
        fix = Fix((Edit(marked.doc_start - 1, end, text),), f"regenerate the docstring of `{marked.name}`")
    data = {"class": marked.name, "sources": sorted(sources - {path})}
    return [Diagnostic(rules.STALE.code, path, line, 1, message, fix=fix, data=data, suppression_lines=at)]


def _part(lines: list[str], offset: int, found: str = "") -> str:
    """Where line `offset` of a generated docstring is: the description, or a section and the entry in it (on a
    line of merged entries, such as the components, the entry where `found` starts to differ)."""
    entry = None
    if offset < len(lines):
        line = lines[offset]
        differs = next((i for i, (a, b) in enumerate(zip(line, found, strict=False)) if a != b), len(line))
        before = line[: differs + 1]
        if " (`" in before:
            words = before.rsplit(" (`", 1)[0].split()
            entry = words[-1] if words else None
    for line in reversed(lines[: offset + 1] if offset < len(lines) else lines):
        text = line.strip()
        if text in SECTIONS:
            return f"{text[:-1]}, `{entry}`" if entry else text[:-1]
        indent = len(line) - len(line.lstrip())
        if entry is None and indent == 10 and " (`" in text:
            entry = text.split(" (`", 1)[0]
    return "description"


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _not_checkable(path: str, marked: Marked, error: Unresolved, origin_path: str | None) -> Diagnostic:
    reason = f"{error.reason} ({error.detail})" if error.detail and error.detail != marked.name else error.reason
    if error.origin and error.origin != marked.name:
        message = (
            f"the docstring of `{marked.name}` cannot be generated statically: it contains block "
            f"`{error.origin}`, which needs running code ({reason})"
        )
        data = {"class": marked.name, "blocked_by": error.origin, "reason": error.reason}
        if origin_path and origin_path != path:
            data["source_path"] = origin_path
    else:
        message = f"the docstring of `{marked.name}` cannot be generated statically: {reason}"
        data = {"class": marked.name, "reason": error.reason}
    return Diagnostic(
        rules.NOT_CHECKABLE.code,
        path,
        marked.class_line,
        1,
        message,
        data=data,
        suppression_lines=(marked.marker_line,),
    )
