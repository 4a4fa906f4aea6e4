"""Judgement of the DEP family: the generated dependency table against the setup file's requirements."""

from __future__ import annotations

from repo_lint.checks.deps import rules
from repo_lint.checks.deps.table import expected_entries, first_difference, read_table, requirements, table_lines

from repo_lint.diagnostics import Diagnostic, Edit, Fix

SECTION = "deps"


def judge(repo) -> list[Diagnostic]:
    settings = repo.settings(SECTION)
    path, setup = settings["table-file"], settings["setup-file"]
    if not path or not repo.exists(path) or not repo.exists(setup):
        return []  # nothing generated here (or a tree without its setup file): nothing to check
    text, setup_text = repo.text(path), repo.text(setup)
    if text is None or setup_text is None:
        return []  # unreadable: RL002
    listed = requirements(setup_text, settings["requirements"])
    if isinstance(listed, str):
        return [rules.cannot_check(setup, f"the requirements cannot be read: {listed}")]
    table = read_table(text)
    if table.problem:
        return [rules.cannot_check(path, f"the table cannot be read: {table.problem}")]
    expected = expected_entries(listed)
    if table.entries == expected:
        return []
    message = rules.TABLE_STALE.message.format(setup=setup, what=first_difference(table.entries, expected))
    fix = Fix((Edit(table.start, table.end, table_lines(expected)),), f"generate the table from `{setup}`")
    data = {"setup": setup}
    return [Diagnostic(rules.TABLE_STALE.code, path, table.start + 1, 1, message, fix=fix, data=data)]
