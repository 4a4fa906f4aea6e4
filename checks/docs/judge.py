"""Judgement of the DOC family: `forward` / `__call__` argument docs, placeholders, then public objects."""

from __future__ import annotations

from repo_lint.checks.docs import rules
from repo_lint.checks.docs.facts import DYNAMIC, FileFacts, Method, read_docstring_facts
from repo_lint.checks.docs.public_judge import judge_config_checkpoints, judge_public

from repo_lint.diagnostics import Diagnostic, Edit, Fix

SECTION = "docstrings"


def _folders(options: dict, key: str, source: str) -> list[str]:
    folders = []
    for folder in options[key]:
        if "{source}" in folder and not source:
            continue
        folder = folder.replace("{source}", source).strip("/")
        if folder:
            folders.append(folder)
    return folders


def judge(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    source = (repo.config["source"] or "").strip("/")
    # Every candidate file is read once with every spec (one batch for the process pool); the spec indices
    # that apply to a file (by folder) are kept per file.
    specs: list[tuple[str, tuple[str, ...]]] = []
    applies: dict[str, set[int]] = {}
    for method, folders_key, bases_key in (
        ("forward", "forward-folders", "forward-bases"),
        ("__call__", "call-folders", "call-bases"),
    ):
        bases = tuple(options[bases_key])
        if not bases:
            continue
        specs.append((method, bases))
        for folder in _folders(options, folders_key, source):
            for path in repo.python_files(folder):
                if any(repo.contains(path, base) for base in bases):
                    applies.setdefault(path, set()).add(len(specs) - 1)
    placeholder_files = set()
    for folder in _folders(options, "placeholder-folders", source):
        for path in repo.python_files(folder):
            placeholder_files.add(path)
            if path not in applies and any(repo.contains(path, p) for p in ("<fill_type>", "<fill_docstring>")):
                applies[path] = set()
    args = (tuple(specs), tuple(options["import-time-decorators"]), options["ignore-order-marker"])
    repo.prefetch(sorted(applies), read_docstring_facts, *args)
    ignored = set(options["ignore"])
    found: list[Diagnostic] = []
    for path in sorted(applies):
        facts: FileFacts | None = repo.facts(path, read_docstring_facts, *args)
        if facts is None:
            continue  # unreadable or unparsable: RL001 / RL002
        for method in facts.methods:
            if method.spec in applies[path] and f"{method.class_name}.{method.name}" not in ignored:
                found.extend(judge_method(path, method, options["check-order"]))
        if path in placeholder_files:
            for placeholder in facts.placeholders:
                found.append(
                    Diagnostic(
                        rules.DOC_PLACEHOLDER.code,
                        path,
                        placeholder.line,
                        placeholder.column,
                        f"docstring placeholder `{placeholder.text}` left in the code: write the real "
                        f"{'type' if placeholder.text == '<fill_type>' else 'description'}",
                        data={"placeholder": placeholder.text},
                    )
                )
    if options["public-inits"]:
        found.extend(judge_public(repo, options, source))
    if options["config-checkpoints"] and source:
        found.extend(judge_config_checkpoints(repo, options, source))
    return found


def judge_method(path: str, method: Method, check_order: bool) -> list[Diagnostic]:
    if not method.params:
        return []
    owner = f"{method.class_name}.{method.name}"
    documented = {entry.name for entry in method.entries}
    names = [param.name for param in method.params]
    missing = [param for param in method.params if param.name not in documented]
    found: list[Diagnostic] = []
    if missing and method.docstring == DYNAMIC:
        how = f"`@{method.builder}` builds it at import time" if method.builder else "it is not a plain string"
        found.append(
            Diagnostic(
                rules.DOC_UNCHECKABLE.code,
                path,
                method.line,
                method.column,
                f"the docstring of `{owner}` cannot be checked statically ({how}); the written text does not "
                f"document {', '.join(f'`{p.name}`' for p in missing)}",
                data={
                    "class": method.class_name,
                    "method": method.name,
                    "builder": method.builder,
                    "undocumented": [p.name for p in missing],
                },
            )
        )
    else:
        where = (
            "has no docstring"
            if method.docstring == "missing"
            else ("has no `Args:` section" if not method.has_args_section else "")
        )
        for param in missing:
            message = f"argument `{param.name}` of `{owner}` is not documented"
            message += f" (the method {where})" if where else " in its `Args:` section"
            found.append(
                Diagnostic(
                    rules.DOC_UNDOCUMENTED.code,
                    path,
                    param.line,
                    param.column,
                    message,
                    end_column=param.column + len(param.name),
                    fix=_entry_added(method, param, names),
                    data={"class": method.class_name, "method": method.name, "argument": param.name},
                )
            )
    signature = set(names)
    reported = set()
    for entry in method.entries:
        if entry.name not in signature and entry.name not in reported:
            reported.add(entry.name)
            fix = None
            if entry.end_line:
                fix = Fix((Edit(entry.line - 1, entry.end_line - 1, ""),), f"remove the `{entry.name}` entry")
            found.append(
                Diagnostic(
                    rules.DOC_STALE.code,
                    path,
                    entry.line,
                    entry.column,
                    f"`Args:` of `{owner}` documents `{entry.name}`, which is not in the signature",
                    fix=fix,
                    data={"class": method.class_name, "method": method.name, "argument": entry.name},
                )
            )
    if check_order and not method.ignore_order:
        seen: list = []
        for entry in method.entries:
            if entry.name in signature and entry.name not in {e.name for e in seen}:
                seen.append(entry)
        expected = sorted(seen, key=lambda e: names.index(e.name))
        for here, wanted in zip(seen, expected, strict=True):
            if here.name != wanted.name:
                found.append(
                    Diagnostic(
                        rules.DOC_ORDER.code,
                        path,
                        here.line,
                        here.column,
                        f"`Args:` of `{owner}` is not in signature order: `{wanted.name}` should come before "
                        f"`{here.name}`",
                        data={
                            "class": method.class_name,
                            "method": method.name,
                            "order": [p for p in names if p in {e.name for e in seen}],
                        },
                    )
                )
                break
    return found


def _entry_added(method: Method, param, names: list[str]) -> Fix | None:
    """The line `name (description): <fill_docstring>` put after the entry of the nearest parameter before it in
    the signature that has one (before the first entry when none has); None when the section has no entry
    whose lines are known."""
    entries = [entry for entry in method.entries if entry.end_line]
    if not entries or len(entries) != len(method.entries) or not param.description:
        return None
    position = names.index(param.name)
    earlier = [entry for entry in entries if entry.name in names[:position]]
    previous = max(earlier, key=lambda entry: names.index(entry.name), default=None)
    line = previous.end_line - 1 if previous else entries[0].line - 1  # 0-based
    indent = " " * (entries[0].column - 1)
    text = f"{indent}{param.name} ({param.description}): <fill_docstring>\n"
    return Fix((Edit(line, line, text),), f"add an entry for `{param.name}` (DOC004 asks for its text)")
