"""Judgement of the PIP family: the `pipeline()` overloads against the task table (PIP001), and every task of the
table in the metadata table (PIP002)."""

from __future__ import annotations

from repo_lint.checks.pipelines import rules
from repo_lint.checks.pipelines.tables import difference, metadata_table, overloads, task_table

from repo_lint.diagnostics import Diagnostic, Edit, Fix

SECTION = "pipelines"


def judge(repo) -> list[Diagnostic]:
    settings = repo.settings(SECTION)
    path = settings["pipelines-file"]
    if not path:
        return []
    text = repo.text(path) if repo.exists(path) else None
    if text is None:
        return []  # absent (a library without pipelines: nothing to check), or unreadable (RL002)
    table = repo.facts(path, task_table, settings["task-table"])
    if table is None:
        return []  # does not parse: RL001
    if table.problem:
        return [rules.cannot_check(path, table.line, f"the task table cannot be read: {table.problem}")]
    return [*_overloads(repo, path, text, table.tasks), *_metadata(repo, settings, path, table.tasks)]


def _overloads(repo, path: str, text: str, tasks) -> list[Diagnostic]:
    found = overloads(text, tasks)
    if found.problem:
        return [rules.cannot_check(path, found.line, f"the `pipeline()` overloads cannot be checked: {found.problem}")]
    if found.current == found.expected:
        return []
    offset, what = difference(found.current, found.expected)
    fix = Fix((Edit(found.start, found.end, "".join(found.expected)),), "generate the `pipeline()` overloads")
    message = rules.OVERLOADS_STALE.message.format(what=what)
    return [Diagnostic(rules.OVERLOADS_STALE.code, path, found.start + offset + 1, 1, message, fix=fix)]


def _metadata(repo, settings, path: str, tasks) -> list[Diagnostic]:
    script, name = settings["metadata-file"], settings["metadata-table"]
    if not script or not repo.exists(script):
        return []  # a released tree ships no `utils/`
    text = repo.text(script)
    if text is None:
        return []  # unreadable: RL002
    table = metadata_table(text, name)
    if isinstance(table, str):
        return [rules.cannot_check(script, 1, f"`{name}` cannot be read: {table}")]
    tags, auto_classes = table
    found = []
    for task in tasks:
        if task.name in tags or task.auto_class is None or task.auto_class in auto_classes:
            continue
        message = rules.TASK_NOT_IN_METADATA.message.format(
            task=task.name, table=name, script=script, auto_class=task.auto_class
        )
        data = {"metadata": script, "task": task.name, "auto_class": task.auto_class}
        found.append(Diagnostic(rules.TASK_NOT_IN_METADATA.code, path, task.line, 1, message, data=data))
    return found
